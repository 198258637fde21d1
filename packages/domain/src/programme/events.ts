// The events of the Programme aggregate: each carries its command's fields (target id
// included) plus the extras listed in DOMAIN.md; additions are marked "addition".
import type * as t from 'io-ts';
import { strict } from '../codec/strict';
import { CalendarDate, Id, IdList, ShortText, Text, Uri } from '../codec/primitives';
import { BodyKind, Criterion, Rating, ReportRecipient } from '../codec/vocabulary';

/** A programme was established. */
export const ProgrammeEstablished = strict(
  { programmeId: Id, title: Text, body: ShortText, phase: ShortText },
  {},
  'ProgrammeEstablished',
);
/** A programme was established. */
export type ProgrammeEstablished = t.TypeOf<typeof ProgrammeEstablished>;

/** The programme moved to another phase (`previousPhase` is the one it left). */
export const ProgrammePhaseChanged = strict(
  { programmeId: Id, phase: ShortText, reason: Text, previousPhase: ShortText },
  {},
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
  { programmeId: Id, stocktakeId: Id, criterion: Criterion, rating: Rating, narrative: Text },
  {},
  'CriterionAssessed',
);
/** A stocktake rated one LGA criterion. */
export type CriterionAssessed = t.TypeOf<typeof CriterionAssessed>;

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
} as const;
