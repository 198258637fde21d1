import type { Id, ShortText, Text } from '../codec/primitives';
import type { BodyKind } from '../codec/vocabulary';
import type { Absent, Evolution } from '../decision';
import { evolveIn, patch, pick } from '../decision';
import type { DomainEvent, EventOf, EventsOf } from '../events';

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

/** The state of a programme stream with no events. */
export const initialProgrammeState: ProgrammeState = { kind: 'programme', status: 'none' };

const withEntry = <V>(m: ReadonlyMap<string, V>, k: string, v: V): ReadonlyMap<string, V> =>
  new Map(m).set(k, v);

/** The key of one assessment: a criterion is rated once per stocktake. */
export const assessmentKey = (stocktakeId: string, criterion: string): string =>
  `${stocktakeId}/${criterion}`;

/** Folds one event into a programme's state; events of other aggregates leave it unchanged. */
export function evolveProgramme(s: ProgrammeState, e: DomainEvent): ProgrammeState {
  return evolveIn(evolution, s, e);
}

/** A programme event other than its establishment. */
type ProgrammeChange = Exclude<EventsOf<'programme'>, EventOf<'ProgrammeEstablished'>>;

function evolveEstablished(s: EstablishedProgramme, e: ProgrammeChange): EstablishedProgramme {
  switch (e.type) {
    case 'ProgrammePhaseChanged':
      return patch(s, { phase: e.data.phase, phaseStartsOn: e.data.startsOn ?? null });
    case 'PriorityAreaDefined':
      return patch(s, {
        areas: withEntry(s.areas, e.data.areaId, { title: e.data.title, retired: false }),
      });
    case 'PriorityAreaRetired': {
      const area = s.areas.get(e.data.areaId);
      return area === undefined
        ? s
        : patch(s, { areas: withEntry(s.areas, e.data.areaId, { ...area, retired: true }) });
    }
    case 'OversightBodyConstituted':
      return patch(s, {
        bodies: withEntry(s.bodies, e.data.bodyId, {
          kind: e.data.kind,
          name: e.data.name,
          active: true,
          observers: new Set(),
        }),
      });
    case 'OversightBodyDissolved': {
      const body = s.bodies.get(e.data.bodyId);
      return body === undefined
        ? s
        : patch(s, { bodies: withEntry(s.bodies, e.data.bodyId, { ...body, active: false }) });
    }
    case 'MeetingRecorded':
      return patch(s, {
        meetings: withEntry(s.meetings, e.data.meetingId, {
          bodyId: e.data.bodyId,
          heldOn: e.data.heldOn,
        }),
      });
    case 'CriterionAssessed':
      return patch(s, {
        assessments: new Set(s.assessments).add(
          assessmentKey(e.data.stocktakeId, e.data.criterion),
        ),
      });
    case 'StocktakeRecorded':
      return patch(s, {
        stocktakes: withEntry(s.stocktakes, e.data.stocktakeId, {
          criteriaSet: e.data.criteriaSet,
          heldOn: e.data.heldOn,
        }),
      });
    case 'BodyOutputIssued':
      return patch(s, { outputs: new Set(s.outputs).add(e.data.outputId) });
    case 'StandingObserverAdded': {
      const body = s.bodies.get(e.data.bodyId);
      return body === undefined
        ? s
        : patch(s, {
            bodies: withEntry(s.bodies, e.data.bodyId, {
              ...body,
              observers: new Set(body.observers).add(e.data.observer),
            }),
          });
    }
    case 'RecommendationsHandedOver': {
      const handedOverTo = new Map(s.handedOverTo);
      for (const id of e.data.recommendationIds) handedOverTo.set(id, e.data.toBodyId);
      return patch(s, { handedOverTo });
    }
    case 'ProgressReportSubmitted':
      return s;
    default: {
      const never: never = e;
      return never;
    }
  }
}

const evolution: Evolution<'programme', 'ProgrammeEstablished', EstablishedProgramme> = {
  category: 'programme',
  creator: 'ProgrammeEstablished',
  // Established again, a programme keeps what it had.
  create: ({ data }, s) => ({
    kind: 'programme',
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
  change: evolveEstablished,
};
