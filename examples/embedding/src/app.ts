import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { Issuer } from '@assure/domain';
import {
  createCommandHandler,
  type EventStore,
  type HandleError,
  type HandleResult,
} from '@assure/event-store';
import { Projector, type ProjectionError } from '@assure/projections';
import type { DomainError } from '@assure/domain';
import {
  meetingQuestionsView,
  meetingReport,
  type MeetingQuestions,
  type MeetingQuestionsState,
} from './meetings-view';
import { appModel, type AppEvent } from './questions';

/** The embedding app: the domain's commands plus its own, and its own read model. */
export interface QuestionsApp {
  /** Handles any command: a domain one or `RecordPublicQuestion`. */
  handle(
    command: { type: string; data: unknown },
    issuer: Issuer,
  ): TE.TaskEither<HandleError<DomainError>, HandleResult>;
  /** Meetings with the public questions asked at each, from the log. */
  meetings(): TE.TaskEither<ProjectionError, MeetingQuestions[]>;
}

/**
 * Builds the app over any store.
 *
 * @example
 * const app = createQuestionsApp(createMemoryStore());
 * await app.handle({ type: 'RecordPublicQuestion', data: {...} }, { actor: 'officer-dem', role: 'officer', occurredAt: '2015-09-11' })();
 */
export function createQuestionsApp(store: EventStore): QuestionsApp {
  const handler = createCommandHandler({ store, model: appModel });
  return {
    handle: (command, issuer) => handler.handleUnknown(command, issuer),
    meetings: () => async () => {
      const projector = new Projector<{ meetings: MeetingQuestionsState }, AppEvent>(
        { meetings: meetingQuestionsView },
        { decode: (type, version, data) => appModel.decodeEvent(type, version, data) },
      );
      const r = await projector.catchUp(store)();
      return E.isLeft(r) ? r : E.right(meetingReport(r.right.states.meetings));
    },
  };
}
