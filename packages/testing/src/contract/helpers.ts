import * as E from 'fp-ts/Either';
import type {
  AppendResult,
  Envelope,
  EventStore,
  ExpectedRevision,
  ProposedEvent,
  StoreError,
} from '@assure/event-store';

/**
 * Collects an async iterable into an array (for bounded reads only).
 *
 * @example
 * const events = await collect(store.readStream('risk-equal-pay'));
 */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

/**
 * Reads every batch of a batched read, keeping the batch sizes and the error the read ends
 * with (undefined when it ends normally): what came before a failure is kept.
 *
 * @example
 * const { events, sizes, error } = await readBatches(readAllInBatches(store));
 */
export async function readBatches(
  batches: AsyncIterable<readonly Envelope[]>,
): Promise<{ events: Envelope[]; sizes: number[]; error: unknown }> {
  const events: Envelope[] = [];
  const sizes: number[] = [];
  try {
    for await (const batch of batches) {
      sizes.push(batch.length);
      events.push(...batch);
    }
  } catch (error) {
    return { events, sizes, error };
  }
  return { events, sizes, error: undefined };
}

/**
 * Takes the first `n` items of an async iterable, then stops it (`break`).
 *
 * @example
 * const firstThree = await take(store.subscribe(), 3);
 */
export async function take<T>(iterable: AsyncIterable<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  if (n <= 0) return out;
  for await (const x of iterable) {
    out.push(x);
    if (out.length >= n) break;
  }
  return out;
}

/**
 * Appends and returns the result, throwing if the append failed (test set-up only).
 *
 * @example
 * const r = await appendOk(store, 'risk-equal-pay', [proposedEvent()], 'no-stream');
 */
export async function appendOk(
  store: EventStore,
  stream: string,
  events: readonly ProposedEvent[],
  expected: ExpectedRevision = 'any',
): Promise<AppendResult> {
  const r = await store.append(stream, events, expected)();
  if (E.isLeft(r)) throw new Error(`append to ${stream} failed: ${r.left.message}`);
  return r.right;
}

/**
 * Appends and returns the error, throwing if the append succeeded (test set-up only).
 */
export async function appendErr(
  store: EventStore,
  stream: string,
  events: readonly ProposedEvent[],
  expected: ExpectedRevision,
): Promise<StoreError> {
  const r = await store.append(stream, events, expected)();
  if (E.isRight(r)) throw new Error(`append to ${stream} unexpectedly succeeded`);
  return r.left;
}

/** Resolves after the event loop has turned `n` times (lets other tasks run; no timing). */
export async function turns(n = 1): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Waits, turning the event loop, until `condition()` holds. Never assert on timing: the
 * test's own timeout bounds the wait.
 */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await turns(1);
}

/** The positions of envelopes as bigints. */
export function positionsOf(events: readonly Envelope[]): bigint[] {
  return events.map((e) => BigInt(e.position));
}
