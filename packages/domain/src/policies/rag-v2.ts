import { daysBetween, isAfterDay } from '../time';
import { countingV2 } from './counting';
import type { AreaItems, RagPolicy } from './rag';
import { slippagePolicy } from './slippage';
import type { ActionItem, Dated, RecommendationItem } from './status';
import { actionPercent } from './status';

/** An open risk at or above this current score keeps an area from green (`@2`): the high band of `risk-bands@1`. */
export const RISK_THRESHOLD = 12;

/** Where slippage counts from: the baseline (restarted by a reopening), else the original due date. */
export const baselineOf = (item: Dated & { readonly baselineDueOn?: string }): string =>
  item.baselineDueOn ?? item.originalDueOn;

const counted = ({ recommendations, actions }: AreaItems) => ({
  recommendations: recommendations.filter(
    (r) => countingV2.recommendation(r.status) !== 'excluded',
  ),
  actions: actions.filter((a) => countingV2.action(a.status) !== 'excluded'),
});

/** Raised or agreed: the council still owes the work (a claim awaiting verification does not). */
const outstanding = (r: RecommendationItem): boolean =>
  r.status === 'raised' || r.status === 'agreed';

/**
 * `@2` late recommendation at `asAt`: raised or agreed, and `asAt` after its current due date
 * or after its baseline (the original due date, restarted by a reopening): re-dating a
 * recommendation does not make it less late.
 */
export const isRecommendationLate = (r: RecommendationItem, asAt: string): boolean =>
  outstanding(r) && (isAfterDay(asAt, r.dueOn) || isAfterDay(asAt, baselineOf(r)));

/** Due at `asAt`: the current due date is on or before `asAt`. */
const isDue = (a: ActionItem, asAt: string): boolean => !isAfterDay(a.dueOn, asAt);

/** Work due and done at `asAt` over the actions `countingV2` counts. */
export interface WorkDue {
  /** Counted actions whose current due date has come. */
  readonly due: number;
  /** Mean percent complete of those (a completed one 100); null when none is due. */
  readonly percentOfDue: number | null;
}

/** The work due at `asAt` and how much of it is done (cancelled actions left out). */
export function workDue(actions: readonly ActionItem[], asAt: string): WorkDue {
  let due = 0;
  let sum = 0;
  for (const a of actions) {
    if (countingV2.action(a.status) === 'excluded' || !isDue(a, asAt)) continue;
    due += 1;
    sum += actionPercent(a);
  }
  return { due, percentOfDue: due === 0 ? null : sum / due };
}

/**
 * `bcc-cgip@2`: with withdrawn or rejected recommendations and cancelled actions left out,
 * red when a recommendation is late (past its current due date or its original one,
 * restarted by a reopening) or an open action is past its current due date; green when at
 * least one item is counted, every one is done and no open risk scores
 * {@link RISK_THRESHOLD} or more; amber otherwise (also with nothing counted).
 */
export const bccCgipV2: RagPolicy = {
  name: 'bcc-cgip@2',
  counting: countingV2,
  rate: (items, asAt) => {
    const { recommendations, actions } = counted(items);
    if (
      recommendations.some((r) => isRecommendationLate(r, asAt)) ||
      actions.some((a) => countingV2.action(a.status) === 'open' && isAfterDay(asAt, a.dueOn))
    )
      return 'red';
    const highRisk = (items.risks ?? []).some((r) => r.score >= RISK_THRESHOLD);
    const allDone =
      recommendations.every((r) => countingV2.recommendation(r.status) === 'done') &&
      actions.every((a) => countingV2.action(a.status) === 'done');
    return recommendations.length + actions.length > 0 && allDone && !highRisk ? 'green' : 'amber';
  },
};

/**
 * `percent-complete@2`: compares work done with work due. Over the counted (not cancelled)
 * actions whose current due date has come, p = their mean percent complete: green when
 * p = 100 (all due work done), amber when p >= 75, red below; green when actions are
 * counted but none is due yet; amber with none counted.
 */
export const percentCompleteV2: RagPolicy = {
  name: 'percent-complete@2',
  counting: countingV2,
  rate: ({ actions }, asAt) => {
    if (!actions.some((a) => countingV2.action(a.status) !== 'excluded')) return 'amber';
    const { percentOfDue } = workDue(actions, asAt);
    if (percentOfDue === null || percentOfDue >= 100) return 'green';
    return percentOfDue >= 75 ? 'amber' : 'red';
  },
};

/** Days past its baseline at `asAt` of the worst open item (a reopened item starts anew). */
export function worstSlippageDaysV2(items: AreaItems, asAt: string): number {
  let worst = 0;
  for (const r of items.recommendations)
    if (countingV2.recommendation(r.status) === 'open')
      worst = Math.max(worst, daysBetween(baselineOf(r), asAt));
  for (const a of items.actions)
    if (countingV2.action(a.status) === 'open')
      worst = Math.max(worst, daysBetween(baselineOf(a), asAt));
  return worst;
}

/**
 * `slippage@2`: as `slippage@1`, but an item's slippage counts from its baseline, so a
 * reopened item starts anew: none past green, 1-31 days amber, more red.
 */
export const slippageV2: RagPolicy = slippagePolicy('slippage@2', countingV2, worstSlippageDaysV2);
