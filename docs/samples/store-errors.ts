import * as E from 'fp-ts/Either';
import {
  readAllInBatches,
  storeErrorOf,
  type EventStore,
  type StoreError,
} from '@assure/event-store';

/** Counts a store's events: a failed read comes back as the tagged error, like a failed append. */
export async function countEvents(store: EventStore): Promise<E.Either<StoreError, number>> {
  let n = 0;
  try {
    for await (const batch of readAllInBatches(store)) n += batch.length;
  } catch (e) {
    const failure = storeErrorOf(e);
    if (failure === undefined) throw e; // not the store's: a bug in the loop's body
    return E.left(failure);
  }
  return E.right(n);
}
