// The append path of the PostgreSQL store: a queue of appends grouped into transactions,
// each written in one round trip on a good guess of the log's tail and heads, or in two
// that read them under the append lock.
import * as E from 'fp-ts/Either';
import type { Pool, PoolClient } from 'pg';
import {
  type AppendNotifier,
  type AppendResult,
  type ExpectedRevision,
  type ProposedEvent,
  type StoreError,
} from '@assure/event-store';
import {
  guessValues,
  headsSql,
  insertSql,
  planGroup,
  takeGroup,
  unknownOutcome,
  type Guess,
  type PendingAppend,
} from './append-plan';
import {
  logTailOf,
  LogView,
  resultsOf,
  streamHeadOf,
  type LogTail,
  type StreamHead,
} from './log-view';
import { isConnectionLoss, quoteIdent, storeErrorOfPg } from './pg-errors';
import type { EventRow } from './rows';

/** What an {@link Appender} writes with: the store's pool, names and state. */
export interface AppenderSettings {
  readonly pool: Pool;
  readonly schema: string;
  /** The events table, quoted. */
  readonly table: string;
  readonly lockKey: string;
  readonly channel: string;
  readonly clock: () => Date;
  readonly notifier: AppendNotifier;
  closed(): boolean;
  closedError(): StoreError;
}

export class Appender {
  readonly #s: AppenderSettings;
  readonly #queue: PendingAppend[] = [];
  readonly #view = new LogView();
  /** False once the server ran `append_if_unchanged` outside READ COMMITTED. */
  #guessing = true;
  #draining = false;

  constructor(settings: AppenderSettings) {
    this.#s = settings;
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
  append(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
    head: bigint | null | undefined,
  ): Promise<E.Either<StoreError, AppendResult>> {
    if (this.#s.closed()) return Promise.resolve(E.left(this.#s.closedError()));
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
        if (this.#s.closed()) {
          for (const a of group) a.resolve(E.left(this.#s.closedError()));
          continue;
        }
        let outcomes: E.Either<StoreError, AppendResult>[];
        try {
          outcomes = await this.#appendGroup(group);
        } catch (e) {
          outcomes = group.map((a) => E.left(storeErrorOfPg(e, `appending to ${a.stream}`)));
        }
        group.forEach((a, i) => a.resolve(outcomes[i] ?? E.left(this.#s.closedError())));
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
    const planned = planGroup(group, tail ?? undefined, planHeads, rows, this.#s.clock);
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
      client = await this.#s.pool.connect();
      const r = await client.query<{ applied: string | null }>({
        name: `assure_append_${this.#s.schema}`,
        text: `SELECT ${quoteIdent(this.#s.schema)}.append_if_unchanged($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)::text AS applied`,
        values: guessValues(this.#s.lockKey, this.#s.channel, g),
      });
      const applied = r.rows[0]?.applied ?? null;
      if (applied !== 'true') {
        if (applied === null) this.#guessing = false;
        this.#view.missed();
        return undefined;
      }
      this.#view.wrote(g.rows);
      this.#s.notifier.notify();
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
      planned = planGroup(group, tail, heads, rows, this.#s.clock);
      if (rows.length === 0) {
        await client.query('ROLLBACK');
        return planned;
      }
      committing = true;
      await client.query(insertSql(this.#s.table, this.#s.channel, client, rows));
      this.#view.wrote(rows);
      this.#s.notifier.notify();
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
        client = await this.#s.pool.connect();
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
             SELECT pg_advisory_xact_lock(${this.#s.lockKey}::bigint);
             SELECT position::text AS position, hash, recorded_at FROM ${this.#s.table} AS e ORDER BY e.position DESC LIMIT 1;
             ${headsSql(this.#s.table, client, streams)}`,
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
}
