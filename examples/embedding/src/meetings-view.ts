import type { Projected, View } from '@assure/projections';
import type { AppEvent } from './questions';

/** One meeting with the public questions asked at it. */
export interface MeetingQuestions {
  readonly meetingId: string;
  readonly bodyId: string | null;
  readonly heldOn: string | null;
  readonly questions: readonly {
    readonly questionId: string;
    readonly askedBy: string;
    readonly answered: boolean;
  }[];
}

/** The view's state: meetings by id (a question may be recorded before its meeting). */
export type MeetingQuestionsState = Readonly<Record<string, MeetingQuestions>>;

const empty = (meetingId: string): MeetingQuestions => ({
  meetingId,
  bodyId: null,
  heldOn: null,
  questions: [],
});

/**
 * The app's own projection: meetings of the oversight bodies (from the domain's
 * `MeetingRecorded`) with the public questions asked at each (from the app's own event).
 * Pure and total: events may arrive in any valid-time order.
 */
export const meetingQuestionsView: View<MeetingQuestionsState, AppEvent> = {
  name: 'meeting-questions',
  version: 1,
  initial: () => ({}),
  evolve: (state, { event }: Projected<AppEvent>) => {
    if (event.type === 'MeetingRecorded') {
      const m = state[event.data.meetingId] ?? empty(event.data.meetingId);
      return {
        ...state,
        [m.meetingId]: { ...m, bodyId: event.data.bodyId, heldOn: event.data.heldOn },
      };
    }
    if (event.type === 'PublicQuestionRecorded') {
      const m = state[event.data.meetingId] ?? empty(event.data.meetingId);
      const q = {
        questionId: event.data.questionId,
        askedBy: event.data.askedBy,
        answered: event.data.answer !== undefined,
      };
      return { ...state, [m.meetingId]: { ...m, questions: [...m.questions, q] } };
    }
    return state; // every other event leaves this view as it is
  },
};

/** The meetings in date order, with their question counts. */
export function meetingReport(state: MeetingQuestionsState): MeetingQuestions[] {
  return Object.values(state).sort((a, b) => (a.heldOn ?? '').localeCompare(b.heldOn ?? ''));
}
