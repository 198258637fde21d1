import { readdirSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import * as E from 'fp-ts/Either';
import type { Pool, PoolClient } from 'pg';
import type { StoreError } from '@assure/event-store';
import { isConnectionLoss, quoteIdent, storeErrorOfPg } from './pg-errors';

/** One numbered SQL file of `sql/`: `0001_events.sql` is version 1, named `events`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** The SQL, with `{{schema}}` standing for the quoted schema name. */
  readonly sql: string;
}

/** What {@link migrate} did: the versions it applied now, and the version the schema is at. */
export interface MigrationReport {
  readonly schema: string;
  readonly applied: readonly Migration[];
  readonly version: number;
}

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/**
 * The advisory-lock key migrations take (a transaction-level lock, released at commit): two
 * processes migrating at once apply each migration once, one after the other. Distinct
 * from the append lock's key.
 */
export const MIGRATION_LOCK_KEY = 0x61737572_6d696772n; // "asur" "migr"

/** The directory of the SQL files: `sql/` beside `src/` and `dist/`. */
export const SQL_DIR = nodePath.resolve(__dirname, '..', 'sql');

/**
 * Reads the migrations, in version order, from `sql/`. Versions must run 1, 2, 3... without
 * a gap (checked, so a misnumbered file fails loudly rather than being skipped).
 */
export function loadMigrations(dir: string = SQL_DIR): readonly Migration[] {
  const out: Migration[] = [];
  for (const f of readdirSync(dir).sort()) {
    const m = FILE.exec(f);
    if (m === null) continue;
    out.push({
      version: Number(m[1]),
      name: m[2] as string,
      sql: readFileSync(nodePath.join(dir, f), 'utf8'),
    });
  }
  out.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.version}_${m.name}: expected version ${i + 1}`);
  });
  return out;
}

/** The newest version this package knows. */
export function latestVersion(migrations: readonly Migration[] = loadMigrations()): number {
  return migrations.length;
}

/**
 * The version a schema is at: 0 when the schema or its version table does not exist.
 * Read without a lock; used on open to refuse an unmigrated or too-new schema.
 */
export async function schemaVersion(pool: Pool, schema: string): Promise<number> {
  const exists = await pool.query<{ found: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AS found`,
    [`${quoteIdent(schema)}.schema_migrations`],
  );
  if (exists.rows[0]?.found !== true) return 0;
  const r = await pool.query<{ version: number | null }>(
    `SELECT max(version) AS version FROM ${quoteIdent(schema)}.schema_migrations`,
  );
  return r.rows[0]?.version ?? 0;
}

/**
 * Brings `schema` up to the newest version, idempotently: in one transaction holding
 * {@link MIGRATION_LOCK_KEY}, it creates the schema and its version table if missing,
 * then applies each migration not yet recorded, in order, recording each. Any failure
 * rolls everything back. A schema newer than this package is refused, untouched.
 */
export async function migrate(
  pool: Pool,
  schema: string,
  migrations: readonly Migration[] = loadMigrations(),
): Promise<E.Either<StoreError, MigrationReport>> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (e) {
    return E.left(storeErrorOfPg(e, 'connecting to migrate'));
  }
  const q = quoteIdent(schema);
  let lost = false;
  try {
    // READ COMMITTED, so what is read after the lock includes the previous holder's work.
    await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${q}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${q}.schema_migrations (
         version integer PRIMARY KEY,
         name text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const r = await client.query<{ version: number }>(
      `SELECT version FROM ${q}.schema_migrations ORDER BY version`,
    );
    const done = new Set(r.rows.map((row) => row.version));
    const newest = Math.max(0, ...done);
    if (newest > migrations.length) {
      await client.query('ROLLBACK');
      return E.left(tooNew(schema, newest, migrations.length));
    }
    const applied: Migration[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query(m.sql.replaceAll('{{schema}}', q));
      await client.query(`INSERT INTO ${q}.schema_migrations (version, name) VALUES ($1, $2)`, [
        m.version,
        m.name,
      ]);
      applied.push(m);
    }
    await client.query('COMMIT');
    return E.right({ schema, applied, version: migrations.length });
  } catch (e) {
    lost = isConnectionLoss(e);
    if (!lost) await client.query('ROLLBACK').catch(() => undefined);
    return E.left(storeErrorOfPg(e, `migrating schema ${schema}`));
  } finally {
    client.release(lost ? true : undefined);
  }
}

/** The error for a schema migrated by a newer release than this one. */
export function tooNew(schema: string, found: number, known: number): StoreError {
  return {
    _tag: 'StoreUnavailable',
    cause: `schema ${schema} is at version ${found}, newer than this release knows (${known})`,
    message: `store unavailable: schema ${schema} is at version ${found}, newer than this release knows (${known}); upgrade Assure`,
  };
}
