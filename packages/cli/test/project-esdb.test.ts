/**
 * `assure project --to postgres://...` fed from an EventStoreDB store (the test double of
 * `@assure/store-esdb/testing`, which serves the gRPC protocol on a local port): the
 * Birmingham journey goes through the file store and through the EventStoreDB adapter, and
 * the read-model tables projected from each are the same but for global positions (byte
 * offsets in the file, commit positions in EventStoreDB). The tracker table there holds the
 * rows of `assure tracker --json` read from the EventStoreDB store.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { ExitCode } from '@assure/cli';
import { domainModel } from '@assure/domain';
import { createCommandHandler, type EventStore } from '@assure/event-store';
import { createEsdbStore } from '@assure/store-esdb';
import { EsdbDouble } from '@assure/store-esdb/testing';
import { openFileStore } from '@assure/store-file';
import { freshDatabase, sql, type TestDatabase } from '@assure/store-postgres/testing';
import { runInProcess } from './in-process';
import { tempDir } from './run';

const COMMANDS = path.resolve(__dirname, '../../../examples/birmingham/commands.ndjson');
const BIN = path.resolve(__dirname, '../dist/bin.js');
const STORE_CLOCK = () => new Date('2019-11-01T12:00:00.000Z');

/** The CLI in this process (the double serves from this process too), its output kept. */
const run = (argv: readonly string[], cwd: string) =>
  runInProcess(argv, cwd, new Date('2019-12-02T09:00:00.000Z'));

/**
 * The built CLI (`pnpm tsc -b` first) in a child process, awaited without blocking this one
 * (the double serves from here). The read commands load their code on demand, by the built
 * file names.
 */
function binary(
  argv: readonly string[],
  cwd: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...argv], { cwd });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (err += t));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

interface Line {
  readonly type: string;
  readonly data: unknown;
  readonly meta: Record<string, unknown>;
}

/** The example's commands but the seals (a seal's data names a global position). */
function commands(): Line[] {
  return fs
    .readFileSync(COMMANDS, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line)
    .filter((l) => l.type !== 'SealLedger');
}

/** The journey through a store, with the same event ids and clocks whatever the store. */
async function load(store: EventStore): Promise<number> {
  let n = 0;
  const handler = createCommandHandler({
    store,
    model: domainModel,
    ids: () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`,
    clock: () => new Date('2019-11-01T00:00:00.000Z'),
    backfillBy: { actor: 'loader-bcc', role: 'system' },
  });
  let applied = 0;
  for (const c of commands()) {
    const r = await handler.handleUnknown({ type: c.type, data: c.data }, c.meta as never)();
    if (E.isRight(r)) applied++;
  }
  return applied;
}

/** Each table's columns but the global positions, and the key it is ordered by. */
const TABLES: Record<string, { readonly columns: string; readonly order: string }> = {
  tracker: { columns: '*', order: 'id' },
  risks: { columns: '*', order: 'id' },
  areas: { columns: '*', order: 'programme_id, id' },
  advisers: { columns: '*', order: 'id' },
  meetings: {
    columns:
      'programme_id, body_id, meeting_id, ord, body_kind, body_name, body_dissolved, held_on',
    order: 'programme_id, body_id, meeting_id',
  },
  trail: {
    columns: 'recorded_at, occurred_at, actor, role, stream, type, summary, reason, evidence, hash',
    order: 'position',
  },
  checkpoint: { columns: 'hash, as_at', order: 'id' },
};

let db: TestDatabase;
let double: EsdbDouble;
let cwd: string;
let fileUrl: string;

beforeAll(async () => {
  db = await freshDatabase(__filename);
  double = await EsdbDouble.start({
    batchAppend: true,
    firstPosition: 2n ** 40n + 3n,
    systemNoiseEvery: 7,
  });
  cwd = tempDir();
  const file = path.join(cwd, 'events.ndjson');
  fileUrl = `file:${file}`;
  const opened = await openFileStore(file, { clock: STORE_CLOCK })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const fromFile = await load(opened.right);
  await opened.right.close();
  const esdb = createEsdbStore(double.connectionString, { clock: STORE_CLOCK });
  if (E.isLeft(esdb)) throw new Error(esdb.left.message);
  const fromEsdb = await load(esdb.right);
  await esdb.right.close();
  expect(fromEsdb).toBe(fromFile);
  expect(fromFile).toBeGreaterThan(200);
}, 300_000);

afterAll(async () => {
  await double.stop();
  await db.drop();
  fs.rmSync(cwd, { recursive: true, force: true });
});

it('projects the same tables from an EventStoreDB store as from the file store, but for positions', async () => {
  const fromFile = await run(
    ['--store', fileUrl, 'project', '--to', `${db.url}?schema=rm_file`, '--no-follow'],
    cwd,
  );
  expect(fromFile.err).toBe('');
  expect(fromFile.code).toBe(ExitCode.ok);
  const fromEsdb = await run(
    [
      '--store',
      double.connectionString,
      'project',
      '--to',
      `${db.url}?schema=rm_esdb`,
      '--no-follow',
    ],
    cwd,
  );
  expect(fromEsdb.err).toBe('');
  expect(fromEsdb.code).toBe(ExitCode.ok);
  expect(fromEsdb.out).toMatch(/^committed through position \d+ as at 2019-12-02 /m);

  for (const [table, { columns, order }] of Object.entries(TABLES)) {
    const a = await sql(db.url, `SELECT ${columns} FROM rm_file.${table} ORDER BY ${order}`);
    const b = await sql(db.url, `SELECT ${columns} FROM rm_esdb.${table} ORDER BY ${order}`);
    expect({ table, rows: b }).toEqual({ table, rows: a });
    expect(a.length).toBeGreaterThan(0);
  }
  // The positions are the stores' own: EventStoreDB's commit positions, not byte offsets.
  const [esdbCheckpoint] = await sql<{ position: string }>(
    db.url,
    'SELECT position::text AS position FROM rm_esdb.checkpoint',
  );
  const [fileCheckpoint] = await sql<{ position: string }>(
    db.url,
    'SELECT position::text AS position FROM rm_file.checkpoint',
  );
  expect(BigInt(esdbCheckpoint?.position ?? '0')).toBeGreaterThan(2n ** 40n);
  expect(esdbCheckpoint?.position).not.toBe(fileCheckpoint?.position);

  // The tracker table holds the rows `assure tracker --json` reads from the same store.
  const tracker = await binary(
    ['--store', double.connectionString, 'tracker', '--json', '--as-at', '2019-12-02'],
    cwd,
  );
  expect({ code: tracker.code, err: tracker.err }).toEqual({ code: ExitCode.ok, err: '' });
  const doc = JSON.parse(tracker.out) as { rows: unknown[] };
  const rows = await sql<{ row: unknown }>(db.url, 'SELECT row FROM rm_esdb.tracker ORDER BY ord');
  expect(rows.map((r) => r.row)).toEqual(doc.rows);
  expect(doc.rows.length).toBeGreaterThan(10);
}, 300_000);
