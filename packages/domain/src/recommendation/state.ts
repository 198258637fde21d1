import type { CalendarDate, Id } from '../codec/primitives';
import type { Classification, RecommendationSource } from '../codec/vocabulary';
import type { Absent } from '../decision';
import { folding, patch, pick } from '../decision';
import type { DomainEvent } from '../events';
import type { RecommendationStatus } from '../policies/status';
import { oneMonthFrom } from '../time';

/** A raised recommendation (in any status after that). */
export interface RaisedRecommendation {
  readonly kind: 'recommendation';
  readonly status: RecommendationStatus;
  readonly recommendationId: Id;
  readonly programmeId: Id;
  readonly areaId: Id;
  readonly source: RecommendationSource;
  readonly classification: Classification;
  /** The actor who raised it (null on events recorded before the raiser was kept). */
  readonly raisedBy: Id | null;
  /** The UTC day it was raised (starts the statutory consideration period). */
  readonly raisedOn: CalendarDate;
  /** The due date set when raised: never changes. */
  readonly originalDueOn: CalendarDate;
  readonly dueOn: CalendarDate;
  /** Number of due-date revisions. */
  readonly revisions: number;
  readonly owner: Id | null;
  /** The auditor's extension of the consideration period, if any. */
  readonly considerationUntilOn: CalendarDate | null;
  /** Proposed due date of the pending extension request, if any. */
  readonly pendingExtension: CalendarDate | null;
  /** Who claimed implementation (while implementation-claimed). */
  readonly claimedBy: Id | null;
  /** Whether the response came after the consideration deadline. */
  readonly late: boolean;
  /** The day a statutory recommendation was sent to the authority (null: not recorded). */
  readonly sentOn: CalendarDate | null;
  /** The day of the meeting that considered it, when the response recorded it. */
  readonly consideredOn: CalendarDate | null;
  /** Whether the authority has responded (decided) at all. */
  readonly responded: boolean;
  /** The day the notice of the decision was published (statutory), if it was. */
  readonly noticePublishedOn: CalendarDate | null;
  /** The day the auditor was notified of the decision (statutory), if it was. */
  readonly auditorNotifiedOn: CalendarDate | null;
}

/** Folded state of a `recommendation-<id>` stream: `status: 'none'` before it is raised. */
export type RecommendationState = Absent<'recommendation'> | RaisedRecommendation;

/**
 * The last day on which a statutory recommendation may be considered without being late:
 * the auditor's extension when there is one, else the last day of the month beginning with
 * the day it was sent to the authority (see `oneMonthFrom`; Schedule 7). A record with no
 * `StatutoryRecommendationSent` (older histories) counts from the day it was raised.
 */
export const considerationDeadline = (s: {
  readonly raisedOn: string;
  readonly considerationUntilOn: string | null;
  readonly sentOn?: string | null;
}): CalendarDate =>
  (s.considerationUntilOn as CalendarDate | null) ?? oneMonthFrom(s.sentOn ?? s.raisedOn);

const fold = folding<'RecommendationRaised', RaisedRecommendation>({
  creator: 'RecommendationRaised',
  create: ({ data }) => ({
    status: 'raised',
    ...pick(data, ['recommendationId', 'programmeId', 'areaId', 'source', 'classification']),
    raisedBy: data.raisedBy ?? null,
    raisedOn: data.raisedOn,
    originalDueOn: data.dueOn,
    dueOn: data.dueOn,
    revisions: 0,
    owner: null,
    considerationUntilOn: null,
    pendingExtension: null,
    claimedBy: null,
    late: false,
    sentOn: null,
    consideredOn: null,
    responded: false,
    noticePublishedOn: null,
    auditorNotifiedOn: null,
  }),
  changes: {
    ConsiderationPeriodExtended: (s, { data }) => patch(s, { considerationUntilOn: data.untilOn }),
    RecommendationResponded: (s, { data }) =>
      patch(s, {
        status: data.decision === 'rejected' ? 'rejected' : 'agreed',
        late: data.late,
        responded: true,
        consideredOn: data.consideredOn ?? null,
      }),
    StatutoryRecommendationSent: (s, { data }) => patch(s, { sentOn: data.sentOn }),
    StatutoryNoticePublished: (s, { data }) => patch(s, { noticePublishedOn: data.publishedOn }),
    AuditorNotified: (s, { data }) => patch(s, { auditorNotifiedOn: data.notifiedOn }),
    RecommendationOwnerAssigned: (s, { data }) => patch(s, { owner: data.owner }),
    RecommendationExtensionRequested: (s, { data }) =>
      patch(s, { pendingExtension: data.proposedDueOn }),
    RecommendationExtensionDeclined: (s) => patch(s, { pendingExtension: null }),
    RecommendationDueDateRevised: (s, { data }) =>
      patch(s, { dueOn: data.dueOn, revisions: s.revisions + 1, pendingExtension: null }),
    ImplementationClaimed: (s, { data }) =>
      patch(s, { status: 'implementation-claimed', claimedBy: data.claimedBy }),
    ImplementationVerified: (s) => patch(s, { status: 'verified' }),
    ImplementationNotVerified: (s) => patch(s, { status: 'agreed', claimedBy: null }),
    RecommendationClosed: (s) => patch(s, { status: 'closed' }),
    RecommendationWithdrawn: (s) => patch(s, { status: 'withdrawn', pendingExtension: null }),
    RecommendationReopened: (s) => patch(s, { status: 'agreed', claimedBy: null }),
  },
});

/** The state of a recommendation stream with no events. */
export const initialRecommendationState: RecommendationState = fold.initialState;

/** Folds one event into a recommendation's state; other events leave it unchanged. */
export const evolveRecommendation: (s: RecommendationState, e: DomainEvent) => RecommendationState =
  fold.evolve;
