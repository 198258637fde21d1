import type { EventStore } from '@assure/event-store';
import { perTest } from '@assure/testing';
import { EsdbDouble, type EsdbDoubleOptions } from '@assure/store-esdb/testing';

/** A double and a store on it (see {@link useDoubleStore}). */
export interface DoubleStore {
  readonly double: EsdbDouble;
  readonly store: EventStore;
}

/**
 * Gives each test of the enclosing `describe` a fresh double started with `options` and a
 * store that `open` makes on it; after the test the store is closed and the double stopped.
 */
export function useDoubleStore(
  options: EsdbDoubleOptions,
  open: (double: EsdbDouble) => EventStore,
): () => DoubleStore {
  return perTest(
    async () => {
      const double = await EsdbDouble.start(options);
      return { double, store: open(double) };
    },
    async ({ double, store }) => {
      await store.close();
      await double.stop();
    },
  );
}
