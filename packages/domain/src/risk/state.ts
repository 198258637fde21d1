import type { CalendarDate, Id, ShortText, Text } from '../codec/primitives';
import type { Assessment } from '../codec/vocabulary';
import type { Absent, Evolution } from '../decision';
import { evolveIn, patch } from '../decision';
import type { DomainEvent } from '../events';
import { score } from '../policies/risk';
import type { RiskStatus } from '../policies/status';

/** An identified risk (open or closed). */
export interface IdentifiedRisk {
  readonly kind: 'risk';
  readonly status: RiskStatus;
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
  /** The actions linked as mitigating the risk. */
  readonly mitigatingActions: ReadonlySet<string>;
}

/** Folded state of a `risk-<id>` stream: `status: 'none'` before it is identified. */
export type RiskState = Absent<'risk'> | IdentifiedRisk;

/** The state of a risk stream with no events. */
export const initialRiskState: RiskState = { kind: 'risk', status: 'none' };

/** A copy of an assessment with its two fields only. */
export const pair = (a: Assessment): Assessment => ({
  likelihood: a.likelihood,
  impact: a.impact,
});

/** Folds one event into a risk's state; other events leave it unchanged. */
export function evolveRisk(s: RiskState, e: DomainEvent): RiskState {
  return evolveIn(evolution, s, e);
}

const evolution: Evolution<'risk', 'RiskIdentified', IdentifiedRisk> = {
  category: 'risk',
  creator: 'RiskIdentified',
  create: ({ data }) => ({
    kind: 'risk',
    status: 'open',
    riskId: data.riskId,
    programmeId: data.programmeId,
    areaId: data.areaId ?? null,
    title: data.title,
    category: data.category,
    owner: data.owner,
    inherent: data.inherent,
    current: data.inherent,
    target: data.target,
    previousScore: null,
    nextReviewOn: data.nextReviewOn,
    escalatedTo: null,
    controls: new Set(),
    mitigatingActions: new Set(),
  }),
  change: (s, e) => {
    switch (e.type) {
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
      case 'MitigatingActionLinked':
        return patch(s, { mitigatingActions: new Set(s.mitigatingActions).add(e.data.actionId) });
      default: {
        const never: never = e;
        return never;
      }
    }
  },
};
