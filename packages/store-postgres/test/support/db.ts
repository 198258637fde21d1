import { randomBytes } from 'node:crypto';
import * as nodePath from 'node:path';
import * as E from 'fp-ts/Either';
import pg from 'pg';
import {
  openPostgresStore,
  type PostgresStore,
  type PostgresStoreOptions,
} from '@assure/store-postgres';

/** The test server: the machine's PostgreSQL (trust auth), or `ASSURE_TEST_PG`. */
export const SERVER = process.env['ASSURE_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432';

/** A database made for one test file, dropped by `drop`. */
export interface TestDatabase {
  readonly name: string;
  /** `postgres://.../<name>` */
  readonly url: string;
  /** A URL of this database with its own schema (a fresh, empty store per test). */
  schemaUrl(schema: string): string;
  drop(): Promise<void>;
}

async function admin<T>(use: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: `${SERVER}/postgres` });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return await use(c);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * Creates `assure_test_<file>_<random>` on the test server. Call in `beforeAll` with the
 * test file's `__filename`, drop in `afterAll`.
 */
export async function freshDatabase(testFile: string): Promise<TestDatabase> {
  const base = nodePath
    .basename(testFile)
    .replace(/\.test\.ts$/, '')
    .replace(/[^a-z0-9]/gi, '_')
    .toLowerCase()
    .slice(0, 30);
  const name = `assure_test_${base}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE "${name}"`));
  const url = `${SERVER}/${name}`;
  return {
    name,
    url,
    schemaUrl: (schema) => `${url}?schema=${schema}`,
    drop: () =>
      admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

/**
 * Opens a migrated store on a URL (a pool of 4: test files run side by side on one server),
 * failing the test when it cannot.
 */
export async function openStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const opened = await openPostgresStore(url, { migrate: true, poolSize: 4, ...options })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  return opened.right;
}

/** Runs one SQL statement on a database as the superuser (tests that inspect or tamper). */
export async function sql<R extends pg.QueryResultRow>(
  url: string,
  text: string,
  params: unknown[] = [],
): Promise<R[]> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return (await c.query<R>(text, params)).rows;
  } finally {
    await c.end().catch(() => undefined);
  }
}
