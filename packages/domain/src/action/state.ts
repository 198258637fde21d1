import type { CalendarDate, Id, IdList } from '../codec/primitives';
import type { Absent, Evolution } from '../decision';
import { evolveIn, patch, pick } from '../decision';
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

/** The state of an action stream with no events. */
export const initialActionState: ActionState = { kind: 'action', status: 'none' };

/** Folds one event into an action's state; other events leave it unchanged. */
export function evolveAction(s: ActionState, e: DomainEvent): ActionState {
  return evolveIn(evolution, s, e);
}

const evolution: Evolution<'action', 'ActionPlanned', PlannedAction> = {
  category: 'action',
  creator: 'ActionPlanned',
  create: ({ data }) => ({
    kind: 'action',
    status: 'planned',
    ...pick(data, ['actionId', 'programmeId', 'areaId', 'recommendationIds', 'lead']),
    originalDueOn: data.dueOn,
    dueOn: data.dueOn,
    revisions: 0,
    percentComplete: 0,
  }),
  change: (s, e) => {
    switch (e.type) {
      case 'ActionProgressRecorded':
        return patch(s, { percentComplete: e.data.percentComplete });
      case 'ActionLeadReassigned':
        return patch(s, { lead: e.data.lead });
      case 'ActionDueDateRevised':
        return patch(s, { dueOn: e.data.dueOn, revisions: s.revisions + 1 });
      case 'ActionCompleted':
        return patch(s, { status: 'completed' });
      case 'ActionReopened':
        return patch(s, { status: 'reopened' });
      case 'ActionCancelled':
        return patch(s, { status: 'cancelled' });
      default: {
        const never: never = e;
        return never;
      }
    }
  },
};
