import { daysBetween, isAfterDay } from './calendar';
import type { ActionFacts, RecommendationFacts } from './facts';

/** A RAG rating. */
export type Rag = 'red' | 'amber' | 'green';
/** A risk band of policy `risk-bands@1`. */
export type Band = 'low' | 'medium' | 'high';

/** The items of a priority area a RAG policy rates. */
export interface RagItems {
  readonly recommendations: readonly RecommendationFacts[];
  readonly actions: readonly ActionFacts[];
}

/** A named, versioned RAG policy for a priority area (DOMAIN.md, "Policies"). */
export interface RagPolicy {
  readonly name: string;
  readonly rate: (items: RagItems, asAt: string) => Rag;
}

/** Open recommendation (DOMAIN.md): raised, agreed, implementation-claimed. */
export const recommendationOpen = (r: RecommendationFacts): boolean =>
  r.status === 'raised' || r.status === 'agreed' || r.status === 'implementation-claimed';
/** Done recommendation: verified, closed, withdrawn, rejected. */
export const recommendationDone = (r: RecommendationFacts): boolean =>
  r.status === 'verified' ||
  r.status === 'closed' ||
  r.status === 'withdrawn' ||
  r.status === 'rejected';
/** Overdue recommendation at a day: raised or agreed, and the day after the current due date. */
export const recommendationOverdue = (r: RecommendationFacts, asAt: string): boolean =>
  (r.status === 'raised' || r.status === 'agreed') && isAfterDay(asAt, r.dueOn);
/** Slipped recommendation: the current due date after the original one. */
export const recommendationSlipped = (r: RecommendationFacts): boolean => r.dueOn > r.originalDueOn;

/** Open action: planned (with or without progress) or reopened. */
export const actionOpen = (a: ActionFacts): boolean =>
  a.status === 'planned' || a.status === 'reopened';
/** Overdue action at a day: open and the day after the current due date. */
export const actionOverdue = (a: ActionFacts, asAt: string): boolean =>
  actionOpen(a) && isAfterDay(asAt, a.dueOn);
/** An action's percent complete: a completed action counts as 100. */
export const actionPercent = (a: ActionFacts): number =>
  a.status === 'completed' ? 100 : a.percentComplete;

/** Mean percent complete of the non-cancelled actions, or null when there is none. */
export function meanPercentComplete(actions: readonly ActionFacts[]): number | null {
  let sum = 0;
  let n = 0;
  for (const a of actions) {
    if (a.status === 'cancelled') continue;
    sum += actionPercent(a);
    n++;
  }
  return n === 0 ? null : sum / n;
}

/** `bcc-cgip@1`: red if any item overdue; green if at least one item and all done; else amber. */
export const bccCgip: RagPolicy = {
  name: 'bcc-cgip@1',
  rate: ({ recommendations, actions }, asAt) => {
    if (
      recommendations.some((r) => recommendationOverdue(r, asAt)) ||
      actions.some((a) => actionOverdue(a, asAt))
    )
      return 'red';
    const total = recommendations.length + actions.length;
    const allDone =
      recommendations.every(recommendationDone) &&
      actions.every((a) => a.status === 'completed' || a.status === 'cancelled');
    return total > 0 && allDone ? 'green' : 'amber';
  },
};

/** `percent-complete@1`: on the mean percent complete of the non-cancelled actions. */
export const percentComplete: RagPolicy = {
  name: 'percent-complete@1',
  rate: ({ actions }, asAt) => {
    const m = meanPercentComplete(actions);
    if (m === null) return 'amber';
    if (m <= 25 || (m < 50 && actions.some((a) => actionOverdue(a, asAt)))) return 'red';
    return m > 75 ? 'green' : 'amber';
  },
};

/** `slippage@1`: the worst number of days an open item is past its original due date. */
export const slippage: RagPolicy = {
  name: 'slippage@1',
  rate: ({ recommendations, actions }, asAt) => {
    let worst = 0;
    for (const r of recommendations)
      if (recommendationOpen(r)) worst = Math.max(worst, daysBetween(r.originalDueOn, asAt));
    for (const a of actions)
      if (actionOpen(a)) worst = Math.max(worst, daysBetween(a.originalDueOn, asAt));
    return worst <= 0 ? 'green' : worst <= 31 ? 'amber' : 'red';
  },
};

/** The RAG policies by name; `bcc-cgip@1` is the default. */
export const RAG_POLICIES: Readonly<Record<string, RagPolicy>> = {
  'bcc-cgip@1': bccCgip,
  'percent-complete@1': percentComplete,
  'slippage@1': slippage,
};

/** The default RAG policy's name. */
export const DEFAULT_RAG_POLICY = 'bcc-cgip@1';

/** `risk-bands@1`: 1-4 low, 5-10 medium, 12-25 high. */
export function riskBand(score: number): Band {
  return score <= 4 ? 'low' : score <= 10 ? 'medium' : 'high';
}

/** The worse of two ratings (red > amber > green). */
export function worstRag(a: Rag, b: Rag): Rag {
  if (a === 'red' || b === 'red') return 'red';
  if (a === 'amber' || b === 'amber') return 'amber';
  return 'green';
}
