import type { CalendarDate, Id, IdList } from '../codec/primitives';
import { alreadyExists, invalidTransition, notFound, ruleViolated } from '../errors';
import type { DomainEvent } from '../events';
import { isEventOf } from '../events';
import type { ActionStatus } from '../policies/status';
import { isActionOpen } from '../policies/status';
import type { CommandsOf, Decision, Facts } from './common';
import { patch } from './common';
import { NO_DATE, NO_ID, emit, refuse } from './common';
import type { ProgrammeState } from './programme';
import type { RecommendationState } from './recommendation';
import { checkAreas } from './references';

/** Folded state of an `action-<id>` stream (`status: 'none'` before it is planned). */
export interface ActionState {
  readonly kind: 'action';
  readonly status: ActionStatus | 'none';
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

/** Commands of the Action aggregate. */
export type ActionCommand = CommandsOf<
  | 'PlanAction'
  | 'RecordActionProgress'
  | 'ReassignActionLead'
  | 'ReviseActionDueDate'
  | 'CompleteAction'
  | 'ReopenAction'
  | 'CancelAction'
>;

/** What the action decider needs from other streams. */
export interface ActionFacts extends Facts {
  /** The programme named by PlanAction. */
  readonly programme: ProgrammeState | undefined;
  /** The recommendations PlanAction links, by id (missing ones absent or `status: 'none'`). */
  readonly recommendations: ReadonlyMap<string, RecommendationState>;
}

/** The state of an action stream with no events. */
export const initialActionState: ActionState = {
  kind: 'action',
  status: 'none',
  actionId: NO_ID,
  programmeId: NO_ID,
  areaId: NO_ID,
  recommendationIds: [] as readonly Id[] as IdList,
  lead: NO_ID,
  originalDueOn: NO_DATE,
  dueOn: NO_DATE,
  revisions: 0,
  percentComplete: 0,
};

/** Folds one event into an action's state; other events leave it unchanged. */
export function evolveAction(s: ActionState, e: DomainEvent): ActionState {
  if (!isEventOf('action', e)) return s;
  switch (e.type) {
    case 'ActionPlanned':
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

/** Decides an Action command. */
export function decideAction(c: ActionCommand, s: ActionState, f: ActionFacts): Decision {
  const stream = `action-${c.data.actionId}`;
  if (c.type === 'PlanAction') {
    if (s.status !== 'none') return refuse(alreadyExists(stream));
    const bad = checkAreas(f.programme, c.data.programmeId, [c.data.areaId], false);
    if (bad !== null) return refuse(bad);
    for (const id of c.data.recommendationIds) {
      const rec = f.recommendations.get(id);
      if (rec === undefined || rec.status === 'none')
        return refuse(ruleViolated('reference-missing', `recommendation-${id} does not exist`));
    }
    return emit({ type: 'ActionPlanned', data: c.data });
  }
  if (s.status === 'none') return refuse(notFound(stream));
  const status = s.status;
  const open = isActionOpen(status);
  switch (c.type) {
    case 'RecordActionProgress':
      if (!open) return refuse(invalidTransition(status, c.type));
      return emit({ type: 'ActionProgressRecorded', data: c.data });
    case 'ReassignActionLead':
      if (!open) return refuse(invalidTransition(status, c.type));
      return emit({ type: 'ActionLeadReassigned', data: { ...c.data, previousLead: s.lead } });
    case 'ReviseActionDueDate':
      if (!open) return refuse(invalidTransition(status, c.type));
      if (c.data.dueOn === s.dueOn)
        return refuse(ruleViolated('due-date-changes', `the due date is already ${s.dueOn}`));
      return emit({
        type: 'ActionDueDateRevised',
        data: { ...c.data, previousDueOn: s.dueOn, originalDueOn: s.originalDueOn },
      });
    case 'CompleteAction':
      if (!open) return refuse(invalidTransition(status, c.type));
      return emit({ type: 'ActionCompleted', data: c.data });
    case 'ReopenAction':
      if (status !== 'completed') return refuse(invalidTransition(status, c.type));
      return emit({ type: 'ActionReopened', data: c.data });
    case 'CancelAction':
      if (!open) return refuse(invalidTransition(status, c.type));
      return emit({ type: 'ActionCancelled', data: c.data });
    default: {
      const never: never = c;
      return never;
    }
  }
}
