// The commands of the Programme aggregate: the data each one takes. A command carries its
// event's fields but those the decider adds, read through the input codecs (codec/limits.ts:
// no control characters, dates 1900-2199); see `commandOf`.
import type * as t from 'io-ts';
import { commandOf } from '../codec/command-of';
import {
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
} from './events';

/** Data of `EstablishProgramme`: starts a programme (once). */
export const EstablishProgramme = commandOf(ProgrammeEstablished, 'EstablishProgramme');
/** Data of `EstablishProgramme`. */
export type EstablishProgramme = t.TypeOf<typeof EstablishProgramme>;

/** Data of `ChangePhase`: moves the programme to another phase (must differ). */
export const ChangePhase = commandOf(ProgrammePhaseChanged, 'ChangePhase', ['previousPhase']);
/** Data of `ChangePhase`. */
export type ChangePhase = t.TypeOf<typeof ChangePhase>;

/** Data of `DefinePriorityArea`: a new priority area (areaId unique in the programme). */
export const DefinePriorityArea = commandOf(PriorityAreaDefined, 'DefinePriorityArea');
/** Data of `DefinePriorityArea`. */
export type DefinePriorityArea = t.TypeOf<typeof DefinePriorityArea>;

/** Data of `RetirePriorityArea`. */
export const RetirePriorityArea = commandOf(PriorityAreaRetired, 'RetirePriorityArea');
/** Data of `RetirePriorityArea`. */
export type RetirePriorityArea = t.TypeOf<typeof RetirePriorityArea>;

/** Data of `ConstituteBody`: an oversight or decision body (bodyId unique). */
export const ConstituteBody = commandOf(OversightBodyConstituted, 'ConstituteBody');
/** Data of `ConstituteBody`. */
export type ConstituteBody = t.TypeOf<typeof ConstituteBody>;

/** Data of `DissolveBody`. */
export const DissolveBody = commandOf(OversightBodyDissolved, 'DissolveBody');
/** Data of `DissolveBody`. */
export type DissolveBody = t.TypeOf<typeof DissolveBody>;

/** Data of `RecordMeeting`: a meeting of an active body (meetingId unique in the programme). */
export const RecordMeeting = commandOf(MeetingRecorded, 'RecordMeeting');
/** Data of `RecordMeeting`. */
export type RecordMeeting = t.TypeOf<typeof RecordMeeting>;

/** Data of `SubmitProgressReport`. */
export const SubmitProgressReport = commandOf(ProgressReportSubmitted, 'SubmitProgressReport');
/** Data of `SubmitProgressReport`. */
export type SubmitProgressReport = t.TypeOf<typeof SubmitProgressReport>;

/** Data of `AssessCriterion`: one rating per criterion per stocktake. */
export const AssessCriterion = commandOf(CriterionAssessed, 'AssessCriterion');
/** Data of `AssessCriterion`. */
export type AssessCriterion = t.TypeOf<typeof AssessCriterion>;

/** Data of `RecordStocktake`: a stocktake's period, assessor, findings and overall rating. */
export const RecordStocktake = commandOf(StocktakeRecorded, 'RecordStocktake');
/** Data of `RecordStocktake`. */
export type RecordStocktake = t.TypeOf<typeof RecordStocktake>;

/** Data of `IssueBodyOutput`: a body's letter or report, from the body to its recipient. */
export const IssueBodyOutput = commandOf(BodyOutputIssued, 'IssueBodyOutput');
/** Data of `IssueBodyOutput`. */
export type IssueBodyOutput = t.TypeOf<typeof IssueBodyOutput>;

/** Data of `AddStandingObserver`: someone observes an active body's meetings as of right. */
export const AddStandingObserver = commandOf(StandingObserverAdded, 'AddStandingObserver');
/** Data of `AddStandingObserver`. */
export type AddStandingObserver = t.TypeOf<typeof AddStandingObserver>;

/** Data of `HandOverRecommendations`: a body's open recommendations pass to its successor. */
export const HandOverRecommendations = commandOf(
  RecommendationsHandedOver,
  'HandOverRecommendations',
);
/** Data of `HandOverRecommendations`. */
export type HandOverRecommendations = t.TypeOf<typeof HandOverRecommendations>;

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
  RecordStocktake,
  IssueBodyOutput,
  AddStandingObserver,
  HandOverRecommendations,
} as const;
