import type { Id, ShortText, Text } from '../codec/primitives';
import type { BodyKind } from '../codec/vocabulary';
import type { Absent } from '../decision';
import { folding, patch, pick } from '../decision';
import type { DomainEvent } from '../events';

/** A priority area as the programme remembers it. */
export interface AreaState {
  readonly title: string;
  readonly retired: boolean;
}
/** An oversight body as the programme remembers it. */
export interface BodyState {
  readonly kind: BodyKind;
  readonly name: string;
  readonly active: boolean;
  /** Standing observers of the body's meetings. */
  readonly observers: ReadonlySet<string>;
}
/** A stocktake as the programme remembers it: the criteria set it judges against. */
export interface StocktakeState {
  readonly criteriaSet: string;
  readonly heldOn: string;
}

/** A meeting as the programme remembers it (the body it belongs to). */
export interface MeetingState {
  readonly bodyId: string;
  readonly heldOn: string;
}

/** An established programme. */
export interface EstablishedProgramme {
  readonly kind: 'programme';
  readonly status: 'established';
  readonly programmeId: Id;
  readonly title: Text;
  readonly body: ShortText;
  readonly phase: ShortText;
  readonly areas: ReadonlyMap<string, AreaState>;
  readonly bodies: ReadonlyMap<string, BodyState>;
  readonly meetings: ReadonlyMap<string, MeetingState>;
  /** `stocktakeId/criterion` of every assessment made. */
  readonly assessments: ReadonlySet<string>;
  /** Stocktakes recorded (`RecordStocktake`), by id. */
  readonly stocktakes: ReadonlyMap<string, StocktakeState>;
  /** Ids of the outputs (letters, reports) bodies issued. */
  readonly outputs: ReadonlySet<string>;
  /** The day the current phase started, when recorded. */
  readonly phaseStartsOn: string | null;
  /**
   * The body that now holds each handed-over recommendation (`RecommendationsHandedOver`):
   * the latest successor, by recommendation id. Absent: never handed over.
   */
  readonly handedOverTo: ReadonlyMap<string, string>;
}

/** Folded state of a `programme-<id>` stream: `status: 'none'` before it is established. */
export type ProgrammeState = Absent<'programme'> | EstablishedProgramme;

const withEntry = <V>(m: ReadonlyMap<string, V>, k: string, v: V): ReadonlyMap<string, V> =>
  new Map(m).set(k, v);

/** `m` with its entry `k` changed by `change`; `m` itself when it has no such entry. */
const withChanged = <V>(
  m: ReadonlyMap<string, V>,
  k: string,
  change: (v: V) => V,
): ReadonlyMap<string, V> => {
  const v = m.get(k);
  return v === undefined ? m : withEntry(m, k, change(v));
};

/** The key of one assessment: a criterion is rated once per stocktake. */
export const assessmentKey = (stocktakeId: string, criterion: string): string =>
  `${stocktakeId}/${criterion}`;

const fold = folding<'ProgrammeEstablished', EstablishedProgramme>({
  creator: 'ProgrammeEstablished',
  // Established again, a programme keeps what it had.
  create: ({ data }, s) => ({
    status: 'established',
    ...pick(data, ['programmeId', 'title', 'body', 'phase']),
    areas: s.status === 'none' ? new Map() : s.areas,
    bodies: s.status === 'none' ? new Map() : s.bodies,
    meetings: s.status === 'none' ? new Map() : s.meetings,
    assessments: s.status === 'none' ? new Set() : s.assessments,
    stocktakes: s.status === 'none' ? new Map() : s.stocktakes,
    outputs: s.status === 'none' ? new Set() : s.outputs,
    phaseStartsOn: s.status === 'none' ? null : s.phaseStartsOn,
    handedOverTo: s.status === 'none' ? new Map() : s.handedOverTo,
  }),
  changes: {
    ProgrammePhaseChanged: (s, { data }) =>
      patch(s, { phase: data.phase, phaseStartsOn: data.startsOn ?? null }),
    PriorityAreaDefined: (s, { data }) =>
      patch(s, { areas: withEntry(s.areas, data.areaId, { title: data.title, retired: false }) }),
    PriorityAreaRetired: (s, { data }) =>
      patch(s, { areas: withChanged(s.areas, data.areaId, (a) => ({ ...a, retired: true })) }),
    OversightBodyConstituted: (s, { data }) =>
      patch(s, {
        bodies: withEntry(s.bodies, data.bodyId, {
          kind: data.kind,
          name: data.name,
          active: true,
          observers: new Set(),
        }),
      }),
    OversightBodyDissolved: (s, { data }) =>
      patch(s, { bodies: withChanged(s.bodies, data.bodyId, (b) => ({ ...b, active: false })) }),
    MeetingRecorded: (s, { data }) =>
      patch(s, {
        meetings: withEntry(s.meetings, data.meetingId, pick(data, ['bodyId', 'heldOn'])),
      }),
    CriterionAssessed: (s, { data }) =>
      patch(s, {
        assessments: new Set(s.assessments).add(assessmentKey(data.stocktakeId, data.criterion)),
      }),
    StocktakeRecorded: (s, { data }) =>
      patch(s, {
        stocktakes: withEntry(
          s.stocktakes,
          data.stocktakeId,
          pick(data, ['criteriaSet', 'heldOn']),
        ),
      }),
    BodyOutputIssued: (s, { data }) => patch(s, { outputs: new Set(s.outputs).add(data.outputId) }),
    StandingObserverAdded: (s, { data }) =>
      patch(s, {
        bodies: withChanged(s.bodies, data.bodyId, (b) => ({
          ...b,
          observers: new Set(b.observers).add(data.observer),
        })),
      }),
    RecommendationsHandedOver: (s, { data }) => {
      const handedOverTo = new Map(s.handedOverTo);
      for (const id of data.recommendationIds) handedOverTo.set(id, data.toBodyId);
      return patch(s, { handedOverTo });
    },
    ProgressReportSubmitted: (s) => s,
  },
});

/** The state of a programme stream with no events. */
export const initialProgrammeState: ProgrammeState = fold.initialState;

/** Folds one event into a programme's state; events of other aggregates leave it unchanged. */
export const evolveProgramme: (s: ProgrammeState, e: DomainEvent) => ProgrammeState = fold.evolve;
