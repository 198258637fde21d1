import type { CalendarDate, Id, ShortText, Text } from '../codec/primitives';
import type { Assessment } from '../codec/vocabulary';
import { alreadyExists, invalidTransition, notFound, ruleViolated } from '../errors';
import type { DomainEvent } from '../events';
import { isEventOf } from '../events';
import { score } from '../policies/risk';
import type { RiskStatus } from '../policies/status';
import type { CommandsOf, Decision, Facts } from './common';
import { patch } from './common';
import { NO_DATE, NO_ID, NO_SHORT_TEXT, NO_TEXT, emit, refuse } from './common';
import type { ProgrammeState } from './programme';
import { checkAreas } from './references';

/** Folded state of a `risk-<id>` stream (`status: 'none'` before it is identified). */
export interface RiskState {
  readonly kind: 'risk';
  readonly status: RiskStatus | 'none';
  readonly riskId: Id;
  readonly programmeId: Id;
  readonly areaId: Id | null;
  readonly title: Text;
  readonly category: ShortText;
  readonly owner: Id;
  readonly inherent: Assessment;
  readonly current: Assessment;
  readonly target: Assessment;
  /** The score before the last rescore (for the trend); null before any rescore. */
  readonly previousScore: number | null;
  readonly nextReviewOn: CalendarDate;
  /** The body the risk is escalated to, or null. */
  readonly escalatedTo: Id | null;
  readonly controls: ReadonlySet<string>;
}

/** Commands of the Risk aggregate. */
export type RiskCommand = CommandsOf<
  | 'IdentifyRisk'
  | 'RescoreRisk'
  | 'SetRiskTarget'
  | 'ReassignRiskOwner'
  | 'AddRiskControl'
  | 'EscalateRisk'
  | 'DeescalateRisk'
  | 'CloseRisk'
  | 'ReopenRisk'
>;

/** What the risk decider needs from other streams. */
export interface RiskFacts extends Facts {
  /** The programme named by IdentifyRisk, or the risk's own programme for EscalateRisk. */
  readonly programme: ProgrammeState | undefined;
}

const NO_ASSESSMENT = { likelihood: 1, impact: 1 } as Assessment;

/** The state of a risk stream with no events. */
export const initialRiskState: RiskState = {
  kind: 'risk',
  status: 'none',
  riskId: NO_ID,
  programmeId: NO_ID,
  areaId: null,
  title: NO_TEXT,
  category: NO_SHORT_TEXT,
  owner: NO_ID,
  inherent: NO_ASSESSMENT,
  current: NO_ASSESSMENT,
  target: NO_ASSESSMENT,
  previousScore: null,
  nextReviewOn: NO_DATE,
  escalatedTo: null,
  controls: new Set(),
};

const pair = (a: Assessment): Assessment => ({ likelihood: a.likelihood, impact: a.impact });

/** Folds one event into a risk's state; other events leave it unchanged. */
export function evolveRisk(s: RiskState, e: DomainEvent): RiskState {
  if (!isEventOf('risk', e)) return s;
  switch (e.type) {
    case 'RiskIdentified':
      return {
        ...initialRiskState,
        status: 'open',
        riskId: e.data.riskId,
        programmeId: e.data.programmeId,
        areaId: e.data.areaId ?? null,
        title: e.data.title,
        category: e.data.category,
        owner: e.data.owner,
        inherent: e.data.inherent,
        current: e.data.inherent,
        target: e.data.target,
        nextReviewOn: e.data.nextReviewOn,
      };
    case 'RiskRescored':
      return {
        ...s,
        previousScore: score(s.current),
        current: e.data.current,
        nextReviewOn: e.data.nextReviewOn ?? s.nextReviewOn,
      };
    case 'RiskReviewed':
      return e.data.nextReviewOn === undefined
        ? s
        : patch(s, { nextReviewOn: e.data.nextReviewOn });
    case 'RiskTargetSet':
      return patch(s, { target: { likelihood: e.data.likelihood, impact: e.data.impact } });
    case 'RiskOwnerReassigned':
      return patch(s, { owner: e.data.owner });
    case 'RiskControlAdded':
      return patch(s, { controls: new Set(s.controls).add(e.data.controlId) });
    case 'RiskEscalated':
      return patch(s, { escalatedTo: e.data.to });
    case 'RiskDeescalated':
      return patch(s, { escalatedTo: null });
    case 'RiskClosed':
      return patch(s, { status: 'closed' });
    case 'RiskReopened':
      return patch(s, { status: 'open' });
    default: {
      const never: never = e;
      return never;
    }
  }
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
        const body = f.programme?.bodies.get(c.data.to);
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
