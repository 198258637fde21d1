import type * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { Envelope, ProposedEvent } from '../envelope';
import type { StoreError } from './errors';
import type { AppendResult, ExpectedRevision, ReadAllOptions } from './port';

// Optional capabilities of a store, beyond the port every store implements (`EventStore`).
// A store offers one by having its members; a consumer detects it with the guard below it and
// otherwise takes the port's way (which gives the same result, only slower or, for
// `appendIfHead`, with a check after the fact). The contract suite of @assure/testing holds
// every capability a store claims to the rule written here.

/**
 * Reads the global log in arrays: the same read as `readAll` (same events, same order, same
 * `from`/`maxCount`, same failures), so a consumer pays one promise per batch rather than
 * per event. Every batch is non-empty; the store chooses the sizes. Consumers call
 * `readAllInBatches(store)`, which uses it when offered and otherwise groups `readAll`.
 */
export interface BatchReader {
  readAllBatches(options?: ReadAllOptions): AsyncIterable<readonly Envelope[]>;
}

/** Whether `store` offers {@link BatchReader}. */
export function hasBatchReader<S extends object>(store: S): store is S & BatchReader {
  return 'readAllBatches' in store && typeof store.readAllBatches === 'function';
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

/**
 * The read of {@link BatchReader} with every payload already decoded by `decoder`, offered
 * only when the store checked each payload with that very function when it was appended (it
 * then keeps the decodings, or can rebuild them exactly); otherwise `undefined`, and the
 * reader decodes for itself. A rebuild then pays for no second check of what the store
 * already checked.
 */
export interface DecodedBatchReader {
  readDecodedBatches(
    decoder: PayloadDecoder,
    options?: ReadAllOptions,
  ): AsyncIterable<DecodedBatch> | undefined;
}

/** Whether `store` offers {@link DecodedBatchReader}. */
export function hasDecodedBatchReader<S extends object>(store: S): store is S & DecodedBatchReader {
  return 'readDecodedBatches' in store && typeof store.readDecodedBatches === 'function';
}

/**
 * Every envelope the store hands out (reads and subscriptions) is its own deeply frozen
 * object, the same one on every read, held for as long as the store is: a consumer may keep
 * references to envelopes instead of copying what it needs, at no memory cost the store does
 * not already bear (the in-memory store). Without it, an envelope kept by a consumer is
 * memory of its own (a file store parses fresh ones).
 */
export interface RetainedEnvelopes {
  readonly retainsEnvelopes: true;
}

/** Whether `store` claims {@link RetainedEnvelopes}. */
export function hasRetainedEnvelopes<S extends object>(store: S): store is S & RetainedEnvelopes {
  return 'retainsEnvelopes' in store && store.retainsEnvelopes === true;
}

/**
 * Appends as `append` does, and only if the last position of the global log is `head`
 * (null: an empty log) when the append is ordered; otherwise `HeadMoved`, nothing written.
 * For events that describe the whole log before them (a ledger seal). A store that cannot
 * order it atomically with other writers (EventStoreDB) does not offer it.
 */
export interface HeadConditionalAppend {
  appendIfHead(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
    head: bigint | null,
  ): TE.TaskEither<StoreError, AppendResult>;
}

/** Whether `store` offers {@link HeadConditionalAppend}. */
export function hasHeadConditionalAppend<S extends object>(
  store: S,
): store is S & HeadConditionalAppend {
  return 'appendIfHead' in store && typeof store.appendIfHead === 'function';
}

/**
 * Reads a stream's events at once, without a promise: `readStreamNow(stream, fromRevision)`
 * returns the events `readStream(stream, { fromRevision })` would hand out if read to its
 * end at the time of the call (same events, same order; none for a stream that does not
 * exist), and throws a `StoreFailure` where that read would fail. For a store that holds
 * its log in memory. The command handler folds a cached stream's new events this way (for
 * most commands, none), rather than paying a turn of the event loop for every load.
 */
export interface SyncStreamReader {
  readStreamNow(stream: string, fromRevision?: number): readonly Envelope[];
}

/** Whether `store` offers {@link SyncStreamReader}. */
export function hasSyncStreamReader<S extends object>(store: S): store is S & SyncStreamReader {
  return 'readStreamNow' in store && typeof store.readStreamNow === 'function';
}

/**
 * The bounds of a time-travel read, both inclusive: `asAt` a day `YYYY-MM-DD` (an event's
 * `meta.occurredAt` on or before it), `knownAt` an instant in `toISOString()` form (its
 * `meta.recordedAt` at or before it).
 */
export interface TimeBounds {
  readonly asAt?: string;
  readonly knownAt?: string;
}

/**
 * Reads the whole global log in arrays from its start, as `readAllBatches()` does, except
 * that it may leave out events outside `bounds` that it can tell apart without reading
 * them (a file log's verified prefix keeps each line's times). Every event within the
 * bounds is handed out, in log order, with the same failures as a full read; events outside
 * may be handed out too, so the consumer still applies its window. For a replay "as at"
 * or "as known at" that need not parse what it would skip. A store may find only at a
 * later batch that what let it skip or trust earlier ones did not hold (a file log's
 * verified prefix is compared as it is read): it then fails the read, so the consumer
 * must give no answer from a read that failed (a fold discards its state).
 */
export interface WindowedBatchReader {
  readAllBatchesWithin(bounds: TimeBounds): AsyncIterable<readonly Envelope[]>;
}

/** Whether `store` offers {@link WindowedBatchReader}. */
export function hasWindowedBatchReader<S extends object>(
  store: S,
): store is S & WindowedBatchReader {
  return 'readAllBatchesWithin' in store && typeof store.readAllBatchesWithin === 'function';
}
