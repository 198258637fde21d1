import type { CommandsIn } from '../commands';
import type { CommandsOf, Decide, Decider, Decision, Facts, Lifecycle } from '../decision';
import { deciding, emit, onlyFrom, refuse, refuseRule } from '../decision';
import { invalidTransition } from '../errors';
import { isActionOpen } from '../policies/status';
import type { ProgrammeState } from '../programme/state';
import { checkAreas } from '../programme/references';
import type { RecommendationState } from '../recommendation/state';
import type { ActionState, PlannedAction } from './state';
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

/** Lets `rule` decide only while the action is open; on a closed one, InvalidTransition. */
const whileOpen =
  <C extends ActionCommand>(rule: (c: C, s: PlannedAction) => Decision) =>
  (c: C, s: PlannedAction): Decision =>
    isActionOpen(s.status) ? rule(c, s) : refuse(invalidTransition(s.status, c.type));

/** Planning, then the rule of each command on a planned action. */
const lifecycle: Lifecycle<ActionCommand, 'PlanAction', PlannedAction, ActionFacts> = {
  create: plan,
  creator: 'PlanAction',
  rules: {
    RecordActionProgress: whileOpen((c) => emit({ type: 'ActionProgressRecorded', data: c.data })),
    ReassignActionLead: whileOpen((c, s) =>
      emit({ type: 'ActionLeadReassigned', data: { ...c.data, previousLead: s.lead } }),
    ),
    ReviseActionDueDate: whileOpen((c, s) =>
      c.data.dueOn === s.dueOn
        ? refuseRule('due-date-changes', `the due date is already ${s.dueOn}`)
        : emit({
            type: 'ActionDueDateRevised',
            data: { ...c.data, previousDueOn: s.dueOn, originalDueOn: s.originalDueOn },
          }),
    ),
    CompleteAction: whileOpen((c) => emit({ type: 'ActionCompleted', data: c.data })),
    ReopenAction: onlyFrom(['completed'], (c) => emit({ type: 'ActionReopened', data: c.data })),
    CancelAction: whileOpen((c) => emit({ type: 'ActionCancelled', data: c.data })),
  },
};

/** Decides an Action command. */
export const decideAction: Decide<ActionCommand, ActionState, ActionFacts> = deciding(lifecycle);

function plan(c: CommandsOf<'PlanAction'>, f: ActionFacts): Decision {
  const bad = checkAreas(f.programme, c.data.programmeId, [c.data.areaId], false);
  if (bad !== null) return refuse(bad);
  for (const id of c.data.recommendationIds) {
    const rec = f.recommendations.get(id);
    if (rec === undefined || rec.status === 'none')
      return refuseRule('reference-missing', `recommendation-${id} does not exist`);
  }
  return emit({ type: 'ActionPlanned', data: c.data });
}

/** The Action decider: initial state, evolve and decide together. */
export const actionDecider: Decider<ActionCommand, ActionState, ActionFacts> = {
  initialState: initialActionState,
  evolve: evolveAction,
  decide: decideAction,
};
