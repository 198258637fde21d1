// The commands of the Recommendation aggregate: the data each one takes, as io-ts codecs.
// Texts, URIs and dates come through the input codecs (codec/limits.ts), which add the
// input limits to the primitives that events are read with.
import type * as t from 'io-ts';
import { strict } from '../codec/strict';
import { Id } from '../codec/primitives';
import { InputDate, InputEvidenceList, InputShortText, InputText } from '../codec/limits';
import {
  Classification,
  RecommendationSource,
  ResponseDecision,
  VerificationOutcome,
} from '../codec/vocabulary';

/** Data of `RaiseRecommendation`. */
export const RaiseRecommendation = strict(
  {
    recommendationId: Id,
    programmeId: Id,
    areaId: Id,
    source: RecommendationSource,
    classification: Classification,
    title: InputText,
    dueOn: InputDate,
  },
  { reference: InputShortText, detail: InputText },
  'RaiseRecommendation',
);
/** Data of `RaiseRecommendation`. */
export type RaiseRecommendation = t.TypeOf<typeof RaiseRecommendation>;

/** Data of `ExtendConsiderationPeriod`: the auditor extends the statutory consideration period. */
export const ExtendConsiderationPeriod = strict(
  { recommendationId: Id, untilOn: InputDate, reason: InputText },
  {},
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
export const RespondToRecommendation = strict(
  { recommendationId: Id, decision: ResponseDecision, response: InputText },
  { meetingId: Id, programmeId: Id },
  'RespondToRecommendation',
);
/** Data of `RespondToRecommendation`. */
export type RespondToRecommendation = t.TypeOf<typeof RespondToRecommendation>;

/** Data of `AssignRecommendationOwner`. */
export const AssignRecommendationOwner = strict(
  { recommendationId: Id, owner: Id },
  {},
  'AssignRecommendationOwner',
);
/** Data of `AssignRecommendationOwner`. */
export type AssignRecommendationOwner = t.TypeOf<typeof AssignRecommendationOwner>;

/** Data of `RequestRecommendationExtension`. */
export const RequestRecommendationExtension = strict(
  { recommendationId: Id, proposedDueOn: InputDate, reason: InputText },
  {},
  'RequestRecommendationExtension',
);
/** Data of `RequestRecommendationExtension`. */
export type RequestRecommendationExtension = t.TypeOf<typeof RequestRecommendationExtension>;

/** Data of `DeclineRecommendationExtension`. */
export const DeclineRecommendationExtension = strict(
  { recommendationId: Id, reason: InputText },
  {},
  'DeclineRecommendationExtension',
);
/** Data of `DeclineRecommendationExtension`. */
export type DeclineRecommendationExtension = t.TypeOf<typeof DeclineRecommendationExtension>;

/** Data of `ReviseRecommendationDueDate` (needs `approvedBy`; the original due date is kept). */
export const ReviseRecommendationDueDate = strict(
  { recommendationId: Id, dueOn: InputDate, reason: InputText, approvedBy: Id },
  {},
  'ReviseRecommendationDueDate',
);
/** Data of `ReviseRecommendationDueDate`. */
export type ReviseRecommendationDueDate = t.TypeOf<typeof ReviseRecommendationDueDate>;

/** Data of `ClaimImplementation` (at least one evidence item). */
export const ClaimImplementation = strict(
  { recommendationId: Id, summary: InputText, evidence: InputEvidenceList },
  {},
  'ClaimImplementation',
);
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
export const CloseRecommendation = strict(
  { recommendationId: Id, note: InputText },
  {},
  'CloseRecommendation',
);
/** Data of `CloseRecommendation`. */
export type CloseRecommendation = t.TypeOf<typeof CloseRecommendation>;

/** Data of `WithdrawRecommendation` (needs `approvedBy`). */
export const WithdrawRecommendation = strict(
  { recommendationId: Id, reason: InputText, approvedBy: Id },
  {},
  'WithdrawRecommendation',
);
/** Data of `WithdrawRecommendation`. */
export type WithdrawRecommendation = t.TypeOf<typeof WithdrawRecommendation>;

/** Data of `ReopenRecommendation`. */
export const ReopenRecommendation = strict(
  { recommendationId: Id, reason: InputText },
  {},
  'ReopenRecommendation',
);
/** Data of `ReopenRecommendation`. */
export type ReopenRecommendation = t.TypeOf<typeof ReopenRecommendation>;

/** The data codec of every Recommendation command, by command type (in DOMAIN.md order). */
export const recommendationCommands = {
  RaiseRecommendation,
  ExtendConsiderationPeriod,
  RespondToRecommendation,
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
