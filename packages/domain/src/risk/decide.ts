import type { CommandsIn } from '../commands';
import type { Decision, Facts } from '../decision';
import { emit, refuse } from '../decision';
import { alreadyExists, invalidTransition, notFound, ruleViolated } from '../errors';
import type { ProgrammeState } from '../programme/state';
import { checkAreas } from '../programme/references';
import type { RiskState } from './state';
import { pair } from './state';

/** Commands of the Risk aggregate. */
export type RiskCommand = CommandsIn<'risk'>;

/** What the risk decider needs from other streams. */
export interface RiskFacts extends Facts {
  /** The programme named by IdentifyRisk, or the risk's own programme for EscalateRisk. */
  readonly programme: ProgrammeState | undefined;
}

/** Decides a Risk command. */
export function decideRisk(c: RiskCommand, s: RiskState, f: RiskFacts): Decision {
  const stream = `risk-${c.data.riskId}`;
  if (c.type === 'IdentifyRisk') {
    if (s.status !== 'none') return refuse(alreadyExists(stream));
    const areaId = c.data.areaId;
    const bad = checkAreas(
      f.programme,
      c.data.programmeId,
      areaId === undefined ? [] : [areaId],
      false,
    );
    if (bad !== null) return refuse(bad);
    return emit({ type: 'RiskIdentified', data: c.data });
  }
  if (s.status === 'none') return refuse(notFound(stream));
  const status = s.status;
  switch (c.type) {
    case 'RescoreRisk': {
      if (status !== 'open') return refuse(invalidTransition(status, c.type));
      const next = { likelihood: c.data.likelihood, impact: c.data.impact };
      if (next.likelihood === s.current.likelihood && next.impact === s.current.impact)
        return emit({ type: 'RiskReviewed', data: { ...c.data, current: next } });
      return emit({
        type: 'RiskRescored',
        data: { ...c.data, previous: pair(s.current), current: next },
      });
    }
    case 'SetRiskTarget':
      if (status !== 'open') return refuse(invalidTransition(status, c.type));
      return emit({ type: 'RiskTargetSet', data: { ...c.data, previous: pair(s.target) } });
    case 'ReassignRiskOwner':
      if (status !== 'open') return refuse(invalidTransition(status, c.type));
      return emit({ type: 'RiskOwnerReassigned', data: { ...c.data, previousOwner: s.owner } });
    case 'AddRiskControl':
      if (s.controls.has(c.data.controlId))
        return refuse(
          ruleViolated(
            'control-id-unique',
            `control ${c.data.controlId} already exists on ${stream}`,
          ),
        );
      return emit({ type: 'RiskControlAdded', data: c.data });
    case 'EscalateRisk':
      if (status !== 'open') return refuse(invalidTransition(status, c.type));
      if (s.escalatedTo !== null) return refuse(invalidTransition('escalated', c.type));
      {
        const programme = f.programme;
        const body =
          programme?.status === 'established' ? programme.bodies.get(c.data.to) : undefined;
        if (body === undefined)
          return refuse(
            ruleViolated(
              'reference-missing',
              `body ${c.data.to} does not exist in programme-${s.programmeId}`,
            ),
          );
        if (!body.active)
          return refuse(
            ruleViolated(
              'body-active',
              `body ${c.data.to} is dissolved: escalate to an active body`,
            ),
          );
      }
      return emit({ type: 'RiskEscalated', data: c.data });
    case 'DeescalateRisk':
      if (s.escalatedTo === null) return refuse(invalidTransition('not-escalated', c.type));
      return emit({ type: 'RiskDeescalated', data: c.data });
    case 'CloseRisk':
      if (status !== 'open') return refuse(invalidTransition(status, c.type));
      return emit({ type: 'RiskClosed', data: c.data });
    case 'ReopenRisk':
      if (status !== 'closed') return refuse(invalidTransition(status, c.type));
      return emit({ type: 'RiskReopened', data: c.data });
    default: {
      const never: never = c;
      return never;
    }
  }
}
