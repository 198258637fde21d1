/**
 * Benchmark of the PostgreSQL store (`pnpm bench store-postgres`) beside Emmett's
 * (`@event-driven-io/emmett-postgresql`, pinned) on the same server in the same run:
 *
 * - appends of one event each, 1 writer (round-robin over 100 streams, each append naming
 *   the stream's expected revision);
 * - the same with 8 concurrent writers (each on its own streams, one pool of 8 connections);
 * - reading the whole log of 100k events (pages of the same size on both).
 *
 * Every measurement runs in its own Node process (this file again, with `--worker`), so one
 * library's garbage, JIT state or global `pg` type parsers (Emmett's SQL layer sets some)
 * never touch the other's figure. Each append measurement gets a fresh database, made and
 * dropped here; the read measurements share one database per library, filled once. The
 * order of the two libraries alternates from round to round. The row is the median of the
 * per-round ratios (Assure / Emmett), with their spread.
 *
 * Server: `ASSURE_TEST_PG` or postgres://postgres@127.0.0.1:5432 (trust auth).
 * Sizes: PG_BENCH_ROUNDS (3), PG_BENCH_APPENDS (1000 per measurement), PG_BENCH_READ (100000).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import * as E from 'fp-ts/Either';
import pg from 'pg';
import type { ExpectedRevision, ProposedEvent } from '@assure/event-store';
import { reportRows, spreadOf, type BenchRow } from '../../../scripts/bench-rows';
import { openPostgresStore } from '../src';

const SERVER = process.env['ASSURE_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432';
const ROUNDS = Number(process.env['PG_BENCH_ROUNDS'] ?? 3);
const APPENDS = Number(process.env['PG_BENCH_APPENDS'] ?? 1000);
const READ_EVENTS = Number(process.env['PG_BENCH_READ'] ?? 100_000);
const WRITERS = 8;
const STREAMS = 100;
const PAGE = 500; // rows per read query, both libraries (Assure's default)
const FILL_BATCH = 100; // events per append when filling the log to read

type System = 'assure' | 'emmett';
type Workload = 'append-1' | 'append-8' | 'fill' | 'read';

/** The measured part of one worker run. */
interface Measured {
  readonly events: number;
  readonly seconds: number;
}

// ------------------------------------------------------------------ the event written

const dataOf = (stream: number, n: number) => ({
  programmeId: 'bcc',
  areaId: `area-${stream % 12}`,
  recommendationId: `rec-${stream}`,
  note: 'The improvement panel noted progress against the action plan this month.',
  n,
});

// ------------------------------------------------------------------ Assure

async function assure(workload: Workload, url: string): Promise<Measured> {
  const opened = await openPostgresStore(url, {
    migrate: true,
    poolSize: WRITERS,
    readBatchSize: PAGE,
  })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const store = opened.right;
  const proposed = (stream: number, n: number): ProposedEvent => ({
    eventId: `${stream}-${n}-${randomBytes(6).toString('hex')}`,
    type: 'ProgressNoted',
    schemaVersion: 1,
    data: dataOf(stream, n),
    meta: { actor: 'officer-cfo', role: 'officer', occurredAt: '2019-03-12T00:00:00.000Z' },
  });
  try {
    if (workload === 'read') {
      const t0 = process.hrtime.bigint();
      let events = 0;
      for await (const batch of store.readAllBatches()) events += batch.length;
      return { events, seconds: secondsSince(t0) };
    }
    const next = new Map<string, ExpectedRevision>();
    return await writeWorkload(workload, {
      fill: async (s) => {
        const events = Array.from({ length: FILL_BATCH }, (_, n) => proposed(s, n));
        const r = await store.append(`fill-${s}`, events, 'no-stream')();
        if (E.isLeft(r)) throw new Error(r.left.message);
      },
      appendOne: async (stream, s, i) => {
        const r = await store.append(stream, [proposed(s, i)], next.get(stream) ?? 'no-stream')();
        if (E.isLeft(r)) throw new Error(r.left.message);
        next.set(stream, { revision: r.right.nextRevision });
      },
    });
  } finally {
    await store.close();
  }
}

// ------------------------------------------------------------------ Emmett

async function emmett(workload: Workload, url: string): Promise<Measured> {
  // Emmett is published as ESM and CommonJS; the dynamic import keeps either working.
  const { getPostgreSQLEventStore, readMessagesBatch } =
    await import('@event-driven-io/emmett-postgresql');
  const { dumbo } = await import('@event-driven-io/dumbo');
  const pool = dumbo({
    connectionString: url,
    pool: new pg.Pool({ connectionString: url, max: WRITERS }),
  });
  const store = getPostgreSQLEventStore(url, { connectionOptions: { dumbo: pool } });
  type Noted = { type: 'ProgressNoted'; data: ReturnType<typeof dataOf> };
  const event = (stream: number, n: number): Noted => ({
    type: 'ProgressNoted',
    data: dataOf(stream, n),
  });
  try {
    await store.schema.migrate();
    if (workload === 'read') {
      const t0 = process.hrtime.bigint();
      let events = 0;
      let after = -1n;
      for (;;) {
        const r = await readMessagesBatch(pool.execute, { after, batchSize: PAGE });
        events += r.messages.length;
        if (!r.areMessagesLeft) break;
        after = r.currentGlobalPosition;
      }
      return { events, seconds: secondsSince(t0) };
    }
    const version = new Map<string, bigint>();
    return await writeWorkload(workload, {
      fill: async (s) => {
        const events = Array.from({ length: FILL_BATCH }, (_, n) => event(s, n));
        await store.appendToStream(`fill-${s}`, events);
      },
      appendOne: async (stream, s, i) => {
        const r = await store.appendToStream(stream, [event(s, i)], {
          expectedStreamVersion: version.get(stream) ?? 'STREAM_DOES_NOT_EXIST',
        });
        version.set(stream, r.nextExpectedStreamVersion);
      },
    });
  } finally {
    await store.close();
    await pool.close();
  }
}

/** How one library writes: a fill append of `FILL_BATCH` events, and one event to a stream. */
interface Writes {
  fill(stream: number): Promise<void>;
  appendOne(stream: string, streamNo: number, n: number): Promise<void>;
}

/**
 * The write workloads, the same for both libraries: `fill` writes `READ_EVENTS` events for
 * the read measurement (unmeasured); `append-1` and `append-8` append one event at a time
 * from 1 or `WRITERS` writers, each round-robin over its own streams, after a warm-up.
 */
async function writeWorkload(workload: Exclude<Workload, 'read'>, w: Writes): Promise<Measured> {
  if (workload === 'fill') {
    for (let s = 0; s * FILL_BATCH < READ_EVENTS; s++) await w.fill(s);
    return { events: READ_EVENTS, seconds: 0 };
  }
  const writers = workload === 'append-1' ? 1 : WRITERS;
  const writer = async (k: number, count: number): Promise<void> => {
    for (let i = 0; i < count; i++) {
      const s = k + writers * (i % Math.ceil(STREAMS / writers));
      await w.appendOne(`progress-${s}`, s, i);
    }
  };
  await Promise.all(Array.from({ length: writers }, (_, k) => writer(k, 5))); // warm-up
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: writers }, (_, k) => writer(k, APPENDS / writers)));
  return { events: APPENDS, seconds: secondsSince(t0) };
}

function secondsSince(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

// ------------------------------------------------------------------ the parent

async function admin(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

const RUN = `assure_bench_${randomBytes(3).toString('hex')}`;
const made: string[] = [];

async function database(name: string): Promise<string> {
  await admin(`CREATE DATABASE "${name}"`);
  made.push(name);
  return `${SERVER}/${name}`;
}

async function dropDatabase(name: string): Promise<void> {
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  made.splice(made.indexOf(name), 1);
}

/** A worker's result line, checked. */
function measuredOf(line: string): Measured | undefined {
  let u: unknown;
  try {
    u = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof u !== 'object' || u === null) return undefined;
  const events: unknown = Reflect.get(u, 'events');
  const seconds: unknown = Reflect.get(u, 'seconds');
  return typeof events === 'number' && typeof seconds === 'number'
    ? { events, seconds }
    : undefined;
}

/** Runs one measurement in a fresh Node process (this file with `--worker`). */
function worker(system: System, workload: Workload, url: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, __filename, '--worker', system, workload, url],
      { stdio: ['ignore', 'pipe', 'inherit'], env: process.env },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${system} ${workload}: exit ${code}`));
      const m = measuredOf(line);
      if (m === undefined)
        reject(new Error(`${system} ${workload}: unreadable result ${JSON.stringify(line)}`));
      else resolve(m);
    });
  });
}

const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const load0 = loadavg();
  const rates: Record<Exclude<Workload, 'fill'>, Record<System, number[]>> = {
    'append-1': { assure: [], emmett: [] },
    'append-8': { assure: [], emmett: [] },
    read: { assure: [], emmett: [] },
  };
  const readDb: Record<System, string> = {
    assure: await database(`${RUN}_read_assure`),
    emmett: await database(`${RUN}_read_emmett`),
  };
  for (const system of ['assure', 'emmett'] as const) {
    console.log(`filling ${system}'s log with ${READ_EVENTS} events (not timed)`);
    await worker(system, 'fill', readDb[system]);
  }
  for (let round = 0; round < ROUNDS; round++) {
    const order: System[] = round % 2 === 0 ? ['emmett', 'assure'] : ['assure', 'emmett'];
    for (const workload of ['append-1', 'append-8', 'read'] as const) {
      for (const system of order) {
        let m: Measured;
        if (workload === 'read') {
          m = await worker(system, workload, readDb[system]);
          if (m.events !== READ_EVENTS)
            throw new Error(`${system} read ${m.events} events, not ${READ_EVENTS}`);
        } else {
          const name = `${RUN}_${system}_${workload.replace('-', '')}_${round}`;
          m = await worker(system, workload, await database(name));
          await dropDatabase(name);
        }
        const rate = m.events / m.seconds;
        rates[workload][system].push(rate);
        console.log(`round ${round + 1} ${workload} ${system}: ${rate.toFixed(0)} events/s`);
      }
    }
  }
  for (const name of [...made]) await dropDatabase(name);

  const rows: BenchRow[] = [];
  const names: Record<keyof typeof rates, string> = {
    'append-1': `appends of 1 event, 1 writer (${APPENDS} appends, ${STREAMS} streams, expected revision)`,
    'append-8': `appends of 1 event, ${WRITERS} concurrent writers (${APPENDS} appends in all, pool of ${WRITERS})`,
    read: `reading the whole log, ${READ_EVENTS.toLocaleString('en-GB')} events (pages of ${PAGE})`,
  };
  for (const workload of ['append-1', 'append-8', 'read'] as const) {
    const ours = rates[workload].assure;
    const theirs = rates[workload].emmett;
    const ratios = ours.map((o, i) => o / (theirs[i] ?? 1));
    const ratio = median(ratios);
    console.log(
      `${names[workload]}: Assure ${median(ours).toFixed(0)} events/s, Emmett ${median(theirs).toFixed(0)} events/s, ratio ${ratio.toFixed(2)}x (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)} over ${ROUNDS} rounds)`,
    );
    const spread = spreadOf(ratios);
    rows.push({
      name: names[workload],
      value: median(ours),
      unit: 'events/s',
      anchor: { name: 'Emmett 0.42 (emmett-postgresql), same server', value: median(theirs) },
      ratio,
      ...(spread === undefined ? {} : { spread }),
      note: 'ratio and spread: Assure / Emmett per round',
    });
  }
  console.log(
    `machine: ${availableParallelism()} cores; load average before ${load0.map((l) => l.toFixed(2)).join(', ')}, after ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  reportRows(rows);
}

const WORKLOADS: readonly Workload[] = ['append-1', 'append-8', 'fill', 'read'];
const isWorkload = (s: string): s is Workload => (WORKLOADS as readonly string[]).includes(s);

async function workerMain(system: string, workload: string, url: string): Promise<void> {
  if (!isWorkload(workload)) throw new Error(`unknown workload ${JSON.stringify(workload)}`);
  if (system !== 'assure' && system !== 'emmett')
    throw new Error(`unknown system ${JSON.stringify(system)}`);
  const m = system === 'assure' ? await assure(workload, url) : await emmett(workload, url);
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

const [flag, system, workload, url] = process.argv.slice(2);
(flag === '--worker' ? workerMain(system ?? '', workload ?? '', url ?? '') : main()).catch(
  async (e: unknown) => {
    console.error(e);
    if (flag !== '--worker')
      for (const name of [...made]) await dropDatabase(name).catch(() => undefined);
    process.exit(1);
  },
);
