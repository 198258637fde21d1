// The Schedule 7 record of a statutory recommendation (Local Audit and Accountability Act
// 2014): the days it was sent to the authority and to the Secretary of State, the notice of
// the authority's decision published with the auditor's approval, and the auditor notified.
// The decision itself is `RecommendationResponded` (see decide.ts). Pure rules.
import type { CommandsOf, Decision, Facts } from '../decision';
import { emit, refuse, refuseRule } from '../decision';
import type { DomainError } from '../errors';
import { forbidden, invalidTransition, ruleViolated } from '../errors';
import type { ProgrammeState } from '../programme/state';
import type { RecommendationSource } from '../codec/vocabulary';
import { dayOf, isAfterDay, isBeforeDay } from '../time';
import type { RaisedRecommendation } from './state';

/** The sources whose raiser keeps a say: the improvement panel and the external auditor. */
const RAISER_KEEPS_A_SAY: ReadonlySet<RecommendationSource> = new Set<RecommendationSource>([
  'improvement-panel',
  'external-auditor',
]);

/** True when the recommendation was raised by the improvement panel or the external auditor. */
export const raisedByPanelOrAuditor = (s: RaisedRecommendation): boolean =>
  RAISER_KEEPS_A_SAY.has(s.source);

/**
 * Who may agree a new due date for a recommendation of the panel or the auditor: the body it
 * was last handed over to (`RecommendationsHandedOver`, read in its programme), else the
 * actor who raised it (`raisedBy`). Null when the raiser is not known: recommendations raised
 * before the raiser was recorded keep the older rule (any named `agreedBy`).
 */
export function whoMayAgree(
  s: RaisedRecommendation,
  programme: ProgrammeState | undefined,
): string | null {
  const successor =
    programme?.status === 'established'
      ? programme.handedOverTo.get(s.recommendationId)
      : undefined;
  return successor ?? s.raisedBy;
}

/**
 * The rule `redate-agreed-by-raiser`: a recommendation raised by the improvement panel or
 * the external auditor is re-dated only with its raiser's (or, after a handover, its
 * successor's) agreement, named in `agreedBy` and recorded on the revision. Null: allowed.
 */
export function agreedByRaiser(
  agreedBy: string | undefined,
  s: RaisedRecommendation,
  programme: ProgrammeState | undefined,
): DomainError | null {
  if (!raisedByPanelOrAuditor(s)) return null;
  const who = whoMayAgree(s, programme);
  const raiser = who === null ? 'its raiser (or its successor)' : who;
  if (agreedBy === undefined)
    return ruleViolated(
      'redate-agreed-by-raiser',
      `data.agreedBy: a recommendation of the ${s.source} is re-dated only with the agreement of ${raiser}; name who agreed`,
    );
  if (who === null || agreedBy === who) return null;
  return ruleViolated(
    'redate-agreed-by-raiser',
    `data.agreedBy: ${agreedBy} is neither the raiser of this recommendation of the ${s.source} nor its successor; only ${who} may agree a new due date`,
  );
}

const notStatutory = (command: string) =>
  refuseRule(
    'schedule7-statutory-only',
    `${command} records a step of Schedule 7, which only a statutory recommendation has`,
  );

/** A day given on the command may not be after the day the command is issued. */
function notFuture(field: string, day: string, f: Facts): Decision | null {
  const today = dayOf(f.issuer.occurredAt);
  return isAfterDay(day, today)
    ? refuseRule(
        'day-not-future',
        `data.${field}: ${day} is after the command's day ${today}; record a step once it has happened`,
      )
    : null;
}

/**
 * The auditor records the day a statutory recommendation was sent to the authority (the day
 * the one-month consideration period runs from) and the day a copy went to the Secretary of
 * State. Once, before the authority has considered it, on or after the day it was raised.
 */
export function recordSent(
  c: CommandsOf<'RecordStatutoryRecommendationSent'>,
  s: RaisedRecommendation,
  f: Facts,
): Decision {
  if (s.classification !== 'statutory') return notStatutory(c.type);
  if (s.status !== 'raised') return refuse(invalidTransition(s.status, c.type));
  if (s.sentOn !== null)
    return refuseRule('schedule7-sent-once', `it was already sent on ${s.sentOn}`);
  for (const field of ['sentOn', 'secretaryOfStateOn'] as const) {
    const day = c.data[field];
    if (isBeforeDay(day, s.raisedOn))
      return refuseRule(
        'sent-after-raised',
        `data.${field}: ${day} is before the recommendation was raised on ${s.raisedOn}`,
      );
    const future = notFuture(field, day, f);
    if (future !== null) return future;
  }
  return emit({ type: 'StatutoryRecommendationSent', data: c.data });
}

/** The checks shared by the notice and the auditor's notification: after the decision, once. */
function afterDecision(
  command: string,
  s: RaisedRecommendation,
  field: string,
  day: string,
  done: string | null,
  f: Facts,
): Decision | null {
  if (s.classification !== 'statutory') return notStatutory(command);
  if (!s.responded || s.status === 'withdrawn')
    return refuseRule(
      'schedule7-after-decision',
      `${command} follows the authority's decision at its meeting; no decision is recorded`,
    );
  if (done !== null)
    return refuseRule('schedule7-once', `${command} was already recorded on ${done}`);
  if (s.consideredOn !== null && isBeforeDay(day, s.consideredOn))
    return refuseRule(
      'schedule7-after-meeting',
      `data.${field}: ${day} is before the meeting of ${s.consideredOn} that decided`,
    );
  return notFuture(field, day, f);
}

/**
 * The authority publishes the notice of its decision, approved by the auditor (`approvedBy`,
 * `approvedOn` on or before the day published). Once, after the decision, on or after the
 * meeting's day.
 */
export function publishNotice(
  c: CommandsOf<'PublishStatutoryNotice'>,
  s: RaisedRecommendation,
  f: Facts,
): Decision {
  const { publishedOn, approvedOn } = c.data;
  const bad = afterDecision(c.type, s, 'publishedOn', publishedOn, s.noticePublishedOn, f);
  if (bad !== null) return bad;
  if (isAfterDay(approvedOn, publishedOn))
    return refuseRule(
      'notice-approved-by-auditor',
      `data.approvedOn: the auditor's approval (${approvedOn}) must come on or before the notice is published (${publishedOn})`,
    );
  if (s.consideredOn !== null && isBeforeDay(approvedOn, s.consideredOn))
    return refuseRule(
      'schedule7-after-meeting',
      `data.approvedOn: ${approvedOn} is before the meeting of ${s.consideredOn} that decided`,
    );
  return emit({ type: 'StatutoryNoticePublished', data: c.data });
}

/** The authority notifies the auditor of its decision: once, after the decision. */
export function notifyAuditor(
  c: CommandsOf<'NotifyAuditor'>,
  s: RaisedRecommendation,
  f: Facts,
): Decision {
  const bad = afterDecision(c.type, s, 'notifiedOn', c.data.notifiedOn, s.auditorNotifiedOn, f);
  return bad ?? emit({ type: 'AuditorNotified', data: c.data });
}

/**
 * An adviser advises and reports: verifying or reopening a recommendation of the improvement
 * panel or the external auditor belongs to the panel, the auditor or the board. Null when the
 * issuer may go on.
 */
export function adviserMayNotJudge(
  command: 'VerifyImplementation' | 'ReopenRecommendation',
  s: RaisedRecommendation,
  f: Facts,
): Decision | null {
  if (f.issuer.role !== 'adviser' || !raisedByPanelOrAuditor(s)) return null;
  return refuse(
    forbidden(
      f.issuer.role,
      command,
      `an adviser advises and reports; a recommendation of the ${s.source} is verified or reopened by the panel, the auditor or the board`,
    ),
  );
}
