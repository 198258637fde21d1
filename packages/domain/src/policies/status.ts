import { isAfterDay } from '../time';

/** Statuses of a recommendation (see DOMAIN.md for the transitions). */
export type RecommendationStatus =
  'raised' | 'agreed' | 'rejected' | 'implementation-claimed' | 'verified' | 'closed' | 'withdrawn';

/** Every recommendation status. */
export const recommendationStatuses: readonly RecommendationStatus[] = [
  'raised',
  'agreed',
  'rejected',
  'implementation-claimed',
  'verified',
  'closed',
  'withdrawn',
];

/** Statuses of an action: open ones are `planned` (with or without progress) and `reopened`. */
export type ActionStatus = 'planned' | 'reopened' | 'completed' | 'cancelled';

/** Every action status. */
export const actionStatuses: readonly ActionStatus[] = [
  'planned',
  'reopened',
  'completed',
  'cancelled',
];

/** Statuses of a risk. */
export type RiskStatus = 'open' | 'closed';

/** Open recommendation: raised, agreed or implementation-claimed. */
export const isRecommendationOpen = (s: RecommendationStatus): boolean =>
  s === 'raised' || s === 'agreed' || s === 'implementation-claimed';

/** Done recommendation: verified, closed, withdrawn or rejected. */
export const isRecommendationDone = (s: RecommendationStatus): boolean =>
  s === 'verified' || s === 'closed' || s === 'withdrawn' || s === 'rejected';

/** The dates every tracked item has. */
export interface Dated {
  /** The due date set when the item was created; never changes. */
  readonly originalDueOn: string;
  /** The current due date (after revisions). */
  readonly dueOn: string;
}

/** A recommendation as the policies see it. */
export interface RecommendationItem extends Dated {
  readonly status: RecommendationStatus;
  /**
   * The day slippage counts from: the original due date; after a reopening, the first due
   * date set after it (the reopening day until one is set). Absent: the original due date.
   * Read by the `@2` policies only.
   */
  readonly baselineDueOn?: string;
}

/** An action as the policies see it. */
export interface ActionItem extends Dated {
  readonly status: ActionStatus;
  /** As for a recommendation: where slippage counts from (`@2` policies only). */
  readonly baselineDueOn?: string;
  /** Last recorded percent (0-99); a completed action counts as 100 whatever this says. */
  readonly percentComplete: number;
}

/** Overdue recommendation at day `asAt`: raised or agreed, and `asAt` after the current due date. */
export const isRecommendationOverdue = (r: RecommendationItem, asAt: string): boolean =>
  (r.status === 'raised' || r.status === 'agreed') && isAfterDay(asAt, r.dueOn);

/** Slipped: the current due date is after the original one. */
export const isSlipped = (item: Dated): boolean => isAfterDay(item.dueOn, item.originalDueOn);

/** Open action: planned (with or without progress) or reopened. */
export const isActionOpen = (s: ActionStatus): boolean => s === 'planned' || s === 'reopened';

/** Done action: completed or cancelled. */
export const isActionDone = (s: ActionStatus): boolean => s === 'completed' || s === 'cancelled';

/** Overdue action at day `asAt`: open, and `asAt` after the current due date. */
export const isActionOverdue = (a: ActionItem, asAt: string): boolean =>
  isActionOpen(a.status) && isAfterDay(asAt, a.dueOn);

/** Percent complete of an action as the policies count it: completed = 100. */
export const actionPercent = (a: ActionItem): number =>
  a.status === 'completed' ? 100 : a.percentComplete;

/** Review overdue at day `asAt`: the risk is open and `asAt` is after its next review date. */
export const isReviewOverdue = (
  risk: { readonly status: RiskStatus; readonly nextReviewOn: string },
  asAt: string,
): boolean => risk.status === 'open' && isAfterDay(asAt, risk.nextReviewOn);
