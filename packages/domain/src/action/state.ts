import type { CalendarDate, Id, IdList } from '../codec/primitives';
import type { Absent } from '../decision';
import { patch } from '../decision';
import type { DomainEvent } from '../events';
import { isEventOf } from '../events';
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
  if (!isEventOf('action', e)) return s;
  if (e.type === 'ActionPlanned')
    return {
      kind: 'action',
      status: 'planned',
      actionId: e.data.actionId,
      programmeId: e.data.programmeId,
      areaId: e.data.areaId,
      recommendationIds: e.data.recommendationIds,
      lead: e.data.lead,
      originalDueOn: e.data.dueOn,
      dueOn: e.data.dueOn,
      revisions: 0,
      percentComplete: 0,
    };
  // Nothing else happens to an action before it is planned.
  if (s.status === 'none') return s;
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
}
