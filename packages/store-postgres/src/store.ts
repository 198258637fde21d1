import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { Client, Pool, QueryResultRow } from 'pg';
import {
  AppendNotifier,
  StoreErrors,
  type AppendResult,
  type BatchReader,
  type Envelope,
  type EventStore,
  type ExpectedRevision,
  type HeadConditionalAppend,
  type ProposedEvent,
  type ReadAllOptions,
  type StoreError,
  type SubscribeOptions,
} from '@assure/event-store';
import { Appender } from './appender';
import { appendLockKey, channelOf } from './config';
import { LiveFeed, resilientSubscription } from './live';
import { flat, pages, READ_COLUMNS, type PageSource } from './pages';
import { isConnectionLoss, quoteIdent, storeErrorOfPg } from './pg-errors';
import type { ReadRow } from './rows';

/** What a {@link PostgresEventStore} is built from (see `openPostgresStore`). */
export interface PostgresStoreSettings {
  readonly pool: Pool;
  /** Makes the dedicated LISTEN connection of live subscriptions. */
  readonly connectListener: () => Promise<Client>;
  readonly schema: string;
  readonly clock: () => Date;
  readonly readBatchSize: number;
  readonly pollIntervalMs: number;
  readonly resumeWithinMs: number;
  readonly warn: (message: string) => void;
}

/** The PostgreSQL {@link EventStore}: see the package README for its design. */
export interface PostgresStore extends EventStore, HeadConditionalAppend, BatchReader {
  /** The schema holding the store's tables. */
  readonly schema: string;
}

export class PostgresEventStore implements PostgresStore {
  readonly schema: string;
  readonly #pool: Pool;
  readonly #t: string;
  readonly #notifier = new AppendNotifier();
  readonly #feed: LiveFeed;
  readonly #resumeWithinMs: number;
  readonly #warn: (message: string) => void;
  readonly #appender: Appender;
  /** What the reads page through: this store's pool, page size and state. */
  readonly #pageSource: PageSource;
  #closed = false;
  #closing: Promise<void> | undefined;

  constructor(s: PostgresStoreSettings) {
    this.schema = s.schema;
    this.#pool = s.pool;
    this.#t = `${quoteIdent(s.schema)}.events`;
    const channel = channelOf(s.schema);
    this.#appender = new Appender({
      pool: s.pool,
      schema: s.schema,
      table: this.#t,
      lockKey: appendLockKey(s.schema).toString(),
      channel,
      clock: s.clock,
      notifier: this.#notifier,
      closed: () => this.#closed,
      closedError: () => this.#closedError(),
    });
    this.#pageSource = {
      query: (sql, params) => this.#query<ReadRow>(sql, params),
      batch: s.readBatchSize,
      closed: () => this.#closed,
      closedError: () => this.#closedError(),
    };
    this.#resumeWithinMs = s.resumeWithinMs;
    this.#warn = s.warn;
    this.#feed = new LiveFeed({
      notifier: this.#notifier,
      channel,
      connect: s.connectListener,
      head: () => this.#head(),
      pollIntervalMs: s.pollIntervalMs,
    });
  }

  // ---------------------------------------------------------------- append

  append(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
  ): TE.TaskEither<StoreError, AppendResult> {
    return () => this.#appender.append(stream, events, expected, undefined);
  }

  /** {@inheritDoc @assure/event-store#HeadConditionalAppend.appendIfHead} */
  readonly appendIfHead: HeadConditionalAppend['appendIfHead'] =
    (stream, events, expected, head) => () =>
      this.#appender.append(stream, events, expected, head);

  /**
   * A read query on the pool; a connection found dropped (see `Appender`'s `#lockAndRead`) is replaced
   * once, reads being safe to repeat.
   */
  async #query<R extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.#pool.query<R>(sql, params)).rows;
    } catch (e) {
      if (!isConnectionLoss(e) || this.#closed) throw e;
      return (await this.#pool.query<R>(sql, params)).rows;
    }
  }

  // ---------------------------------------------------------------- reads

  readStream(
    stream: string,
    options: { readonly fromRevision?: number } = {},
  ): AsyncIterable<Envelope> {
    const from = Math.max(0, options.fromRevision ?? 0);
    return flat(
      pages(
        this.#pageSource,
        `SELECT ${READ_COLUMNS} FROM ${this.#t} AS e
          WHERE stream = $1 AND revision >= $2 ORDER BY e.revision LIMIT $3`,
        (last) => [stream, last === undefined ? from : last.revision + 1],
        Number.POSITIVE_INFINITY,
        `reading ${stream}`,
      ),
    );
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<Envelope> {
    return flat(this.readAllBatches(options));
  }

  /** {@inheritDoc EventStore.readAllBatches} One batch per query (`readBatchSize` rows). */
  readAllBatches(options: ReadAllOptions = {}): AsyncIterable<readonly Envelope[]> {
    const from = options.from ?? 0n;
    return pages(
      this.#pageSource,
      `SELECT ${READ_COLUMNS} FROM ${this.#t} AS e
        WHERE position >= $1 ORDER BY e.position LIMIT $2`,
      (last) => [(last === undefined ? from : BigInt(last.position) + 1n).toString()],
      options.maxCount ?? Number.POSITIVE_INFINITY,
      'reading the log',
    );
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<Envelope> {
    return resilientSubscription(
      { readAll: (o) => this.readAll(o), notifier: this.#notifier },
      this.#feed,
      options,
      { withinMs: this.#resumeWithinMs, closed: () => this.#closed, warn: this.#warn },
    );
  }

  headPosition(): TE.TaskEither<StoreError, bigint | null> {
    return async () => {
      if (this.#closed) return E.left(this.#closedError());
      try {
        return E.right(await this.#head());
      } catch (e) {
        return E.left(storeErrorOfPg(e, 'reading the head of the log'));
      }
    };
  }

  async #head(): Promise<bigint | null> {
    const r = await this.#query<{ head: string | null }>(
      `SELECT max(position)::text AS head FROM ${this.#t}`,
    );
    const head = r[0]?.head ?? null;
    return head === null ? null : BigInt(head);
  }

  // ---------------------------------------------------------------- close

  close(): Promise<void> {
    if (this.#closing !== undefined) return this.#closing;
    this.#closed = true;
    this.#notifier.close();
    this.#closing = (async () => {
      await this.#feed.close();
      await this.#pool.end().catch(() => undefined);
    })();
    return this.#closing;
  }

  #closedError(): StoreError {
    return StoreErrors.unavailable(`the PostgreSQL store (schema ${this.schema}) is closed`);
  }
}
