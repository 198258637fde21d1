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
import {
  logTailOf,
  LogView,
  resultsOf,
  streamHeadOf,
  type LogTail,
  type StreamHead,
} from './log-view';
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

/**
 * The columns a read fetches, as text where node-postgres would otherwise apply its type
 * parsers: those are global to the process, and another library in it may change them
 * (Emmett's SQL layer makes `bigint` a BigInt and parses `json` its own way).
 */
const READ_COLUMNS = 'position::text AS position, stream, revision, envelope::text AS envelope';

/** An append waiting in the store's queue for its transaction. */
interface PendingAppend {
  readonly stream: string;
  readonly events: readonly ProposedEvent[];
  readonly expected: ExpectedRevision;
  /** The log head an `appendIfHead` requires; undefined for a plain append. */
  readonly head: bigint | null | undefined;
  readonly resolve: (r: E.Either<StoreError, AppendResult>) => void;
}

/** A group planned from the store's view of the log, with the guess the server checks. */
interface Guess {
  readonly tail: LogTail | null;
  /** Each stream's head as guessed before the group (`null`: empty). */
  readonly heads: ReadonlyMap<string, StreamHead | null>;
  readonly planned: E.Either<StoreError, AppendResult>[];
  readonly rows: readonly EventRow[];
}

/** The parameters of `append_if_unchanged` for a guessed group. */
function guessValues(lockKey: string, channel: string, g: Guess): unknown[] {
  const heads = [...g.heads];
  const rows = g.rows;
  return [
    lockKey,
    channel,
    g.tail?.position ?? null,
    g.tail?.hash ?? null,
    heads.map(([stream]) => stream),
    heads.map(([, h]) => h?.revision ?? null),
    heads.map(([, h]) => h?.hash ?? null),
    rows.map((r) => r.position),
    rows.map((r) => r.stream),
    rows.map((r) => r.revision),
    rows.map((r) => r.hash),
    rows.map((r) => r.recordedAt),
    rows.map((r) => r.text),
  ];
}

/** What an append says when its connection was lost after its commit may have run. */
function unknownOutcome(stream: string): string {
  return `appending to ${stream}: the commit's outcome is unknown (read the stream to see whether it landed; a retried command with the same commandId is applied once)`;
}

/** The most events one transaction writes for a group (a single larger append goes alone). */
const GROUP_EVENTS = 1000;

/**
 * Takes the next group off the queue: the appends in arrival order up to
 * {@link GROUP_EVENTS} events, and never an `appendIfHead` with others (it must see the
 * log's head exactly as it is before it, not after its group mates).
 */
function takeGroup(queue: PendingAppend[]): PendingAppend[] {
  const first = queue.shift();
  if (first === undefined) return [];
  const group = [first];
  if (first.head !== undefined) return group;
  let events = first.events.length;
  while (queue.length > 0) {
    const next = queue[0] as PendingAppend;
    if (next.head !== undefined || events + next.events.length > GROUP_EVENTS) break;
    events += next.events.length;
    group.push(next);
    queue.shift();
  }
  return group;
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
  readonly #queue: PendingAppend[] = [];
  readonly #view = new LogView();
  /** False once the server ran `append_if_unchanged` outside READ COMMITTED. */
  #guessing = true;
  #draining = false;
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
   * Appends go through a queue: while one transaction of this store is in flight, the
   * appends that arrive meanwhile wait, and the next transaction takes them all (a group;
   * an `appendIfHead` always goes alone). Each append of a group is checked on its own,
   * in arrival order, against the heads the previous ones left, and gets its own result:
   * one refused (a wrong expected revision, say) does not affect the others. The whole
   * group commits at once, so concurrent writers in one process share the lock, the round
   * trips and the commit's flush instead of queueing for them one by one.
   */
  #append(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
    head: bigint | null | undefined,
  ): Promise<E.Either<StoreError, AppendResult>> {
    if (this.#closed) return Promise.resolve(E.left(this.#closedError()));
    return new Promise((resolve) => {
      this.#queue.push({ stream, events, expected, head, resolve });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        const group = takeGroup(this.#queue);
        if (this.#closed) {
          for (const a of group) a.resolve(E.left(this.#closedError()));
          continue;
        }
        let outcomes: E.Either<StoreError, AppendResult>[];
        try {
          outcomes = await this.#appendGroup(group);
        } catch (e) {
          outcomes = group.map((a) => E.left(storeErrorOfPg(e, `appending to ${a.stream}`)));
        }
        group.forEach((a, i) => a.resolve(outcomes[i] ?? E.left(this.#closedError())));
      }
    } finally {
      this.#draining = false;
    }
  }

  /**
   * One group, one transaction. Usually one round trip: when this store's view of the log
   * (its tail, the streams' heads) is worth a guess, the group is planned from it and sent
   * whole with a guard the server checks under the lock (`#appendGuessed`). Otherwise, or
   * when the guess missed, two round trips that read under the lock first
   * (`#appendLocked`). The locking that makes positions commit in order is in the README.
   */
  async #appendGroup(
    group: readonly PendingAppend[],
  ): Promise<E.Either<StoreError, AppendResult>[]> {
    const guess = this.#guess(group);
    if (guess !== undefined) {
      const done = await this.#appendGuessed(group, guess);
      if (done !== undefined) return done;
    }
    return this.#appendLocked(group);
  }

  /**
   * The group planned from the store's view of the log, when the view has the tail and
   * every stream's head (a stream it does not know is guessed empty for an append that
   * expects no stream) and every append passes its checks against it. A refusal is never
   * decided on a guess: such a group is checked under the lock.
   */
  #guess(group: readonly PendingAppend[]): Guess | undefined {
    const tail = this.#guessing ? this.#view.guessTail() : undefined;
    if (tail === undefined) return undefined;
    const heads = new Map<string, StreamHead | null>();
    for (const a of group) {
      if (heads.has(a.stream)) continue;
      const h = this.#view.guessHead(a.stream, a.expected === 'no-stream');
      if (h === undefined) return undefined;
      heads.set(a.stream, h);
    }
    const planHeads = new Map<string, StreamHead>();
    for (const [stream, h] of heads) if (h !== null) planHeads.set(stream, h);
    const rows: EventRow[] = [];
    const planned = this.#plan(group, tail ?? undefined, planHeads, rows);
    if (rows.length === 0 || planned.some(E.isLeft)) return undefined;
    return { tail, heads, planned, rows };
  }

  /**
   * One round trip: one call of the schema's `append_if_unchanged` (migration 3) as a
   * prepared statement, in a transaction of its own. Under the append lock it checks that
   * the log's tail and each stream's head are still those the plan used (each statement of
   * the function reads with a snapshot taken after the lock), inserts the rows and
   * notifies. Undefined when the guess missed (another writer appended) or the server runs
   * the call at another isolation level than READ COMMITTED: nothing was written, and the
   * group goes the locked way.
   */
  async #appendGuessed(
    group: readonly PendingAppend[],
    g: Guess,
  ): Promise<E.Either<StoreError, AppendResult>[] | undefined> {
    let lost = false;
    let client: PoolClient | undefined;
    try {
      client = await this.#pool.connect();
      const r = await client.query<{ applied: string | null }>({
        name: `assure_append_${this.schema}`,
        text: `SELECT ${quoteIdent(this.schema)}.append_if_unchanged($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)::text AS applied`,
        values: guessValues(this.#lockKey, this.#channel, g),
      });
      const applied = r.rows[0]?.applied ?? null;
      if (applied !== 'true') {
        if (applied === null) this.#guessing = false;
        this.#view.missed();
        return undefined;
      }
      this.#view.wrote(g.rows);
      this.#notifier.notify();
      return g.planned;
    } catch (e) {
      lost = isConnectionLoss(e);
      this.#view.forget();
      return group.map((a) =>
        E.left(
          storeErrorOfPg(
            e,
            lost && client !== undefined ? unknownOutcome(a.stream) : `appending to ${a.stream}`,
          ),
        ),
      );
    } finally {
      client?.release(lost ? true : undefined);
    }
  }

  /**
   * Two round trips:
   *
   * 1. `BEGIN; SELECT pg_advisory_xact_lock(k);` then the log's tail and each stream's head,
   *    in one message: under READ COMMITTED each statement of it reads with a snapshot
   *    taken when it starts, so the reads after the lock see every commit before it;
   * 2. the rows of every append that passed its checks, `pg_notify`, and `COMMIT`, in one
   *    message.
   *
   * Values are sent as literals (escaped by node-postgres), since a message of several
   * statements cannot carry parameters; positions and revisions are numbers made here.
   */
  async #appendLocked(
    group: readonly PendingAppend[],
  ): Promise<E.Either<StoreError, AppendResult>[]> {
    const streams = [...new Set(group.map((a) => a.stream))];
    const begun = await this.#lockAndRead(streams);
    if (E.isLeft(begun)) {
      const e = begun.left;
      this.#view.forget();
      return group.map((a) => E.left(storeErrorOfPg(e, `appending to ${a.stream}`)));
    }
    const { client, tail, heads } = begun.right;
    this.#view.read(tail ?? null, streams, heads);
    let lost = false;
    let committing = false;
    const rows: EventRow[] = [];
    let planned: E.Either<StoreError, AppendResult>[] = [];
    try {
      planned = this.#plan(group, tail, heads, rows);
      if (rows.length === 0) {
        await client.query('ROLLBACK');
        return planned;
      }
      committing = true;
      await client.query(this.#insertSql(client, rows));
      this.#view.wrote(rows);
      this.#notifier.notify();
      return planned;
    } catch (e) {
      lost = isConnectionLoss(e);
      if (!lost) await client.query('ROLLBACK').catch(() => undefined);
      this.#view.forget();
      // An append refused under the lock keeps its own refusal, one with nothing to write
      // its result; the others share the failure of the transaction.
      return group.map((a, i) => {
        const own = planned[i];
        if (own !== undefined && (E.isLeft(own) || own.right.events.length === 0)) return own;
        return E.left(
          storeErrorOfPg(
            e,
            committing && lost ? unknownOutcome(a.stream) : `appending to ${a.stream}`,
          ),
        );
      });
    } finally {
      // A connection that failed is destroyed, not handed to the next append.
      client.release(lost ? true : undefined);
    }
  }

  /**
   * A pooled connection inside a transaction holding the append lock, with the log's tail
   * and the streams' heads read under it. A connection the server dropped while it sat idle
   * in the pool (a terminated backend, a restart) fails here, before anything of the append
   * was written: it is discarded and one fresh connection is tried.
   */
  async #lockAndRead(streams: readonly string[]): Promise<
    E.Either<
      unknown,
      {
        readonly client: PoolClient;
        readonly tail: LogTail | undefined;
        readonly heads: Map<string, StreamHead>;
      }
    >
  > {
    for (let attempt = 0; ; attempt++) {
      let client: PoolClient;
      try {
        client = await this.#pool.connect();
      } catch (e) {
        return E.left(e);
      }
      try {
        // READ COMMITTED whatever the server's default: each statement after the lock then
        // reads with a snapshot taken after the previous holder's commit (under REPEATABLE
        // READ the snapshot would predate the wait for the lock, and the tail be stale).
        const results = resultsOf(
          await client.query(
            `BEGIN ISOLATION LEVEL READ COMMITTED;
             SELECT pg_advisory_xact_lock(${this.#lockKey}::bigint);
             SELECT position::text AS position, hash, recorded_at FROM ${this.#t} AS e ORDER BY e.position DESC LIMIT 1;
             ${this.#headsSql(client, streams)}`,
          ),
        );
        const tailRows = results[2] ?? [];
        const headRows = results[3] ?? [];
        const tail = tailRows.length === 0 ? undefined : logTailOf(tailRows[0]);
        const heads = new Map<string, StreamHead>();
        for (const r of headRows) {
          const h = streamHeadOf(r);
          heads.set(h.stream, h);
        }
        return E.right({ client, tail, heads });
      } catch (e) {
        const lost = isConnectionLoss(e);
        if (!lost) await client.query('ROLLBACK').catch(() => undefined);
        client.release(lost ? true : undefined);
        if (!lost || attempt >= 1) return E.left(e);
      }
    }
  }

  /** The query of the streams' heads: one index probe per stream. */
  #headsSql(client: PoolClient, streams: readonly string[]): string {
    const [only] = streams;
    if (streams.length === 1 && only !== undefined)
      return `SELECT stream, revision, hash, position::text AS position FROM ${this.#t} AS e
               WHERE stream = ${client.escapeLiteral(only)} ORDER BY e.revision DESC LIMIT 1`;
    const list = streams.map((s) => client.escapeLiteral(s)).join(', ');
    return `SELECT h.stream, h.revision, h.hash, h.position::text AS position
              FROM unnest(ARRAY[${list}]::text[]) AS s(stream)
              CROSS JOIN LATERAL (SELECT stream, revision, hash, position FROM ${this.#t}
                WHERE stream = s.stream ORDER BY revision DESC LIMIT 1) AS h`;
  }

  /**
   * Under the lock: checks each append of the group in turn (the log's head for
   * `appendIfHead`, the expected revision, `recordedAt`) against the tail and heads the
   * earlier ones left, and builds the rows of those that pass into `rows`.
   */
  #plan(
    group: readonly PendingAppend[],
    tail: LogTail | undefined,
    heads: Map<string, StreamHead>,
    rows: EventRow[],
  ): E.Either<StoreError, AppendResult>[] {
    let last = tail === undefined ? null : BigInt(tail.position);
    // Transaction time never goes backwards along the log: under the lock, the tail's
    // recordedAt is the last one, whoever wrote it.
    let lastRecordedAt = tail?.recorded_at ?? null;
    return group.map((a) => {
      if (a.head !== undefined && last !== a.head)
        return E.left(StoreErrors.headMoved(a.head, last));
      const streamHead = heads.get(a.stream);
      const check = checkExpected(a.stream, a.expected, streamHead?.revision ?? null);
      if (E.isLeft(check)) return check;
      if (a.events.length === 0)
        return E.right({
          stream: a.stream,
          nextRevision: streamHead?.revision ?? -1,
          position: streamHead?.position ?? '-1',
          events: [],
        });
      const times = planRecordedAt(a.stream, a.events, lastRecordedAt, this.#clock());
      if (E.isLeft(times)) return times;
      const first = last === null ? 0n : last + 1n;
      const made = prepareRows(a.stream, a.events, streamHead, first, times.right.stamp);
      if (E.isLeft(made)) return made;
      const lastRow = made.right[made.right.length - 1] as EventRow;
      rows.push(...made.right);
      last = BigInt(lastRow.position);
      lastRecordedAt = times.right.last;
      heads.set(a.stream, {
        stream: a.stream,
        revision: lastRow.revision,
        hash: lastRow.hash,
        position: lastRow.position,
      });
      return E.right({
        stream: a.stream,
        nextRevision: lastRow.revision,
        position: lastRow.position,
        events: made.right.map((row) => row.envelope),
      });
    });
  }

  /** The rows, the notification of the last position, and the commit: one message. */
  #insertSql(client: PoolClient, rows: readonly EventRow[]): string {
    const values = rows
      .map(
        (r) =>
          `(${r.position}, ${client.escapeLiteral(r.stream)}, ${r.revision}, ${client.escapeLiteral(r.hash)}, ${client.escapeLiteral(r.recordedAt)}, ${client.escapeLiteral(r.text)})`,
      )
      .join(',\n');
    const lastRow = rows[rows.length - 1] as EventRow;
    return `INSERT INTO ${this.#t} (position, stream, revision, hash, recorded_at, envelope) VALUES ${values};
      SELECT pg_notify(${client.escapeLiteral(this.#channel)}, '${lastRow.position}');
      COMMIT`;
  }

  /**
   * A read query on the pool; a connection found dropped (see `#lockAndRead`) is replaced
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
      this.#pages(
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
    return this.#pages(
      `SELECT ${READ_COLUMNS} FROM ${this.#t} AS e
        WHERE position >= $1 ORDER BY e.position LIMIT $2`,
      (last) => [(last === undefined ? from : BigInt(last.position) + 1n).toString()],
      options.maxCount ?? Number.POSITIVE_INFINITY,
      'reading the log',
    );
  }

  /**
   * Pages through a keyset query (its last parameter is the page size), one short query per
   * page, so a long read holds no transaction and no connection between pages. The next
   * page is asked for as soon as a page's rows arrive, before they are decoded and handed
   * on, so the server and the network work while this side decodes (a reader that stops
   * early leaves one page unread). A row that fails to decode ends the read after the rows
   * before it, with a `StoreFailure`.
   */
  #pages(
    sql: string,
    params: (last: ReadRow | undefined) => unknown[],
    maxCount: number,
    doing: string,
  ): AsyncIterable<readonly Envelope[]> {
    return { [Symbol.asyncIterator]: () => this.#pageRun(sql, params, maxCount, doing) };
  }

  async *#pageRun(
    sql: string,
    params: (last: ReadRow | undefined) => unknown[],
    maxCount: number,
    doing: string,
  ): AsyncGenerator<readonly Envelope[], void> {
    let left = maxCount;
    if (left <= 0) return;
    const fetch = (last: ReadRow | undefined, limit: number): Promise<ReadRow[]> => {
      if (this.#closed) return Promise.reject(new StoreFailure(this.#closedError()));
      const p = this.#query<ReadRow>(sql, [...params(last), limit]);
      p.catch(() => undefined); // awaited below; a page left unread must not go unhandled
      return p;
    };
    let limit = Math.min(this.#batch, left);
    let pending = fetch(undefined, limit);
    let ahead = true;
    try {
      for (;;) {
        let rows: ReadRow[];
        try {
          rows = await pending;
        } catch (e) {
          if (e instanceof StoreFailure) throw e;
          throw new StoreFailure(this.#closed ? this.#closedError() : storeErrorOfPg(e, doing));
        } finally {
          ahead = false;
        }
        left -= rows.length;
        const more = rows.length === limit && left > 0;
        if (more) {
          limit = Math.min(this.#batch, left);
          pending = fetch(rows[rows.length - 1], limit);
          ahead = true;
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
        if (!more) return;
      }
    } finally {
      // A reader that stopped early waits for the page asked for ahead, so no query of
      // this read is still running (or waiting for a connection) once it has stopped.
      if (ahead) await pending.catch(() => undefined);
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

/** Flattens batches into single events. */
function flat(batches: AsyncIterable<readonly Envelope[]>): AsyncIterable<Envelope> {
  return {
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches) yield* batch;
    },
  };
}
