import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import pg from 'pg';
import { StoreErrors, type StoreError } from '@assure/event-store';
import { parsePostgresUrl, type PostgresLocation } from './config';
import {
  latestVersion,
  loadMigrations,
  migrate,
  schemaVersion,
  tooNew,
  type MigrationReport,
} from './migrations';
import { storeErrorOfPg } from './pg-errors';
import { PostgresEventStore, type PostgresStore } from './store';

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /** The schema of the store's tables; default: the URL's `schema` parameter, else `assure`. */
  readonly schema?: string;
  /**
   * Apply pending migrations on open (default false: a schema that is not at this
   * release's version is refused, naming `assure migrate`).
   */
  readonly migrate?: boolean;
  /** Transaction-time clock for `meta.recordedAt` (default: the system clock). */
  readonly clock?: () => Date;
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
  /**
   * `statement_timeout` of every connection, in ms (default: the server's). A statement
   * running longer (an append waiting too long for the append lock, say) fails with a
   * `StoreUnavailable` naming the timeout, and its transaction writes nothing.
   */
  readonly statementTimeoutMs?: number;
  /** Rows per read query (default 500). */
  readonly readBatchSize?: number;
  /**
   * How often live subscriptions look at the head of the log besides waiting for NOTIFY
   * (default 1000 ms): the bound on how late a lost notification makes an event.
   */
  readonly pollIntervalMs?: number;
  /**
   * How long a live subscription keeps trying to resume after losing the server (default
   * 30 000 ms); it then throws the `StoreUnavailable` it last met.
   */
  readonly resumeWithinMs?: number;
  /** Receives warnings (a live subscription that lost the server). Default: stderr. */
  readonly logger?: { readonly warn: (message: string) => void };
}

function configOf(location: PostgresLocation, options: PostgresStoreOptions): pg.PoolConfig {
  return {
    connectionString: location.connectionString,
    max: options.poolSize ?? 10,
    ...(options.statementTimeoutMs === undefined
      ? {}
      : { statement_timeout: options.statementTimeoutMs }),
    application_name: 'assure',
  };
}

export function locate(
  url: string,
  schema: string | undefined,
): E.Either<StoreError, PostgresLocation> {
  const parsed = parsePostgresUrl(url);
  if (E.isLeft(parsed)) return E.left(StoreErrors.unavailable(`store URL ${parsed.left.message}`));
  return E.right(schema === undefined ? parsed.right : { ...parsed.right, schema });
}

/**
 * A pool whose connections may die (a terminated backend, a server restart) without
 * crashing the process, whether the connection sits idle in the pool or is checked out.
 */
export function newPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool(config);
  // An idle client's error is reported here; the pool already discarded that client, and
  // the next query opens a new connection (or reports the failure as StoreUnavailable).
  pool.on('error', () => undefined);
  // The pool listens for errors only while a client is idle. A checked-out client whose
  // server goes away between queries, or between a query's last reply and its
  // ReadyForQuery (a shutdown right after an append's COMMIT), emits `error` with nobody
  // listening, which would end the process. The error reaches the client's pending
  // queries anyway (they fail, and the append reports an unknown outcome); this listener
  // only keeps the event from becoming an uncaught exception.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return pool;
}

/**
 * Opens the PostgreSQL store at `url` (`postgres://user@host:port/database?schema=NAME`).
 * Checks the connection and the schema's version: `StoreUnavailable` when the server
 * cannot be reached, when the schema is not migrated (run `assure migrate`, or pass
 * `migrate: true`) or was migrated by a newer release.
 *
 * @example
 * const opened = await openPostgresStore('postgres://postgres@127.0.0.1:5432/assure', { migrate: true })();
 */
export function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): TE.TaskEither<StoreError, PostgresStore> {
  return async () => {
    const location = locate(url, options.schema);
    if (E.isLeft(location)) return location;
    const { schema } = location.right;
    const config = configOf(location.right, options);
    const pool = newPool(config);
    const ready = await prepareSchema(pool, schema, options.migrate === true);
    if (E.isLeft(ready)) {
      await pool.end().catch(() => undefined);
      return ready;
    }
    return E.right(
      new PostgresEventStore({
        pool,
        connectListener: async () => {
          const client = new pg.Client(config);
          client.on('error', () => undefined);
          await client.connect();
          return client;
        },
        schema,
        clock: options.clock ?? (() => new Date()),
        readBatchSize: options.readBatchSize ?? 500,
        pollIntervalMs: options.pollIntervalMs ?? 1000,
        resumeWithinMs: options.resumeWithinMs ?? 30_000,
        warn: (m) =>
          options.logger === undefined
            ? process.stderr.write(`assure store-postgres: ${m}\n`)
            : options.logger.warn(m),
      }),
    );
  };
}

async function prepareSchema(
  pool: pg.Pool,
  schema: string,
  apply: boolean,
): Promise<E.Either<StoreError, void>> {
  if (apply) {
    const r = await migrate(pool, schema);
    return E.isLeft(r) ? r : E.right(undefined);
  }
  let version: number;
  try {
    version = await schemaVersion(pool, schema);
  } catch (e) {
    return E.left(storeErrorOfPg(e, 'connecting'));
  }
  const known = latestVersion(loadMigrations());
  if (version > known) return E.left(tooNew(schema, version, known));
  if (version < known)
    return E.left(
      StoreErrors.unavailable(
        `schema ${schema} is at version ${version}, this release needs ${known}: run \`assure migrate\``,
      ),
    );
  return E.right(undefined);
}

/**
 * Applies pending migrations to the store at `url` (idempotent: a schema already at the
 * newest version is left as it is) and reports what was applied.
 *
 * @example
 * const r = await migratePostgres('postgres://postgres@127.0.0.1:5432/assure')();
 */
export function migratePostgres(
  url: string,
  options: { readonly schema?: string } = {},
): TE.TaskEither<StoreError, MigrationReport> {
  return async () => {
    const location = locate(url, options.schema);
    if (E.isLeft(location)) return location;
    const pool = newPool(configOf(location.right, { poolSize: 1 }));
    try {
      return await migrate(pool, location.right.schema);
    } finally {
      await pool.end().catch(() => undefined);
    }
  };
}
