import type * as E from 'fp-ts/Either';
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

/** One problem a {@link PayloadDecoder} found: where in the payload, and why. */
export interface PayloadIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Decodes a stored event's payload by its type and schema version into the form readers
 * fold (the domain's `decodeEvent` is one), or says what is wrong with it. Pure.
 */
export type PayloadDecoder = (
  type: string,
  schemaVersion: number,
  data: unknown,
) => E.Either<{ readonly errors: readonly PayloadIssue[] }, unknown>;

/** A batch of the log with each event's payload as a {@link PayloadDecoder} decoded it. */
export interface DecodedBatch {
  readonly envelopes: readonly Envelope[];
  /** `events[i]` is the decoding of `envelopes[i]`'s payload. */
  readonly events: readonly unknown[];
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
  /**
   * Appends as `append` does, and only if the last position of the global log is `head`
   * (null: an empty log) when the append is ordered; otherwise `HeadMoved`, nothing written.
   * For events that describe the whole log before them (a ledger seal). Optional: a store
   * that cannot order it atomically with other writers (EventStoreDB) leaves it out.
   */
  appendIfHead?(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
    head: bigint | null,
  ): TE.TaskEither<StoreError, AppendResult>;
  /** Reads one stream from a revision (inclusive, default 0); a missing stream reads as empty. */
  readStream(stream: string, options?: { readonly fromRevision?: number }): AsyncIterable<Envelope>;
  /** Reads the global log in position order from `from` (inclusive). */
  readAll(options?: ReadAllOptions): AsyncIterable<Envelope>;
  /**
   * Optional: the same read as {@link EventStore.readAll} (same events, same order, same
   * `from`/`maxCount`, same failures), handed out in arrays so a consumer pays one promise
   * per batch rather than per event. Every batch is non-empty; the store chooses the sizes.
   * Stores without it are read through `readAllInBatches`, which groups `readAll`.
   */
  readAllBatches?(options?: ReadAllOptions): AsyncIterable<readonly Envelope[]>;
  /**
   * Optional: the read of {@link EventStore.readAllBatches} with every payload already
   * decoded by `decoder`, offered only when this store checked each payload with that very
   * function when it was appended (it then keeps the decodings, or can rebuild them
   * exactly); otherwise `undefined`, and the reader decodes for itself. A rebuild then pays
   * for no second check of what the store already checked.
   */
  readDecodedBatches?(
    decoder: PayloadDecoder,
    options?: ReadAllOptions,
  ): AsyncIterable<DecodedBatch> | undefined;
  /**
   * Optional, true when every envelope this store hands out (reads and subscriptions) is its
   * own deeply frozen object, the same one on every read, held for as long as the store is:
   * a consumer may keep references to envelopes instead of copying what it needs, at no
   * memory cost the store does not already bear (the in-memory store). Absent or false: an
   * envelope kept by a consumer is memory of its own (a file store parses fresh ones).
   */
  readonly retainsEnvelopes?: boolean;
  /** Catch-up then live: every event after the checkpoint, in order, with no gap and no duplicate. */
  subscribe(options?: SubscribeOptions): AsyncIterable<Envelope>;
  /** The position of the last event in the global log, or null when empty. */
  headPosition(): TE.TaskEither<StoreError, bigint | null>;
  /** Releases files, locks and connections. */
  close(): Promise<void>;
}
