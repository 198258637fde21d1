import type { CalendarDate, Id, IdList } from '../codec/primitives';
import type { Absent } from '../decision';
import { folding, patch, pick } from '../decision';
import type { DomainEvent } from '../events';
import type { ActionStatus } from '../policies/status';

/** A planned action (in any status after that). */
export interface PlannedAction {
  readonly kind: 'action';
  readonly status: ActionStatus;
  readonly actionId: Id;
  readonly programmeId: Id;
  readonly areaId: Id;
  readonly recommendationIds: IdList;
  readonly lead: Id;
  /** The due date set when planned: never changes. */
  readonly originalDueOn: CalendarDate;
  readonly dueOn: CalendarDate;
  readonly revisions: number;
  /** Last recorded percent complete (0-99); a completed action counts as 100. */
  readonly percentComplete: number;
}

/** Folded state of an `action-<id>` stream: `status: 'none'` before it is planned. */
export type ActionState = Absent<'action'> | PlannedAction;

const fold = folding<'ActionPlanned', PlannedAction>({
  creator: 'ActionPlanned',
  create: ({ data }) => ({
    status: 'planned',
    ...pick(data, ['actionId', 'programmeId', 'areaId', 'recommendationIds', 'lead']),
    originalDueOn: data.dueOn,
    dueOn: data.dueOn,
    revisions: 0,
    percentComplete: 0,
  }),
  changes: {
    ActionProgressRecorded: (s, { data }) => patch(s, { percentComplete: data.percentComplete }),
    ActionLeadReassigned: (s, { data }) => patch(s, { lead: data.lead }),
    ActionDueDateRevised: (s, { data }) =>
      patch(s, { dueOn: data.dueOn, revisions: s.revisions + 1 }),
    ActionCompleted: (s) => patch(s, { status: 'completed' }),
    ActionReopened: (s) => patch(s, { status: 'reopened' }),
    ActionCancelled: (s) => patch(s, { status: 'cancelled' }),
  },
});

/** The state of an action stream with no events. */
export const initialActionState: ActionState = fold.initialState;

/** Folds one event into an action's state; other events leave it unchanged. */
export const evolveAction: (s: ActionState, e: DomainEvent) => ActionState = fold.evolve;
