/**
 * The adapter's options that callers set, in types of its own: the package's public
 * declarations load nothing of `@eventstore/db-client`.
 */

/**
 * Re-sends of an append whose reply was lost: the connection dropped, or the request timed
 * out, after it went out. Each re-send carries the same events (same ids, same content)
 * under the same expected revision, so EventStoreDB recognises a batch it already wrote and
 * acknowledges it without writing it again.
 */
export interface AppendRetryOptions {
  /** Sends of one append in all, the first included (default 5). */
  readonly maxAttempts?: number;
  /** Wait before the first re-send (default 100 ms); it doubles at each re-send. */
  readonly initialDelayMs?: number;
  /** Longest wait between two sends (default 2000 ms). */
  readonly maxDelayMs?: number;
}

/** Subscription reconnect back-off (exponential with a cap). */
export interface ReconnectOptions {
  /** First delay after a drop (default 50 ms). */
  readonly initialDelayMs?: number;
  /** Largest delay (default 5000 ms). */
  readonly maxDelayMs?: number;
  /** Give up (StoreUnavailable) after this many failed attempts in a row (default: never). */
  readonly maxAttempts?: number;
}
