/** The stream's current revision did not match what the writer expected. */
export interface WrongExpectedRevision {
  readonly _tag: 'WrongExpectedRevision';
  readonly stream: string;
  /** `any`, `no-stream`, `stream-exists` or the exact revision expected, as given. */
  readonly expected: string;
  /** The stream's actual last revision, or `no-stream`. */
  readonly actual: string;
  readonly message: string;
}
/** The store cannot be reached or opened (connection refused, lock held, disk error). */
export interface StoreUnavailable {
  readonly _tag: 'StoreUnavailable';
  readonly cause: string;
  readonly message: string;
}
/** Stored data is unreadable at a position (bad JSON, a record that fails its codec). */
export interface StoreCorrupt {
  readonly _tag: 'StoreCorrupt';
  readonly position: string;
  readonly reason: string;
  readonly message: string;
}
/** Stored data decodes but breaks an integrity rule (hash, chain, revision order). */
export interface Tampered {
  readonly _tag: 'Tampered';
  readonly position: string;
  readonly stream: string;
  readonly revision: number;
  readonly reason: string;
  readonly message: string;
}

/** The global log's last position was not the one a conditional append required. */
export interface HeadMoved {
  readonly _tag: 'HeadMoved';
  /** The head required (a decimal position), or `empty`. */
  readonly expected: string;
  /** The head found, or `empty`. */
  readonly actual: string;
  readonly message: string;
}

/** A payload the store checks on append (see `MemoryStoreOptions.decodePayloads`) was rejected. */
export interface PayloadRejected {
  readonly _tag: 'PayloadRejected';
  readonly stream: string;
  /** The rejected event's place in the append (0-based) and its id. */
  readonly index: number;
  readonly eventId: string;
  readonly type: string;
  /** What is wrong, by path under `data`. */
  readonly errors: readonly { readonly path: string; readonly message: string }[];
  readonly message: string;
}

/**
 * An append gave an event a `meta.recordedAt` (a backfill, an import) before the last
 * transaction time of the log, counting appends ordered before it: transaction time never
 * goes backwards, so what "as known at" shows of the past cannot be rewritten. Nothing
 * was written.
 */
export interface RecordedAtRegressed {
  readonly _tag: 'RecordedAtRegressed';
  readonly stream: string;
  /** The refused event's place in the append (0-based). */
  readonly index: number;
  /** The log's last `recordedAt` (or that of the event before it in the same append). */
  readonly last: string;
  /** The `recordedAt` the event was given. */
  readonly given: string;
  readonly message: string;
}

/**
 * An append whose outcome the store cannot tell: the request went out, but its answer was
 * lost (the connection dropped, or it timed out) and retrying did not settle it. The events
 * may or may not be stored. Look for `eventIds` in `stream` before writing them again; a
 * command re-run with the same `commandId` does that check itself.
 */
export interface AppendOutcomeUnknown {
  readonly _tag: 'AppendOutcomeUnknown';
  readonly stream: string;
  /** The expectation of the append, as given. */
  readonly expected: string;
  /** The ids of the events that may or may not have been written, in order. */
  readonly eventIds: readonly string[];
  /** What went wrong, last failure included. */
  readonly cause: string;
  readonly message: string;
}

/** Every failure a store reports. Business outcomes never appear here. */
export type StoreError =
  | WrongExpectedRevision
  | HeadMoved
  | PayloadRejected
  | RecordedAtRegressed
  | StoreUnavailable
  | StoreCorrupt
  | Tampered
  | AppendOutcomeUnknown;

const headText = (p: bigint | null): string => (p === null ? 'empty' : p.toString());

/** Constructors for {@link StoreError}s with a readable `message`. */
export const StoreErrors = {
  wrongExpectedRevision: (
    stream: string,
    expected: string,
    actual: string,
  ): WrongExpectedRevision => ({
    _tag: 'WrongExpectedRevision',
    stream,
    expected,
    actual,
    message: `stream ${stream}: expected revision ${expected}, actual ${actual}`,
  }),
  headMoved: (expected: bigint | null, actual: bigint | null): HeadMoved => ({
    _tag: 'HeadMoved',
    expected: headText(expected),
    actual: headText(actual),
    message: `the log's head is ${headText(actual)}, not ${headText(expected)}`,
  }),
  payloadRejected: (
    stream: string,
    index: number,
    eventId: string,
    type: string,
    errors: readonly { readonly path: string; readonly message: string }[],
  ): PayloadRejected => ({
    _tag: 'PayloadRejected',
    stream,
    index,
    eventId,
    type,
    errors,
    message: `stream ${stream}: event ${index} (${eventId}, ${type}) rejected: ${errors
      .map((e) => `${e.path}: ${e.message}`)
      .join('; ')}`,
  }),
  recordedAtRegressed: (
    stream: string,
    index: number,
    last: string,
    given: string,
  ): RecordedAtRegressed => ({
    _tag: 'RecordedAtRegressed',
    stream,
    index,
    last,
    given,
    message:
      `stream ${stream}: event ${index}: meta.recordedAt ${given} is before the log's last ` +
      `recordedAt ${last} (transaction time never goes backwards); nothing was written`,
  }),
  unavailable: (cause: string): StoreUnavailable => ({
    _tag: 'StoreUnavailable',
    cause,
    message: `store unavailable: ${cause}`,
  }),
  /**
   * An event of an append that cannot be stored as given (a field its types would not allow,
   * data that is not plain JSON): `StoreUnavailable` naming the event's place and the reason.
   */
  cannotStore: (stream: string, index: number, reason: string): StoreUnavailable =>
    StoreErrors.unavailable(`cannot store event ${index} of ${stream}: ${reason}`),
  appendOutcomeUnknown: (
    stream: string,
    expected: string,
    eventIds: readonly string[],
    cause: string,
  ): AppendOutcomeUnknown => ({
    _tag: 'AppendOutcomeUnknown',
    stream,
    expected,
    eventIds,
    cause,
    message: `stream ${stream}: the outcome of appending ${eventIds.length} event(s) is unknown (${cause}); they may have been written: look for event ids ${eventIds.join(', ')} before writing them again`,
  }),
  corrupt: (position: string, reason: string): StoreCorrupt => ({
    _tag: 'StoreCorrupt',
    position,
    reason,
    message: `store corrupt at position ${position}: ${reason}`,
  }),
  tampered: (position: string, stream: string, revision: number, reason: string): Tampered => ({
    _tag: 'Tampered',
    position,
    stream,
    revision,
    reason,
    message: `tampered at position ${position} (${stream}@${revision}): ${reason}`,
  }),
} as const;

/**
 * The one exception class of the store layer: thrown only from async iteration (reads and
 * subscriptions), where an `Either` cannot be returned; it carries the tagged error.
 * Appends return `TaskEither` instead.
 */
export class StoreFailure extends Error {
  constructor(readonly error: StoreError) {
    super(error.message);
    this.name = 'StoreFailure';
  }
}

/** Narrows an unknown thrown value to the tagged store error it carries, if any. */
export function storeErrorOf(u: unknown): StoreError | undefined {
  return u instanceof StoreFailure ? u.error : undefined;
}
