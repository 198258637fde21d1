// Every command codec, and the data type it decodes, under its own name, for those who take
// one by name (`import { CloseRisk } from '@assure/domain'`). Each is declared once, in its
// aggregate's table of commands (`<aggregate>/commands.ts`); this file only names the table's
// entries, aggregate by aggregate, in DOMAIN.md order.
import type * as t from 'io-ts';
import { programmeCommands as programme } from './programme/commands';
import { adviserCommands as adviser } from './adviser/commands';
import { recommendationCommands as recommendation } from './recommendation/commands';
import { actionCommands as action } from './action/commands';
import { riskCommands as risk } from './risk/commands';
import { ledgerCommands as ledger } from './ledger/commands';

/** Data of `EstablishProgramme`. */
export const EstablishProgramme = programme.EstablishProgramme;
/** Data of `EstablishProgramme`. */
export type EstablishProgramme = t.TypeOf<typeof EstablishProgramme>;
/** Data of `ChangePhase`. */
export const ChangePhase = programme.ChangePhase;
/** Data of `ChangePhase`. */
export type ChangePhase = t.TypeOf<typeof ChangePhase>;
/** Data of `DefinePriorityArea`. */
export const DefinePriorityArea = programme.DefinePriorityArea;
/** Data of `DefinePriorityArea`. */
export type DefinePriorityArea = t.TypeOf<typeof DefinePriorityArea>;
/** Data of `RetirePriorityArea`. */
export const RetirePriorityArea = programme.RetirePriorityArea;
/** Data of `RetirePriorityArea`. */
export type RetirePriorityArea = t.TypeOf<typeof RetirePriorityArea>;
/** Data of `ConstituteBody`. */
export const ConstituteBody = programme.ConstituteBody;
/** Data of `ConstituteBody`. */
export type ConstituteBody = t.TypeOf<typeof ConstituteBody>;
/** Data of `DissolveBody`. */
export const DissolveBody = programme.DissolveBody;
/** Data of `DissolveBody`. */
export type DissolveBody = t.TypeOf<typeof DissolveBody>;
/** Data of `RecordMeeting`. */
export const RecordMeeting = programme.RecordMeeting;
/** Data of `RecordMeeting`. */
export type RecordMeeting = t.TypeOf<typeof RecordMeeting>;
/** Data of `SubmitProgressReport`. */
export const SubmitProgressReport = programme.SubmitProgressReport;
/** Data of `SubmitProgressReport`. */
export type SubmitProgressReport = t.TypeOf<typeof SubmitProgressReport>;
/** Data of `AssessCriterion`. */
export const AssessCriterion = programme.AssessCriterion;
/** Data of `AssessCriterion`. */
export type AssessCriterion = t.TypeOf<typeof AssessCriterion>;
/** Data of `RecordStocktake`. */
export const RecordStocktake = programme.RecordStocktake;
/** Data of `RecordStocktake`. */
export type RecordStocktake = t.TypeOf<typeof RecordStocktake>;
/** Data of `IssueBodyOutput`. */
export const IssueBodyOutput = programme.IssueBodyOutput;
/** Data of `IssueBodyOutput`. */
export type IssueBodyOutput = t.TypeOf<typeof IssueBodyOutput>;
/** Data of `AddStandingObserver`. */
export const AddStandingObserver = programme.AddStandingObserver;
/** Data of `AddStandingObserver`. */
export type AddStandingObserver = t.TypeOf<typeof AddStandingObserver>;
/** Data of `HandOverRecommendations`. */
export const HandOverRecommendations = programme.HandOverRecommendations;
/** Data of `HandOverRecommendations`. */
export type HandOverRecommendations = t.TypeOf<typeof HandOverRecommendations>;

/** Data of `AppointAdviser`. */
export const AppointAdviser = adviser.AppointAdviser;
/** Data of `AppointAdviser`. */
export type AppointAdviser = t.TypeOf<typeof AppointAdviser>;
/** Data of `ReassignAdviser`. */
export const ReassignAdviser = adviser.ReassignAdviser;
/** Data of `ReassignAdviser`. */
export type ReassignAdviser = t.TypeOf<typeof ReassignAdviser>;
/** Data of `SubmitAdviserReport`. */
export const SubmitAdviserReport = adviser.SubmitAdviserReport;
/** Data of `SubmitAdviserReport`. */
export type SubmitAdviserReport = t.TypeOf<typeof SubmitAdviserReport>;
/** Data of `StandDownAdviser`. */
export const StandDownAdviser = adviser.StandDownAdviser;
/** Data of `StandDownAdviser`. */
export type StandDownAdviser = t.TypeOf<typeof StandDownAdviser>;

/** Data of `RaiseRecommendation`. */
export const RaiseRecommendation = recommendation.RaiseRecommendation;
/** Data of `RaiseRecommendation`. */
export type RaiseRecommendation = t.TypeOf<typeof RaiseRecommendation>;
/** Data of `ExtendConsiderationPeriod`. */
export const ExtendConsiderationPeriod = recommendation.ExtendConsiderationPeriod;
/** Data of `ExtendConsiderationPeriod`. */
export type ExtendConsiderationPeriod = t.TypeOf<typeof ExtendConsiderationPeriod>;
/** Data of `RespondToRecommendation`. */
export const RespondToRecommendation = recommendation.RespondToRecommendation;
/** Data of `RespondToRecommendation`. */
export type RespondToRecommendation = t.TypeOf<typeof RespondToRecommendation>;
/** Data of `RecordStatutoryRecommendationSent`. */
export const RecordStatutoryRecommendationSent = recommendation.RecordStatutoryRecommendationSent;
/** Data of `RecordStatutoryRecommendationSent`. */
export type RecordStatutoryRecommendationSent = t.TypeOf<typeof RecordStatutoryRecommendationSent>;
/** Data of `PublishStatutoryNotice`. */
export const PublishStatutoryNotice = recommendation.PublishStatutoryNotice;
/** Data of `PublishStatutoryNotice`. */
export type PublishStatutoryNotice = t.TypeOf<typeof PublishStatutoryNotice>;
/** Data of `NotifyAuditor`. */
export const NotifyAuditor = recommendation.NotifyAuditor;
/** Data of `NotifyAuditor`. */
export type NotifyAuditor = t.TypeOf<typeof NotifyAuditor>;
/** Data of `AssignRecommendationOwner`. */
export const AssignRecommendationOwner = recommendation.AssignRecommendationOwner;
/** Data of `AssignRecommendationOwner`. */
export type AssignRecommendationOwner = t.TypeOf<typeof AssignRecommendationOwner>;
/** Data of `RequestRecommendationExtension`. */
export const RequestRecommendationExtension = recommendation.RequestRecommendationExtension;
/** Data of `RequestRecommendationExtension`. */
export type RequestRecommendationExtension = t.TypeOf<typeof RequestRecommendationExtension>;
/** Data of `DeclineRecommendationExtension`. */
export const DeclineRecommendationExtension = recommendation.DeclineRecommendationExtension;
/** Data of `DeclineRecommendationExtension`. */
export type DeclineRecommendationExtension = t.TypeOf<typeof DeclineRecommendationExtension>;
/** Data of `ReviseRecommendationDueDate`. */
export const ReviseRecommendationDueDate = recommendation.ReviseRecommendationDueDate;
/** Data of `ReviseRecommendationDueDate`. */
export type ReviseRecommendationDueDate = t.TypeOf<typeof ReviseRecommendationDueDate>;
/** Data of `ClaimImplementation`. */
export const ClaimImplementation = recommendation.ClaimImplementation;
/** Data of `ClaimImplementation`. */
export type ClaimImplementation = t.TypeOf<typeof ClaimImplementation>;
/** Data of `VerifyImplementation`. */
export const VerifyImplementation = recommendation.VerifyImplementation;
/** Data of `VerifyImplementation`. */
export type VerifyImplementation = t.TypeOf<typeof VerifyImplementation>;
/** Data of `CloseRecommendation`. */
export const CloseRecommendation = recommendation.CloseRecommendation;
/** Data of `CloseRecommendation`. */
export type CloseRecommendation = t.TypeOf<typeof CloseRecommendation>;
/** Data of `WithdrawRecommendation`. */
export const WithdrawRecommendation = recommendation.WithdrawRecommendation;
/** Data of `WithdrawRecommendation`. */
export type WithdrawRecommendation = t.TypeOf<typeof WithdrawRecommendation>;
/** Data of `ReopenRecommendation`. */
export const ReopenRecommendation = recommendation.ReopenRecommendation;
/** Data of `ReopenRecommendation`. */
export type ReopenRecommendation = t.TypeOf<typeof ReopenRecommendation>;

/** Data of `PlanAction`. */
export const PlanAction = action.PlanAction;
/** Data of `PlanAction`. */
export type PlanAction = t.TypeOf<typeof PlanAction>;
/** Data of `RecordActionProgress`. */
export const RecordActionProgress = action.RecordActionProgress;
/** Data of `RecordActionProgress`. */
export type RecordActionProgress = t.TypeOf<typeof RecordActionProgress>;
/** Data of `ReassignActionLead`. */
export const ReassignActionLead = action.ReassignActionLead;
/** Data of `ReassignActionLead`. */
export type ReassignActionLead = t.TypeOf<typeof ReassignActionLead>;
/** Data of `ReviseActionDueDate`. */
export const ReviseActionDueDate = action.ReviseActionDueDate;
/** Data of `ReviseActionDueDate`. */
export type ReviseActionDueDate = t.TypeOf<typeof ReviseActionDueDate>;
/** Data of `CompleteAction`. */
export const CompleteAction = action.CompleteAction;
/** Data of `CompleteAction`. */
export type CompleteAction = t.TypeOf<typeof CompleteAction>;
/** Data of `ReopenAction`. */
export const ReopenAction = action.ReopenAction;
/** Data of `ReopenAction`. */
export type ReopenAction = t.TypeOf<typeof ReopenAction>;
/** Data of `CancelAction`. */
export const CancelAction = action.CancelAction;
/** Data of `CancelAction`. */
export type CancelAction = t.TypeOf<typeof CancelAction>;

/** Data of `IdentifyRisk`. */
export const IdentifyRisk = risk.IdentifyRisk;
/** Data of `IdentifyRisk`. */
export type IdentifyRisk = t.TypeOf<typeof IdentifyRisk>;
/** Data of `RescoreRisk`. */
export const RescoreRisk = risk.RescoreRisk;
/** Data of `RescoreRisk`. */
export type RescoreRisk = t.TypeOf<typeof RescoreRisk>;
/** Data of `SetRiskTarget`. */
export const SetRiskTarget = risk.SetRiskTarget;
/** Data of `SetRiskTarget`. */
export type SetRiskTarget = t.TypeOf<typeof SetRiskTarget>;
/** Data of `ReassignRiskOwner`. */
export const ReassignRiskOwner = risk.ReassignRiskOwner;
/** Data of `ReassignRiskOwner`. */
export type ReassignRiskOwner = t.TypeOf<typeof ReassignRiskOwner>;
/** Data of `AddRiskControl`. */
export const AddRiskControl = risk.AddRiskControl;
/** Data of `AddRiskControl`. */
export type AddRiskControl = t.TypeOf<typeof AddRiskControl>;
/** Data of `EscalateRisk`. */
export const EscalateRisk = risk.EscalateRisk;
/** Data of `EscalateRisk`. */
export type EscalateRisk = t.TypeOf<typeof EscalateRisk>;
/** Data of `DeescalateRisk`. */
export const DeescalateRisk = risk.DeescalateRisk;
/** Data of `DeescalateRisk`. */
export type DeescalateRisk = t.TypeOf<typeof DeescalateRisk>;
/** Data of `CloseRisk`. */
export const CloseRisk = risk.CloseRisk;
/** Data of `CloseRisk`. */
export type CloseRisk = t.TypeOf<typeof CloseRisk>;
/** Data of `ReopenRisk`. */
export const ReopenRisk = risk.ReopenRisk;
/** Data of `ReopenRisk`. */
export type ReopenRisk = t.TypeOf<typeof ReopenRisk>;
/** Data of `LinkMitigatingAction`. */
export const LinkMitigatingAction = risk.LinkMitigatingAction;
/** Data of `LinkMitigatingAction`. */
export type LinkMitigatingAction = t.TypeOf<typeof LinkMitigatingAction>;

/** Data of `SealLedger`. */
export const SealLedger = ledger.SealLedger;
/** Data of `SealLedger`. */
export type SealLedger = t.TypeOf<typeof SealLedger>;
