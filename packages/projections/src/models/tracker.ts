import {
  daysBetween,
  defaultRagPolicy,
  isAfterDay,
  isRecommendationOverdue,
  isSlipped,
  oneMonthFrom,
  type RagPolicy,
  type Rating,
  type RecommendationStatus,
} from '@assure/domain';
import type { RecommendationFacts } from './facts';
import { factsOf, historyOf, type HistoryState, type UpdateFacts } from './history';
import type { ActionsState, ProgrammesState, RecommendationsState } from './views';

/** The states the tracker reads. */
export interface TrackerStates {
  readonly recommendations: RecommendationsState;
  readonly actions: ActionsState;
  /** Item histories (absent: the history columns are empty). */
  readonly history?: HistoryState;
  /** Programmes, for the last meeting (absent: no meeting is known). */
  readonly programmes?: ProgrammesState;
}

/** What changed about a recommendation since the last meeting of its programme's bodies. */
export interface SinceLastMeeting {
  /** The day of the last meeting on or before the as-at day. */
  readonly meetingOn: string;
  /** The updates after that day, in order. */
  readonly updates: readonly UpdateFacts[];
}

/** One row of the recommendation tracker (CLI.md, `assure tracker --json`). */
export interface TrackerRow {
  readonly id: string;
  readonly areaId: string;
  readonly title: string;
  readonly source: string;
  readonly classification: string;
  readonly status: RecommendationStatus;
  /** The first due date, kept forever. */
  readonly originalDueOn: string;
  /** The current due date. */
  readonly dueOn: string;
  /** How many times the due date was revised. */
  readonly revisions: number;
  /** The current due date is after the original one. */
  readonly slipped: boolean;
  /** Raised or agreed, and the as-at day after the current due date. */
  readonly overdue: boolean;
  /** Days past the current due date when overdue, else 0. */
  readonly daysOverdue: number;
  /** Who approved each due-date revision, in order. */
  readonly revisionApprovers: readonly string[];
  /** Days the implementation claim has waited for verification; null when none is pending. */
  readonly awaitingVerificationDays: number | null;
  /** The latest update (day and event type), null when none is recorded. */
  readonly latestUpdate: UpdateFacts | null;
  /**
   * The recommendation's own RAG: the document's policy over it and its actions; null when
   * the policy's counting rule leaves it out (`@2`: withdrawn or rejected).
   */
  readonly rag: Rating | null;
  /** The day it was last reopened, null when never. */
  readonly reopenedOn: string | null;
  /** Updates since the programme's last meeting; null when no meeting is known. */
  readonly sinceLastMeeting: SinceLastMeeting | null;
  readonly owner: string | null;
  /** Actions planned against the recommendation, in the order they were planned. */
  readonly actionIds: readonly string[];
  /** Evidence items given with implementation claims. */
  readonly evidenceCount: number;
  /**
   * Late response: the response's own `late` flag; before any response, a statutory
   * recommendation still raised after its consideration deadline (one month from the day
   * it was sent, or raised when that is not recorded, or the extension) counts as late.
   */
  readonly late: boolean;
  /** An extension request is pending. */
  readonly extensionRequested: boolean;
  /** Statutory recommendations only: the Schedule 7 days (null: not recorded). */
  readonly schedule7?: Schedule7Days;
}

/** The Schedule 7 days of a statutory recommendation's tracker row. */
export interface Schedule7Days {
  /** The day sent to the authority (the one month runs from it). */
  readonly sentOn: string | null;
  /** The day a copy was sent to the Secretary of State. */
  readonly secretaryOfStateOn: string | null;
  /** The last day it may be considered without being late. */
  readonly deadlineOn: string;
  /** The day of the meeting that decided, when the response recorded it. */
  readonly consideredOn: string | null;
  /** The day the notice of the decision, approved by the auditor, was published. */
  readonly noticePublishedOn: string | null;
  /** The day the auditor was notified of the decision. */
  readonly auditorNotifiedOn: string | null;
}

/** The normative `assure tracker --json` document. */
export interface TrackerDocument {
  readonly asAt: string;
  /** The RAG policy of the rows' `rag`. */
  readonly policy: string;
  readonly rows: readonly TrackerRow[];
}

/** Options of {@link trackerReport}. */
export interface TrackerOptions {
  /** The day overdue and late flags are computed against. */
  readonly asAt: string;
  /** Only this programme's recommendations. */
  readonly programmeId?: string;
  /** Only this area's recommendations. */
  readonly areaId?: string;
  /** The RAG policy of each row's own `rag` (default `bcc-cgip@2`). */
  readonly policy?: RagPolicy;
}

/** The day of the last meeting of any of a programme's bodies on or before `asAt`. */
export function lastMeetingOn(
  programmes: ProgrammesState | undefined,
  programmeId: string,
  asAt: string,
): string | null {
  let last: string | null = null;
  for (const body of programmes?.get(programmeId)?.bodies ?? [])
    for (const m of body.meetings)
      if (!isAfterDay(m.heldOn, asAt) && (last === null || isAfterDay(m.heldOn, last)))
        last = m.heldOn;
  return last;
}

/**
 * The consideration deadline of a statutory recommendation: the auditor's extension, else
 * one month from the day sent to the authority (from the day raised when that was never
 * recorded).
 */
export function considerationDeadline(r: RecommendationFacts): string {
  return r.considerationUntilOn ?? oneMonthFrom(r.sentOn ?? r.raisedOn);
}

const schedule7Of = (r: RecommendationFacts): Schedule7Days => ({
  sentOn: r.sentOn,
  secretaryOfStateOn: r.secretaryOfStateOn,
  deadlineOn: considerationDeadline(r),
  consideredOn: r.consideredOn,
  noticePublishedOn: r.noticePublishedOn,
  auditorNotifiedOn: r.auditorNotifiedOn,
});

/**
 * The recommendation tracker: one row per recommendation in the order they were raised,
 * with original and current due dates, revisions, slipped and overdue flags at the as-at
 * day, linked actions, evidence count and late statutory responses.
 *
 * @example
 * trackerReport(states, { asAt: '2019-03-15' }).rows.filter((r) => r.overdue);
 */
export function trackerReport(states: TrackerStates, options: TrackerOptions): TrackerDocument {
  const { asAt } = options;
  const policy = options.policy ?? defaultRagPolicy;
  const linked = new Map<string, string[]>();
  for (const a of states.actions.values())
    for (const rid of a.recommendationIds) {
      const list = linked.get(rid);
      if (list === undefined) linked.set(rid, [a.id]);
      else list.push(a.id);
    }
  const rows: TrackerRow[] = [];
  for (const r of states.recommendations.values()) {
    if (options.programmeId !== undefined && r.programmeId !== options.programmeId) continue;
    if (options.areaId !== undefined && r.areaId !== options.areaId) continue;
    const late =
      r.respondedLate ??
      (r.classification === 'statutory' &&
        r.status === 'raised' &&
        isAfterDay(asAt, considerationDeadline(r)));
    const history = historyOf(states.history, 'recommendation', r.id);
    const actions = (linked.get(r.id) ?? []).flatMap((id) => {
      const a = states.actions.get(id);
      if (a === undefined) return [];
      const baselineDueOn = factsOf(states.history, 'action', id)?.baselineDueOn ?? null;
      return [baselineDueOn === null ? a : { ...a, baselineDueOn }];
    });
    const baselineDueOn = history?.baselineDueOn ?? null;
    const item = baselineDueOn === null ? r : { ...r, baselineDueOn };
    const overdue = isRecommendationOverdue(r, asAt);
    const meetingOn = lastMeetingOn(states.programmes, r.programmeId, asAt);
    const updates = history?.updates ?? [];
    const claimedOn = history?.claimedOn ?? null;
    rows.push({
      id: r.id,
      areaId: r.areaId,
      title: r.title,
      source: r.source,
      classification: r.classification,
      status: r.status,
      originalDueOn: r.originalDueOn,
      dueOn: r.dueOn,
      revisions: r.revisions,
      slipped: isSlipped(r),
      overdue,
      daysOverdue: overdue ? daysBetween(r.dueOn, asAt) : 0,
      // A copy: a document never shares an array with the view's state.
      revisionApprovers: history === undefined ? [] : history.revisionApprovers.slice(),
      awaitingVerificationDays:
        r.status === 'implementation-claimed' && claimedOn !== null
          ? daysBetween(claimedOn, asAt)
          : null,
      latestUpdate: updates[updates.length - 1] ?? null,
      rag:
        policy.counting.recommendation(r.status) === 'excluded'
          ? null
          : policy.rate({ recommendations: [item], actions }, asAt),
      reopenedOn: history?.reopenedOn ?? null,
      sinceLastMeeting:
        meetingOn === null
          ? null
          : { meetingOn, updates: updates.filter((u) => isAfterDay(u.on, meetingOn)) },
      owner: r.owner,
      actionIds: linked.get(r.id) ?? [],
      evidenceCount: r.evidenceCount,
      late,
      extensionRequested: r.extensionRequested,
      ...(r.classification === 'statutory' ? { schedule7: schedule7Of(r) } : {}),
    });
  }
  return { asAt, policy: policy.name, rows };
}
