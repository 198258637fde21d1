import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import pg from 'pg';
import type { StoreError } from '@assure/event-store';
import type { PostgresLocation } from './config';
import { locate } from './open';
import { pgCode, quoteIdent, storeErrorOfPg } from './pg-errors';

/** Runs `use` on one connection to `connectionString`, always closing it. */
async function withClient<T>(
  connectionString: string,
  doing: string,
  use: (c: pg.Client) => Promise<E.Either<StoreError, T>>,
): Promise<E.Either<StoreError, T>> {
  const client = new pg.Client({ connectionString, application_name: 'assure' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await use(client);
  } catch (e) {
    return E.left(storeErrorOfPg(e, doing));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The URL of the server's `postgres` database, beside the one a location names. */
function maintenanceUrl(location: PostgresLocation): string {
  const admin = new URL(location.connectionString);
  admin.pathname = '/postgres';
  return admin.toString();
}

/**
 * Creates the database the URL names when it does not exist (connecting to the server's
 * `postgres` database to do so), with `comment` as its comment; says whether it created
 * it. Two processes racing: one creates it, the other finds it made.
 *
 * @example
 * const created = await ensureDatabase('postgres://postgres@127.0.0.1:5432/assure_demo')();
 */
export function ensureDatabase(
  url: string,
  options: { readonly comment?: string } = {},
): TE.TaskEither<StoreError, boolean> {
  return async () => {
    const location = locate(url, undefined);
    if (E.isLeft(location)) return location;
    const { database } = location.right;
    return withClient(
      maintenanceUrl(location.right),
      `creating database ${database}`,
      async (c) => {
        const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (r.rowCount !== 0) return E.right(false);
        try {
          await c.query(`CREATE DATABASE ${quoteIdent(database)}`);
        } catch (e) {
          if (pgCode(e) === '42P04') return E.right(false); // duplicate_database: it lost a race
          throw e;
        }
        // COMMENT takes no parameters: the text goes in as a quoted literal.
        if (options.comment !== undefined)
          await c.query(
            `COMMENT ON DATABASE ${quoteIdent(database)} IS ${c.escapeLiteral(options.comment)}`,
          );
        return E.right(true);
      },
    );
  };
}

/** The comment of the database the URL names (null when it has none). */
export function databaseComment(url: string): TE.TaskEither<StoreError, string | null> {
  return async () => {
    const location = locate(url, undefined);
    if (E.isLeft(location)) return location;
    return withClient(
      location.right.connectionString,
      'reading the database comment',
      async (c) => {
        const r = await c.query<{ comment: string | null }>(
          `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = current_database()`,
        );
        return E.right(r.rows[0]?.comment ?? null);
      },
    );
  };
}

/**
 * Drops the URL's schema and everything in it: the whole store, events included. For the
 * demo's own database and for tests; never called by any other command.
 */
export function dropSchema(url: string): TE.TaskEither<StoreError, void> {
  return async () => {
    const location = locate(url, undefined);
    if (E.isLeft(location)) return location;
    const { schema } = location.right;
    return withClient(location.right.connectionString, `dropping schema ${schema}`, async (c) => {
      await c.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
      return E.right(undefined);
    });
  };
}
