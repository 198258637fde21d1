import type pg from 'pg';
import {
  FullReadModels,
  type Checkpointed,
  type ReadModelStates,
  type TrailRow,
  type TrailState,
} from '@assure/projections';
import { quoteIdent } from '../pg-errors';
import { TABLES, TRAIL_COLUMNS, trailValues, type TableSpec } from './tables';

/** Rows per INSERT statement (well under PostgreSQL's 65 535 parameters). */
const ROWS_PER_INSERT = 400;

/** The checkpoint row: the last position whose effects the tables hold. */
export interface SqlCheckpoint {
  readonly position: bigint;
  readonly hash: string;
}

/** Reads the checkpoint row, or null before the first write. */
export async function readCheckpoint(
  client: pg.ClientBase,
  schema: string,
): Promise<SqlCheckpoint | null> {
  const r = await client.query<{ position: string; hash: string }>(
    `SELECT position::text AS position, hash FROM ${quoteIdent(schema)}.checkpoint`,
  );
  const row = r.rows[0];
  return row === undefined ? null : { position: BigInt(row.position), hash: row.hash };
}

/** Empties every table and the checkpoint, in one transaction (a rebuild from zero). */
export async function truncateAll(client: pg.ClientBase, schema: string): Promise<void> {
  const q = quoteIdent(schema);
  const tables = ['checkpoint', 'trail', ...TABLES.map((t) => t.table)];
  await inTransaction(client, () =>
    client.query(`TRUNCATE ${tables.map((t) => `${q}.${t}`).join(', ')}`),
  );
}

async function inTransaction<T>(client: pg.ClientBase, body: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const out = await body();
    await client.query('COMMIT');
    return out;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

async function insertRows(
  client: pg.ClientBase,
  target: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  onConflict: string,
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    const params: unknown[] = [];
    const tuples = chunk.map((r) => {
      const cells = r.map((v) => {
        params.push(v);
        return `$${params.length}`;
      });
      return `(${cells.join(', ')})`;
    });
    await client.query(
      `INSERT INTO ${target} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ${onConflict}`,
      params,
    );
  }
}

/**
 * The trail rows after a position, found from the end (only the rows not yet written are
 * derived: a catch-up commits often, and the trail holds a row per event).
 */
function trailAfter(trail: TrailState, after: bigint): TrailRow[] {
  const out: TrailRow[] = [];
  for (let i = trail.length - 1; i >= 0; i--) {
    const row = trail.row(i);
    if (row === undefined || BigInt(row.position) <= after) break;
    out.push(row);
  }
  return out.reverse();
}

/** What one {@link SqlWriter.write} changed. */
export interface WriteReport {
  readonly position: string;
  readonly asAt: string;
  /** Rows inserted, updated or deleted, the trail's included. */
  readonly rowsChanged: number;
}

/**
 * Writes folded states to the tables: the rows that changed since its last write (all of
 * them at its first, which replaces every derived row) and the trail rows after the
 * checkpoint, then the new checkpoint, in ONE transaction: the tables always hold exactly
 * the effects of the events up to the checkpoint, whatever crashes and when.
 */
export class SqlWriter {
  /** Per table: key → the values last written (JSON), or undefined before the first write. */
  #written: Map<string, Map<string, string>> | undefined;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly schema: string,
    private checkpoint: SqlCheckpoint | null,
  ) {}

  /** The position the tables are at, or null. */
  get position(): bigint | null {
    return this.checkpoint?.position ?? null;
  }

  /** Writes the states as at `asAt`; nothing when they have no checkpoint yet. */
  async write(current: Checkpointed<ReadModelStates>, asAt: string): Promise<WriteReport | null> {
    if (current.checkpoint === null || current.checkpointHash === null) return null;
    const models = new FullReadModels(current.states, { asAt, knownAt: null });
    const q = quoteIdent(this.schema);
    const after = this.checkpoint?.position ?? -1n;
    const position = current.checkpoint;
    const hash = current.checkpointHash;
    const next = new Map<string, Map<string, string>>();
    const changed = await inTransaction(this.client, async () => {
      let n = 0;
      for (const spec of TABLES) n += await this.#syncTable(spec, models, next);
      const trail = trailAfter(current.states.trail, after).map(trailValues);
      await insertRows(this.client, `${q}.trail`, TRAIL_COLUMNS, trail, 'ON CONFLICT DO NOTHING');
      await this.client.query(
        `INSERT INTO ${q}.checkpoint (id, position, hash, as_at, updated_at)
         VALUES (true, $1, $2, $3, now())
         ON CONFLICT (id) DO UPDATE SET position = $1, hash = $2, as_at = $3, updated_at = now()`,
        [position, hash, asAt],
      );
      return n + trail.length;
    });
    this.#written = next;
    this.checkpoint = { position: BigInt(position), hash };
    return { position, asAt, rowsChanged: changed };
  }

  /** Brings one table to the rows wanted; returns how many rows it changed. */
  async #syncTable(
    spec: TableSpec,
    models: FullReadModels,
    next: Map<string, Map<string, string>>,
  ): Promise<number> {
    const target = `${quoteIdent(this.schema)}.${spec.table}`;
    const wanted = spec.rows(models);
    const fingerprints = new Map<string, string>();
    for (const [k, v] of wanted) fingerprints.set(k, JSON.stringify(v));
    next.set(spec.table, fingerprints);
    const before = this.#written?.get(spec.table);
    if (before === undefined) {
      const gone = await this.client.query(`DELETE FROM ${target}`);
      await insertRows(this.client, target, spec.columns, [...wanted.values()], '');
      return (gone.rowCount ?? 0) + wanted.size;
    }
    const keys = spec.columns.slice(0, spec.keyColumns);
    const match = keys.map((c, i) => `${c} = $${i + 1}`).join(' AND ');
    let n = 0;
    for (const k of before.keys())
      if (!wanted.has(k)) {
        await this.client.query(`DELETE FROM ${target} WHERE ${match}`, JSON.parse(k) as unknown[]);
        n++;
      }
    const upserts = [...wanted].filter(([k]) => before.get(k) !== fingerprints.get(k));
    const rest = spec.columns.slice(spec.keyColumns);
    await insertRows(
      this.client,
      target,
      spec.columns,
      upserts.map(([, v]) => v),
      `ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${rest.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
    );
    return n + upserts.length;
  }
}
