import * as E from 'fp-ts/Either';
import { latestVersion, migratePostgres, openPostgresStore } from '@assure/store-postgres';
import { freshDatabase, sql, type TestDatabase } from '@assure/store-postgres/testing';
import { runFixture } from './support/spawn';

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase(__filename);
});
afterAll(async () => {
  await db.drop();
});

it('an unmigrated schema is refused on open naming assure migrate, and nothing is created', async () => {
  const url = db.schemaUrl('untouched');
  const r = await openPostgresStore(url)();
  expect(E.isLeft(r) && r.left.message).toBe(
    `store unavailable: schema untouched is at version 0, this release needs ${latestVersion()}: run \`assure migrate\``,
  );
  const schemas = await sql(url, `SELECT 1 FROM pg_namespace WHERE nspname = 'untouched'`);
  expect(schemas).toEqual([]);
});

it('migrations apply once each, in order, even from several processes at once', async () => {
  const url = db.schemaUrl('raced');
  const runs = await Promise.all(
    Array.from({ length: 4 }, () => runFixture('migrate.ts', [url]).done),
  );
  for (const run of runs) {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  }
  // Between them, the processes applied each version exactly once.
  const applied = runs.flatMap((run) => run.stdout.split('\n').filter((l) => l !== ''));
  expect(applied.sort()).toEqual(['1 events', '2 append_only']);
  const recorded = await sql<{ version: number }>(
    url,
    `SELECT version FROM raced.schema_migrations ORDER BY version`,
  );
  expect(recorded.map((r) => r.version)).toEqual([1, 2]);
  const again = await migratePostgres(url)();
  expect(E.isRight(again) && again.right).toMatchObject({ applied: [], version: 2 });
});

it('a schema newer than this release is refused, untouched', async () => {
  const url = db.schemaUrl('future');
  expect(E.isRight(await migratePostgres(url)())).toBe(true);
  await sql(
    url,
    `INSERT INTO future.schema_migrations (version, name) VALUES (99, 'from_the_future')`,
  );
  const opened = await openPostgresStore(url)();
  expect(E.isLeft(opened) && opened.left.message).toMatch(
    /schema future is at version 99, newer than this release knows \(2\)/,
  );
  const migrated = await migratePostgres(url)();
  expect(E.isLeft(migrated) && migrated.left._tag).toBe('StoreUnavailable');
});

it('a failing migration rolls back everything it did', async () => {
  const url = db.schemaUrl('rolled');
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
