import { setTimeout as sleep } from 'node:timers/promises';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  streamNameFilter,
  type AppendExpectedRevision,
  type Position,
} from '@eventstore/db-client';
import {
  GENESIS_HASH,
  StoreErrors,
  StoreFailure,
  chainEvent,
  planRecordedAt,
  showExpected,
  type AppendResult,
  type Envelope,
  type EventStore,
  type ExpectedRevision,
  type ProposedEvent,
  type ReadAllOptions,
  type RecordedAtPlan,
  type StoreError,
  type StoreUnavailable,
  type SubscribeOptions,
} from '@assure/event-store';
import {
  PROJECT_CATEGORIES,
  SEAL_STREAM,
  decodeRecorded,
  isProjectEvent,
  isTransient,
  mapClientError,
  projectStreamRegex,
  toEsdbPosition,
  type AnyResolvedEvent,
} from './mapping';
import {
  appendRetryOf,
  retryTransient,
  sendAppend,
  unknownOutcome,
  type AppendRetry,
  type AppendRetryOptions,
  type Outgoing,
} from './append';

export type { AppendRetryOptions } from './append';

/** Subscription reconnect back-off (exponential with a cap). */
export interface ReconnectOptions {
  /** First delay after a drop (default 50 ms). */
  readonly initialDelayMs?: number;
  /** Largest delay (default 5000 ms). */
  readonly maxDelayMs?: number;
  /** Give up (StoreUnavailable) after this many failed attempts in a row (default: never). */
  readonly maxAttempts?: number;
}

/** Options of {@link createEsdbStore}. */
export interface EsdbStoreOptions {
  /** Transaction-time clock for `meta.recordedAt` (default: the system clock). */
  readonly clock?: () => Date;
  /** Stream categories of the project's log (default: the domain's five). */
  readonly categories?: readonly string[];
  /** Whole stream names of the project's log besides the categories (default: `ledger-seals`). */
  readonly exactStreams?: readonly string[];
  /**
   * Prefix of every EventStoreDB stream name this store uses (default none): port stream
   * `risk-x` is stored as `<prefix>risk-x`, and the log holds only prefixed streams. Lets
   * several projects (or test runs) share one server; envelopes never contain the prefix.
   */
  readonly streamPrefix?: string;
  /** Reconnect back-off of subscriptions. */
  readonly reconnect?: ReconnectOptions;
  /** Internal retries of an `any`/`stream-exists` append that lost a race (default 20). */
  readonly maxConflictRetries?: number;
  /**
   * Re-sends of an append whose reply was lost (dropped connection, timeout): the same
   * events under the same expected revision, which EventStoreDB writes at most once. When
   * they run out the append fails with `AppendOutcomeUnknown`. Defaults: 5 sends, 100 ms
   * doubling to at most 2000 ms between them.
   */
  readonly appendRetry?: AppendRetryOptions;
  /**
   * Deadline of one append request, in ms (default: the client's, 10 s, or `defaultDeadline`
   * in the URL). Past it the outcome is unknown and the append is re-sent.
   */
  readonly appendTimeoutMs?: number;
  /** Events per read request; reads stream page by page (default 500, at least 2). */
  readonly readPageSize?: number;
}

/** Whether a store URL selects this adapter (`esdb://` or `esdb+discover://`). */
export function isEsdbUrl(url: string): boolean {
  return /^esdb(\+discover)?:\/\//i.test(url);
}

interface Tail {
  readonly revision: number;
  readonly hash: string;
}

const TAIL_CACHE_LIMIT = 10_000;
const CLOSED = StoreErrors.unavailable('the EventStoreDB store is closed');

/**
 * Reads one request's results to their end. A gRPC read left half-consumed never
 * finishes, and the client's `dispose()` would wait for it forever; so every read is a
 * bounded page, drained, and iteration continues page by page.
 */
async function drain<T>(read: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of read) out.push(x);
  return out;
}

function commitOf(resolved: AnyResolvedEvent | undefined): bigint | undefined {
  return resolved?.event?.position?.commit ?? resolved?.commitPosition;
}

/**
 * Opens the EventStoreDB adapter of the store port. The URL is passed to
 * `EventStoreDBClient.connectionString` (`esdb://host:2113?tls=false`,
 * `esdb+discover://a:2113,b:2113`, credentials and options as the client documents);
 * the connection itself is lazy, so an unreachable server shows on first use as
 * `StoreUnavailable`. Returns `StoreUnavailable` for a URL the client cannot parse.
 *
 * @example
 * const store = createEsdbStore('esdb://localhost:2113?tls=false');
 * if (E.isRight(store)) await store.right.append('risk-equal-pay', [proposed], 'no-stream')();
 */
export function createEsdbStore(
  connectionString: string,
  options: EsdbStoreOptions = {},
): E.Either<StoreUnavailable, EventStore> {
  if (!isEsdbUrl(connectionString)) {
    return E.left(
      StoreErrors.unavailable(
        `not an EventStoreDB URL (esdb:// or esdb+discover://): ${connectionString}`,
      ),
    );
  }
  try {
    const client = EventStoreDBClient.connectionString(connectionString);
    return E.right(new EsdbStore(client, options));
  } catch (e) {
    return E.left(
      StoreErrors.unavailable(
        `invalid EventStoreDB connection string: ${e instanceof Error ? e.message : String(e)}`,
      ),
    );
  }
}

class EsdbStore implements EventStore {
  private readonly clock: () => Date;
  private readonly filterRegex: string;
  private readonly prefix: string;
  private readonly streamFilter: RegExp;
  private readonly reconnect: Required<ReconnectOptions>;
  private readonly maxConflictRetries: number;
  private readonly appendRetry: AppendRetry;
  private readonly appendTimeoutMs: number | undefined;
  private readonly pageSize: number;
  private readonly tails = new Map<string, Tail>();
  /** Stop switches of the live subscriptions, pulled by close(). */
  private readonly live = new Set<AbortController>();
  private closed = false;
  /** The tail of this client's queue of appends (see `append`). */
  private appending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: EventStoreDBClient,
    options: EsdbStoreOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.prefix = options.streamPrefix ?? '';
    this.filterRegex = projectStreamRegex(
      options.categories ?? PROJECT_CATEGORIES,
      options.exactStreams ?? [SEAL_STREAM],
      this.prefix,
    );
    this.streamFilter = new RegExp(this.filterRegex);
    this.reconnect = {
      initialDelayMs: options.reconnect?.initialDelayMs ?? 50,
      maxDelayMs: options.reconnect?.maxDelayMs ?? 5000,
      maxAttempts: options.reconnect?.maxAttempts ?? Number.POSITIVE_INFINITY,
    };
    this.maxConflictRetries = options.maxConflictRetries ?? 20;
    this.appendRetry = appendRetryOf(options.appendRetry);
    this.appendTimeoutMs = options.appendTimeoutMs;
    this.pageSize = Math.max(2, Math.floor(options.readPageSize ?? 500));
  }

  append(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
  ): TE.TaskEither<StoreError, AppendResult> {
    return () => {
      if (this.closed) return Promise.resolve(E.left(CLOSED));
      // One append of this client at a time, in the order issued: each settles its
      // transaction time (planTimes) against the log after the previous one landed.
      const mine = this.appending.then(() => this.appendLoop(stream, events, expected));
      this.appending = mine.then(
        () => undefined,
        () => undefined,
      );
      return mine;
    };
  }

  private async appendLoop(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
  ): Promise<E.Either<StoreError, AppendResult>> {
    const shown = showExpected(expected);
    const wrong = (actual: Tail | null) =>
      E.left(
        StoreErrors.wrongExpectedRevision(
          stream,
          shown,
          actual === null ? 'no-stream' : String(actual.revision),
        ),
      );
    for (let attempt = 0; ; attempt++) {
      // Find the tail to chain onto. `no-stream` needs no read (the server checks it); an
      // exact revision may use the cached tail if it matches; otherwise read the last event.
      let tail: Tail | null;
      if (expected === 'no-stream') tail = null;
      else {
        const cached = this.tails.get(stream);
        if (
          attempt === 0 &&
          typeof expected === 'object' &&
          cached?.revision === expected.revision
        ) {
          tail = cached;
        } else {
          const read = await this.readTail(stream);
          if (E.isLeft(read)) return read;
          tail = read.right;
        }
        if (typeof expected === 'object' && tail?.revision !== expected.revision)
          return wrong(tail);
        if (expected === 'stream-exists' && tail === null) return wrong(null);
      }
      if (events.length === 0) {
        return E.right({
          stream,
          nextRevision: tail?.revision ?? -1,
          position: '0',
          events: [],
        });
      }
      const times = await this.planTimes(stream, events);
      if (E.isLeft(times)) return times;
      const recordedAt = times.right.stamp;
      const chained: Omit<Envelope, 'position'>[] = [];
      let prev = tail?.hash ?? GENESIS_HASH;
      let revision = (tail?.revision ?? -1) + 1;
      for (const p of events) {
        const c = chainEvent(stream, revision, prev, p, recordedAt);
        chained.push(c);
        prev = c.hash;
        revision += 1;
      }
      const expectedRevision: AppendExpectedRevision =
        tail === null ? NO_STREAM : BigInt(tail.revision);
      // A lost reply is re-sent unchanged (same ids, same exact expectation) inside
      // sendAppend, never re-chained onto a re-read tail: that could write the batch twice.
      const out: Outgoing = {
        stream,
        esdbStream: this.prefix + stream,
        chained,
        expectedRevision,
        shown,
      };
      const sent = await sendAppend(
        this.client,
        this.appendRetry,
        this.appendTimeoutMs,
        out,
        () => this.closed,
      );
      if (E.isLeft(sent)) {
        this.tails.delete(stream);
        const retryable =
          sent.left._tag === 'WrongExpectedRevision' &&
          (expected === 'any' || expected === 'stream-exists') &&
          attempt < this.maxConflictRetries;
        if (retryable) continue;
        return sent;
      }
      return this.readBack(out);
    }
  }

  /**
   * Reads the freshly written events back: their positions and their stored form. The
   * append was acknowledged, so a read that keeps failing transiently leaves the caller
   * without its result: `AppendOutcomeUnknown` (the events are stored once).
   */
  private async readBack(out: Outgoing): Promise<E.Either<StoreError, AppendResult>> {
    const { stream, chained } = out;
    const first = chained[0];
    const last = chained[chained.length - 1];
    if (first === undefined || last === undefined) {
      return E.left(StoreErrors.unavailable('internal: read-back of an empty append'));
    }
    const stored: Envelope[] = [];
    const read = await retryTransient(
      this.appendRetry,
      () =>
        drain(
          this.client.readStream(this.prefix + stream, {
            fromRevision: BigInt(first.revision),
            maxCount: chained.length,
            direction: FORWARDS,
            requiresLeader: true,
          }),
        ),
      () => this.closed,
    );
    if (!read.ok) {
      this.tails.delete(stream);
      const err = mapClientError(read.error, { stream });
      return E.left(
        read.transient
          ? unknownOutcome(
              out,
              `EventStoreDB acknowledged the append, but reading it back failed: ${err.message}`,
            )
          : err,
      );
    }
    const page: AnyResolvedEvent[] = read.value;
    for (const resolved of page) {
      const d = decodeRecorded(resolved, this.prefix);
      if (E.isLeft(d)) return d;
      stored.push(d.right);
    }
    const mismatch = chained.findIndex(
      (c, i) => stored[i]?.eventId !== c.eventId || stored[i]?.revision !== c.revision,
    );
    if (mismatch >= 0 || stored.length !== chained.length) {
      this.tails.delete(stream);
      const at = stored[Math.max(mismatch, 0)];
      return E.left(
        StoreErrors.corrupt(
          at?.position ?? 'unknown',
          `stream ${stream}: EventStoreDB numbered the appended events differently (was the stream deleted outside Assure?)`,
        ),
      );
    }
    this.rememberTail(stream, { revision: last.revision, hash: last.hash });
    const lastStored = stored[stored.length - 1];
    return E.right({
      stream,
      nextRevision: last.revision,
      position: lastStored?.position ?? '0',
      events: stored,
    });
  }

  private rememberTail(stream: string, tail: Tail): void {
    this.tails.delete(stream);
    this.tails.set(stream, tail);
    if (this.tails.size > TAIL_CACHE_LIMIT) {
      const oldest = this.tails.keys().next();
      if (oldest.done !== true) this.tails.delete(oldest.value);
    }
  }

  private async readTail(stream: string): Promise<E.Either<StoreError, Tail | null>> {
    let page: AnyResolvedEvent[];
    try {
      page = await drain(
        this.client.readStream(this.prefix + stream, {
          fromRevision: END,
          direction: BACKWARDS,
          maxCount: 1,
          requiresLeader: true,
        }),
      );
    } catch (e) {
      if (e instanceof StreamNotFoundError) return E.right(null);
      return E.left(mapClientError(e, { stream }));
    }
    const [last] = page;
    if (last === undefined) return E.right(null);
    const d = decodeRecorded(last, this.prefix);
    return E.isLeft(d) ? d : E.right({ revision: d.right.revision, hash: d.right.hash });
  }

  async *readStream(
    stream: string,
    options: { readonly fromRevision?: number } = {},
  ): AsyncGenerator<Envelope> {
    let from: bigint | typeof START =
      options.fromRevision === undefined ? START : BigInt(options.fromRevision);
    for (;;) {
      if (this.closed) throw new StoreFailure(CLOSED);
      let page: AnyResolvedEvent[];
      try {
        page = await drain(
          this.client.readStream(this.prefix + stream, {
            fromRevision: from,
            maxCount: this.pageSize,
            direction: FORWARDS,
          }),
        );
      } catch (e) {
        if (e instanceof StreamNotFoundError) return;
        throw new StoreFailure(mapClientError(e, { stream }));
      }
      for (const resolved of page) yield this.decodeOrThrow(resolved);
      const last = page[page.length - 1]?.event;
      if (page.length < this.pageSize || last === undefined) return;
      from = last.revision + 1n;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<Envelope> {
    const { from, maxCount } = options;
    if (maxCount !== undefined && maxCount <= 0) return;
    let position: Position | typeof START =
      from === undefined || from === 0n ? START : toEsdbPosition(from);
    let lastSeen: bigint | undefined;
    let anchored = from === undefined || from === 0n;
    let n = 0;
    for (;;) {
      if (this.closed) throw new StoreFailure(CLOSED);
      let page: AnyResolvedEvent[];
      try {
        page = await drain(
          this.client.readAll({
            fromPosition: position,
            maxCount: this.pageSize,
            direction: FORWARDS,
          }),
        );
      } catch (e) {
        if (!anchored && from !== undefined && !isTransient(e)) {
          // A real server refuses to start inside a record (e.g. a checkpoint + 1): start
          // at the record at or before `from` instead; earlier events are skipped below.
          anchored = true;
          const at = await this.anchor(from);
          if (E.isLeft(at)) throw new StoreFailure(at.left);
          position = at.right;
          continue;
        }
        throw new StoreFailure(mapClientError(e));
      }
      anchored = true;
      for (const resolved of page) {
        const commit = commitOf(resolved);
        // Each next page starts at the previous page's last record (reads are inclusive).
        if (lastSeen !== undefined && commit !== undefined && commit <= lastSeen) continue;
        if (!this.isProject(resolved)) continue;
        const env = this.decodeOrThrow(resolved);
        if (from !== undefined && BigInt(env.position) < from) continue;
        yield env;
        n += 1;
        if (maxCount !== undefined && n >= maxCount) return;
      }
      const lastCommit = commitOf(page[page.length - 1]);
      if (page.length < this.pageSize || lastCommit === undefined) return;
      if (lastSeen !== undefined && lastCommit <= lastSeen) return;
      lastSeen = lastCommit;
      position = toEsdbPosition(lastCommit);
    }
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<Envelope> {
    return {
      [Symbol.asyncIterator]: (): AsyncIterator<Envelope> => {
        // An outer stop switch, so that return() ends the subscription even while the
        // generator waits for a live event (a generator's own return() would queue).
        const stop = new AbortController();
        const external = options.signal;
        const onAbort = () => stop.abort();
        if (external?.aborted === true || this.closed) stop.abort();
        else external?.addEventListener('abort', onAbort, { once: true });
        this.live.add(stop);
        const detach = () => {
          external?.removeEventListener('abort', onAbort);
          this.live.delete(stop);
        };
        const inner = this.follow(options.after, stop.signal);
        return {
          next: async () => {
            const r = await inner.next();
            if (r.done === true) detach();
            return r;
          },
          return: async () => {
            stop.abort();
            detach();
            return inner.return(undefined);
          },
        };
      },
    };
  }

  private async *follow(
    after: bigint | undefined,
    signal: AbortSignal,
  ): AsyncGenerator<Envelope, undefined> {
    let last = after;
    let failures = 0;
    // Where the server resumes (exclusive): the checkpoint, then each delivered position.
    let resume: Position | typeof START = after === undefined ? START : toEsdbPosition(after);
    let anchored = false;
    const stopped = () => signal.aborted || this.closed;
    while (!stopped()) {
      const sub = this.client.subscribeToAll({
        fromPosition: resume,
        filter: streamNameFilter({ regex: this.filterRegex }),
      });
      const onAbort = () => {
        void sub.unsubscribe();
        sub.destroy();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      let failure: unknown = null;
      try {
        for await (const resolved of sub) {
          failures = 0;
          if (!this.isProject(resolved)) continue;
          const env = this.decodeOrThrow(resolved);
          const position = BigInt(env.position);
          // After a reconnect the server resumes after `last`; never hand over a duplicate.
          if (last !== undefined && position <= last) continue;
          yield env;
          last = position;
          resume = toEsdbPosition(position);
          anchored = true;
        }
      } catch (e) {
        if (e instanceof StoreFailure) throw e;
        failure = e;
      } finally {
        signal.removeEventListener('abort', onAbort);
        void sub.unsubscribe();
      }
      if (stopped()) return undefined;
      if (failure !== null && !isTransient(failure)) {
        // A real server refuses a checkpoint that is not a record's position (one this
        // store never handed out); resume from the record at or before it instead.
        if (!anchored && after !== undefined) {
          anchored = true;
          const at = await this.anchor(after);
          if (E.isLeft(at)) throw new StoreFailure(at.left);
          resume = at.right;
          continue;
        }
        throw new StoreFailure(mapClientError(failure));
      }
      // Dropped (error or end of stream): back off, then resume after the last delivered.
      failures += 1;
      if (failures > this.reconnect.maxAttempts) {
        throw new StoreFailure(
          StoreErrors.unavailable(
            `subscription lost after ${failures - 1} reconnect attempts: ${failure instanceof Error ? failure.message : 'stream ended'}`,
          ),
        );
      }
      const delay = Math.min(
        this.reconnect.maxDelayMs,
        this.reconnect.initialDelayMs * 2 ** Math.min(failures - 1, 20),
      );
      try {
        await sleep(delay, undefined, { signal });
      } catch {
        return undefined; // stopped while waiting
      }
    }
    return undefined;
  }

  /**
   * The position of the last record of `$all` (any stream) at or before `p`, or START when
   * there is none: a valid place to start reading for a position that may fall inside a
   * record. Scans backwards from the end, a page at a time.
   */
  private async anchor(p: bigint): Promise<E.Either<StoreError, Position | typeof START>> {
    let position: Position | typeof END = END;
    for (;;) {
      let page: AnyResolvedEvent[];
      try {
        page = await drain(
          this.client.readAll({
            fromPosition: position,
            direction: BACKWARDS,
            maxCount: this.pageSize,
          }),
        );
      } catch (e) {
        return E.left(mapClientError(e));
      }
      for (const resolved of page) {
        const c = commitOf(resolved);
        if (c !== undefined && c <= p) return E.right(toEsdbPosition(c));
      }
      const oldest = commitOf(page[page.length - 1]);
      if (page.length < this.pageSize || oldest === undefined) return E.right(START);
      position = toEsdbPosition(oldest);
    }
  }

  /**
   * The transaction times of an append (`planRecordedAt`) against the newest event of the
   * project's log, read backwards through `$all` before each append. EventStoreDB cannot
   * order that read with other clients' appends (as for `appendIfHead`): the rule holds
   * against what this client saw, and fully when it is the only writer.
   */
  private async planTimes(
    stream: string,
    events: readonly ProposedEvent[],
  ): Promise<E.Either<StoreError, RecordedAtPlan>> {
    let position: Position | typeof END = END;
    for (;;) {
      let page: AnyResolvedEvent[];
      try {
        page = await drain(
          this.client.readAll({
            fromPosition: position,
            direction: BACKWARDS,
            maxCount: this.pageSize,
          }),
        );
      } catch (e) {
        return E.left(mapClientError(e));
      }
      for (const resolved of page) {
        if (!this.isProject(resolved)) continue;
        const env = decodeRecorded(resolved, this.prefix);
        if (E.isLeft(env)) return env;
        return planRecordedAt(stream, events, env.right.meta.recordedAt, this.clock());
      }
      const oldest = commitOf(page[page.length - 1]);
      if (page.length < this.pageSize || oldest === undefined)
        return planRecordedAt(stream, events, null, this.clock());
      position = toEsdbPosition(oldest);
    }
  }

  headPosition(): TE.TaskEither<StoreError, bigint | null> {
    return async () => {
      if (this.closed) return E.left(CLOSED);
      // Backwards through `$all` a page at a time, to the newest event of the project.
      let position: Position | typeof END = END;
      for (;;) {
        let page: AnyResolvedEvent[];
        try {
          page = await drain(
            this.client.readAll({
              fromPosition: position,
              direction: BACKWARDS,
              maxCount: this.pageSize,
            }),
          );
        } catch (e) {
          return E.left(mapClientError(e));
        }
        for (const resolved of page) {
          if (!this.isProject(resolved)) continue;
          const env = decodeRecorded(resolved, this.prefix);
          return E.isLeft(env) ? env : E.right(BigInt(env.right.position));
        }
        const oldest = commitOf(page[page.length - 1]);
        if (page.length < this.pageSize || oldest === undefined) return E.right(null);
        position = toEsdbPosition(oldest);
      }
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.live) stop.abort();
    this.live.clear();
    await this.client.dispose();
  }

  private isProject(resolved: AnyResolvedEvent): boolean {
    const rec = resolved.event;
    return rec !== undefined && isProjectEvent(rec.streamId, rec.type, this.streamFilter);
  }

  private decodeOrThrow(resolved: AnyResolvedEvent): Envelope {
    const d = decodeRecorded(resolved, this.prefix);
    if (E.isLeft(d)) throw new StoreFailure(d.left);
    return d.right;
  }
}
