import * as E from 'fp-ts/Either';
import {
  latestVersion,
  loadMigrations,
  migrate,
  migratePostgres,
  openPostgresStore,
} from '@assure/store-postgres';
import pg from 'pg';
import { numberedEvents } from '@assure/testing';
import { sql } from '@assure/store-postgres/testing';
import { runFixture } from './support/spawn';
import { useFreshDatabase } from './support/database';

const db = useFreshDatabase(__filename);

it('an unmigrated schema is refused on open naming assure migrate, and nothing is created', async () => {
  const url = db().schemaUrl('untouched');
  const r = await openPostgresStore(url)();
  expect(E.isLeft(r) && r.left.message).toBe(
    `store unavailable: schema untouched is at version 0, this release needs ${latestVersion()}: run \`assure migrate\``,
  );
  const schemas = await sql(url, `SELECT 1 FROM pg_namespace WHERE nspname = 'untouched'`);
  expect(schemas).toEqual([]);
});

it('migrations apply once each, in order, even from several processes at once', async () => {
  const url = db().schemaUrl('raced');
  const runs = await Promise.all(
    Array.from({ length: 4 }, () => runFixture('migrate.ts', [url]).done),
  );
  for (const run of runs) {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  }
  // Between them, the processes applied each version exactly once.
  const applied = runs.flatMap((run) => run.stdout.split('\n').filter((l) => l !== ''));
  expect(applied.sort()).toEqual(['1 events', '2 append_only', '3 append_if_unchanged']);
  const recorded = await sql<{ version: number }>(
    url,
    `SELECT version FROM raced.schema_migrations ORDER BY version`,
  );
  expect(recorded.map((r) => r.version)).toEqual([1, 2, 3]);
  const again = await migratePostgres(url)();
  expect(E.isRight(again) && again.right).toMatchObject({ applied: [], version: 3 });
});

it('a schema newer than this release is refused, untouched', async () => {
  const url = db().schemaUrl('future');
  expect(E.isRight(await migratePostgres(url)())).toBe(true);
  await sql(
    url,
    `INSERT INTO future.schema_migrations (version, name) VALUES (99, 'from_the_future')`,
  );
  const opened = await openPostgresStore(url)();
  expect(E.isLeft(opened) && opened.left.message).toMatch(
    /schema future is at version 99, newer than this release knows \(3\)/,
  );
  const migrated = await migratePostgres(url)();
  expect(E.isLeft(migrated) && migrated.left._tag).toBe('StoreUnavailable');
});

it('a failing migration rolls back everything it did', async () => {
  const url = db().schemaUrl('rolled');
  // The events table exists already (made by hand): migration 1 fails, nothing is recorded.
  await sql(url, `CREATE SCHEMA rolled`);
  await sql(url, `CREATE TABLE rolled.events (x int)`);
  const r = await migratePostgres(url)();
  expect(E.isLeft(r) && r.left.message).toMatch(
    /migrating schema rolled: relation "events" already exists \(42P07\)/,
  );
  expect(await sql(url, `SELECT to_regclass('rolled.schema_migrations') AS t`)).toEqual([
    { t: null },
  ]);
});

it('a schema at version 2 is refused until migrated; migration 3 adds append_if_unchanged and appends go on from the log as it was', async () => {
  const url = db().schemaUrl('upgraded');
  const pool = new pg.Pool({ connectionString: db().url, max: 1 });
  try {
    const two = await migrate(pool, 'upgraded', loadMigrations().slice(0, 2));
    expect(E.isRight(two) && two.right.version).toBe(2);
  } finally {
    await pool.end();
  }
  await sql(
    url,
    `INSERT INTO upgraded.events VALUES (0, 'risk-old', 0, 'h0', '2019-01-01T00:00:00.000Z', '{}')`,
  );
  const refused = await openPostgresStore(url)();
  expect(E.isLeft(refused) && refused.left.message).toMatch(
    /schema upgraded is at version 2, this release needs 3: run `assure migrate`/,
  );
  const up = await migratePostgres(url)();
  expect(E.isRight(up) && up.right.applied.map((m) => m.name)).toEqual(['append_if_unchanged']);
  const store = await openPostgresStore(url)();
  if (E.isLeft(store)) throw new Error(store.left.message);
  try {
    for (let i = 0; i < 3; i++) {
      const r = await store.right.append('risk-new', numberedEvents(1), 'any')();
      expect(E.isRight(r) && r.right.position).toBe(String(i + 1));
    }
  } finally {
    await store.right.close();
  }
});

it('append_if_unchanged writes only when the tail and the heads are those given, and notifies only then', async () => {
  const url = db().schemaUrl('guarded');
  expect(E.isRight(await migratePostgres(url)())).toBe(true);
  const c = new pg.Client({ connectionString: db().url });
  await c.connect();
  const notified: string[] = [];
  c.on('notification', (n) => notified.push(n.payload ?? ''));
  await c.query('LISTEN guarded_ch');
  const call = async (tail: [number, string] | null, head: [number, string] | null, pos: number) =>
    (
      await c.query<{ applied: boolean | null }>(
        `SELECT guarded.append_if_unchanged(1, 'guarded_ch', $1, $2, ARRAY['s'], ARRAY[$3::integer], ARRAY[$4::text],
           ARRAY[$5::bigint], ARRAY['s'], ARRAY[$6::integer], ARRAY['h' || $5::text], ARRAY['r'], ARRAY['{}']) AS applied`,
        [
          tail?.[0] ?? null,
          tail?.[1] ?? null,
          head?.[0] ?? null,
          head?.[1] ?? null,
          pos,
          head === null ? 0 : head[0] + 1,
        ],
      )
    ).rows[0]?.applied;
  try {
    expect(await call([0, 'x'], null, 0)).toBe(false); // the log is empty, not at 0
    expect(await call(null, null, 0)).toBe(true);
    expect(await call(null, null, 1)).toBe(false); // the log is not empty any more
    expect(await call([0, 'wrong'], [0, 'h0'], 1)).toBe(false); // another tail
    expect(await call([0, 'h0'], null, 1)).toBe(false); // the stream is not empty
    expect(await call([0, 'h0'], [0, 'other'], 1)).toBe(false); // another head
    expect(await call([0, 'h0'], [0, 'h0'], 1)).toBe(true);
    expect(await call([0, 'h0'], [0, 'h0'], 2)).toBe(false); // the tail moved on to 1
    await c.query(`SET default_transaction_isolation = 'repeatable read'`);
    expect(await call([1, 'h1'], [1, 'h1'], 2)).toBe(null); // not READ COMMITTED: nothing done
    const rows = await sql<{ position: string }>(
      url,
      'SELECT position FROM guarded.events ORDER BY position',
    );
    expect(rows.map((r) => r.position)).toEqual(['0', '1']);
    await c.query('SELECT 1'); // delivers pending notifications
    expect(notified).toEqual(['0', '1']);
  } finally {
    await c.end();
  }
});
