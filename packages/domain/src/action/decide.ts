import type { CommandsIn } from '../commands';
import type { Decider, Decision, Facts } from '../decision';
import { emit, refuse } from '../decision';
import { alreadyExists, invalidTransition, notFound, ruleViolated } from '../errors';
import { isActionOpen } from '../policies/status';
import type { ProgrammeState } from '../programme/state';
import { checkAreas } from '../programme/references';
import type { RecommendationState } from '../recommendation/state';
import type { ActionState } from './state';
import { evolveAction, initialActionState } from './state';

/** Commands of the Action aggregate. */
export type ActionCommand = CommandsIn<'action'>;

/** What the action decider needs from other streams. */
export interface ActionFacts extends Facts {
  /** The programme named by PlanAction. */
  readonly programme: ProgrammeState | undefined;
  /** The recommendations PlanAction links, by id (missing ones absent or `status: 'none'`). */
  readonly recommendations: ReadonlyMap<string, RecommendationState>;
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

/** The Action decider: initial state, evolve and decide together. */
export const actionDecider: Decider<ActionCommand, ActionState, ActionFacts> = {
  initialState: initialActionState,
  evolve: evolveAction,
  decide: decideAction,
};
