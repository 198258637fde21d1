import type { CalendarDate, Id } from '../codec/primitives';
import type { Classification, RecommendationSource } from '../codec/vocabulary';
import {
  alreadyExists,
  forbidden,
  invalidTransition,
  notFound,
  ruleViolated,
  validationFailed,
} from '../errors';
import { isId } from '../codec/primitives';
import type { DomainEvent } from '../events';
import { isEventOf } from '../events';
import type { RecommendationStatus } from '../policies/status';
import { isRecommendationOpen } from '../policies/status';
import { dayOf, isAfterDay, isBeforeDay, oneMonthFrom } from '../time';
import type { CommandsOf, Decision, Facts } from './common';
import { patch } from './common';
import { NO_DATE, NO_ID, emit, refuse } from './common';
import type { ProgrammeState } from './programme';
import { checkAreas } from './references';

/** Folded state of a `recommendation-<id>` stream (`status: 'none'` before it is raised). */
export interface RecommendationState {
  readonly kind: 'recommendation';
  readonly status: RecommendationStatus | 'none';
  readonly recommendationId: Id;
  readonly programmeId: Id;
  readonly areaId: Id;
  readonly source: RecommendationSource;
  readonly classification: Classification;
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
}

/** Commands of the Recommendation aggregate. */
export type RecommendationCommand = CommandsOf<
  | 'RaiseRecommendation'
  | 'ExtendConsiderationPeriod'
  | 'RespondToRecommendation'
  | 'AssignRecommendationOwner'
  | 'RequestRecommendationExtension'
  | 'DeclineRecommendationExtension'
  | 'ReviseRecommendationDueDate'
  | 'ClaimImplementation'
  | 'VerifyImplementation'
  | 'CloseRecommendation'
  | 'WithdrawRecommendation'
  | 'ReopenRecommendation'
>;

/** What the recommendation decider needs from other streams. */
export interface RecommendationFacts extends Facts {
  /**
   * The programme whose areas, bodies and meetings the rules read: for RaiseRecommendation the
   * one the command names; for RespondToRecommendation the recommendation's own programme,
   * where the meeting that considered it is recorded (its day is `meetings.get(id).heldOn`).
   */
  readonly programme: ProgrammeState | undefined;
}

/** The state of a recommendation stream with no events. */
export const initialRecommendationState: RecommendationState = {
  kind: 'recommendation',
  status: 'none',
  recommendationId: NO_ID,
  programmeId: NO_ID,
  areaId: NO_ID,
  source: 'other',
  classification: 'improvement',
  raisedOn: NO_DATE,
  originalDueOn: NO_DATE,
  dueOn: NO_DATE,
  revisions: 0,
  owner: null,
  considerationUntilOn: null,
  pendingExtension: null,
  claimedBy: null,
  late: false,
};

/**
 * The last day on which a statutory recommendation may be considered without being late:
 * the auditor's extension when there is one, else the last day of the month beginning with
 * the day it was raised (see `oneMonthFrom`).
 */
export const considerationDeadline = (s: {
  readonly raisedOn: string;
  readonly considerationUntilOn: string | null;
}): CalendarDate => (s.considerationUntilOn as CalendarDate | null) ?? oneMonthFrom(s.raisedOn);

/** Folds one event into a recommendation's state; other events leave it unchanged. */
export function evolveRecommendation(s: RecommendationState, e: DomainEvent): RecommendationState {
  if (!isEventOf('recommendation', e)) return s;
  switch (e.type) {
    case 'RecommendationRaised':
      return {
        ...initialRecommendationState,
        status: 'raised',
        recommendationId: e.data.recommendationId,
        programmeId: e.data.programmeId,
        areaId: e.data.areaId,
        source: e.data.source,
        classification: e.data.classification,
        raisedOn: e.data.raisedOn,
        originalDueOn: e.data.dueOn,
        dueOn: e.data.dueOn,
      };
    case 'ConsiderationPeriodExtended':
      return patch(s, { considerationUntilOn: e.data.untilOn });
    case 'RecommendationResponded':
      return {
        ...s,
        status: e.data.decision === 'rejected' ? 'rejected' : 'agreed',
        late: e.data.late,
      };
    case 'RecommendationOwnerAssigned':
      return patch(s, { owner: e.data.owner });
    case 'RecommendationExtensionRequested':
      return patch(s, { pendingExtension: e.data.proposedDueOn });
    case 'RecommendationExtensionDeclined':
      return patch(s, { pendingExtension: null });
    case 'RecommendationDueDateRevised':
      return patch(s, { dueOn: e.data.dueOn, revisions: s.revisions + 1, pendingExtension: null });
    case 'ImplementationClaimed':
      return patch(s, { status: 'implementation-claimed', claimedBy: e.data.claimedBy });
    case 'ImplementationVerified':
      return patch(s, { status: 'verified' });
    case 'ImplementationNotVerified':
      return patch(s, { status: 'agreed', claimedBy: null });
    case 'RecommendationClosed':
      return patch(s, { status: 'closed' });
    case 'RecommendationWithdrawn':
      return patch(s, { status: 'withdrawn', pendingExtension: null });
    case 'RecommendationReopened':
      return patch(s, { status: 'agreed', claimedBy: null });
    default: {
      const never: never = e;
      return never;
    }
  }
}

const CONSIDERING_BODIES: ReadonlySet<string> = new Set(['cabinet', 'full-council']);

/**
 * Decides a response to a raised recommendation. A response naming a meeting happens on or
 * after the meeting's day, and the meeting is looked up in the recommendation's own programme
 * (`programmeId` on the command is optional; when given it must be that programme). A
 * statutory response is late when the day of the meeting that considered it is after the
 * consideration deadline; the day the response is recorded does not move it.
 */
function decideResponse(
  c: CommandsOf<'RespondToRecommendation'>,
  s: RecommendationState,
  f: RecommendationFacts,
): Decision {
  const stream = `recommendation-${c.data.recommendationId}`;
  const statutory = s.classification === 'statutory';
  const { meetingId, programmeId } = c.data;
  if (programmeId !== undefined && programmeId !== s.programmeId)
    return refuse(
      ruleViolated(
        'programme-mismatch',
        `data.programmeId: ${stream} belongs to programme-${s.programmeId}, not programme-${programmeId}`,
      ),
    );
  if (meetingId === undefined) {
    if (statutory)
      return refuse(
        ruleViolated(
          'statutory-response-meeting',
          'a statutory recommendation must be considered at a meeting of a cabinet or full-council body: give meetingId',
        ),
      );
    return emit({ type: 'RecommendationResponded', data: { ...c.data, late: false } });
  }
  const meeting = f.programme?.meetings.get(meetingId);
  if (meeting === undefined)
    return refuse(
      ruleViolated(
        'reference-missing',
        `meeting ${meetingId} is not recorded in programme-${s.programmeId}`,
      ),
    );
  const body = f.programme?.bodies.get(meeting.bodyId);
  if (statutory && (body === undefined || !CONSIDERING_BODIES.has(body.kind)))
    return refuse(
      ruleViolated(
        'statutory-response-meeting',
        `meeting ${meetingId} is of body ${meeting.bodyId} (${body?.kind ?? 'unknown'}); a statutory recommendation must be considered by a cabinet or full-council body`,
      ),
    );
  const respondedOn = dayOf(f.issuer.occurredAt);
  if (isBeforeDay(respondedOn, meeting.heldOn))
    return refuse(
      ruleViolated(
        'response-after-meeting',
        `meta.occurredAt: the response is dated ${respondedOn}, before ${meetingId} was held on ${meeting.heldOn}; a response naming a meeting happens on or after the meeting's day`,
      ),
    );
  const late = statutory && isAfterDay(meeting.heldOn, considerationDeadline(s));
  return emit({
    type: 'RecommendationResponded',
    data: { ...c.data, programmeId: s.programmeId, late },
  });
}

/** Decides a Recommendation command. */
export function decideRecommendation(
  c: RecommendationCommand,
  s: RecommendationState,
  f: RecommendationFacts,
): Decision {
  const stream = `recommendation-${c.data.recommendationId}`;
  if (c.type === 'RaiseRecommendation') {
    if (s.status !== 'none') return refuse(alreadyExists(stream));
    if (c.data.classification === 'statutory' && c.data.source !== 'external-auditor')
      return refuse(
        ruleViolated(
          'statutory-source-auditor',
          'a statutory recommendation must have source external-auditor',
        ),
      );
    const bad = checkAreas(f.programme, c.data.programmeId, [c.data.areaId], false);
    if (bad !== null) return refuse(bad);
    return emit({
      type: 'RecommendationRaised',
      data: { ...c.data, raisedOn: dayOf(f.issuer.occurredAt) },
    });
  }
  if (s.status === 'none') return refuse(notFound(stream));
  const status = s.status;
  const statutory = s.classification === 'statutory';
  switch (c.type) {
    case 'ExtendConsiderationPeriod':
      if (!statutory)
        return refuse(
          ruleViolated(
            'consideration-statutory-only',
            'only a statutory recommendation has a consideration period to extend',
          ),
        );
      if (status !== 'raised') return refuse(invalidTransition(status, c.type));
      return emit({ type: 'ConsiderationPeriodExtended', data: c.data });
    case 'RespondToRecommendation':
      return status === 'raised'
        ? decideResponse(c, s, f)
        : refuse(invalidTransition(status, c.type));
    case 'AssignRecommendationOwner':
      if (status === 'withdrawn' || status === 'closed')
        return refuse(invalidTransition(status, c.type));
      return emit({
        type: 'RecommendationOwnerAssigned',
        data: s.owner === null ? c.data : { ...c.data, previousOwner: s.owner },
      });
    case 'RequestRecommendationExtension':
      if (status !== 'agreed') return refuse(invalidTransition(status, c.type));
      if (s.pendingExtension !== null)
        return refuse(
          ruleViolated(
            'one-pending-extension',
            `an extension to ${s.pendingExtension} is already pending`,
          ),
        );
      return emit({ type: 'RecommendationExtensionRequested', data: c.data });
    case 'DeclineRecommendationExtension':
      if (s.pendingExtension === null)
        return refuse(ruleViolated('extension-pending', 'no extension request is pending'));
      return emit({ type: 'RecommendationExtensionDeclined', data: c.data });
    case 'ReviseRecommendationDueDate':
      if (!isRecommendationOpen(status)) return refuse(invalidTransition(status, c.type));
      if (c.data.dueOn === s.dueOn)
        return refuse(ruleViolated('due-date-changes', `the due date is already ${s.dueOn}`));
      return emit({
        type: 'RecommendationDueDateRevised',
        data: { ...c.data, previousDueOn: s.dueOn, originalDueOn: s.originalDueOn },
      });
    case 'ClaimImplementation': {
      if (status !== 'agreed') return refuse(invalidTransition(status, c.type));
      const claimedBy = f.issuer.actor;
      if (!isId(claimedBy))
        return refuse(validationFailed([{ path: 'meta.actor', message: 'expected an actor id' }]));
      if (c.data.evidence.length === 0)
        return refuse(
          ruleViolated(
            'evidence-required',
            'a claim of implementation needs at least one evidence item',
          ),
        );
      return emit({
        type: 'ImplementationClaimed',
        data: { ...c.data, claimedBy },
      });
    }
    case 'VerifyImplementation': {
      if (status !== 'implementation-claimed') return refuse(invalidTransition(status, c.type));
      const actor = f.issuer.actor;
      if (actor === s.owner || actor === s.claimedBy)
        return refuse(
          ruleViolated(
            'verifier-independent',
            `${actor} is the ${actor === s.owner ? 'owner' : 'claimant'} and may not verify`,
          ),
        );
      const { outcome } = c.data;
      return outcome === 'verified'
        ? emit({ type: 'ImplementationVerified', data: { ...c.data, outcome } })
        : emit({ type: 'ImplementationNotVerified', data: { ...c.data, outcome } });
    }
    case 'CloseRecommendation':
      if (status !== 'verified') return refuse(invalidTransition(status, c.type));
      return emit({ type: 'RecommendationClosed', data: c.data });
    case 'WithdrawRecommendation':
      if (status !== 'raised' && status !== 'agreed')
        return refuse(invalidTransition(status, c.type));
      if (statutory && f.issuer.role !== 'auditor' && f.issuer.role !== 'system')
        return refuse(
          forbidden(
            f.issuer.role,
            c.type,
            'only the auditor may withdraw a statutory recommendation',
          ),
        );
      return emit({ type: 'RecommendationWithdrawn', data: c.data });
    case 'ReopenRecommendation':
      if (status !== 'verified' && status !== 'closed')
        return refuse(invalidTransition(status, c.type));
      return emit({ type: 'RecommendationReopened', data: c.data });
    default: {
      const never: never = c;
      return never;
    }
  }
}
