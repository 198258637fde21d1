import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { Client, Pool, PoolClient, QueryResultRow } from 'pg';
import {
  AppendNotifier,
  checkExpected,
  planRecordedAt,
  StoreErrors,
  StoreFailure,
  type AppendResult,
  type Envelope,
  type EventStore,
  type ExpectedRevision,
  type ProposedEvent,
  type ReadAllOptions,
  type StoreError,
  type SubscribeOptions,
} from '@assure/event-store';
import { appendLockKey, channelOf } from './config';
import { LiveFeed, resilientSubscription } from './live';
import { isConnectionLoss, quoteIdent, storeErrorOfPg } from './pg-errors';
import { decodeRow, prepareRows, type EventRow, type ReadRow } from './rows';

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
export interface PostgresStore extends EventStore {
  /** The schema holding the store's tables. */
  readonly schema: string;
  appendIfHead(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
    head: bigint | null,
  ): TE.TaskEither<StoreError, AppendResult>;
  readAllBatches(options?: ReadAllOptions): AsyncIterable<readonly Envelope[]>;
}

/** The last event of the log, as the append transaction reads it under the lock. */
interface LogTail {
  readonly position: string;
  readonly recorded_at: string;
}

export class PostgresEventStore implements PostgresStore {
  readonly schema: string;
  readonly #pool: Pool;
  readonly #t: string;
  readonly #lockKey: string;
  readonly #channel: string;
  readonly #clock: () => Date;
  readonly #batch: number;
  readonly #notifier = new AppendNotifier();
  readonly #feed: LiveFeed;
  readonly #resumeWithinMs: number;
  readonly #warn: (message: string) => void;
  #closed = false;
  #closing: Promise<void> | undefined;

  constructor(s: PostgresStoreSettings) {
    this.schema = s.schema;
    this.#pool = s.pool;
    this.#t = `${quoteIdent(s.schema)}.events`;
    this.#lockKey = appendLockKey(s.schema).toString();
    this.#channel = channelOf(s.schema);
    this.#clock = s.clock;
    this.#batch = s.readBatchSize;
    this.#resumeWithinMs = s.resumeWithinMs;
    this.#warn = s.warn;
    this.#feed = new LiveFeed({
      notifier: this.#notifier,
      channel: this.#channel,
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
    return () => this.#append(stream, events, expected, undefined);
  }

  appendIfHead(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
    head: bigint | null,
  ): TE.TaskEither<StoreError, AppendResult> {
    return () => this.#append(stream, events, expected, head);
  }

  /**
   * One append, one transaction: BEGIN; take the schema's append lock (held to COMMIT);
   * read the log's tail and the stream's head; check the expectations; insert the rows
   * at the positions after the tail; NOTIFY; COMMIT. Holding the lock to the commit is what
   * makes positions commit in order (see the README).
   */
  async #append(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
    head: bigint | null | undefined,
  ): Promise<E.Either<StoreError, AppendResult>> {
    if (this.#closed) return E.left(this.#closedError());
    const begun = await this.#begin(stream);
    if (E.isLeft(begun)) return begun;
    const client = begun.right;
    let lost = false;
    let committing = false;
    try {
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [this.#lockKey]);
      const r = await this.#decide(client, stream, events, expected, head);
      if (E.isLeft(r) || r.right.rows.length === 0) {
        await client.query('ROLLBACK');
        return E.isLeft(r) ? r : E.right(r.right.result);
      }
      await this.#insert(client, r.right.rows);
      committing = true;
      await client.query('COMMIT');
      this.#notifier.notify();
      return E.right(r.right.result);
    } catch (e) {
      lost = isConnectionLoss(e);
      if (!lost) await client.query('ROLLBACK').catch(() => undefined);
      const doing =
        committing && lost
          ? `appending to ${stream}: the commit's outcome is unknown (read the stream to see whether it landed; a retried command with the same commandId is applied once)`
          : `appending to ${stream}`;
      return E.left(storeErrorOfPg(e, doing));
    } finally {
      // A connection that failed is destroyed, not handed to the next append.
      client.release(lost ? true : undefined);
    }
  }

  /**
   * A pooled connection with a transaction begun. A connection the server dropped while it
   * sat idle in the pool (a terminated backend, a restart) fails at BEGIN, before anything
   * is sent for the append: it is discarded and one fresh connection is tried.
   */
  async #begin(stream: string): Promise<E.Either<StoreError, PoolClient>> {
    for (let attempt = 0; ; attempt++) {
      let client: PoolClient;
      try {
        client = await this.#pool.connect();
      } catch (e) {
        return E.left(storeErrorOfPg(e, `appending to ${stream}: cannot connect`));
      }
      try {
        // READ COMMITTED whatever the server's default: each statement after the lock then
        // reads with a snapshot taken after the previous holder's commit (under REPEATABLE
        // READ the snapshot would predate the wait for the lock, and the tail be stale).
        await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
        return E.right(client);
      } catch (e) {
        const lost = isConnectionLoss(e);
        client.release(lost ? true : undefined);
        if (!lost || attempt >= 1) return E.left(storeErrorOfPg(e, `appending to ${stream}`));
      }
    }
  }

  /**
   * A read query on the pool; a connection found dropped (see `#begin`) is replaced once,
   * reads being safe to repeat.
   */
  async #query<R extends QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    try {
      return (await this.#pool.query<R>(sql, params)).rows;
    } catch (e) {
      if (!isConnectionLoss(e) || this.#closed) throw e;
      return (await this.#pool.query<R>(sql, params)).rows;
    }
  }

  /** Under the lock: checks the head and the expectation and builds the rows to insert. */
  async #decide(
    client: PoolClient,
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
    head: bigint | null | undefined,
  ): Promise<
    E.Either<StoreError, { readonly rows: readonly EventRow[]; readonly result: AppendResult }>
  > {
    const tail = await client.query<LogTail>(
      `SELECT position, recorded_at FROM ${this.#t} ORDER BY position DESC LIMIT 1`,
    );
    const last = tail.rows[0];
    const actual = last === undefined ? null : BigInt(last.position);
    if (head !== undefined && actual !== head) return E.left(StoreErrors.headMoved(head, actual));
    const sh = await client.query<{ revision: number; hash: string; position: string }>(
      `SELECT revision, hash, position FROM ${this.#t} WHERE stream = $1 ORDER BY revision DESC LIMIT 1`,
      [stream],
    );
    const streamHead = sh.rows[0];
    const check = checkExpected(stream, expected, streamHead?.revision ?? null);
    if (E.isLeft(check)) return check;
    if (events.length === 0)
      return E.right({
        rows: [],
        result: {
          stream,
          nextRevision: streamHead?.revision ?? -1,
          position: streamHead?.position ?? '-1',
          events: [],
        },
      });
    // Transaction time never goes backwards along the log: under the lock, the tail's
    // recordedAt is the last one, whoever wrote it.
    const times = planRecordedAt(stream, events, last?.recorded_at ?? null, this.#clock());
    if (E.isLeft(times)) return times;
    const first = actual === null ? 0n : actual + 1n;
    const rows = prepareRows(stream, events, streamHead, first, times.right.stamp);
    if (E.isLeft(rows)) return rows;
    const envelopes = rows.right.map((row) => row.envelope);
    const lastRow = rows.right[rows.right.length - 1] as EventRow;
    return E.right({
      rows: rows.right,
      result: {
        stream,
        nextRevision: lastRow.revision,
        position: lastRow.position,
        events: envelopes,
      },
    });
  }

  /** Inserts the rows in one statement (arrays unnested) and notifies listeners at commit. */
  async #insert(client: PoolClient, rows: readonly EventRow[]): Promise<void> {
    await client.query(
      `INSERT INTO ${this.#t} (position, stream, revision, hash, recorded_at, envelope)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::json[])`,
      [
        rows.map((r) => r.position),
        rows.map((r) => r.stream),
        rows.map((r) => r.revision),
        rows.map((r) => r.hash),
        rows.map((r) => r.recordedAt),
        rows.map((r) => r.text),
      ],
    );
    const lastRow = rows[rows.length - 1] as EventRow;
    await client.query('SELECT pg_notify($1, $2)', [this.#channel, lastRow.position]);
  }

  // ---------------------------------------------------------------- reads

  readStream(
    stream: string,
    options: { readonly fromRevision?: number } = {},
  ): AsyncIterable<Envelope> {
    const from = Math.max(0, options.fromRevision ?? 0);
    return flat(
      this.#pages(
        `SELECT position, stream, revision, envelope FROM ${this.#t}
          WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
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
    return this.#pages(
      `SELECT position, stream, revision, envelope FROM ${this.#t}
        WHERE position >= $1 ORDER BY position LIMIT $2`,
      (last) => [(last === undefined ? from : BigInt(last.position) + 1n).toString()],
      options.maxCount ?? Number.POSITIVE_INFINITY,
      'reading the log',
    );
  }

  /**
   * Pages through a keyset query (its last parameter is the page size), one short query per
   * page, so a long read holds no transaction and no connection between pages. A row that
   * fails to decode ends the read after the rows before it, with a `StoreFailure`.
   */
  #pages(
    sql: string,
    params: (last: Envelope | undefined) => unknown[],
    maxCount: number,
    doing: string,
  ): AsyncIterable<readonly Envelope[]> {
    return { [Symbol.asyncIterator]: () => this.#pageRun(sql, params, maxCount, doing) };
  }

  async *#pageRun(
    sql: string,
    params: (last: Envelope | undefined) => unknown[],
    maxCount: number,
    doing: string,
  ): AsyncGenerator<readonly Envelope[], void> {
    let left = maxCount;
    let last: Envelope | undefined;
    while (left > 0) {
      if (this.#closed) throw new StoreFailure(this.#closedError());
      const limit = Math.min(this.#batch, left);
      let rows: ReadRow[];
      try {
        rows = await this.#query<ReadRow>(sql, [...params(last), limit]);
      } catch (e) {
        throw new StoreFailure(this.#closed ? this.#closedError() : storeErrorOfPg(e, doing));
      }
      const batch: Envelope[] = [];
      for (const row of rows) {
        const d = decodeRow(row);
        if (E.isLeft(d)) {
          if (batch.length > 0) yield batch;
          throw new StoreFailure(d.left);
        }
        batch.push(d.right);
      }
      if (batch.length > 0) yield batch;
      if (rows.length < limit) return;
      left -= rows.length;
      last = batch[batch.length - 1];
    }
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
      `SELECT max(position) AS head FROM ${this.#t}`,
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

/** Flattens batches into single events. */
function flat(batches: AsyncIterable<readonly Envelope[]>): AsyncIterable<Envelope> {
  return {
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches) yield* batch;
    },
  };
}
