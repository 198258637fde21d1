// The events of the Programme aggregate: each carries its command's fields (target id
// included) plus the extras listed in DOMAIN.md; additions are marked "addition".
import type * as t from 'io-ts';
import { strict } from '../codec/strict';
import { CalendarDate, Id, IdList, ShortText, Text, Uri } from '../codec/primitives';
import {
  Assessor,
  BodyKind,
  CriteriaSetRef,
  OutputKind,
  Rating,
  ReportRecipient,
} from '../codec/vocabulary';

/** A programme was established. */
export const ProgrammeEstablished = strict(
  { programmeId: Id, title: Text, body: ShortText, phase: ShortText },
  {},
  'ProgrammeEstablished',
);
/** A programme was established. */
export type ProgrammeEstablished = t.TypeOf<typeof ProgrammeEstablished>;

/**
 * The programme moved to another phase (`previousPhase` is the one it left). Additions
 * (optional, so earlier events stay as they are): `startsOn`, the day the phase starts (the
 * previous one ends the day before), and `exitCriteria`, what must hold to leave it.
 */
export const ProgrammePhaseChanged = strict(
  { programmeId: Id, phase: ShortText, reason: Text, previousPhase: ShortText },
  { startsOn: CalendarDate, exitCriteria: Text },
  'ProgrammePhaseChanged',
);
/** The programme moved to another phase. */
export type ProgrammePhaseChanged = t.TypeOf<typeof ProgrammePhaseChanged>;

/** A priority area was defined. */
export const PriorityAreaDefined = strict(
  { programmeId: Id, areaId: Id, title: Text },
  { description: Text },
  'PriorityAreaDefined',
);
/** A priority area was defined. */
export type PriorityAreaDefined = t.TypeOf<typeof PriorityAreaDefined>;

/** A priority area was retired. */
export const PriorityAreaRetired = strict(
  { programmeId: Id, areaId: Id, reason: Text },
  {},
  'PriorityAreaRetired',
);
/** A priority area was retired. */
export type PriorityAreaRetired = t.TypeOf<typeof PriorityAreaRetired>;

/** An oversight or decision body was constituted. */
export const OversightBodyConstituted = strict(
  { programmeId: Id, bodyId: Id, kind: BodyKind, name: ShortText },
  {},
  'OversightBodyConstituted',
);
/** An oversight or decision body was constituted. */
export type OversightBodyConstituted = t.TypeOf<typeof OversightBodyConstituted>;

/** A body was dissolved. */
export const OversightBodyDissolved = strict(
  { programmeId: Id, bodyId: Id, reason: Text },
  {},
  'OversightBodyDissolved',
);
/** A body was dissolved. */
export type OversightBodyDissolved = t.TypeOf<typeof OversightBodyDissolved>;

/** A body held a meeting. */
export const MeetingRecorded = strict(
  {
    programmeId: Id,
    bodyId: Id,
    meetingId: Id,
    heldOn: CalendarDate,
    attendees: IdList,
    observers: IdList,
  },
  { minutesUri: Uri },
  'MeetingRecorded',
);
/** A body held a meeting. */
export type MeetingRecorded = t.TypeOf<typeof MeetingRecorded>;

/** A progress report was submitted. */
export const ProgressReportSubmitted = strict(
  { programmeId: Id, reportId: Id, to: ReportRecipient, periodEnd: CalendarDate },
  { uri: Uri },
  'ProgressReportSubmitted',
);
/** A progress report was submitted. */
export type ProgressReportSubmitted = t.TypeOf<typeof ProgressReportSubmitted>;

/** A stocktake rated one LGA criterion. */
export const CriterionAssessed = strict(
  { programmeId: Id, stocktakeId: Id, criterion: Id, rating: Rating, narrative: Text },
  {},
  'CriterionAssessed',
);
/** A stocktake rated one LGA criterion. */
export type CriterionAssessed = t.TypeOf<typeof CriterionAssessed>;

/**
 * A stocktake was held: the period it covers, who assessed (the council's self-assessment,
 * the panel, a peer team), the body that made it when it was one, the criteria set it
 * judged against, its findings and the overall rating it gave. Its judgements per
 * criterion are `CriterionAssessed` events naming the same `stocktakeId`.
 */
export const StocktakeRecorded = strict(
  {
    programmeId: Id,
    stocktakeId: Id,
    heldOn: CalendarDate,
    periodStart: CalendarDate,
    periodEnd: CalendarDate,
    assessor: Assessor,
    criteriaSet: CriteriaSetRef,
    findings: Text,
    rating: Rating,
  },
  { bodyId: Id, uri: Uri },
  'StocktakeRecorded',
);
/** A stocktake was held. */
export type StocktakeRecorded = t.TypeOf<typeof StocktakeRecorded>;

/**
 * A body issued a letter or a report: `from` the body, `to` its recipient (the Secretary of
 * State, the panel, the cabinet, the audit committee), in its own words (`summary`).
 */
export const BodyOutputIssued = strict(
  {
    programmeId: Id,
    outputId: Id,
    from: Id,
    to: ReportRecipient,
    kind: OutputKind,
    issuedOn: CalendarDate,
    title: Text,
    summary: Text,
  },
  { uri: Uri },
  'BodyOutputIssued',
);
/** A body issued a letter or a report. */
export type BodyOutputIssued = t.TypeOf<typeof BodyOutputIssued>;

/**
 * Someone observes a body's meetings as of right from a day (the external auditor at the
 * Strategic Programme Board, for example), in the role given.
 */
export const StandingObserverAdded = strict(
  { programmeId: Id, bodyId: Id, observer: Id, role: ShortText, fromDay: CalendarDate },
  {},
  'StandingObserverAdded',
);
/** Someone observes a body's meetings as of right. */
export type StandingObserverAdded = t.TypeOf<typeof StandingObserverAdded>;

/**
 * A dissolving (or dissolved) body handed its open recommendations over to its successor:
 * from then on the successor stands in its place (agreeing a new due date, verifying,
 * reopening).
 */
export const RecommendationsHandedOver = strict(
  {
    programmeId: Id,
    fromBodyId: Id,
    toBodyId: Id,
    recommendationIds: IdList,
    handedOverOn: CalendarDate,
  },
  { note: Text },
  'RecommendationsHandedOver',
);
/** A body handed its open recommendations over to its successor. */
export type RecommendationsHandedOver = t.TypeOf<typeof RecommendationsHandedOver>;

/** The data codec of every Programme event, by event type (in DOMAIN.md order). */
export const programmeEvents = {
  ProgrammeEstablished,
  ProgrammePhaseChanged,
  PriorityAreaDefined,
  PriorityAreaRetired,
  OversightBodyConstituted,
  OversightBodyDissolved,
  MeetingRecorded,
  ProgressReportSubmitted,
  CriterionAssessed,
  StocktakeRecorded,
  BodyOutputIssued,
  StandingObserverAdded,
  RecommendationsHandedOver,
} as const;
