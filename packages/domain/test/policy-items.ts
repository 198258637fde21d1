// Builders of the items the RAG, slippage and counting policies read, shared by the policy
// tests: each names the status and, when it matters, the dates.
import type { ActionItem, RecommendationItem } from '@assure/domain';

/** The item builders, with due dates defaulting to `defaultDueOn`. */
export const itemsDue = (defaultDueOn: string) => ({
  /** A recommendation; `baselineDueOn` only when given (a reopened one). */
  rec: (
    status: RecommendationItem['status'],
    dueOn = defaultDueOn,
    originalDueOn = dueOn,
    baselineDueOn?: string,
  ): RecommendationItem =>
    baselineDueOn === undefined
      ? { status, dueOn, originalDueOn }
      : { status, dueOn, originalDueOn, baselineDueOn },
  /** An action. */
  act: (
    status: ActionItem['status'],
    percentComplete = 0,
    dueOn = defaultDueOn,
    originalDueOn = dueOn,
  ): ActionItem => ({ status, percentComplete, dueOn, originalDueOn }),
});

/** What a policy test rates: `D`, the day it rates on, and the item builders due `defaultDueOn`. */
export const ratedOn = (D: string, defaultDueOn: string) => ({ D, ...itemsDue(defaultDueOn) });
