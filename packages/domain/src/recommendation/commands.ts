// The commands of the Recommendation aggregate: the data each one takes. A command carries its
// event's fields but those the decider adds, read through the input codecs (codec/limits.ts:
// no control characters, dates 1900-2199); see `commandOf`. VerifyImplementation, whose
// outcome chooses between two events, is declared on its own.
import { commandOf } from '../codec/command-of';
import { Id } from '../codec/primitives';
import { InputText } from '../codec/limits';
import { named, strict } from '../codec/strict';
import { VerificationOutcome } from '../codec/vocabulary';
import { recommendationEvents as e } from './events';

/** The data codec of every Recommendation command, by command type (in DOMAIN.md order). */
export const recommendationCommands = named({
  /** Data of `RaiseRecommendation`. */
  RaiseRecommendation: commandOf(e.RecommendationRaised, ['raisedOn', 'raisedBy']),
  /** Data of `ExtendConsiderationPeriod`: the auditor extends the statutory consideration period. */
  ExtendConsiderationPeriod: commandOf(e.ConsiderationPeriodExtended),
  /**
   * Data of `RespondToRecommendation`. `meetingId` names the meeting that considered it
   * (required for statutory ones); the meeting is looked up in the recommendation's own
   * programme, so `programmeId` is optional and, when given, must be that programme. The
   * response's valid time must fall on or after the meeting's day.
   */
  RespondToRecommendation: commandOf(e.RecommendationResponded, ['late', 'consideredOn']),
  /** Data of `RecordStatutoryRecommendationSent`: the auditor records the days it was sent. */
  RecordStatutoryRecommendationSent: commandOf(e.StatutoryRecommendationSent),
  /** Data of `PublishStatutoryNotice`: the notice of the decision, with the auditor's approval. */
  PublishStatutoryNotice: commandOf(e.StatutoryNoticePublished),
  /** Data of `NotifyAuditor`: the authority notifies the auditor of its decision. */
  NotifyAuditor: commandOf(e.AuditorNotified),
  /** Data of `AssignRecommendationOwner`. */
  AssignRecommendationOwner: commandOf(e.RecommendationOwnerAssigned, ['previousOwner']),
  /** Data of `RequestRecommendationExtension`. */
  RequestRecommendationExtension: commandOf(e.RecommendationExtensionRequested),
  /** Data of `DeclineRecommendationExtension`. */
  DeclineRecommendationExtension: commandOf(e.RecommendationExtensionDeclined),
  /** Data of `ReviseRecommendationDueDate` (needs `approvedBy`; the original due date is kept). */
  ReviseRecommendationDueDate: commandOf(e.RecommendationDueDateRevised, [
    'previousDueOn',
    'originalDueOn',
  ]),
  /** Data of `ClaimImplementation` (at least one evidence item). */
  ClaimImplementation: commandOf(e.ImplementationClaimed, ['claimedBy']),
  /** Data of `VerifyImplementation`. */
  VerifyImplementation: strict({
    recommendationId: Id,
    outcome: VerificationOutcome,
    notes: InputText,
  }),
  /** Data of `CloseRecommendation`. */
  CloseRecommendation: commandOf(e.RecommendationClosed),
  /** Data of `WithdrawRecommendation` (needs `approvedBy`). */
  WithdrawRecommendation: commandOf(e.RecommendationWithdrawn),
  /** Data of `ReopenRecommendation`. */
  ReopenRecommendation: commandOf(e.RecommendationReopened),
});
