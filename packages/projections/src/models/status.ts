import {
  defaultRagPolicy,
  isActionOverdue,
  isRecommendationLate,
  workDue,
  isRecommendationOpen,
  isRecommendationOverdue,
  meanPercentComplete,
  recommendationStatuses,
  riskBandsV1,
  worstRating,
  type CountingRule,
  type RagPolicy,
  type Rating,
  type RecommendationStatus,
  type RiskBand,
} from '@assure/domain';
import type { ActionFacts, RecommendationFacts } from './facts';
import { factsOf, type HistoryState } from './history';
import type { EntityMaps } from './views';

/** The states the status report reads. */
export interface StatusStates extends EntityMaps {
  /** Item histories: where slippage counts from after a reopening (absent: from the original due date). */
  readonly history?: HistoryState;
}

/** Recommendation counters of an area or a programme. */
export interface RecommendationCounters {
  readonly total: number;
  readonly open: number;
  readonly overdue: number;
  /** Raised or agreed and past the current due date or the original one (restarted by a reopening). */
  readonly late: number;
  /** Done under the policy's counting rule (`bcc-cgip@2`: verified or closed). */
  readonly done: number;
  /** Left out by the policy's counting rule (`@2`: withdrawn or rejected; `@1`: none). */
  readonly excluded: number;
  /** Every status, zero included, in lifecycle order. */
  readonly byStatus: Readonly<Record<RecommendationStatus, number>>;
}
/** Action counters of an area or a programme. */
export interface ActionCounters {
  readonly total: number;
  readonly completed: number;
  readonly cancelled: number;
  readonly overdue: number;
  /** Done under the policy's counting rule (`@2`: completed; `@1`: completed or cancelled). */
  readonly done: number;
  /** Left out by the policy's counting rule (`@2`: cancelled; `@1`: none). */
  readonly excluded: number;
  /** Mean percent complete of the non-cancelled actions (a completed one counts 100), rounded; null without any. */
  readonly percentComplete: number | null;
  /** Non-cancelled actions whose current due date has come by the as-at day. */
  readonly due: number;
  /** Mean percent complete of those, rounded; null when none is due. */
  readonly percentOfDueComplete: number | null;
}
/** Open-risk counters of an area or a programme (bands of policy `risk-bands@1`). */
export interface RiskCounters {
  readonly open: number;
  /** The highest current score of the open risks; null when there is none. */
  readonly highestScore: number | null;
  readonly byBand: Readonly<Record<RiskBand, number>>;
}
/** What an area and a programme's totals have in common. */
export interface StatusCounters {
  readonly recommendations: RecommendationCounters;
  readonly actions: ActionCounters;
  readonly risks: RiskCounters;
  readonly rag: Rating;
}
/** One priority area in the status document. */
export interface AreaStatus extends StatusCounters {
  readonly id: string;
  readonly title: string;
  readonly retired: boolean;
  /** Serving advisers (appointed, not stood down) assigned to the area. */
  readonly advisers: readonly { readonly id: string; readonly name: string }[];
}
/** One programme in the status document. */
export interface ProgrammeStatus {
  readonly id: string;
  readonly title: string;
  readonly phase: string;
  readonly areas: readonly AreaStatus[];
  readonly totals: StatusCounters;
}
/** The normative `assure status --json` document (CLI.md). */
export interface StatusDocument {
  readonly asAt: string;
  readonly knownAt: string | null;
  readonly policy: string;
  readonly programmes: readonly ProgrammeStatus[];
}

/** Options of {@link statusReport}. */
export interface StatusOptions {
  /** The day overdue flags and RAG are computed against (`YYYY-MM-DD`). */
  readonly asAt: string;
  /** The known-at instant the states were built with, reported as is (null: everything). */
  readonly knownAt?: string | null;
  /** The RAG policy (default `bcc-cgip@2`). */
  readonly policy?: RagPolicy;
}

type Baselined<F> = F & { readonly baselineDueOn?: string };
interface Bucket {
  readonly recommendations: Baselined<RecommendationFacts>[];
  readonly actions: Baselined<ActionFacts>[];
  readonly riskScores: number[];
}
const bucket = (): Bucket => ({ recommendations: [], actions: [], riskScores: [] });

/** The facts with the baseline their history gives them (the facts themselves without one). */
function baselined<F extends { readonly id: string }>(
  f: F,
  kind: 'recommendation' | 'action',
  history: HistoryState | undefined,
): Baselined<F> {
  const baselineDueOn = factsOf(history, kind, f.id)?.baselineDueOn ?? null;
  return baselineDueOn === null ? f : { ...f, baselineDueOn };
}

function counters(b: Bucket, rag: Rating, asAt: string, counting: CountingRule): StatusCounters {
  const byStatus = Object.fromEntries(recommendationStatuses.map((s) => [s, 0])) as Record<
    RecommendationStatus,
    number
  >;
  let open = 0;
  let recOverdue = 0;
  let late = 0;
  const recCount = { done: 0, open: 0, excluded: 0 };
  for (const r of b.recommendations) {
    byStatus[r.status]++;
    recCount[counting.recommendation(r.status)]++;
    if (isRecommendationOpen(r.status)) open++;
    if (isRecommendationOverdue(r, asAt)) recOverdue++;
    if (isRecommendationLate(r, asAt)) late++;
  }
  let completed = 0;
  let cancelled = 0;
  let actOverdue = 0;
  const actCount = { done: 0, open: 0, excluded: 0 };
  for (const a of b.actions) {
    actCount[counting.action(a.status)]++;
    if (a.status === 'completed') completed++;
    else if (a.status === 'cancelled') cancelled++;
    if (isActionOverdue(a, asAt)) actOverdue++;
  }
  const mean = meanPercentComplete(b.actions);
  const work = workDue(b.actions, asAt);
  const byBand: Record<RiskBand, number> = { low: 0, medium: 0, high: 0 };
  let highest: number | null = null;
  for (const s of b.riskScores) {
    byBand[riskBandsV1.band(s)]++;
    if (highest === null || s > highest) highest = s;
  }
  return {
    recommendations: {
      total: b.recommendations.length,
      open,
      overdue: recOverdue,
      late,
      done: recCount.done,
      excluded: recCount.excluded,
      byStatus,
    },
    actions: {
      total: b.actions.length,
      completed,
      cancelled,
      overdue: actOverdue,
      done: actCount.done,
      excluded: actCount.excluded,
      percentComplete: mean === null ? null : Math.round(mean),
      due: work.due,
      percentOfDueComplete: work.percentOfDue === null ? null : Math.round(work.percentOfDue),
    },
    risks: { open: b.riskScores.length, highestScore: highest, byBand },
    rag,
  };
}

/**
 * The improvement status per programme and priority area, as the normative `status`
 * document: counters per area, RAG by the named policy, programme totals (counters over
 * all the programme's items, `percentComplete` over all its non-cancelled actions, `rag`
 * the worst of its areas that are not retired, amber when it has none).
 *
 * @example
 * const doc = statusReport(states, { asAt: '2019-03-15', policy: slippage });
 * doc.programmes[0]?.areas.map((a) => `${a.id}: ${a.rag}`);
 */
export function statusReport(states: StatusStates, options: StatusOptions): StatusDocument {
  const policy = options.policy ?? defaultRagPolicy;
  const asAt = options.asAt;
  // Group every item by programme and by area in one pass over each map.
  const byProgramme = new Map<string, { all: Bucket; areas: Map<string, Bucket> }>();
  for (const id of states.programmes.keys())
    byProgramme.set(id, { all: bucket(), areas: new Map() });
  const target = (programmeId: string, areaId: string | null): Bucket[] => {
    const p = byProgramme.get(programmeId);
    if (p === undefined) return [];
    if (areaId === null) return [p.all];
    let a = p.areas.get(areaId);
    if (a === undefined) {
      a = bucket();
      p.areas.set(areaId, a);
    }
    return [p.all, a];
  };
  for (const r of states.recommendations.values()) {
    const item = baselined(r, 'recommendation', states.history);
    for (const b of target(r.programmeId, r.areaId)) b.recommendations.push(item);
  }
  for (const a of states.actions.values()) {
    const item = baselined(a, 'action', states.history);
    for (const b of target(a.programmeId, a.areaId)) b.actions.push(item);
  }
  for (const r of states.risks.values())
    if (r.status === 'open')
      for (const b of target(r.programmeId, r.areaId))
        b.riskScores.push(r.current.likelihood * r.current.impact);

  const programmes: ProgrammeStatus[] = [];
  for (const prog of states.programmes.values()) {
    const buckets = byProgramme.get(prog.id) ?? { all: bucket(), areas: new Map<string, Bucket>() };
    const ratings: Rating[] = [];
    const areas: AreaStatus[] = prog.areas.map((area) => {
      const b = buckets.areas.get(area.id) ?? bucket();
      const risks = b.riskScores.map((score) => ({ score }));
      const rag = policy.rate(
        { recommendations: b.recommendations, actions: b.actions, risks },
        asAt,
      );
      if (!area.retired) ratings.push(rag);
      const advisers = [...states.advisers.values()]
        .filter(
          (a) =>
            a.programmeId === prog.id && a.status === 'appointed' && a.areaIds.includes(area.id),
        )
        .map((a) => ({ id: a.id, name: a.name }));
      return {
        id: area.id,
        title: area.title,
        retired: area.retired,
        advisers,
        ...counters(b, rag, asAt, policy.counting),
      };
    });
    programmes.push({
      id: prog.id,
      title: prog.title,
      phase: prog.phase,
      areas,
      totals: counters(buckets.all, worstRating(ratings) ?? 'amber', asAt, policy.counting),
    });
  }
  return { asAt, knownAt: options.knownAt ?? null, policy: policy.name, programmes };
}
