import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { EventStoreDBClient, NO_STREAM, type AppendExpectedRevision } from '@eventstore/db-client';
import {
  GENESIS_HASH,
  StoreErrors,
  computeEventHash,
  draftEnvelope,
  storableEnvelope,
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
import { PROJECT_CATEGORIES, SEAL_STREAM, projectStreamRegex } from './mapping';
import { appendRetryOf, readBack, sendAppend, type AppendRetry, type Outgoing } from './append';
import { CLOSED, EsdbReader, type Tail } from './reader';
import type { AppendRetryOptions, ReconnectOptions } from './options';
import { follow, type SubscriptionSource } from './subscription';

export type { AppendRetryOptions, ReconnectOptions } from './options';

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

const TAIL_CACHE_LIMIT = 10_000;

/**
 * Chains `events` onto `tail` (the genesis hash and revision 0 when null), each checked as
 * the other stores check what they write (`storableEnvelope`: plain JSON data, the normative
 * codec) and hashed as it will be read back; or why one cannot be stored, naming it.
 */
function chainOnto(
  stream: string,
  tail: Tail | null,
  events: readonly ProposedEvent[],
  recordedAt: string,
): E.Either<StoreUnavailable, Omit<Envelope, 'position'>[]> {
  const chained: Omit<Envelope, 'position'>[] = [];
  let prevHash = tail?.hash ?? GENESIS_HASH;
  let revision = (tail?.revision ?? -1) + 1;
  for (let i = 0; i < events.length; i++) {
    const place = { position: '0', stream, revision, prevHash };
    const checked = storableEnvelope(draftEnvelope(events[i] as ProposedEvent, place, recordedAt));
    if (E.isLeft(checked)) return E.left(StoreErrors.cannotStore(stream, i, checked.left));
    const { position: _position, ...envelope } = checked.right;
    const c = { ...envelope, hash: computeEventHash(checked.right) };
    chained.push(c);
    prevHash = c.hash;
    revision += 1;
  }
  return E.right(chained);
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
  private readonly tails = new Map<string, Tail>();
  private readonly reader: EsdbReader;
  private readonly subscriptions: SubscriptionSource;
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
    const pageSize = Math.max(2, Math.floor(options.readPageSize ?? 500));
    const isClosed = () => this.closed;
    this.reader = new EsdbReader(client, this.prefix, this.streamFilter, pageSize, isClosed);
    this.subscriptions = {
      client,
      reader: this.reader,
      filterRegex: this.filterRegex,
      reconnect: this.reconnect,
      isClosed,
    };
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
    for (let attempt = 0; ; attempt++) {
      const found = await this.tailFor(stream, expected, attempt);
      if (E.isLeft(found)) return found;
      const tail = found.right;
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
      const made = chainOnto(stream, tail, events, times.right.stamp);
      if (E.isLeft(made)) return made;
      const chained = made.right;
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
      return readBack(
        {
          client: this.client,
          prefix: this.prefix,
          retry: this.appendRetry,
          isClosed: () => this.closed,
          forgetTail: () => this.tails.delete(stream),
          rememberTail: (t) => this.rememberTail(stream, t),
        },
        out,
      );
    }
  }

  /**
   * The tail to chain onto. `no-stream` needs no read (the server checks it); an exact
   * revision may use the cached tail if it matches (first attempt only); otherwise the
   * stream's last event is read. Left: a read failure, or the tail is not the expected one.
   */
  private async tailFor(
    stream: string,
    expected: ExpectedRevision,
    attempt: number,
  ): Promise<E.Either<StoreError, Tail | null>> {
    if (expected === 'no-stream') return E.right(null);
    let tail: Tail | null;
    const cached = this.tails.get(stream);
    if (attempt === 0 && typeof expected === 'object' && cached?.revision === expected.revision) {
      tail = cached;
    } else {
      const read = await this.reader.readTail(stream);
      if (E.isLeft(read)) return read;
      tail = read.right;
    }
    const wrong =
      (typeof expected === 'object' && tail?.revision !== expected.revision) ||
      (expected === 'stream-exists' && tail === null);
    if (!wrong) return E.right(tail);
    return E.left(
      StoreErrors.wrongExpectedRevision(
        stream,
        showExpected(expected),
        tail === null ? 'no-stream' : String(tail.revision),
      ),
    );
  }

  private rememberTail(stream: string, tail: Tail): void {
    this.tails.delete(stream);
    this.tails.set(stream, tail);
    if (this.tails.size > TAIL_CACHE_LIMIT) {
      const oldest = this.tails.keys().next();
      if (oldest.done !== true) this.tails.delete(oldest.value);
    }
  }

  readStream(
    stream: string,
    options: { readonly fromRevision?: number } = {},
  ): AsyncGenerator<Envelope> {
    return this.reader.readStream(stream, options);
  }

  readAll(options: ReadAllOptions = {}): AsyncGenerator<Envelope> {
    return this.reader.readAll(options);
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
        const inner = follow(this.subscriptions, options.after, stop.signal);
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
    const newest = await this.reader.newestProjectEvent();
    if (E.isLeft(newest)) return newest;
    return planRecordedAt(stream, events, newest.right?.meta.recordedAt ?? null, this.clock());
  }

  headPosition(): TE.TaskEither<StoreError, bigint | null> {
    return async () => {
      if (this.closed) return E.left(CLOSED);
      // Backwards through `$all` a page at a time, to the newest event of the project.
      const newest = await this.reader.newestProjectEvent();
      return E.isLeft(newest)
        ? newest
        : E.right(newest.right === null ? null : BigInt(newest.right.position));
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.live) stop.abort();
    this.live.clear();
    await this.client.dispose();
  }
}
