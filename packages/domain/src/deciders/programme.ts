import type { Id, ShortText, Text } from '../codec/primitives';
import type { BodyKind, Criterion } from '../codec/vocabulary';
import { alreadyExists, invalidTransition, notFound, ruleViolated } from '../errors';
import type { DomainEvent } from '../events';
import { isEventOf } from '../events';
import type { CommandsOf, Decision, Facts } from './common';
import { patch } from './common';
import { NO_ID, NO_SHORT_TEXT, NO_TEXT, emit, refuse } from './common';

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
}
/** A meeting as the programme remembers it (the body it belongs to). */
export interface MeetingState {
  readonly bodyId: string;
  readonly heldOn: string;
}

/** Folded state of a `programme-<id>` stream. */
export interface ProgrammeState {
  readonly kind: 'programme';
  readonly established: boolean;
  readonly programmeId: Id;
  readonly title: Text;
  readonly body: ShortText;
  readonly phase: ShortText;
  readonly areas: ReadonlyMap<string, AreaState>;
  readonly bodies: ReadonlyMap<string, BodyState>;
  readonly meetings: ReadonlyMap<string, MeetingState>;
  /** `stocktakeId/criterion` of every assessment made. */
  readonly assessments: ReadonlySet<string>;
}

/** Commands of the Programme aggregate. */
export type ProgrammeCommand = CommandsOf<
  | 'EstablishProgramme'
  | 'ChangePhase'
  | 'DefinePriorityArea'
  | 'RetirePriorityArea'
  | 'ConstituteBody'
  | 'DissolveBody'
  | 'RecordMeeting'
  | 'SubmitProgressReport'
  | 'AssessCriterion'
>;

const EMPTY_AREAS: ReadonlyMap<string, AreaState> = new Map();
const EMPTY_BODIES: ReadonlyMap<string, BodyState> = new Map();
const EMPTY_MEETINGS: ReadonlyMap<string, MeetingState> = new Map();
const EMPTY_SET: ReadonlySet<string> = new Set();

/** The state of a programme stream with no events. */
export const initialProgrammeState: ProgrammeState = {
  kind: 'programme',
  established: false,
  programmeId: NO_ID,
  title: NO_TEXT,
  body: NO_SHORT_TEXT,
  phase: NO_SHORT_TEXT,
  areas: EMPTY_AREAS,
  bodies: EMPTY_BODIES,
  meetings: EMPTY_MEETINGS,
  assessments: EMPTY_SET,
};

const withEntry = <V>(m: ReadonlyMap<string, V>, k: string, v: V): ReadonlyMap<string, V> =>
  new Map(m).set(k, v);

const assessmentKey = (stocktakeId: string, criterion: Criterion): string =>
  `${stocktakeId}/${criterion}`;

/** Folds one event into a programme's state; events of other aggregates leave it unchanged. */
export function evolveProgramme(s: ProgrammeState, e: DomainEvent): ProgrammeState {
  if (!isEventOf('programme', e)) return s;
  switch (e.type) {
    case 'ProgrammeEstablished':
      return {
        ...s,
        established: true,
        programmeId: e.data.programmeId,
        title: e.data.title,
        body: e.data.body,
        phase: e.data.phase,
      };
    case 'ProgrammePhaseChanged':
      return patch(s, { phase: e.data.phase });
    case 'PriorityAreaDefined':
      return {
        ...s,
        areas: withEntry(s.areas, e.data.areaId, { title: e.data.title, retired: false }),
      };
    case 'PriorityAreaRetired': {
      const area = s.areas.get(e.data.areaId);
      return area === undefined
        ? s
        : patch(s, { areas: withEntry(s.areas, e.data.areaId, { ...area, retired: true }) });
    }
    case 'OversightBodyConstituted':
      return {
        ...s,
        bodies: withEntry(s.bodies, e.data.bodyId, {
          kind: e.data.kind,
          name: e.data.name,
          active: true,
        }),
      };
    case 'OversightBodyDissolved': {
      const body = s.bodies.get(e.data.bodyId);
      return body === undefined
        ? s
        : patch(s, { bodies: withEntry(s.bodies, e.data.bodyId, { ...body, active: false }) });
    }
    case 'MeetingRecorded':
      return {
        ...s,
        meetings: withEntry(s.meetings, e.data.meetingId, {
          bodyId: e.data.bodyId,
          heldOn: e.data.heldOn,
        }),
      };
    case 'CriterionAssessed':
      return {
        ...s,
        assessments: new Set(s.assessments).add(
          assessmentKey(e.data.stocktakeId, e.data.criterion),
        ),
      };
    case 'ProgressReportSubmitted':
      return s;
    default: {
      const never: never = e;
      return never;
    }
  }
}

/** Decides a Programme command. */
export function decideProgramme(c: ProgrammeCommand, s: ProgrammeState, _f: Facts): Decision {
  const stream = `programme-${c.data.programmeId}`;
  if (c.type === 'EstablishProgramme')
    return s.established
      ? refuse(alreadyExists(stream))
      : emit({ type: 'ProgrammeEstablished', data: c.data });
  if (!s.established) return refuse(notFound(stream));
  switch (c.type) {
    case 'ChangePhase':
      if (c.data.phase === s.phase)
        return refuse(
          ruleViolated(
            'phase-differs',
            `the programme is already in phase ${JSON.stringify(s.phase)}`,
          ),
        );
      return emit({
        type: 'ProgrammePhaseChanged',
        data: { ...c.data, previousPhase: s.phase },
      });
    case 'DefinePriorityArea':
      if (s.areas.has(c.data.areaId))
        return refuse(
          ruleViolated('area-id-unique', `area ${c.data.areaId} is already defined in ${stream}`),
        );
      return emit({ type: 'PriorityAreaDefined', data: c.data });
    case 'RetirePriorityArea': {
      const area = s.areas.get(c.data.areaId);
      if (area === undefined)
        return refuse(
          ruleViolated('reference-missing', `area ${c.data.areaId} is not defined in ${stream}`),
        );
      if (area.retired) return refuse(invalidTransition('retired', c.type));
      return emit({ type: 'PriorityAreaRetired', data: c.data });
    }
    case 'ConstituteBody':
      if (s.bodies.has(c.data.bodyId))
        return refuse(
          ruleViolated('body-id-unique', `body ${c.data.bodyId} already exists in ${stream}`),
        );
      return emit({ type: 'OversightBodyConstituted', data: c.data });
    case 'DissolveBody': {
      const body = s.bodies.get(c.data.bodyId);
      if (body === undefined)
        return refuse(
          ruleViolated('reference-missing', `body ${c.data.bodyId} does not exist in ${stream}`),
        );
      if (!body.active) return refuse(invalidTransition('dissolved', c.type));
      return emit({ type: 'OversightBodyDissolved', data: c.data });
    }
    case 'RecordMeeting': {
      const body = s.bodies.get(c.data.bodyId);
      if (body === undefined)
        return refuse(
          ruleViolated('reference-missing', `body ${c.data.bodyId} does not exist in ${stream}`),
        );
      if (!body.active)
        return refuse(
          ruleViolated('body-active', `body ${c.data.bodyId} is dissolved and cannot meet`),
        );
      if (s.meetings.has(c.data.meetingId))
        return refuse(
          ruleViolated('meeting-id-unique', `meeting ${c.data.meetingId} is already recorded`),
        );
      return emit({ type: 'MeetingRecorded', data: c.data });
    }
    case 'SubmitProgressReport':
      return emit({ type: 'ProgressReportSubmitted', data: c.data });
    case 'AssessCriterion':
      if (s.assessments.has(assessmentKey(c.data.stocktakeId, c.data.criterion)))
        return refuse(
          ruleViolated(
            'criterion-once-per-stocktake',
            `stocktake ${c.data.stocktakeId} already rated ${c.data.criterion}`,
          ),
        );
      return emit({ type: 'CriterionAssessed', data: c.data });
    default: {
      const never: never = c;
      return never;
    }
  }
}
