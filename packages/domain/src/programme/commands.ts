// The commands of the Programme aggregate: the data each one takes. A command carries its
// event's fields but those the decider adds, read through the input codecs (codec/limits.ts:
// no control characters, dates 1900-2199); see `commandOf`.
import { commandOf } from '../codec/command-of';
import { named } from '../codec/strict';
import { programmeEvents as e } from './events';

/** The data codec of every Programme command, by command type (in DOMAIN.md order). */
export const programmeCommands = named({
  /** Data of `EstablishProgramme`: starts a programme (once). */
  EstablishProgramme: commandOf(e.ProgrammeEstablished),
  /** Data of `ChangePhase`: moves the programme to another phase (must differ). */
  ChangePhase: commandOf(e.ProgrammePhaseChanged, ['previousPhase']),
  /** Data of `DefinePriorityArea`: a new priority area (areaId unique in the programme). */
  DefinePriorityArea: commandOf(e.PriorityAreaDefined),
  /** Data of `RetirePriorityArea`. */
  RetirePriorityArea: commandOf(e.PriorityAreaRetired),
  /** Data of `ConstituteBody`: an oversight or decision body (bodyId unique). */
  ConstituteBody: commandOf(e.OversightBodyConstituted),
  /** Data of `DissolveBody`. */
  DissolveBody: commandOf(e.OversightBodyDissolved),
  /** Data of `RecordMeeting`: a meeting of an active body (meetingId unique in the programme). */
  RecordMeeting: commandOf(e.MeetingRecorded),
  /** Data of `SubmitProgressReport`. */
  SubmitProgressReport: commandOf(e.ProgressReportSubmitted),
  /** Data of `AssessCriterion`: one rating per criterion per stocktake. */
  AssessCriterion: commandOf(e.CriterionAssessed),
  /** Data of `RecordStocktake`: a stocktake's period, assessor, findings and overall rating. */
  RecordStocktake: commandOf(e.StocktakeRecorded),
  /** Data of `IssueBodyOutput`: a body's letter or report, from the body to its recipient. */
  IssueBodyOutput: commandOf(e.BodyOutputIssued),
  /** Data of `AddStandingObserver`: someone observes an active body's meetings as of right. */
  AddStandingObserver: commandOf(e.StandingObserverAdded),
  /** Data of `HandOverRecommendations`: a body's open recommendations pass to its successor. */
  HandOverRecommendations: commandOf(e.RecommendationsHandedOver),
});
