// The events of the Recommendation aggregate: each carries its command's fields (target id
// included) plus the extras listed in DOMAIN.md; additions are marked "addition".
import * as t from 'io-ts';
import { named, strict } from '../codec/strict';
import { CalendarDate, Id, ShortText, Text, Uri } from '../codec/primitives';
import { dueDateRevision } from '../codec/fields';
import {
  Classification,
  EvidenceList,
  RecommendationSource,
  ResponseDecision,
} from '../codec/vocabulary';

/** The data codec of every Recommendation event, by event type (in DOMAIN.md order). */
export const recommendationEvents = named({
  /**
   * A recommendation was raised. Additions: `raisedOn`, the UTC day of the command's valid
   * time, which starts the statutory consideration period (evolve sees no envelope); and
   * `raisedBy`, the actor who raised it (the raiser whose agreement a re-dating of a panel's
   * or auditor's recommendation needs; absent on older events).
   */
  RecommendationRaised: strict(
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
  ),
  /** The auditor extended the consideration period of a statutory recommendation. */
  ConsiderationPeriodExtended: strict({
    recommendationId: Id,
    untilOn: CalendarDate,
    reason: Text,
  }),
  /**
   * The council responded; `late` when a statutory response came after its consideration
   * deadline. For a statutory recommendation this is the decision taken at the meeting
   * (Schedule 7): whether it accepts the recommendation (`decision`) and what it will do
   * (`response`). Addition: `consideredOn`, the day of the meeting named (written from the
   * meeting's record; absent on older events and on responses naming no meeting).
   */
  RecommendationResponded: strict(
    { recommendationId: Id, decision: ResponseDecision, response: Text, late: t.boolean },
    { meetingId: Id, programmeId: Id, consideredOn: CalendarDate },
  ),
  /**
   * The auditor sent a statutory recommendation to the authority (`sentOn`, the day the
   * one-month consideration period runs from) and a copy to the Secretary of State
   * (`secretaryOfStateOn`). Schedule 7 of the Local Audit and Accountability Act 2014.
   */
  StatutoryRecommendationSent: strict({
    recommendationId: Id,
    sentOn: CalendarDate,
    secretaryOfStateOn: CalendarDate,
  }),
  /**
   * The authority published the notice of its decision on a statutory recommendation, with
   * the auditor's approval (`approvedBy`, the approving auditor; `approvedOn`, the day).
   */
  StatutoryNoticePublished: strict(
    {
      recommendationId: Id,
      publishedOn: CalendarDate,
      approvedBy: Id,
      approvedOn: CalendarDate,
      summary: Text,
    },
    { uri: Uri },
  ),
  /** The authority notified the auditor of its decision on a statutory recommendation. */
  AuditorNotified: strict({ recommendationId: Id, notifiedOn: CalendarDate, auditor: Id }),
  /** A recommendation got an owner. */
  RecommendationOwnerAssigned: strict({ recommendationId: Id, owner: Id }, { previousOwner: Id }),
  /** An extension of the due date was requested. */
  RecommendationExtensionRequested: strict({
    recommendationId: Id,
    proposedDueOn: CalendarDate,
    reason: Text,
  }),
  /** A pending extension request was declined. */
  RecommendationExtensionDeclined: strict({ recommendationId: Id, reason: Text }),
  /**
   * The due date was revised; the original due date is carried and never changes. Addition:
   * `agreedBy`, the raiser (or its successor) who agreed the new date: required when the
   * recommendation was raised by the improvement panel or the external auditor, absent on
   * older events. On new revisions it names the actor who raised the recommendation
   * (`raisedBy`) or, once it was handed over, the body that now holds it.
   */
  RecommendationDueDateRevised: strict(
    { recommendationId: Id, ...dueDateRevision },
    { agreedBy: Id },
  ),
  /** Implementation was claimed. Addition: `claimedBy`, the claiming actor (a verifier must differ). */
  ImplementationClaimed: strict({
    recommendationId: Id,
    summary: Text,
    evidence: EvidenceList,
    claimedBy: Id,
  }),
  /** The claimed implementation was verified. */
  ImplementationVerified: strict({
    recommendationId: Id,
    outcome: t.literal('verified'),
    notes: Text,
  }),
  /** The claimed implementation was not verified: back to agreed. */
  ImplementationNotVerified: strict({
    recommendationId: Id,
    outcome: t.literal('not-verified'),
    notes: Text,
  }),
  /** A verified recommendation was closed. */
  RecommendationClosed: strict({ recommendationId: Id, note: Text }),
  /** A recommendation was withdrawn. */
  RecommendationWithdrawn: strict({ recommendationId: Id, reason: Text, approvedBy: Id }),
  /** A verified or closed recommendation was reopened (back to agreed). */
  RecommendationReopened: strict({ recommendationId: Id, reason: Text }),
});
