import type { CommandsIn } from '../commands';
import type { CommandsOf, Decide, Decider, Decision, Facts, Lifecycle } from '../decision';
import { deciding, emit, idTaken, onlyFrom, refuse, refuseRule } from '../decision';
import { invalidTransition } from '../errors';
import type { ActionState } from '../action/state';
import type { ProgrammeState } from '../programme/state';
import { checkAreas } from '../programme/references';
import type { IdentifiedRisk, RiskState } from './state';
import { evolveRisk, initialRiskState, pair } from './state';

/** Commands of the Risk aggregate. */
export type RiskCommand = CommandsIn<'risk'>;

/** What the risk decider needs from other streams. */
export interface RiskFacts extends Facts {
  /** The programme named by IdentifyRisk, or the risk's own programme for EscalateRisk. */
  readonly programme: ProgrammeState | undefined;
  /** The action LinkMitigatingAction names, as folded (absent: not read). */
  readonly action?: ActionState | undefined;
}

/** Identifying, then the rule of each command on an identified risk. */
const lifecycle: Lifecycle<RiskCommand, 'IdentifyRisk', IdentifiedRisk, RiskFacts> = {
  create: identify,
  creator: 'IdentifyRisk',
  rules: {
    RescoreRisk: rescore,
    SetRiskTarget: onlyFrom(['open'], (c, s) =>
      emit({ type: 'RiskTargetSet', data: { ...c.data, previous: pair(s.target) } }),
    ),
    ReassignRiskOwner: onlyFrom(['open'], (c, s) =>
      emit({ type: 'RiskOwnerReassigned', data: { ...c.data, previousOwner: s.owner } }),
    ),
    AddRiskControl: ({ data: d }, s) =>
      idTaken(s.controls, 'control', d.controlId, `already exists on risk-${d.riskId}`) ??
      emit({ type: 'RiskControlAdded', data: d }),
    EscalateRisk: escalate,
    DeescalateRisk: (c, s) =>
      s.escalatedTo === null
        ? refuse(invalidTransition('not-escalated', c.type))
        : emit({ type: 'RiskDeescalated', data: c.data }),
    CloseRisk: onlyFrom(['open'], (c) => emit({ type: 'RiskClosed', data: c.data })),
    ReopenRisk: onlyFrom(['closed'], (c) => emit({ type: 'RiskReopened', data: c.data })),
    LinkMitigatingAction: linkAction,
  },
};

/** Decides a Risk command: the longer rules are one function per command below. */
export const decideRisk: Decide<RiskCommand, RiskState, RiskFacts> = deciding(lifecycle);

function identify(c: CommandsOf<'IdentifyRisk'>, f: RiskFacts): Decision {
  const areaId = c.data.areaId;
  const areaIds = areaId === undefined ? [] : [areaId];
  const bad = checkAreas(f.programme, c.data.programmeId, areaIds, false);
  if (bad !== null) return refuse(bad);
  return emit({ type: 'RiskIdentified', data: c.data });
}

/** A rescore to the current scores is a review (RiskReviewed), else a RiskRescored. */
function rescore(c: CommandsOf<'RescoreRisk'>, s: IdentifiedRisk): Decision {
  if (s.status !== 'open') return refuse(invalidTransition(s.status, c.type));
  const next = { likelihood: c.data.likelihood, impact: c.data.impact };
  if (next.likelihood === s.current.likelihood && next.impact === s.current.impact)
    return emit({ type: 'RiskReviewed', data: { ...c.data, current: next } });
  return emit({
    type: 'RiskRescored',
    data: { ...c.data, previous: pair(s.current), current: next },
  });
}

/** An open risk not yet escalated goes to an active body of its own programme. */
/**
 * Links an action as mitigating an open risk: the action exists (`reference-missing`), in
 * the risk's own programme (`programme-mismatch`), and is linked once (`mitigation-once`).
 */
function linkAction(
  c: CommandsOf<'LinkMitigatingAction'>,
  s: IdentifiedRisk,
  f: RiskFacts,
): Decision {
  if (s.status !== 'open') return refuse(invalidTransition(s.status, c.type));
  const action = f.action;
  if (action === undefined || action.status === 'none')
    return refuseRule(
      'reference-missing',
      `data.actionId: action-${c.data.actionId} does not exist`,
    );
  if (action.programmeId !== s.programmeId)
    return refuseRule(
      'programme-mismatch',
      `data.actionId: action-${c.data.actionId} belongs to programme-${action.programmeId}, not the risk's programme-${s.programmeId}`,
    );
  if (s.mitigatingActions.has(c.data.actionId))
    return refuseRule(
      'mitigation-once',
      `data.actionId: action-${c.data.actionId} is already linked to risk-${c.data.riskId}`,
    );
  return emit({ type: 'MitigatingActionLinked', data: c.data });
}

function escalate(c: CommandsOf<'EscalateRisk'>, s: IdentifiedRisk, f: RiskFacts): Decision {
  if (s.status !== 'open') return refuse(invalidTransition(s.status, c.type));
  if (s.escalatedTo !== null) return refuse(invalidTransition('escalated', c.type));
  const programme = f.programme;
  const body = programme?.status === 'established' ? programme.bodies.get(c.data.to) : undefined;
  if (body === undefined)
    return refuseRule(
      'reference-missing',
      `body ${c.data.to} does not exist in programme-${s.programmeId}`,
    );
  if (!body.active)
    return refuseRule('body-active', `body ${c.data.to} is dissolved: escalate to an active body`);
  return emit({ type: 'RiskEscalated', data: c.data });
}

/** The Risk decider: initial state, evolve and decide together. */
export const riskDecider: Decider<RiskCommand, RiskState, RiskFacts> = {
  initialState: initialRiskState,
  evolve: evolveRisk,
  decide: decideRisk,
};
