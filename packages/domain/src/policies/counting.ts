import type { ActionStatus, RecommendationStatus } from './status';

/** How a counting rule sees one item: done, still open, or out of the count altogether. */
export type ItemCount = 'done' | 'open' | 'excluded';

/**
 * A counting rule: what "done" means for every column of a status line and for the RAG
 * policy that carries it, so the figures on one line agree.
 */
export interface CountingRule {
  /** What the rule counts a recommendation in this status as. */
  recommendation(s: RecommendationStatus): ItemCount;
  /** What the rule counts an action in this status as. */
  action(s: ActionStatus): ItemCount;
}

/**
 * The `@1` policies' rule (kept as it was): a recommendation is done when verified,
 * closed, withdrawn or rejected, an action when completed or cancelled; nothing is left out.
 */
export const countingV1: CountingRule = {
  recommendation: (s) =>
    s === 'verified' || s === 'closed' || s === 'withdrawn' || s === 'rejected' ? 'done' : 'open',
  action: (s) => (s === 'completed' || s === 'cancelled' ? 'done' : 'open'),
};

/**
 * The `@2` policies' rule: a recommendation is done when verified or closed, an action when
 * completed; withdrawn or rejected recommendations and cancelled actions are neither done
 * nor failed, and are left out of every count but their own.
 */
export const countingV2: CountingRule = {
  recommendation: (s) =>
    s === 'verified' || s === 'closed'
      ? 'done'
      : s === 'withdrawn' || s === 'rejected'
        ? 'excluded'
        : 'open',
  action: (s) => (s === 'completed' ? 'done' : s === 'cancelled' ? 'excluded' : 'open'),
};
