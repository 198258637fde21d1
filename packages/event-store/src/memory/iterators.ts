import { StoreFailure, type StoreError } from '../store';

// The in-memory store's iterators over its log, kept apart from the store (moved as they
// were).

/**
 * Iterates `at(start) .. at(end - 1)`, the end fixed when iteration starts (later appends
 * are not seen), without the cost of an async generator.
 */
export function sliceIterator<T>(
  at: (i: number) => T,
  start: number,
  end: number,
): AsyncIterator<T> {
  let i = start;
  return {
    next: () =>
      Promise.resolve(i < end ? { done: false, value: at(i++) } : { done: true, value: undefined }),
    return: () => {
      i = end;
      return Promise.resolve({ done: true, value: undefined });
    },
  };
}

/**
 * Iterates `items[start..end)` as copied slices of at most `size` items (the end is fixed
 * when iteration starts, as in {@link sliceIterator}); every slice is non-empty.
 */
export function chunkIterator<T>(
  items: readonly T[],
  start: number,
  end: number,
  size: number,
): AsyncIterator<readonly T[]> {
  let i = start;
  return {
    next: () => {
      // Written as `i < end` (like sliceIterator) so that a NaN end reads as empty.
      if (i < end) {
        const to = Math.min(end, i + size);
        const value = items.slice(i, to);
        i = to;
        return Promise.resolve({ done: false, value });
      }
      return Promise.resolve({ done: true, value: undefined });
    },
    return: () => {
      i = end;
      return Promise.resolve({ done: true, value: undefined });
    },
  };
}

/** An iterator whose first `next()` rejects with a {@link StoreFailure}. */
export function failing<T>(error: StoreError): AsyncIterator<T> {
  return { next: () => Promise.reject(new StoreFailure(error)) };
}
