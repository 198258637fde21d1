/**
 * `assure project --to postgres://...`: the read models as SQL tables, fed from the
 * Birmingham example's file store. Spawns the built CLI (`pnpm tsc -b` first): equality
 * with `assure tracker --json`, the documented BI queries, exactly once across a kill -9
 * between batches, and two instances (one leads, the other takes over when it dies).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freshDatabase, sql, type TestDatabase } from '@assure/store-postgres/testing';
import { eventually } from './support/wait';

const BIN = path.resolve(__dirname, '../../cli/dist/bin.js');
const DOC = path.resolve(__dirname, '../../../docs/read-models-sql.md');

let db: TestDatabase;
let dir: string;
let log: string;

/** Runs the CLI to its end. */
function cli(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, '--store', `file:${log}`, ...args], {
    encoding: 'utf8',
    cwd: dir,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI as a long-running process, collecting its output. */
function start(args: readonly string[]): {
  out: () => string;
  done: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
} {
  const child = spawn(process.execPath, [BIN, '--store', `file:${log}`, ...args], { cwd: dir });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (out += s));
  const done = new Promise<number | null>((ok) => child.on('close', (code) => ok(code)));
  return { out: () => out, done, kill: (signal) => child.kill(signal) };
}

const to = (schema: string): string => `${db.url}?schema=${schema}`;

const KEYS: Record<string, string> = {
  tracker: 'id',
  risks: 'id',
  areas: 'programme_id, id',
  advisers: 'id',
  meetings: 'programme_id, body_id, meeting_id',
  trail: 'position',
};

/** Every table of a schema (the checkpoint without its commit time), as JSON text. */
async function tables(schema: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [t, key] of Object.entries(KEYS))
    out[t] = JSON.stringify(await sql(db.url, `SELECT * FROM ${schema}.${t} ORDER BY ${key}`));
  out['checkpoint'] = JSON.stringify(
    await sql(db.url, `SELECT position, hash, as_at FROM ${schema}.checkpoint`),
  );
  return out;
}

async function checkpointOf(schema: string): Promise<bigint | null> {
  const rows = await sql<{ position: string }>(
    db.url,
    `SELECT position::text AS position FROM ${schema}.checkpoint`,
  );
  return rows[0] === undefined ? null : BigInt(rows[0].position);
}

/** The documented queries, by name (the `<!-- query: NAME -->` blocks). */
function documentedQueries(): Map<string, string> {
  const text = fs.readFileSync(DOC, 'utf8');
  return new Map(
    [...text.matchAll(/<!-- query: ([a-z-]+) -->\s*```sql\n([\s\S]*?)```/g)].map((m) => [
      m[1] as string,
      m[2] as string,
    ]),
  );
}

beforeAll(async () => {
  db = await freshDatabase(__filename);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assure-rm-sql-'));
  const demo = spawnSync(process.execPath, [BIN, 'demo', '--dir', 'demo'], {
    cwd: dir,
    encoding: 'utf8',
  });
  if (demo.status !== 0) throw new Error(demo.stderr);
  log = path.join(dir, 'demo', 'events.ndjson');
  // The reference projection: one run from zero.
  const r = cli(['project', '--to', to('assure_rm'), '--no-follow']);
  if (r.code !== 0) throw new Error(r.stderr);
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('the tracker table holds the rows of `assure tracker --json`, in order', async () => {
  const doc = JSON.parse(cli(['tracker', '--json']).stdout) as { asAt: string; rows: unknown[] };
  const rows = await sql<{ row: unknown }>(
    db.url,
    'SELECT row FROM assure_rm.tracker ORDER BY ord',
  );
  expect(rows.map((r) => r.row)).toEqual(doc.rows);
  expect(doc.rows.length).toBe(20);
  const risks = JSON.parse(cli(['risks', '--json']).stdout) as { rows: unknown[] };
  const riskRows = await sql<{ row: unknown }>(
    db.url,
    'SELECT row FROM assure_rm.risks ORDER BY ord',
  );
  expect(riskRows.map((r) => r.row)).toEqual(risks.rows);
  const [checkpoint] = await sql<{ as_at: Date }>(db.url, 'SELECT as_at FROM assure_rm.checkpoint');
  const asAt = checkpoint?.as_at;
  expect(asAt).toBeInstanceOf(Date);
  const trail = JSON.parse(cli(['trail', '--json']).stdout) as { rows: { position: string }[] };
  const trailRows = await sql<{ n: string }>(db.url, 'SELECT count(*) AS n FROM assure_rm.trail');
  expect(Number(trailRows[0]?.n)).toBe(trail.rows.length);
});

it('the documented BI queries give plausible answers on the Birmingham data', async () => {
  const queries = documentedQueries();
  expect([...queries.keys()].sort()).toEqual([
    'changes-since-last-board-meeting',
    'overdue-statutory',
    'risks-above-appetite',
  ]);
  const overdue = await sql<{ id: string; days_overdue: number }>(
    db.url,
    queries.get('overdue-statutory') ?? '',
  );
  // The one statutory recommendation still agreed, due 2019-12-31 (the log ends in 2019).
  expect(overdue.map((r) => r.id)).toEqual(['rec-2018-s24-02']);
  expect(overdue[0]?.days_overdue).toBeGreaterThan(0);
  const risks = await sql<{ id: string; current_score: number; target_score: number }>(
    db.url,
    queries.get('risks-above-appetite') ?? '',
  );
  expect(risks.length).toBeGreaterThan(0);
  for (const r of risks) expect(r.current_score).toBeGreaterThan(r.target_score);
  expect(risks.map((r) => r.id)).toContain('equal-pay');
  const changes = await sql<{ occurred_at: string; type: string }>(
    db.url,
    queries.get('changes-since-last-board-meeting') ?? '',
  );
  // The programme board last met on 2019-10-08; the cabinet met after it.
  expect(changes.length).toBeGreaterThan(0);
  for (const c of changes) expect(c.occurred_at.slice(0, 10) > '2019-10-08').toBe(true);
  expect(changes.map((c) => c.type)).toContain('MeetingRecorded');
});

it('exactly once across a kill -9 between batches: the restart ends with the rows of a fresh rebuild', async () => {
  const reference = await tables('assure_rm');
  const end = await checkpointOf('assure_rm');
  const p = start(['project', '--to', to('crash'), '--batch-size', '1']);
  await eventually('three commits', () => (p.out().match(/committed/g) ?? []).length >= 3);
  p.kill('SIGKILL');
  await p.done;
  const at = await checkpointOf('crash');
  expect(at).not.toBeNull();
  expect((at ?? 0n) < (end ?? 0n)).toBe(true);
  // The tables hold exactly the events up to the checkpoint: the trail ends there.
  const trail = await sql<{ n: string; last: string }>(
    db.url,
    'SELECT count(*) AS n, max(position)::text AS last FROM crash.trail',
  );
  expect(trail[0]?.last).toBe(String(at));
  const upTo = await sql<{ n: string }>(
    db.url,
    'SELECT count(*) AS n FROM assure_rm.trail WHERE position <= $1',
    [String(at)],
  );
  expect(trail[0]?.n).toBe(upTo[0]?.n);
  const again = cli(['project', '--to', to('crash'), '--no-follow']);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain(`leading from checkpoint ${String(at)}`);
  expect(await tables('crash')).toEqual(reference);
});

it('two instances: one leads, the other waits and takes over when the leader is killed', async () => {
  const reference = await tables('assure_rm');
  const a = start(['project', '--to', to('pair')]);
  await eventually('the first instance commits', () => a.out().includes('committed'));
  const b = start(['project', '--to', to('pair')]);
  await eventually('the second instance waits', () => b.out().includes('waiting'));
  expect(b.out()).not.toContain('leading');
  a.kill('SIGKILL');
  await a.done;
  await eventually('the second instance leads and commits', () => b.out().includes('committed'));
  expect(b.out()).toContain('leading from checkpoint');
  b.kill('SIGTERM');
  expect(await b.done).toBe(0);
  expect(await tables('pair')).toEqual(reference);
  // Rebuild from zero gives the same tables.
  const rebuilt = cli(['project', '--to', to('pair'), '--rebuild', '--no-follow']);
  expect(rebuilt.stdout).toContain('leading from checkpoint (none)');
  expect(await tables('pair')).toEqual(reference);
});
