import type * as E from 'fp-ts/Either';
import type { ProposedEvent } from '../envelope';
import type { AppendResult, EventStore, ExpectedRevision, StoreError } from '../store';

/**
 * An append done at once: the same check and write as the store's `append`, its answer
 * without a promise. Inside this package only (not exported from its index).
 */
export type AppendNow = (
  stream: string,
  events: readonly ProposedEvent[],
  expected: ExpectedRevision,
) => E.Either<StoreError, AppendResult>;

/**
 * A store's synchronous append, and the `append` method it stands for: it is used only while
 * the store's `append` is still that method (not replaced on the object, nor overridden).
 */
export interface OfferedAppendNow {
  readonly append: EventStore['append'];
  readonly appendNow: AppendNow;
}

/** The stores that append synchronously (weak: a store goes with its entry). */
const appenders = new WeakMap<EventStore, OfferedAppendNow>();

/**
 * Says that `store.append(...)()`, while `store.append` is the method it has now, checks and
 * writes at once and resolves to what `appendNow` returns (a store calls it on itself).
 */
export function offerAppendNow(store: EventStore, appendNow: AppendNow): void {
  // Kept to be compared with, never called.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  appenders.set(store, { append: store.append, appendNow });
}

/**
 * The synchronous append `store` offered, if any (the in-memory store, unless it was asked
 * to yield on append): the command handler then appends without a turn of the microtask
 * queue. Its user checks `store.append === offered.append` before each use.
 */
export function appendNowOf(store: EventStore): OfferedAppendNow | undefined {
  return appenders.get(store);
}
