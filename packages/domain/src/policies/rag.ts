import type { Rating } from '../codec/vocabulary';
import { daysBetween } from '../time';
import { countingV1, type CountingRule } from './counting';
import { bccCgipV2, percentCompleteV2, slippageV2 } from './rag-v2';
import { slippagePolicy } from './slippage';
import type { ActionItem, RecommendationItem } from './status';
import {
  actionPercent,
  isActionDone,
  isActionOpen,
  isActionOverdue,
  isRecommendationDone,
  isRecommendationOpen,
  isRecommendationOverdue,
} from './status';

/** An open risk as the policies see it. */
export interface RiskItem {
  /** Current score (likelihood x impact). */
  readonly score: number;
}

/** What a RAG policy rates: one priority area's recommendations, actions and open risks. */
export interface AreaItems {
  readonly recommendations: readonly RecommendationItem[];
  readonly actions: readonly ActionItem[];
  /** The area's open risks (read by the `@2` policies only). */
  readonly risks?: readonly RiskItem[];
}

/** A named, versioned RAG rule for a priority area at a day. */
export interface RagPolicy {
  /** The policy's name, e.g. `bcc-cgip@1`; every report says which policy made its colours. */
  readonly name: RagPolicyName;
  /** What "done" means for this policy and for every column of a status line made with it. */
  readonly counting: CountingRule;
  /** The rating of an area's items at day `asAt` (`YYYY-MM-DD`). */
  rate(items: AreaItems, asAt: string): Rating;
}

/** Names of the built-in RAG policies. */
export type RagPolicyName =
  | 'bcc-cgip@1'
  | 'percent-complete@1'
  | 'slippage@1'
  | 'bcc-cgip@2'
  | 'percent-complete@2'
  | 'slippage@2';

/**
 * `bcc-cgip@1`, the council's improvement plan key: red when any item is overdue; green when
 * there is at least one item and every item is done; amber otherwise (including no items).
 *
 * @example bccCgipV1.rate({ recommendations: [], actions: [] }, '2019-03-31') // 'amber'
 */
export const bccCgipV1: RagPolicy = {
  name: 'bcc-cgip@1',
  counting: countingV1,
  rate: ({ recommendations, actions }, asAt) => {
    if (
      recommendations.some((r) => isRecommendationOverdue(r, asAt)) ||
      actions.some((a) => isActionOverdue(a, asAt))
    )
      return 'red';
    const count = recommendations.length + actions.length;
    if (
      count > 0 &&
      recommendations.every((r) => isRecommendationDone(r.status)) &&
      actions.every((a) => isActionDone(a.status))
    )
      return 'green';
    return 'amber';
  },
};

/** Mean percent complete over the non-cancelled actions (completed = 100); `null` when none. */
export function meanPercentComplete(actions: readonly ActionItem[]): number | null {
  let sum = 0;
  let n = 0;
  for (const a of actions) {
    if (a.status === 'cancelled') continue;
    sum += actionPercent(a);
    n += 1;
  }
  return n === 0 ? null : sum / n;
}

/**
 * `percent-complete@1`: m = mean percent of the non-cancelled actions; red if m <= 25, or
 * m < 50 and any action overdue; green if m > 75; amber otherwise, and amber with no actions.
 */
export const percentCompleteV1: RagPolicy = {
  name: 'percent-complete@1',
  counting: countingV1,
  rate: ({ actions }, asAt) => {
    const m = meanPercentComplete(actions);
    if (m === null) return 'amber';
    if (m <= 25 || (m < 50 && actions.some((a) => isActionOverdue(a, asAt)))) return 'red';
    return m > 75 ? 'green' : 'amber';
  },
};

/** Days past its original due date at `asAt` of the worst open item (0 when none is past). */
export function worstSlippageDays({ recommendations, actions }: AreaItems, asAt: string): number {
  let worst = 0;
  for (const r of recommendations)
    if (isRecommendationOpen(r.status)) worst = Math.max(worst, daysBetween(r.originalDueOn, asAt));
  for (const a of actions)
    if (isActionOpen(a.status)) worst = Math.max(worst, daysBetween(a.originalDueOn, asAt));
  return worst;
}

/**
 * `slippage@1`: for each open item, days past its original due date at `asAt`; the worst
 * decides: none past -> green, 1-31 days -> amber, more -> red.
 */
export const slippageV1: RagPolicy = slippagePolicy('slippage@1', countingV1, worstSlippageDays);

/** The built-in RAG policies by name. */
export const ragPolicies: { readonly [K in RagPolicyName]: RagPolicy } = {
  'bcc-cgip@1': bccCgipV1,
  'percent-complete@1': percentCompleteV1,
  'slippage@1': slippageV1,
  'bcc-cgip@2': bccCgipV2,
  'percent-complete@2': percentCompleteV2,
  'slippage@2': slippageV2,
};

/** The default RAG policy (`bcc-cgip@2`; the `@1` policies stay, so old reports reproduce). */
export const defaultRagPolicy: RagPolicy = bccCgipV2;

/** Looks a RAG policy up by name (`undefined` when unknown). */
export const ragPolicyByName = (name: string): RagPolicy | undefined =>
  Object.hasOwn(ragPolicies, name) ? ragPolicies[name as RagPolicyName] : undefined;

const rank: { readonly [K in Rating]: number } = { green: 0, amber: 1, red: 2 };

/** The worst of some ratings (red > amber > green); `null` for none. */
export function worstRating(ratings: Iterable<Rating>): Rating | null {
  let worst: Rating | null = null;
  for (const r of ratings) if (worst === null || rank[r] > rank[worst]) worst = r;
  return worst;
}
