import type { EventStore } from '../store';

/** One stream's queue: the promise the next command waits for, and how many are queued. */
interface Queue {
  tail: Promise<unknown>;
  pending: number;
}

/**
 * Per store object, the queue of each target stream with commands of this process.
 * Weak: a store that is no longer used takes its queues with it.
 */
const queues = new WeakMap<EventStore, Map<string, Queue>>();

/**
 * Runs `work` once every command queued before it on the same stream of the same store has
 * finished (first come, first served), across every command handler of the process.
 *
 * Why: optimistic concurrency alone is unfair. Handlers racing on one stream each lose
 * whenever another lands first, and a loser can lose every one of its retries (8 handlers
 * x 20 commands on one stream lost 42 of 160 on the memory store, and 116 on the file
 * store, whose retries also wait for a group commit). Queued, commands of one process on
 * one stream never conflict with each other; the retry on `WrongExpectedRevision` remains
 * for writers in other processes (EventStoreDB clients). Commands on different streams
 * still run concurrently.
 *
 * A command on a stream with nothing queued starts at once (no turn of the event loop);
 * the stream's entry is dropped when its last command settles. A `work` that ends at once
 * (answers without a promise) was never waited for by anyone: it leaves no entry at all.
 *
 * @example
 * const r = await inStreamQueue(store, 'risk-equal-pay', () => decideAndAppend());
 */
export function inStreamQueue<T>(
  store: EventStore,
  stream: string,
  work: () => T | Promise<T>,
): Promise<T> {
  let byStream = queues.get(store);
  if (byStream === undefined) {
    byStream = new Map();
    queues.set(store, byStream);
  }
  const streams = byStream;
  const queued = streams.get(stream);
  let mine: Promise<T>;
  if (queued === undefined) {
    const now = startNow(work);
    if (!(now instanceof Promise)) return Promise.resolve(now);
    mine = now;
  } else mine = queued.tail.then(work);
  const queue = queued ?? { tail: mine, pending: 0 };
  if (queued === undefined) streams.set(stream, queue);
  queue.pending++;
  const settled = (): void => {
    queue.pending--;
    if (queue.pending === 0 && streams.get(stream) === queue) streams.delete(stream);
  };
  // The next command waits for this one to settle, whichever way (never for its failure).
  queue.tail = mine.then(settled, settled);
  return mine;
}

/** `work()`, a synchronous throw turned into a rejected promise (as `then(work)` would). */
function startNow<T>(work: () => T | Promise<T>): T | Promise<T> {
  try {
    return work();
  } catch (e) {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rethrown as thrown
    return Promise.reject(e);
  }
}
