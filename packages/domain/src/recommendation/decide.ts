import { CalendarDate, isId } from '../codec/primitives';
import type { CommandsIn } from '../commands';
import type { CommandsOf, Decide, Decider, Decision, Facts, Lifecycle } from '../decision';
import { deciding, emit, onlyFrom, refuse, refuseRule } from '../decision';
import { forbidden, invalidTransition, validationFailed } from '../errors';
import { isRecommendationOpen } from '../policies/status';
import { checkAreas } from '../programme/references';
import type { ProgrammeState } from '../programme/state';
import { dayOf, isAfterDay, isBeforeDay } from '../time';
import type { RaisedRecommendation, RecommendationState } from './state';
import { considerationDeadline, evolveRecommendation, initialRecommendationState } from './state';
import {
  adviserMayNotJudge,
  agreedByRaiser,
  notifyAuditor,
  publishNotice,
  recordSent,
} from './statutory';

/** Commands of the Recommendation aggregate. */
export type RecommendationCommand = CommandsIn<'recommendation'>;

/** What the recommendation decider needs from other streams. */
export interface RecommendationFacts extends Facts {
  /**
   * The programme whose areas, bodies and meetings the rules read: for RaiseRecommendation the
   * one the command names; for RespondToRecommendation the recommendation's own programme,
   * where the meeting that considered it is recorded (its day is `meetings.get(id).heldOn`);
   * for ReviseRecommendationDueDate the recommendation's own programme, where a handover
   * of it to a successor body is recorded.
   */
  readonly programme: ProgrammeState | undefined;
}

/** Raising, then the rule of each command on a raised recommendation. */
const lifecycle: Lifecycle<
  RecommendationCommand,
  'RaiseRecommendation',
  RaisedRecommendation,
  RecommendationFacts
> = {
  create: raise,
  creator: 'RaiseRecommendation',
  rules: {
    ExtendConsiderationPeriod: extendConsideration,
    RespondToRecommendation: onlyFrom(['raised'], respond),
    RecordStatutoryRecommendationSent: recordSent,
    PublishStatutoryNotice: publishNotice,
    NotifyAuditor: notifyAuditor,
    AssignRecommendationOwner: assignOwner,
    RequestRecommendationExtension: onlyFrom(['agreed'], requestExtension),
    DeclineRecommendationExtension: declineExtension,
    ReviseRecommendationDueDate: reviseDueDate,
    ClaimImplementation: onlyFrom(['agreed'], claimImplementation),
    VerifyImplementation: onlyFrom(['implementation-claimed'], verifyImplementation),
    CloseRecommendation: onlyFrom(['verified'], (c) =>
      emit({ type: 'RecommendationClosed', data: c.data }),
    ),
    WithdrawRecommendation: onlyFrom(['raised', 'agreed'], withdraw),
    ReopenRecommendation: onlyFrom(
      ['verified', 'closed'],
      (c, s, f) =>
        adviserMayNotJudge(c.type, s, f) ?? emit({ type: 'RecommendationReopened', data: c.data }),
    ),
  },
};

/** Decides a Recommendation command: one function per command below. */
export const decideRecommendation: Decide<
  RecommendationCommand,
  RecommendationState,
  RecommendationFacts
> = deciding(lifecycle);

function raise(c: CommandsOf<'RaiseRecommendation'>, f: RecommendationFacts): Decision {
  if (c.data.classification === 'statutory' && c.data.source !== 'external-auditor')
    return refuseRule(
      'statutory-source-auditor',
      'a statutory recommendation must have source external-auditor',
    );
  const bad = checkAreas(f.programme, c.data.programmeId, [c.data.areaId], false);
  if (bad !== null) return refuse(bad);
  const raisedBy = f.issuer.actor;
  return emit({
    type: 'RecommendationRaised',
    data: {
      ...c.data,
      raisedOn: dayOf(f.issuer.occurredAt),
      ...(isId(raisedBy) ? { raisedBy } : {}),
    },
  });
}

function extendConsideration(
  c: CommandsOf<'ExtendConsiderationPeriod'>,
  s: RaisedRecommendation,
): Decision {
  if (s.classification !== 'statutory')
    return refuseRule(
      'consideration-statutory-only',
      'only a statutory recommendation has a consideration period to extend',
    );
  if (s.status !== 'raised') return refuse(invalidTransition(s.status, c.type));
  return emit({ type: 'ConsiderationPeriodExtended', data: c.data });
}

/**
 * The bodies that may consider a statutory recommendation. Schedule 7 leaves it to the
 * authority's members meeting as a whole (full Council), not the executive: once the day it
 * was sent is recorded, only a full-council meeting counts. Histories kept before that day
 * was recorded (no `StatutoryRecommendationSent`) keep the older rule, which also accepted
 * a cabinet meeting, so they stay valid.
 */
const FULL_COUNCIL: ReadonlySet<string> = new Set(['full-council']);
const CONSIDERING_BODIES_BEFORE_SENT: ReadonlySet<string> = new Set(['cabinet', 'full-council']);

/**
 * Decides a response to a raised recommendation. A response naming a meeting happens on or
 * after the meeting's day, and the meeting is looked up in the recommendation's own programme
 * (`programmeId` on the command is optional; when given it must be that programme). A
 * statutory response is late when the day of the meeting that considered it is after the
 * consideration deadline; the day the response is recorded does not move it.
 */
function respond(
  c: CommandsOf<'RespondToRecommendation'>,
  s: RaisedRecommendation,
  f: RecommendationFacts,
): Decision {
  const stream = `recommendation-${c.data.recommendationId}`;
  const statutory = s.classification === 'statutory';
  const { meetingId, programmeId } = c.data;
  if (programmeId !== undefined && programmeId !== s.programmeId)
    return refuseRule(
      'programme-mismatch',
      `data.programmeId: ${stream} belongs to programme-${s.programmeId}, not programme-${programmeId}`,
    );
  if (meetingId === undefined) {
    if (statutory)
      return refuseRule(
        'statutory-response-meeting',
        'a statutory recommendation must be considered at a meeting of a cabinet or full-council body: give meetingId',
      );
    return emit({ type: 'RecommendationResponded', data: { ...c.data, late: false } });
  }
  const programme = f.programme?.status === 'established' ? f.programme : undefined;
  const meeting = programme?.meetings.get(meetingId);
  if (meeting === undefined)
    return refuseRule(
      'reference-missing',
      `meeting ${meetingId} is not recorded in programme-${s.programmeId}`,
    );
  const body = programme?.bodies.get(meeting.bodyId);
  const bodies = s.sentOn === null ? CONSIDERING_BODIES_BEFORE_SENT : FULL_COUNCIL;
  if (statutory && (body === undefined || !bodies.has(body.kind)))
    return refuseRule(
      'statutory-response-meeting',
      `meeting ${meetingId} is of body ${meeting.bodyId} (${body?.kind ?? 'unknown'}); a statutory recommendation must be considered by ${s.sentOn === null ? 'a cabinet or full-council body' : 'a full-council body (Schedule 7: not the executive)'}`,
    );
  if (statutory && s.sentOn !== null && isBeforeDay(meeting.heldOn, s.sentOn))
    return refuseRule(
      'considered-after-sent',
      `meeting ${meetingId} was held on ${meeting.heldOn}, before the recommendation was sent on ${s.sentOn}`,
    );
  const respondedOn = dayOf(f.issuer.occurredAt);
  if (isBeforeDay(respondedOn, meeting.heldOn))
    return refuseRule(
      'response-after-meeting',
      `meta.occurredAt: the response is dated ${respondedOn}, before ${meetingId} was held on ${meeting.heldOn}; a response naming a meeting happens on or after the meeting's day`,
    );
  const late = statutory && isAfterDay(meeting.heldOn, considerationDeadline(s));
  return emit({
    type: 'RecommendationResponded',
    data: {
      ...c.data,
      programmeId: s.programmeId,
      late,
      ...(CalendarDate.is(meeting.heldOn) ? { consideredOn: meeting.heldOn } : {}),
    },
  });
}

function assignOwner(
  c: CommandsOf<'AssignRecommendationOwner'>,
  s: RaisedRecommendation,
): Decision {
  if (s.status === 'withdrawn' || s.status === 'closed')
    return refuse(invalidTransition(s.status, c.type));
  return emit({
    type: 'RecommendationOwnerAssigned',
    data: s.owner === null ? c.data : { ...c.data, previousOwner: s.owner },
  });
}

function requestExtension(
  c: CommandsOf<'RequestRecommendationExtension'>,
  s: RaisedRecommendation,
): Decision {
  if (s.pendingExtension !== null)
    return refuseRule(
      'one-pending-extension',
      `an extension to ${s.pendingExtension} is already pending`,
    );
  return emit({ type: 'RecommendationExtensionRequested', data: c.data });
}

function declineExtension(
  c: CommandsOf<'DeclineRecommendationExtension'>,
  s: RaisedRecommendation,
): Decision {
  if (s.pendingExtension === null)
    return refuseRule('extension-pending', 'no extension request is pending');
  return emit({ type: 'RecommendationExtensionDeclined', data: c.data });
}

function reviseDueDate(
  c: CommandsOf<'ReviseRecommendationDueDate'>,
  s: RaisedRecommendation,
  f: RecommendationFacts,
): Decision {
  if (!isRecommendationOpen(s.status)) return refuse(invalidTransition(s.status, c.type));
  if (c.data.dueOn === s.dueOn)
    return refuseRule('due-date-changes', `the due date is already ${s.dueOn}`);
  const notAgreed = agreedByRaiser(c.data.agreedBy, s, f.programme);
  if (notAgreed !== null) return refuse(notAgreed);
  return emit({
    type: 'RecommendationDueDateRevised',
    data: { ...c.data, previousDueOn: s.dueOn, originalDueOn: s.originalDueOn },
  });
}

function claimImplementation(
  c: CommandsOf<'ClaimImplementation'>,
  _s: RaisedRecommendation,
  f: RecommendationFacts,
): Decision {
  const claimedBy = f.issuer.actor;
  if (!isId(claimedBy))
    return refuse(validationFailed([{ path: 'meta.actor', message: 'expected an actor id' }]));
  if (c.data.evidence.length === 0)
    return refuseRule(
      'evidence-required',
      'a claim of implementation needs at least one evidence item',
    );
  return emit({ type: 'ImplementationClaimed', data: { ...c.data, claimedBy } });
}

function verifyImplementation(
  c: CommandsOf<'VerifyImplementation'>,
  s: RaisedRecommendation,
  f: RecommendationFacts,
): Decision {
  const actor = f.issuer.actor;
  if (actor === s.owner || actor === s.claimedBy)
    return refuseRule(
      'verifier-independent',
      `${actor} is the ${actor === s.owner ? 'owner' : 'claimant'} and may not verify`,
    );
  const adviser = adviserMayNotJudge(c.type, s, f);
  if (adviser !== null) return adviser;
  const { outcome } = c.data;
  return outcome === 'verified'
    ? emit({ type: 'ImplementationVerified', data: { ...c.data, outcome } })
    : emit({ type: 'ImplementationNotVerified', data: { ...c.data, outcome } });
}

function withdraw(
  c: CommandsOf<'WithdrawRecommendation'>,
  s: RaisedRecommendation,
  f: RecommendationFacts,
): Decision {
  const role = f.issuer.role;
  if (s.classification === 'statutory' && role !== 'auditor' && role !== 'system')
    return refuse(
      forbidden(role, c.type, 'only the auditor may withdraw a statutory recommendation'),
    );
  return emit({ type: 'RecommendationWithdrawn', data: c.data });
}

/** The Recommendation decider: initial state, evolve and decide together. */
export const recommendationDecider: Decider<
  RecommendationCommand,
  RecommendationState,
  RecommendationFacts
> = {
  initialState: initialRecommendationState,
  evolve: evolveRecommendation,
  decide: decideRecommendation,
};
