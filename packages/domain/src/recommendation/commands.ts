// The commands of the Recommendation aggregate: the data each one takes. A command carries its
// event's fields but those the decider adds, read through the input codecs (codec/limits.ts:
// no control characters, dates 1900-2199); see `commandOf`. VerifyImplementation, whose
// outcome chooses between two events, is declared on its own.
import type * as t from 'io-ts';
import { commandOf } from '../codec/command-of';
import { Id } from '../codec/primitives';
import { InputText } from '../codec/limits';
import { strict } from '../codec/strict';
import { VerificationOutcome } from '../codec/vocabulary';
import {
  RecommendationRaised,
  ConsiderationPeriodExtended,
  RecommendationResponded,
  RecommendationOwnerAssigned,
  RecommendationExtensionRequested,
  RecommendationExtensionDeclined,
  RecommendationDueDateRevised,
  ImplementationClaimed,
  RecommendationClosed,
  RecommendationWithdrawn,
  RecommendationReopened,
  StatutoryRecommendationSent,
  StatutoryNoticePublished,
  AuditorNotified,
} from './events';

/** Data of `RaiseRecommendation`. */
export const RaiseRecommendation = commandOf(RecommendationRaised, 'RaiseRecommendation', [
  'raisedOn',
  'raisedBy',
]);
/** Data of `RaiseRecommendation`. */
export type RaiseRecommendation = t.TypeOf<typeof RaiseRecommendation>;

/** Data of `ExtendConsiderationPeriod`: the auditor extends the statutory consideration period. */
export const ExtendConsiderationPeriod = commandOf(
  ConsiderationPeriodExtended,
  'ExtendConsiderationPeriod',
);
/** Data of `ExtendConsiderationPeriod`. */
export type ExtendConsiderationPeriod = t.TypeOf<typeof ExtendConsiderationPeriod>;

/**
 * Data of `RespondToRecommendation`. `meetingId` names the meeting that considered it
 * (required for statutory ones); the meeting is looked up in the recommendation's own
 * programme, so `programmeId` is optional and, when given, must be that programme. The
 * response's valid time must fall on or after the meeting's day.
 */
export const RespondToRecommendation = commandOf(
  RecommendationResponded,
  'RespondToRecommendation',
  ['late', 'consideredOn'],
);
/** Data of `RespondToRecommendation`. */
export type RespondToRecommendation = t.TypeOf<typeof RespondToRecommendation>;

/** Data of `RecordStatutoryRecommendationSent`: the auditor records the days it was sent. */
export const RecordStatutoryRecommendationSent = commandOf(
  StatutoryRecommendationSent,
  'RecordStatutoryRecommendationSent',
);
/** Data of `RecordStatutoryRecommendationSent`. */
export type RecordStatutoryRecommendationSent = t.TypeOf<typeof RecordStatutoryRecommendationSent>;

/** Data of `PublishStatutoryNotice`: the notice of the decision, with the auditor's approval. */
export const PublishStatutoryNotice = commandOf(StatutoryNoticePublished, 'PublishStatutoryNotice');
/** Data of `PublishStatutoryNotice`. */
export type PublishStatutoryNotice = t.TypeOf<typeof PublishStatutoryNotice>;

/** Data of `NotifyAuditor`: the authority notifies the auditor of its decision. */
export const NotifyAuditor = commandOf(AuditorNotified, 'NotifyAuditor');
/** Data of `NotifyAuditor`. */
export type NotifyAuditor = t.TypeOf<typeof NotifyAuditor>;

/** Data of `AssignRecommendationOwner`. */
export const AssignRecommendationOwner = commandOf(
  RecommendationOwnerAssigned,
  'AssignRecommendationOwner',
  ['previousOwner'],
);
/** Data of `AssignRecommendationOwner`. */
export type AssignRecommendationOwner = t.TypeOf<typeof AssignRecommendationOwner>;

/** Data of `RequestRecommendationExtension`. */
export const RequestRecommendationExtension = commandOf(
  RecommendationExtensionRequested,
  'RequestRecommendationExtension',
);
/** Data of `RequestRecommendationExtension`. */
export type RequestRecommendationExtension = t.TypeOf<typeof RequestRecommendationExtension>;

/** Data of `DeclineRecommendationExtension`. */
export const DeclineRecommendationExtension = commandOf(
  RecommendationExtensionDeclined,
  'DeclineRecommendationExtension',
);
/** Data of `DeclineRecommendationExtension`. */
export type DeclineRecommendationExtension = t.TypeOf<typeof DeclineRecommendationExtension>;

/** Data of `ReviseRecommendationDueDate` (needs `approvedBy`; the original due date is kept). */
export const ReviseRecommendationDueDate = commandOf(
  RecommendationDueDateRevised,
  'ReviseRecommendationDueDate',
  ['previousDueOn', 'originalDueOn'],
);
/** Data of `ReviseRecommendationDueDate`. */
export type ReviseRecommendationDueDate = t.TypeOf<typeof ReviseRecommendationDueDate>;

/** Data of `ClaimImplementation` (at least one evidence item). */
export const ClaimImplementation = commandOf(ImplementationClaimed, 'ClaimImplementation', [
  'claimedBy',
]);
/** Data of `ClaimImplementation`. */
export type ClaimImplementation = t.TypeOf<typeof ClaimImplementation>;

/** Data of `VerifyImplementation`. */
export const VerifyImplementation = strict(
  { recommendationId: Id, outcome: VerificationOutcome, notes: InputText },
  {},
  'VerifyImplementation',
);
/** Data of `VerifyImplementation`. */
export type VerifyImplementation = t.TypeOf<typeof VerifyImplementation>;

/** Data of `CloseRecommendation`. */
export const CloseRecommendation = commandOf(RecommendationClosed, 'CloseRecommendation');
/** Data of `CloseRecommendation`. */
export type CloseRecommendation = t.TypeOf<typeof CloseRecommendation>;

/** Data of `WithdrawRecommendation` (needs `approvedBy`). */
export const WithdrawRecommendation = commandOf(RecommendationWithdrawn, 'WithdrawRecommendation');
/** Data of `WithdrawRecommendation`. */
export type WithdrawRecommendation = t.TypeOf<typeof WithdrawRecommendation>;

/** Data of `ReopenRecommendation`. */
export const ReopenRecommendation = commandOf(RecommendationReopened, 'ReopenRecommendation');
/** Data of `ReopenRecommendation`. */
export type ReopenRecommendation = t.TypeOf<typeof ReopenRecommendation>;

/** The data codec of every Recommendation command, by command type (in DOMAIN.md order). */
export const recommendationCommands = {
  RaiseRecommendation,
  ExtendConsiderationPeriod,
  RespondToRecommendation,
  RecordStatutoryRecommendationSent,
  PublishStatutoryNotice,
  NotifyAuditor,
  AssignRecommendationOwner,
  RequestRecommendationExtension,
  DeclineRecommendationExtension,
  ReviseRecommendationDueDate,
  ClaimImplementation,
  VerifyImplementation,
  CloseRecommendation,
  WithdrawRecommendation,
  ReopenRecommendation,
} as const;
