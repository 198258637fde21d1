import type { ItemHistory } from './history';

/** What an item's history holds besides its updates and scores (set by a few event types only). */
export type ItemFacts = Omit<ItemHistory, 'updates' | 'scores'>;

/** An item's facts before any event set one. */
export const freshItemFacts = (): ItemFacts => ({
  baselineDueOn: null,
  awaitingDate: false,
  reopenedOn: null,
  claimedOn: null,
  revisionApprovers: [],
  appetite: null,
  tolerance: null,
  controls: [],
  mitigatingActions: [],
});

/**
 * The facts a history state reads for an item no event has set any of (it makes none for
 * it): frozen, arrays too, as the facts it hands out are read-only.
 */
export const NO_FACTS: Readonly<ItemFacts> = Object.freeze({
  ...freshItemFacts(),
  // Frozen empty arrays, typed as the facts' arrays: nothing can be added to them.
  revisionApprovers: Object.freeze([]) as unknown as string[],
  controls: Object.freeze([]) as unknown as ItemFacts['controls'],
  mitigatingActions: Object.freeze([]) as unknown as string[],
});
