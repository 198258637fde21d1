import type { Envelope } from '../envelope';
import type { AppendNotifier } from './notifier';
import type { ReadAllOptions, SubscribeOptions } from './port';

/** What {@link catchUpThenLive} needs from a store: a positional read and its notifier. */
export interface LiveSource {
  /** Reads the global log from a position (inclusive). */
  readAll(options: ReadAllOptions): AsyncIterable<Envelope>;
  /** Notified after every committed append, closed when the store closes. */
  readonly notifier: AppendNotifier;
}

/**
 * A catch-up-then-live subscription over any store with a positional `readAll` and an
 * {@link AppendNotifier}: it reads everything after the checkpoint, then waits for news
 * and reads again from just after the last position it delivered. No gap (it re-reads
 * whenever the version moved during a read), no duplicate (it only delivers positions
 * greater than the last one), exclusive of `after`.
 *
 * Ends when `signal` aborts, when the consumer stops iterating (`break` or `return()`,
 * even while waiting for live events), or when the notifier closes.
 *
 * @example
 * subscribe(options) { return catchUpThenLive(this, options); }
 */
export function catchUpThenLive(
  source: LiveSource,
  options: SubscribeOptions = {},
): AsyncIterable<Envelope> {
  return stoppable(options.signal, (stop) => run(source, options.after, stop));
}

/**
 * An async iterable over the generator `start` makes, stopped through the signal it is
 * given when `signal` aborts or when the consumer stops iterating (`break` or `return()`,
 * even while the generator waits); the listener on `signal` is removed once iteration ends,
 * however it ends. The frame of a subscription: {@link catchUpThenLive} and stores'
 * subscriptions that add to it (resuming after an outage) run inside one.
 */
export function stoppable<T>(
  signal: AbortSignal | undefined,
  start: (stop: AbortSignal) => AsyncGenerator<T, undefined>,
): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      const stop = new AbortController();
      const onAbort = (): void => stop.abort();
      if (signal?.aborted === true) stop.abort();
      else signal?.addEventListener('abort', onAbort, { once: true });
      const detach = (): void => signal?.removeEventListener('abort', onAbort);
      const inner = start(stop.signal);
      return {
        async next(): Promise<IteratorResult<T>> {
          try {
            const r = await inner.next();
            if (r.done === true) detach();
            return r;
          } catch (e) {
            detach();
            throw e;
          }
        },
        async return(): Promise<IteratorResult<T>> {
          stop.abort();
          detach();
          return inner.return(undefined);
        },
      };
    },
  };
}

async function* run(
  source: LiveSource,
  after: bigint | undefined,
  stop: AbortSignal,
): AsyncGenerator<Envelope, undefined> {
  let last = after;
  // The last envelope delivered; its position is parsed only when the next read starts.
  let lastDelivered: Envelope | undefined;
  while (!stop.aborted) {
    const seen = source.notifier.version;
    if (source.notifier.closed) return undefined;
    if (lastDelivered !== undefined) last = BigInt(lastDelivered.position);
    const floor = last;
    // readAll is inclusive of `from`, so every event read lies above the floor; the check
    // guards the head of each read only (parsing every position would cost a bigint each).
    let checking = floor !== undefined;
    for await (const e of source.readAll(floor === undefined ? {} : { from: floor + 1n })) {
      if (stop.aborted) return undefined;
      if (checking && floor !== undefined) {
        if (BigInt(e.position) <= floor) continue;
        checking = false;
      }
      lastDelivered = e;
      yield e;
    }
    const news = await source.notifier.wait(seen, stop);
    if (!news) return undefined;
  }
  return undefined;
}
