import type { PayloadDecoder } from '../store';

/** Options of `createMemoryStore`. */
export interface MemoryStoreOptions {
  /** Transaction-time clock for `meta.recordedAt` (default: the system clock). */
  readonly clock?: () => Date;
  /**
   * The first event's position (default `0n`). Positions go up by {@link positionStep}.
   */
  readonly firstPosition?: bigint;
  /**
   * Gap between consecutive positions (default `1n`). A step above one mimics stores
   * whose positions are not contiguous (EventStoreDB), to test consumers against them.
   */
  readonly positionStep?: bigint;
  /**
   * Yield to the event loop inside every append, before the expectation is checked, so
   * that concurrent writers really interleave (tests of optimistic concurrency).
   */
  readonly yieldOnAppend?: boolean;
  /** Largest batch `readAllBatches` hands out (default 1024). */
  readonly readBatchSize?: number;
  /**
   * Check every payload on append with this decoder (the domain's `decodeEvent`): an append
   * with an event it rejects fails with `PayloadRejected` and writes nothing. A reader that
   * folds with the same function then gets the decodings from `readDecodedBatches` instead
   * of checking every payload again (a rebuild's largest cost after the views).
   */
  readonly decodePayloads?: PayloadDecoder;
  /**
   * With `decodePayloads`: keep the decodings for `readDecodedBatches` (default `true`), so
   * that a reader folding with the same decoder does not decode the payloads again. Those
   * that are just `{ type, data }` of their envelope cost nothing kept; others (an upcast)
   * are held by log index. `false` keeps none: payloads are still checked on append, and
   * `readDecodedBatches` answers `undefined` (the reader decodes for itself).
   */
  readonly keepDecodings?: boolean;
  /**
   * Share the short strings (up to 64 characters) of stored payloads (default `true`): one
   * string object per distinct id, day or code, each event's copy referring to it. The log
   * then holds each once, and a reader that keys maps by them finds them equal by
   * reference with their hash computed (a rebuild of every view ran about a third faster
   * with it). The cost is a lookup in a table per string on append, and the table itself
   * (every distinct short string the log ever held). `false`: each event keeps its own
   * copy's strings. Values read are equal either way.
   */
  readonly shareStrings?: boolean;
}
