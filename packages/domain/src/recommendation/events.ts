// The events of the Recommendation aggregate: each carries its command's fields (target id
// included) plus the extras listed in DOMAIN.md; additions are marked "addition".
import * as t from 'io-ts';
import { strict } from '../codec/strict';
import { CalendarDate, Id, ShortText, Text, Uri } from '../codec/primitives';
import {
  Classification,
  EvidenceList,
  RecommendationSource,
  ResponseDecision,
} from '../codec/vocabulary';

/**
 * A recommendation was raised. Additions: `raisedOn`, the UTC day of the command's valid
 * time, which starts the statutory consideration period (evolve sees no envelope); and
 * `raisedBy`, the actor who raised it (the raiser whose agreement a re-dating of a panel's
 * or auditor's recommendation needs; absent on older events).
 */
export const RecommendationRaised = strict(
  {
    recommendationId: Id,
    programmeId: Id,
    areaId: Id,
    source: RecommendationSource,
    classification: Classification,
    title: Text,
    dueOn: CalendarDate,
    raisedOn: CalendarDate,
  },
  { reference: ShortText, detail: Text, raisedBy: Id },
  'RecommendationRaised',
);
/** A recommendation was raised. */
export type RecommendationRaised = t.TypeOf<typeof RecommendationRaised>;

/** The auditor extended the consideration period of a statutory recommendation. */
export const ConsiderationPeriodExtended = strict(
  { recommendationId: Id, untilOn: CalendarDate, reason: Text },
  {},
  'ConsiderationPeriodExtended',
);
/** The auditor extended the consideration period. */
export type ConsiderationPeriodExtended = t.TypeOf<typeof ConsiderationPeriodExtended>;

/**
 * The council responded; `late` when a statutory response came after its consideration
 * deadline. For a statutory recommendation this is the decision taken at the meeting
 * (Schedule 7): whether it accepts the recommendation (`decision`) and what it will do
 * (`response`). Addition: `consideredOn`, the day of the meeting named (written from the
 * meeting's record; absent on older events and on responses naming no meeting).
 */
export const RecommendationResponded = strict(
  { recommendationId: Id, decision: ResponseDecision, response: Text, late: t.boolean },
  { meetingId: Id, programmeId: Id, consideredOn: CalendarDate },
  'RecommendationResponded',
);
/** The council responded to a recommendation. */
export type RecommendationResponded = t.TypeOf<typeof RecommendationResponded>;

/**
 * The auditor sent a statutory recommendation to the authority (`sentOn`, the day the
 * one-month consideration period runs from) and a copy to the Secretary of State
 * (`secretaryOfStateOn`). Schedule 7 of the Local Audit and Accountability Act 2014.
 */
export const StatutoryRecommendationSent = strict(
  { recommendationId: Id, sentOn: CalendarDate, secretaryOfStateOn: CalendarDate },
  {},
  'StatutoryRecommendationSent',
);
/** A statutory recommendation was sent to the authority and the Secretary of State. */
export type StatutoryRecommendationSent = t.TypeOf<typeof StatutoryRecommendationSent>;

/**
 * The authority published the notice of its decision on a statutory recommendation, with
 * the auditor's approval (`approvedBy`, the approving auditor; `approvedOn`, the day).
 */
export const StatutoryNoticePublished = strict(
  {
    recommendationId: Id,
    publishedOn: CalendarDate,
    approvedBy: Id,
    approvedOn: CalendarDate,
    summary: Text,
  },
  { uri: Uri },
  'StatutoryNoticePublished',
);
/** The notice of the decision on a statutory recommendation was published. */
export type StatutoryNoticePublished = t.TypeOf<typeof StatutoryNoticePublished>;

/** The authority notified the auditor of its decision on a statutory recommendation. */
export const AuditorNotified = strict(
  { recommendationId: Id, notifiedOn: CalendarDate, auditor: Id },
  {},
  'AuditorNotified',
);
/** The auditor was notified of the decision on a statutory recommendation. */
export type AuditorNotified = t.TypeOf<typeof AuditorNotified>;

/** A recommendation got an owner. */
export const RecommendationOwnerAssigned = strict(
  { recommendationId: Id, owner: Id },
  { previousOwner: Id },
  'RecommendationOwnerAssigned',
);
/** A recommendation got an owner. */
export type RecommendationOwnerAssigned = t.TypeOf<typeof RecommendationOwnerAssigned>;

/** An extension of the due date was requested. */
export const RecommendationExtensionRequested = strict(
  { recommendationId: Id, proposedDueOn: CalendarDate, reason: Text },
  {},
  'RecommendationExtensionRequested',
);
/** An extension of the due date was requested. */
export type RecommendationExtensionRequested = t.TypeOf<typeof RecommendationExtensionRequested>;

/** A pending extension request was declined. */
export const RecommendationExtensionDeclined = strict(
  { recommendationId: Id, reason: Text },
  {},
  'RecommendationExtensionDeclined',
);
/** A pending extension request was declined. */
export type RecommendationExtensionDeclined = t.TypeOf<typeof RecommendationExtensionDeclined>;

/**
 * The due date was revised; the original due date is carried and never changes. Addition:
 * `agreedBy`, the raiser (or its successor) who agreed the new date: required when the
 * recommendation was raised by the improvement panel or the external auditor, absent on
 * older events. On new revisions it names the actor who raised the recommendation
 * (`raisedBy`) or, once it was handed over, the body that now holds it.
 */
export const RecommendationDueDateRevised = strict(
  {
    recommendationId: Id,
    dueOn: CalendarDate,
    reason: Text,
    approvedBy: Id,
    previousDueOn: CalendarDate,
    originalDueOn: CalendarDate,
  },
  { agreedBy: Id },
  'RecommendationDueDateRevised',
);
/** The due date was revised. */
export type RecommendationDueDateRevised = t.TypeOf<typeof RecommendationDueDateRevised>;

/** Implementation was claimed. Addition: `claimedBy`, the claiming actor (a verifier must differ). */
export const ImplementationClaimed = strict(
  { recommendationId: Id, summary: Text, evidence: EvidenceList, claimedBy: Id },
  {},
  'ImplementationClaimed',
);
/** Implementation was claimed. */
export type ImplementationClaimed = t.TypeOf<typeof ImplementationClaimed>;

/** The claimed implementation was verified. */
export const ImplementationVerified = strict(
  { recommendationId: Id, outcome: t.literal('verified'), notes: Text },
  {},
  'ImplementationVerified',
);
/** The claimed implementation was verified. */
export type ImplementationVerified = t.TypeOf<typeof ImplementationVerified>;

/** The claimed implementation was not verified: back to agreed. */
export const ImplementationNotVerified = strict(
  { recommendationId: Id, outcome: t.literal('not-verified'), notes: Text },
  {},
  'ImplementationNotVerified',
);
/** The claimed implementation was not verified. */
export type ImplementationNotVerified = t.TypeOf<typeof ImplementationNotVerified>;

/** A verified recommendation was closed. */
export const RecommendationClosed = strict(
  { recommendationId: Id, note: Text },
  {},
  'RecommendationClosed',
);
/** A verified recommendation was closed. */
export type RecommendationClosed = t.TypeOf<typeof RecommendationClosed>;

/** A recommendation was withdrawn. */
export const RecommendationWithdrawn = strict(
  { recommendationId: Id, reason: Text, approvedBy: Id },
  {},
  'RecommendationWithdrawn',
);
/** A recommendation was withdrawn. */
export type RecommendationWithdrawn = t.TypeOf<typeof RecommendationWithdrawn>;

/** A verified or closed recommendation was reopened (back to agreed). */
export const RecommendationReopened = strict(
  { recommendationId: Id, reason: Text },
  {},
  'RecommendationReopened',
);
/** A recommendation was reopened. */
export type RecommendationReopened = t.TypeOf<typeof RecommendationReopened>;

/** The data codec of every Recommendation event, by event type (in DOMAIN.md order). */
export const recommendationEvents = {
  RecommendationRaised,
  ConsiderationPeriodExtended,
  RecommendationResponded,
  StatutoryRecommendationSent,
  StatutoryNoticePublished,
  AuditorNotified,
  RecommendationOwnerAssigned,
  RecommendationExtensionRequested,
  RecommendationExtensionDeclined,
  RecommendationDueDateRevised,
  ImplementationClaimed,
  ImplementationVerified,
  ImplementationNotVerified,
  RecommendationClosed,
  RecommendationWithdrawn,
  RecommendationReopened,
} as const;
