import type * as TE from 'fp-ts/TaskEither';
import type { Envelope, ProposedEvent } from '../envelope';
import type { StoreError } from './errors';

/**
 * What the writer expects of the stream before appending:
 * `any`; `no-stream` (must not exist); `stream-exists`; or the exact last revision.
 */
export type ExpectedRevision =
  'any' | 'no-stream' | 'stream-exists' | { readonly revision: number };

/** Renders an expectation the way errors report it. */
export function showExpected(e: ExpectedRevision): string {
  return typeof e === 'string' ? e : String(e.revision);
}

/** What a successful append returns. */
export interface AppendResult {
  readonly stream: string;
  /** The revision of the last event written: pass it as the next `{revision}` expectation. */
  readonly nextRevision: number;
  /** The global position of the last event written (decimal string). */
  readonly position: string;
  /** The stored envelopes, positions included, in order. */
  readonly events: readonly Envelope[];
}

/** Options of {@link EventStore.readAll}. */
export interface ReadAllOptions {
  /** First position to return (inclusive); default: the start of the log. */
  readonly from?: bigint;
  /** Stop after this many events. */
  readonly maxCount?: number;
}

/** Options of {@link EventStore.subscribe}. */
export interface SubscribeOptions {
  /** Resume after this checkpoint (exclusive): the last position already processed. */
  readonly after?: bigint;
  /** Ends the subscription: the iterator then returns normally. */
  readonly signal?: AbortSignal;
}

/**
 * The store port: an append-only log of streams with a global order.
 *
 * - Every store keeps each stream's hash chain: it assigns `revision`, `prevHash`,
 *   `hash` and `position` at append, under the stream's optimistic concurrency.
 * - Reads and subscriptions are async iterables that stream the log (never all of it in
 *   memory); a failure while iterating throws a `StoreFailure` carrying the tagged error.
 * - The global log holds only the project's own streams (positions strictly increasing,
 *   not necessarily contiguous).
 *
 * This is what every store must do. Faster or stronger paths some stores offer (batched and
 * decoded reads, retained envelopes, an append conditional on the log's head) are separate
 * capabilities a consumer detects: see `capabilities.ts` (`hasBatchReader`, ...).
 *
 * @example
 * const r = await store.append('risk-equal-pay', [proposed], 'no-stream')();
 * for await (const e of store.readStream('risk-equal-pay')) console.log(e.type);
 */
export interface EventStore {
  /** Appends events atomically to one stream if the expectation holds. */
  append(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
  ): TE.TaskEither<StoreError, AppendResult>;
  /** Reads one stream from a revision (inclusive, default 0); a missing stream reads as empty. */
  readStream(stream: string, options?: { readonly fromRevision?: number }): AsyncIterable<Envelope>;
  /** Reads the global log in position order from `from` (inclusive). */
  readAll(options?: ReadAllOptions): AsyncIterable<Envelope>;
  /** Catch-up then live: every event after the checkpoint, in order, with no gap and no duplicate. */
  subscribe(options?: SubscribeOptions): AsyncIterable<Envelope>;
  /** The position of the last event in the global log, or null when empty. */
  headPosition(): TE.TaskEither<StoreError, bigint | null>;
  /** Releases files, locks and connections. */
  close(): Promise<void>;
}
