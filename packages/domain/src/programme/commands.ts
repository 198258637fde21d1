// The commands of the Programme aggregate: the data each one takes, as io-ts codecs.
// Texts, URIs and dates come through the input codecs (codec/limits.ts), which add the
// input limits to the primitives that events are read with.
import type * as t from 'io-ts';
import { strict } from '../codec/strict';
import { Id, IdList } from '../codec/primitives';
import { InputDate, InputShortText, InputText, InputUri } from '../codec/limits';
import { BodyKind, Criterion, Rating, ReportRecipient } from '../codec/vocabulary';

/** Data of `EstablishProgramme`: starts a programme (once). */
export const EstablishProgramme = strict(
  { programmeId: Id, title: InputText, body: InputShortText, phase: InputShortText },
  {},
  'EstablishProgramme',
);
/** Data of `EstablishProgramme`. */
export type EstablishProgramme = t.TypeOf<typeof EstablishProgramme>;

/** Data of `ChangePhase`: moves the programme to another phase (must differ). */
export const ChangePhase = strict(
  { programmeId: Id, phase: InputShortText, reason: InputText },
  {},
  'ChangePhase',
);
/** Data of `ChangePhase`. */
export type ChangePhase = t.TypeOf<typeof ChangePhase>;

/** Data of `DefinePriorityArea`: a new priority area (areaId unique in the programme). */
export const DefinePriorityArea = strict(
  { programmeId: Id, areaId: Id, title: InputText },
  { description: InputText },
  'DefinePriorityArea',
);
/** Data of `DefinePriorityArea`. */
export type DefinePriorityArea = t.TypeOf<typeof DefinePriorityArea>;

/** Data of `RetirePriorityArea`. */
export const RetirePriorityArea = strict(
  { programmeId: Id, areaId: Id, reason: InputText },
  {},
  'RetirePriorityArea',
);
/** Data of `RetirePriorityArea`. */
export type RetirePriorityArea = t.TypeOf<typeof RetirePriorityArea>;

/** Data of `ConstituteBody`: an oversight or decision body (bodyId unique). */
export const ConstituteBody = strict(
  { programmeId: Id, bodyId: Id, kind: BodyKind, name: InputShortText },
  {},
  'ConstituteBody',
);
/** Data of `ConstituteBody`. */
export type ConstituteBody = t.TypeOf<typeof ConstituteBody>;

/** Data of `DissolveBody`. */
export const DissolveBody = strict(
  { programmeId: Id, bodyId: Id, reason: InputText },
  {},
  'DissolveBody',
);
/** Data of `DissolveBody`. */
export type DissolveBody = t.TypeOf<typeof DissolveBody>;

/** Data of `RecordMeeting`: a meeting of an active body (meetingId unique in the programme). */
export const RecordMeeting = strict(
  {
    programmeId: Id,
    bodyId: Id,
    meetingId: Id,
    heldOn: InputDate,
    attendees: IdList,
    observers: IdList,
  },
  { minutesUri: InputUri },
  'RecordMeeting',
);
/** Data of `RecordMeeting`. */
export type RecordMeeting = t.TypeOf<typeof RecordMeeting>;

/** Data of `SubmitProgressReport`. */
export const SubmitProgressReport = strict(
  { programmeId: Id, reportId: Id, to: ReportRecipient, periodEnd: InputDate },
  { uri: InputUri },
  'SubmitProgressReport',
);
/** Data of `SubmitProgressReport`. */
export type SubmitProgressReport = t.TypeOf<typeof SubmitProgressReport>;

/** Data of `AssessCriterion`: one rating per criterion per stocktake. */
export const AssessCriterion = strict(
  { programmeId: Id, stocktakeId: Id, criterion: Criterion, rating: Rating, narrative: InputText },
  {},
  'AssessCriterion',
);
/** Data of `AssessCriterion`. */
export type AssessCriterion = t.TypeOf<typeof AssessCriterion>;

/** The data codec of every Programme command, by command type (in DOMAIN.md order). */
export const programmeCommands = {
  EstablishProgramme,
  ChangePhase,
  DefinePriorityArea,
  RetirePriorityArea,
  ConstituteBody,
  DissolveBody,
  RecordMeeting,
  SubmitProgressReport,
  AssessCriterion,
} as const;
