import * as nodePath from 'node:path';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import pg from 'pg';
import {
  readAllInBatches,
  StoreErrors,
  storeErrorOf,
  type EventStore,
  type StoreError,
} from '@assure/event-store';
import {
  Projector,
  readModelViews,
  type EventDecoder,
  type ProjectionError,
  type ProjectionEvent,
  type ReadModelStates,
} from '@assure/projections';
import { parsePostgresUrl, type InvalidPostgresUrl } from '../config';
import { loadMigrations, migrate } from '../migrations';
import { newPool } from '../open';
import { storeErrorOfPg } from '../pg-errors';
import { readCheckpoint, SqlWriter, truncateAll, type WriteReport } from './writer';

/** The schema of the read-model tables when the URL names none. */
export const READ_MODEL_SCHEMA = 'assure_rm';
/** The numbered SQL files of the read-model tables (their own version table, per schema). */
export const READ_MODEL_SQL_DIR = nodePath.resolve(__dirname, '..', '..', 'sql', 'read-models');
/** The session advisory lock the leading projector holds ("asur" "rdmd"). */
export const READ_MODEL_LOCK_KEY = 0x61737572_72646d64n;

/** What a running projection tells (progress lines of `assure project`). */
export type ProjectionProgress =
  | { readonly _tag: 'waiting' }
  | { readonly _tag: 'leading'; readonly checkpoint: string | null }
  | { readonly _tag: 'committed'; readonly report: WriteReport };

/** Options of {@link projectToPostgres}. */
export interface SqlProjectionOptions {
  /** The payload decoder (the domain's `decodeEvent`). */
  readonly decode: EventDecoder<ProjectionEvent>;
  /** The as-at day of derived rows is this clock's UTC day (default: the system clock). */
  readonly clock?: () => Date;
  /** Empty every table first (in one transaction) and fold from zero. */
  readonly rebuild?: boolean;
  /** Keep following the store after catching up (default true) until `signal` aborts. */
  readonly follow?: boolean;
  readonly signal?: AbortSignal;
  /** Events folded between two commits while catching up (default 500). */
  readonly batchSize?: number;
  /** How often a waiting instance tries to take the lead (default 1000 ms). */
  readonly retryLeadMs?: number;
  readonly onProgress?: (p: ProjectionProgress) => void;
}

/** Why the projection stopped. */
export type SqlProjectionError = ProjectionError | StoreError | InvalidPostgresUrl;

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((ok) => {
    const t = setTimeout(ok, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), ok()), { once: true });
  });

/** The URL's `schema` parameter, else {@link READ_MODEL_SCHEMA}. */
function schemaOf(url: string): string {
  try {
    return new URL(url).searchParams.get('schema') ?? READ_MODEL_SCHEMA;
  } catch {
    return READ_MODEL_SCHEMA;
  }
}

/**
 * Keeps the read models in PostgreSQL tables (docs/read-models-sql.md), fed from any store:
 * migrates the tables, takes the lead (a session advisory lock: a second instance waits and
 * takes over when the leader's session ends), catches up in batches, then follows the store
 * until the signal aborts. Each commit writes the changed rows and the checkpoint in one
 * transaction (exactly once); after a restart the views are folded again in memory and
 * writing resumes after the checkpoint.
 */
export function projectToPostgres(
  store: EventStore,
  url: string,
  options: SqlProjectionOptions,
): TE.TaskEither<SqlProjectionError, { readonly checkpoint: string | null }> {
  return async () => {
    const location = parsePostgresUrl(url);
    if (E.isLeft(location)) return location;
    const schema = schemaOf(url);
    const pool = newPool({ connectionString: location.right.connectionString, max: 1 });
    const migrated = await migrate(pool, schema, loadMigrations(READ_MODEL_SQL_DIR));
    await pool.end().catch(() => undefined);
    if (E.isLeft(migrated)) return migrated;
    const client = new pg.Client({
      connectionString: location.right.connectionString,
      application_name: 'assure-project',
      keepAlive: true,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (e) {
      return E.left(storeErrorOfPg(e, 'connecting to the read-model database'));
    }
    try {
      if (!(await lead(client, options))) return E.right({ checkpoint: null });
      return await asLeader(store, client, schema, options);
    } catch (e) {
      return E.left(storeErrorOf(e) ?? storeErrorOfPg(e, 'writing the read models'));
    } finally {
      // Ending the session releases the lead.
      await client.end().catch(() => undefined);
    }
  };
}

/** Waits for the lead; false when the signal stopped the wait. */
async function lead(client: pg.Client, options: SqlProjectionOptions): Promise<boolean> {
  let told = false;
  for (;;) {
    const r = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [
      READ_MODEL_LOCK_KEY.toString(),
    ]);
    if (r.rows[0]?.got === true) return true;
    if (!told) options.onProgress?.({ _tag: 'waiting' });
    told = true;
    await sleep(options.retryLeadMs ?? 1000, options.signal);
    if (options.signal?.aborted === true) return false;
  }
}

const dayOf = (clock: () => Date): string => clock().toISOString().slice(0, 10);

async function asLeader(
  store: EventStore,
  client: pg.Client,
  schema: string,
  options: SqlProjectionOptions,
): Promise<E.Either<SqlProjectionError, { readonly checkpoint: string | null }>> {
  if (options.rebuild === true) await truncateAll(client, schema);
  const saved = await readCheckpoint(client, schema);
  options.onProgress?.({ _tag: 'leading', checkpoint: saved?.position.toString() ?? null });
  const writer = new SqlWriter(client, schema, saved);
  const projector = new Projector(readModelViews, { decode: options.decode });
  const clock = options.clock ?? (() => new Date());
  const commit = async (): Promise<void> => {
    const report = await writer.write(projector.current(), dayOf(clock));
    if (report !== null) options.onProgress?.({ _tag: 'committed', report });
  };
  const batchSize = options.batchSize ?? 500;
  let pending = 0;
  for await (const batch of readAllInBatches(store)) {
    for (const envelope of batch) {
      const r = projector.apply(envelope, false);
      if (E.isLeft(r)) return r;
      if (
        saved !== null &&
        BigInt(envelope.position) === saved.position &&
        envelope.hash !== saved.hash
      )
        return E.left(mismatch(saved.position, 'the event there has another hash'));
      if (saved === null || BigInt(envelope.position) > saved.position) pending++;
      if (pending >= batchSize) {
        await commit();
        pending = 0;
      }
    }
  }
  const at = projector.checkpoint;
  if (saved !== null && (at === null || BigInt(at) < saved.position))
    return E.left(mismatch(saved.position, 'the log ends before it'));
  // Always once after catching up: the first write also refreshes rows as at today.
  await commit();
  if (options.follow === false) return E.right({ checkpoint: projector.checkpoint });
  return follow(store, projector, commit, clock, writer, options);
}

async function follow(
  store: EventStore,
  projector: Projector<ReadModelStates, ProjectionEvent>,
  commit: () => Promise<void>,
  clock: () => Date,
  writer: SqlWriter,
  options: SqlProjectionOptions,
): Promise<E.Either<SqlProjectionError, { readonly checkpoint: string | null }>> {
  // Writes are serialised: the day-change refresh waits for an event's commit and back.
  let chain: Promise<void> = Promise.resolve();
  const queue = (): Promise<void> => (chain = chain.then(commit));
  let day = dayOf(clock);
  let refreshFailed: unknown;
  const stop = new AbortController();
  options.signal?.addEventListener('abort', () => stop.abort(), { once: true });
  // Overdue and late flags are as at a day: rows are rewritten when the day changes.
  const timer = setInterval(() => {
    if (dayOf(clock) === day || writer.position === null) return;
    day = dayOf(clock);
    queue().catch((e: unknown) => {
      refreshFailed = e;
      stop.abort();
    });
  }, 60_000);
  try {
    const r = await projector.follow(store, { signal: stop.signal, onChange: queue })();
    if (refreshFailed !== undefined)
      return E.left(
        storeErrorOf(refreshFailed) ?? storeErrorOfPg(refreshFailed, 'refreshing the read models'),
      );
    if (E.isLeft(r)) return r;
    return E.right({ checkpoint: r.right.checkpoint });
  } finally {
    clearInterval(timer);
    await chain.catch(() => undefined);
  }
}

function mismatch(position: bigint, why: string): StoreError {
  return StoreErrors.corrupt(
    position.toString(),
    `the read models' checkpoint is not on this log (${why}): project with --rebuild`,
  );
}
