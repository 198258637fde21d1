// Every event codec, and the data type it decodes, under its own name, for those who take
// one by name (`import { RiskClosed } from '@assure/domain'`). Each is declared once, in its
// aggregate's table of events (`<aggregate>/events.ts`); this file only names the table's
// entries, aggregate by aggregate, in DOMAIN.md order.
import type * as t from 'io-ts';
import { programmeEvents as programme } from './programme/events';
import { adviserEvents as adviser } from './adviser/events';
import { recommendationEvents as recommendation } from './recommendation/events';
import { actionEvents as action } from './action/events';
import { riskEvents as risk } from './risk/events';
import { ledgerEvents as ledger } from './ledger/events';

/** A programme was established. */
export const ProgrammeEstablished = programme.ProgrammeEstablished;
/** A programme was established. */
export type ProgrammeEstablished = t.TypeOf<typeof ProgrammeEstablished>;
/** The programme moved to another phase. */
export const ProgrammePhaseChanged = programme.ProgrammePhaseChanged;
/** The programme moved to another phase. */
export type ProgrammePhaseChanged = t.TypeOf<typeof ProgrammePhaseChanged>;
/** A priority area was defined. */
export const PriorityAreaDefined = programme.PriorityAreaDefined;
/** A priority area was defined. */
export type PriorityAreaDefined = t.TypeOf<typeof PriorityAreaDefined>;
/** A priority area was retired. */
export const PriorityAreaRetired = programme.PriorityAreaRetired;
/** A priority area was retired. */
export type PriorityAreaRetired = t.TypeOf<typeof PriorityAreaRetired>;
/** An oversight or decision body was constituted. */
export const OversightBodyConstituted = programme.OversightBodyConstituted;
/** An oversight or decision body was constituted. */
export type OversightBodyConstituted = t.TypeOf<typeof OversightBodyConstituted>;
/** A body was dissolved. */
export const OversightBodyDissolved = programme.OversightBodyDissolved;
/** A body was dissolved. */
export type OversightBodyDissolved = t.TypeOf<typeof OversightBodyDissolved>;
/** A body held a meeting. */
export const MeetingRecorded = programme.MeetingRecorded;
/** A body held a meeting. */
export type MeetingRecorded = t.TypeOf<typeof MeetingRecorded>;
/** A progress report was submitted. */
export const ProgressReportSubmitted = programme.ProgressReportSubmitted;
/** A progress report was submitted. */
export type ProgressReportSubmitted = t.TypeOf<typeof ProgressReportSubmitted>;
/** A stocktake rated one LGA criterion. */
export const CriterionAssessed = programme.CriterionAssessed;
/** A stocktake rated one LGA criterion. */
export type CriterionAssessed = t.TypeOf<typeof CriterionAssessed>;
/** A stocktake was held. */
export const StocktakeRecorded = programme.StocktakeRecorded;
/** A stocktake was held. */
export type StocktakeRecorded = t.TypeOf<typeof StocktakeRecorded>;
/** A body issued a letter or a report. */
export const BodyOutputIssued = programme.BodyOutputIssued;
/** A body issued a letter or a report. */
export type BodyOutputIssued = t.TypeOf<typeof BodyOutputIssued>;
/** Someone observes a body's meetings as of right. */
export const StandingObserverAdded = programme.StandingObserverAdded;
/** Someone observes a body's meetings as of right. */
export type StandingObserverAdded = t.TypeOf<typeof StandingObserverAdded>;
/** A body handed its open recommendations over to its successor. */
export const RecommendationsHandedOver = programme.RecommendationsHandedOver;
/** A body handed its open recommendations over to its successor. */
export type RecommendationsHandedOver = t.TypeOf<typeof RecommendationsHandedOver>;

/** A non-executive adviser was appointed. */
export const AdviserAppointed = adviser.AdviserAppointed;
/** A non-executive adviser was appointed. */
export type AdviserAppointed = t.TypeOf<typeof AdviserAppointed>;
/** An adviser's areas changed. */
export const AdviserReassigned = adviser.AdviserReassigned;
/** An adviser's areas changed. */
export type AdviserReassigned = t.TypeOf<typeof AdviserReassigned>;
/** An adviser submitted a report. */
export const AdviserReportSubmitted = adviser.AdviserReportSubmitted;
/** An adviser submitted a report. */
export type AdviserReportSubmitted = t.TypeOf<typeof AdviserReportSubmitted>;
/** An adviser stood down (final). */
export const AdviserStoodDown = adviser.AdviserStoodDown;
/** An adviser stood down (final). */
export type AdviserStoodDown = t.TypeOf<typeof AdviserStoodDown>;

/** A recommendation was raised. */
export const RecommendationRaised = recommendation.RecommendationRaised;
/** A recommendation was raised. */
export type RecommendationRaised = t.TypeOf<typeof RecommendationRaised>;
/** The auditor extended the consideration period. */
export const ConsiderationPeriodExtended = recommendation.ConsiderationPeriodExtended;
/** The auditor extended the consideration period. */
export type ConsiderationPeriodExtended = t.TypeOf<typeof ConsiderationPeriodExtended>;
/** The council responded to a recommendation. */
export const RecommendationResponded = recommendation.RecommendationResponded;
/** The council responded to a recommendation. */
export type RecommendationResponded = t.TypeOf<typeof RecommendationResponded>;
/** A statutory recommendation was sent to the authority and the Secretary of State. */
export const StatutoryRecommendationSent = recommendation.StatutoryRecommendationSent;
/** A statutory recommendation was sent to the authority and the Secretary of State. */
export type StatutoryRecommendationSent = t.TypeOf<typeof StatutoryRecommendationSent>;
/** The notice of the decision on a statutory recommendation was published. */
export const StatutoryNoticePublished = recommendation.StatutoryNoticePublished;
/** The notice of the decision on a statutory recommendation was published. */
export type StatutoryNoticePublished = t.TypeOf<typeof StatutoryNoticePublished>;
/** The auditor was notified of the decision on a statutory recommendation. */
export const AuditorNotified = recommendation.AuditorNotified;
/** The auditor was notified of the decision on a statutory recommendation. */
export type AuditorNotified = t.TypeOf<typeof AuditorNotified>;
/** A recommendation got an owner. */
export const RecommendationOwnerAssigned = recommendation.RecommendationOwnerAssigned;
/** A recommendation got an owner. */
export type RecommendationOwnerAssigned = t.TypeOf<typeof RecommendationOwnerAssigned>;
/** An extension of the due date was requested. */
export const RecommendationExtensionRequested = recommendation.RecommendationExtensionRequested;
/** An extension of the due date was requested. */
export type RecommendationExtensionRequested = t.TypeOf<typeof RecommendationExtensionRequested>;
/** A pending extension request was declined. */
export const RecommendationExtensionDeclined = recommendation.RecommendationExtensionDeclined;
/** A pending extension request was declined. */
export type RecommendationExtensionDeclined = t.TypeOf<typeof RecommendationExtensionDeclined>;
/** The due date was revised. */
export const RecommendationDueDateRevised = recommendation.RecommendationDueDateRevised;
/** The due date was revised. */
export type RecommendationDueDateRevised = t.TypeOf<typeof RecommendationDueDateRevised>;
/** Implementation was claimed. */
export const ImplementationClaimed = recommendation.ImplementationClaimed;
/** Implementation was claimed. */
export type ImplementationClaimed = t.TypeOf<typeof ImplementationClaimed>;
/** The claimed implementation was verified. */
export const ImplementationVerified = recommendation.ImplementationVerified;
/** The claimed implementation was verified. */
export type ImplementationVerified = t.TypeOf<typeof ImplementationVerified>;
/** The claimed implementation was not verified. */
export const ImplementationNotVerified = recommendation.ImplementationNotVerified;
/** The claimed implementation was not verified. */
export type ImplementationNotVerified = t.TypeOf<typeof ImplementationNotVerified>;
/** A verified recommendation was closed. */
export const RecommendationClosed = recommendation.RecommendationClosed;
/** A verified recommendation was closed. */
export type RecommendationClosed = t.TypeOf<typeof RecommendationClosed>;
/** A recommendation was withdrawn. */
export const RecommendationWithdrawn = recommendation.RecommendationWithdrawn;
/** A recommendation was withdrawn. */
export type RecommendationWithdrawn = t.TypeOf<typeof RecommendationWithdrawn>;
/** A recommendation was reopened. */
export const RecommendationReopened = recommendation.RecommendationReopened;
/** A recommendation was reopened. */
export type RecommendationReopened = t.TypeOf<typeof RecommendationReopened>;

/** An action was planned. */
export const ActionPlanned = action.ActionPlanned;
/** An action was planned. */
export type ActionPlanned = t.TypeOf<typeof ActionPlanned>;
/** Progress on an action was recorded. */
export const ActionProgressRecorded = action.ActionProgressRecorded;
/** Progress on an action was recorded. */
export type ActionProgressRecorded = t.TypeOf<typeof ActionProgressRecorded>;
/** An action's lead changed. */
export const ActionLeadReassigned = action.ActionLeadReassigned;
/** An action's lead changed. */
export type ActionLeadReassigned = t.TypeOf<typeof ActionLeadReassigned>;
/** An action's due date was revised. */
export const ActionDueDateRevised = action.ActionDueDateRevised;
/** An action's due date was revised. */
export type ActionDueDateRevised = t.TypeOf<typeof ActionDueDateRevised>;
/** An action was completed. */
export const ActionCompleted = action.ActionCompleted;
/** An action was completed. */
export type ActionCompleted = t.TypeOf<typeof ActionCompleted>;
/** A completed action was reopened. */
export const ActionReopened = action.ActionReopened;
/** A completed action was reopened. */
export type ActionReopened = t.TypeOf<typeof ActionReopened>;
/** An action was cancelled. */
export const ActionCancelled = action.ActionCancelled;
/** An action was cancelled. */
export type ActionCancelled = t.TypeOf<typeof ActionCancelled>;

/** A risk was identified. */
export const RiskIdentified = risk.RiskIdentified;
/** A risk was identified. */
export type RiskIdentified = t.TypeOf<typeof RiskIdentified>;
/** A risk's current score changed. */
export const RiskRescored = risk.RiskRescored;
/** A risk's current score changed. */
export type RiskRescored = t.TypeOf<typeof RiskRescored>;
/** A risk was reviewed with its scores unchanged. */
export const RiskReviewed = risk.RiskReviewed;
/** A risk was reviewed with its scores unchanged. */
export type RiskReviewed = t.TypeOf<typeof RiskReviewed>;
/** A risk's target changed. */
export const RiskTargetSet = risk.RiskTargetSet;
/** A risk's target changed. */
export type RiskTargetSet = t.TypeOf<typeof RiskTargetSet>;
/** A risk's owner changed. */
export const RiskOwnerReassigned = risk.RiskOwnerReassigned;
/** A risk's owner changed. */
export type RiskOwnerReassigned = t.TypeOf<typeof RiskOwnerReassigned>;
/** A control was added to a risk. */
export const RiskControlAdded = risk.RiskControlAdded;
/** A control was added to a risk. */
export type RiskControlAdded = t.TypeOf<typeof RiskControlAdded>;
/** A risk was escalated to a body. */
export const RiskEscalated = risk.RiskEscalated;
/** A risk was escalated to a body. */
export type RiskEscalated = t.TypeOf<typeof RiskEscalated>;
/** A risk was de-escalated. */
export const RiskDeescalated = risk.RiskDeescalated;
/** A risk was de-escalated. */
export type RiskDeescalated = t.TypeOf<typeof RiskDeescalated>;
/** A risk was closed. */
export const RiskClosed = risk.RiskClosed;
/** A risk was closed. */
export type RiskClosed = t.TypeOf<typeof RiskClosed>;
/** A closed risk was reopened. */
export const RiskReopened = risk.RiskReopened;
/** A closed risk was reopened. */
export type RiskReopened = t.TypeOf<typeof RiskReopened>;
/** An action was linked to a risk as mitigating it. */
export const MitigatingActionLinked = risk.MitigatingActionLinked;
/** An action was linked to a risk as mitigating it. */
export type MitigatingActionLinked = t.TypeOf<typeof MitigatingActionLinked>;

/** A Merkle checkpoint of the log. */
export const LedgerSealed = ledger.LedgerSealed;
/** A Merkle checkpoint of the log. */
export type LedgerSealed = t.TypeOf<typeof LedgerSealed>;
