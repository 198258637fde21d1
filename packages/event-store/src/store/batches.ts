import type { Envelope } from '../envelope';
import { hasBatchReader } from './capabilities';
import type { EventStore, ReadAllOptions } from './port';

/** Largest batch {@link readAllInBatches} builds from a store's `readAll` (default). */
export const FALLBACK_BATCH_SIZE = 512;

/** Options of {@link readAllInBatches}: those of `readAll`, and the fallback's batch size. */
export interface ReadAllInBatchesOptions extends ReadAllOptions {
  /**
   * Largest batch built when the store has no `readAllBatches` and its `readAll` is grouped
   * (default {@link FALLBACK_BATCH_SIZE}); a store's own batches are passed on as they are.
   */
  readonly fallbackBatchSize?: number;
}

/**
 * Reads the global log in batches: the store's own `readAllBatches` when it offers
 * {@link BatchReader} (see {@link hasBatchReader}), else
 * its `readAll` grouped into arrays of at most `fallbackBatchSize` events. Either way the
 * batches, flattened, are exactly what `readAll(options)` yields (same order, same
 * `from`/`maxCount`), every batch is non-empty, and a failure surfaces as it would from
 * `readAll`: when grouping, the events read before it come first as a (shorter) batch, then
 * the iteration throws the same error. A consumer that folds the log pays one promise per
 * batch instead of one per event.
 *
 * @throws RangeError when `fallbackBatchSize` is given and is not an integer of at least 1
 *
 * @example
 * let count = 0;
 * for await (const batch of readAllInBatches(store, { from: 1000n })) {
 *   for (const e of batch) count += e.type === 'RiskRescored' ? 1 : 0;
 * }
 */
export function readAllInBatches(
  store: Pick<EventStore, 'readAll'>,
  options: ReadAllInBatchesOptions = {},
): AsyncIterable<readonly Envelope[]> {
  const { fallbackBatchSize, ...read } = options;
  if (hasBatchReader(store)) return store.readAllBatches(read);
  const size = fallbackBatchSize ?? FALLBACK_BATCH_SIZE;
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError('fallbackBatchSize must be an integer >= 1');
  return { [Symbol.asyncIterator]: () => grouped(store.readAll(read), size) };
}

/**
 * Groups an iterable's items into arrays of at most `size`. An error after some items
 * first hands those items out, then is thrown by the next `next()`.
 */
async function* grouped<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[], void> {
  let batch: T[] = [];
  try {
    for await (const item of items) {
      batch.push(item);
      if (batch.length >= size) {
        const full = batch;
        batch = [];
        yield full;
      }
    }
  } catch (e) {
    if (batch.length > 0) yield batch;
    throw e;
  }
  if (batch.length > 0) yield batch;
}
