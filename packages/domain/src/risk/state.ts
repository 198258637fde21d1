import type { CalendarDate, Id, ShortText, Text } from '../codec/primitives';
import type { Assessment } from '../codec/vocabulary';
import type { Absent } from '../decision';
import { folding, patch } from '../decision';
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

/** A copy of an assessment with its two fields only. */
export const pair = (a: Assessment): Assessment => ({
  likelihood: a.likelihood,
  impact: a.impact,
});

const fold = folding<'RiskIdentified', IdentifiedRisk>({
  creator: 'RiskIdentified',
  create: ({ data }) => ({
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
  changes: {
    RiskRescored: (s, { data }) => ({
      ...s,
      previousScore: score(s.current),
      current: data.current,
      nextReviewOn: data.nextReviewOn ?? s.nextReviewOn,
    }),
    RiskReviewed: (s, { data }) =>
      data.nextReviewOn === undefined ? s : patch(s, { nextReviewOn: data.nextReviewOn }),
    RiskTargetSet: (s, { data }) =>
      patch(s, { target: { likelihood: data.likelihood, impact: data.impact } }),
    RiskOwnerReassigned: (s, { data }) => patch(s, { owner: data.owner }),
    RiskControlAdded: (s, { data }) =>
      patch(s, { controls: new Set(s.controls).add(data.controlId) }),
    RiskEscalated: (s, { data }) => patch(s, { escalatedTo: data.to }),
    RiskDeescalated: (s) => patch(s, { escalatedTo: null }),
    RiskClosed: (s) => patch(s, { status: 'closed' }),
    RiskReopened: (s) => patch(s, { status: 'open' }),
    MitigatingActionLinked: (s, { data }) =>
      patch(s, { mitigatingActions: new Set(s.mitigatingActions).add(data.actionId) }),
  },
});

/** The state of a risk stream with no events. */
export const initialRiskState: RiskState = fold.initialState;

/** Folds one event into a risk's state; other events leave it unchanged. */
export const evolveRisk: (s: RiskState, e: DomainEvent) => RiskState = fold.evolve;
