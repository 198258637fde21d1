/**
 * `assure status --json` on 100k events, cold: each run is a new Node process on a file store
 * (target: under 1 s). Two figures: the first run rebuilds the read models from the log and
 * saves a snapshot next to it; the next runs start from that snapshot and catch up.
 * Printed beside the bare cost of starting Node and of `JSON.parse` of every line.
 *
 * Then time travel: `status --as-at` a day in the middle of the history, without a snapshot
 * (first without the log's verified-prefix record `PATH.verified.json`, which that run
 * writes, then with it) and with one (taken by an earlier run), and `status` as at today
 * (after every event: the snapshot serves it), CPU time of the process
 * (user + system, by /usr/bin/time) beside the CPU time of a bare `JSON.parse` of every
 * line of the same log, in the same run, over 3 rounds. On two logs of the same events:
 * appended risk by risk (each risk's whole history at once, so valid times go back at
 * every new risk) and day by day (every risk's event of a day, then the next day: valid
 * times follow the log, as when events are recorded as they happen).
 *
 * Then the key time-travel rows on 1M events (`CLI_BENCH_LARGE_EVENTS`, 0 for none; orders in
 * `CLI_BENCH_LARGE_ORDERS`, default both), where Node's start-up no longer dominates: the
 * rebuild that saves the snapshot, `status --as-at` a middle day without a snapshot and with
 * one (answered from the snapshot's event journal: it holds events valid after the day), and
 * `status` as at today from it. Each large log is generated once and kept between runs.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { openFileStore } from '@assure/store-file';
import {
  rescoreDay,
  writeRiskHistory,
  type HistoryOrder,
  type RiskHistory,
} from '../../../scripts/bench-history';
import { reportRows, spreadOf } from '../../../scripts/bench-rows';

const EVENTS = Number(process.env['CLI_BENCH_EVENTS'] ?? 100_000);
/** The large log of the key time-travel rows (0: none). */
const LARGE_EVENTS = Number(process.env['CLI_BENCH_LARGE_EVENTS'] ?? 1_000_000);
const bin = path.resolve(__dirname, '..', 'dist', 'bin.js');

async function generate(
  file: string,
  order: HistoryOrder = 'by-risk',
  events = EVENTS,
): Promise<RiskHistory> {
  // A throwaway log: generated without waiting for the disk after each append (the day by
  // day order is one append per event). What is measured reads it afterwards.
  const opened = await openFileStore(file, { fsync: () => Promise.resolve() })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const store = opened.right;
  const history = await writeRiskHistory(
    async (stream, events) => {
      const r = await store.append(stream, events, 'any')();
      if (E.isLeft(r)) throw new Error(r.left.message);
    },
    { events, order },
  );
  const stats = store.stats();
  await store.close();
  console.log(`generated ${stats.events} events (${(stats.bytes / 1e6).toFixed(1)} MB) in ${file}`);
  return history;
}

/** CPU seconds (user + system) of one CLI run, by /usr/bin/time. */
function cpuRun(args: string[], cwd: string): number {
  const r = spawnSync('/usr/bin/time', ['-f', 'CPU %U %S', process.execPath, bin, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`assure ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const m = /CPU (\d+\.\d+) (\d+\.\d+)\s*$/.exec(r.stderr);
  if (m === null) throw new Error(`no CPU time from /usr/bin/time: ${r.stderr.slice(-200)}`);
  return Number(m[1]) + Number(m[2]);
}

/** CPU seconds of a bare read and `JSON.parse` of every line of the log, in this process. */
function bareParseCpu(file: string): number {
  const t0 = process.cpuUsage();
  let sink = 0;
  for (const line of readFileSync(file, 'utf8').split('\n'))
    if (line !== '') sink += (JSON.parse(line) as { revision: number }).revision;
  if (sink < 0) console.log(sink);
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1e6;
}

/**
 * {@link bareParseCpu} for a log too large for one string (Node's limit is 512 MiB): the
 * file read as bytes, each line decoded from UTF-8 and `JSON.parse`d.
 */
function bareParseCpuByLine(file: string): number {
  const t0 = process.cpuUsage();
  const bytes = readFileSync(file);
  let sink = 0;
  for (let start = 0; start < bytes.length;) {
    const nl = bytes.indexOf(10, start);
    const end = nl < 0 ? bytes.length : nl;
    if (end > start)
      sink += (JSON.parse(bytes.toString('utf8', start, end)) as { revision: number }).revision;
    start = end + 1;
  }
  if (sink < 0) console.log(sink);
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1e6;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[1] ?? NaN;

/**
 * A large log, generated once and kept between runs in the system's temporary directory
 * (`assure-status-bench-logs/`; the CLI's sidecar files are removed before each use): the
 * generation of a million events costs more than the rows measured on it.
 */
async function cachedLog(
  order: HistoryOrder,
  events: number,
): Promise<{ file: string; history: RiskHistory }> {
  const dir = path.join(tmpdir(), 'assure-status-bench-logs');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `events-${events}-${order}.ndjson`);
  const meta = `${file}.history.json`;
  for (const f of [`${file}.verified.json`, `${file}.read-models.json`]) rmSync(f, { force: true });
  if (existsSync(meta)) {
    const history = RiskHistoryJson.decode(JSON.parse(readFileSync(meta, 'utf8')));
    if (E.isRight(history)) {
      console.log(`reusing ${file}`);
      return { file, history: history.right };
    }
  }
  rmSync(file, { force: true });
  const history = await generate(file, order, events);
  writeFileSync(meta, JSON.stringify(history));
  return { file, history };
}

const RiskHistoryJson = t.type({ risks: t.number, perRisk: t.number, firstDay: t.string });

/**
 * A row of CPU seconds (the median of the rounds) beside the bare parse of the same rounds:
 * the spread is of the per-round ratios. Printed as it is made.
 */
function cpuRow(
  parse: readonly number[],
  anchor: { readonly name: string; readonly value: number },
) {
  return (name: string, xs: number[]) => {
    const spread = spreadOf(xs.map((x, i) => x / (parse[i] ?? NaN)));
    console.log(
      `${name}: ${median(xs).toFixed(2)} s CPU (bare parse ${anchor.value.toFixed(2)} s)`,
    );
    return {
      name,
      value: median(xs),
      unit: 's CPU',
      anchor,
      ...(spread === undefined ? {} : { spread }),
    };
  };
}

/**
 * The key time-travel rows on a large log: the rebuild that takes the snapshot (once: its
 * CPU time and the snapshot's size are reported), then `status --as-at` a middle day, an
 * early day and a late day through the snapshot and `status` as at today from it, beside the bare
 * parse, 3 rounds.
 */
async function largeTimeTravel(
  dir: string,
  order: HistoryOrder,
  events: number,
): Promise<Parameters<typeof reportRows>[0]> {
  const { file, history } = await cachedLog(order, events);
  const asAt = rescoreDay(Math.floor(history.perRisk / 2));
  const early = rescoreDay(Math.floor(history.perRisk / 10));
  // Nine tenths of the way: nearly every event folded, the dearest day for the journal.
  const late = rescoreDay(Math.floor((history.perRisk * 9) / 10));
  rmSync(`${file}.read-models.json`, { force: true });
  const store = ['--store', `file:${file}`, '--json', 'status'];
  const rebuild = cpuRun(store, dir);
  const snapshotBytes = statSync(`${file}.read-models.json`).size;
  const logBytes = statSync(file).size;
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  console.log(
    `${events} ${order}: log ${mb(logBytes)}; rebuild + save the snapshot (${mb(snapshotBytes)}): ${rebuild.toFixed(2)} s CPU`,
  );
  const parse: number[] = [];
  const warm: number[] = [];
  const latest: number[] = [];
  const cold: number[] = [];
  const earlyWarm: number[] = [];
  const lateWarm: number[] = [];
  for (let round = 0; round < 3; round++) {
    parse.push(bareParseCpuByLine(file));
    warm.push(cpuRun([...store, '--as-at', asAt], dir));
    earlyWarm.push(cpuRun([...store, '--as-at', early], dir));
    lateWarm.push(cpuRun([...store, '--as-at', late], dir));
    latest.push(cpuRun(store, dir));
    // No snapshot: a replay of the events valid by the day (the verified-prefix record in use).
    cold.push(cpuRun([...store, '--as-at', asAt, '--no-snapshot'], dir));
  }
  const anchor = {
    name: `bare read and JSON.parse of every line, line by line (CPU, median of 3)`,
    value: median(parse),
  };
  const row = cpuRow(parse, anchor);
  const n = `${events} events, appended ${order === 'by-risk' ? 'risk by risk' : 'day by day'}`;
  return [
    {
      name: `status, ${n}, cold, rebuild of the read models from the file (open included) + save the snapshot (${mb(snapshotBytes)}, log ${mb(logBytes)})`,
      value: rebuild,
      unit: 's CPU',
      anchor,
    },
    row(`status --as-at ${asAt} (a middle day), ${n}, cold, no snapshot`, cold),
    row(
      `status --as-at ${asAt} (a middle day), ${n}, cold, with a snapshot (${mb(snapshotBytes)})`,
      warm,
    ),
    row(
      `status --as-at ${early} (an early day), ${n}, cold, with a snapshot (${mb(snapshotBytes)})`,
      earlyWarm,
    ),
    row(
      `status --as-at ${late} (a late day, nine tenths of the events), ${n}, cold, with a snapshot (${mb(snapshotBytes)})`,
      lateWarm,
    ),
    row(
      `status (as at today, after every event), ${n}, cold, from the snapshot (${mb(snapshotBytes)})`,
      latest,
    ),
  ];
}

/**
 * Time travel on a log of one order: `status --as-at` a middle day, cold, without and
 * with a snapshot, and the rebuild that takes the snapshot, each beside the bare parse.
 */
async function timeTravel(
  dir: string,
  order: HistoryOrder,
): Promise<Parameters<typeof reportRows>[0]> {
  const file = path.join(dir, `events-${order}.ndjson`);
  const { perRisk } = await generate(file, order);
  const asAt = rescoreDay(Math.floor(perRisk / 2));
  const args = ['--store', `file:${file}`, '--json', 'status', '--as-at', asAt];
  const parse: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  const latest: number[] = [];
  const rebuild: number[] = [];
  const unrecorded: number[] = [];
  for (let round = 0; round < 3; round++) {
    parse.push(bareParseCpu(file));
    // Without the verified-prefix record (every line's hash recomputed; this run writes it),
    // then with it.
    rmSync(`${file}.verified.json`, { force: true });
    unrecorded.push(cpuRun([...args, '--no-snapshot'], dir));
    cold.push(cpuRun([...args, '--no-snapshot'], dir));
    rmSync(`${file}.read-models.json`, { force: true });
    rebuild.push(cpuRun(['--store', `file:${file}`, '--json', 'status'], dir));
    warm.push(cpuRun(args, dir));
    latest.push(cpuRun(['--store', `file:${file}`, '--json', 'status'], dir));
  }
  const snapshotBytes = statSync(`${file}.read-models.json`).size;
  const logBytes = statSync(file).size;
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  console.log(`${order}: log ${mb(logBytes)}; snapshot ${mb(snapshotBytes)}`);
  const anchor = { name: `bare JSON.parse of every line (CPU, median of 3)`, value: median(parse) };
  const start = [0, 1, 2].map(() => cpuRun(['--help'], dir));
  console.log(`node start + CLI load (assure --help): ${median(start).toFixed(2)} s CPU`);
  const row = cpuRow(parse, anchor);
  const n = `${EVENTS} events, appended ${order === 'by-risk' ? 'risk by risk' : 'day by day'}`;
  return [
    row(`node start + CLI load (assure --help), for scale`, start),
    row(
      `status --as-at ${asAt} (a middle day), ${n}, cold, no snapshot, no verified-prefix record (first read)`,
      unrecorded,
    ),
    row(`status --as-at ${asAt} (a middle day), ${n}, cold, no snapshot`, cold),
    row(
      `status --as-at ${asAt}, ${n}, cold, with a snapshot (snapshot ${mb(snapshotBytes)}, log ${mb(logBytes)})`,
      warm,
    ),
    row(
      `status (as at today, after every event), ${n}, cold, from the snapshot (${mb(snapshotBytes)})`,
      latest,
    ),
    row(
      `status, ${n}, cold, rebuild of the read models from the file (open included) + save the snapshot`,
      rebuild,
    ),
  ];
}

function timeRun(args: string[], cwd: string): { ms: number; out: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`assure ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, out: r.stdout };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'assure-status-bench-'));
  const file = path.join(dir, 'events.ndjson');
  try {
    await generate(file);
    const store = ['--store', `file:${file}`, '--json', 'status'];
    const node = timeRun(['--help'], dir);
    const t0 = process.hrtime.bigint();
    let n = 0;
    let sink = 0;
    for (const line of readFileSync(file, 'utf8').split('\n'))
      if (line !== '') {
        sink += (JSON.parse(line) as { revision: number }).revision;
        n++;
      }
    if (sink < 0) console.log(sink);
    const parseMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const rebuild = timeRun([...store, '--no-snapshot'], dir);
    const first = timeRun(store, dir); // builds and saves the snapshot
    const warm = [timeRun(store, dir), timeRun(store, dir), timeRun(store, dir)]
      .map((r) => r.ms)
      .sort((a, b) => a - b);
    const doc = JSON.parse(first.out) as { programmes: { totals: { risks: { open: number } } }[] };
    console.log(`open risks in the status: ${doc.programmes[0]?.totals.risks.open}`);
    console.log(
      `bare: node start + CLI load (assure --help): ${node.ms.toFixed(0)} ms; JSON.parse of ${n} lines in-process: ${parseMs.toFixed(0)} ms`,
    );
    console.log(
      `assure status --json, ${n} events, cold, no snapshot (full replay): ${rebuild.ms.toFixed(0)} ms`,
    );
    console.log(
      `assure status --json, ${n} events, cold, first run (replay + save snapshot): ${first.ms.toFixed(0)} ms`,
    );
    console.log(
      `assure status --json, ${n} events, cold, from the snapshot (median of 3): ${warm[1]?.toFixed(0)} ms  (target < 1000 ms)`,
    );
    const anchor = { name: 'node start + CLI load (assure --help)', value: node.ms };
    const fromSnapshot = spreadOf(warm);
    const travel = [...(await timeTravel(dir, 'by-risk')), ...(await timeTravel(dir, 'by-day'))];
    if (LARGE_EVENTS > 0)
      for (const order of (process.env['CLI_BENCH_LARGE_ORDERS'] ?? 'by-risk,by-day').split(','))
        if (order === 'by-risk' || order === 'by-day')
          travel.push(...(await largeTimeTravel(dir, order, LARGE_EVENTS)));
    reportRows([
      ...travel,
      {
        name: `assure status --json, ${n} events, no snapshot (full replay)`,
        value: rebuild.ms,
        unit: 'ms',
        anchor,
      },
      {
        name: `assure status --json, ${n} events, first run (replay + save snapshot)`,
        value: first.ms,
        unit: 'ms',
        anchor,
      },
      {
        name: `assure status --json, ${n} events, from the snapshot (median of 3)`,
        value: warm[1] ?? NaN,
        unit: 'ms',
        anchor,
        ...(fromSnapshot === undefined ? {} : { spread: fromSnapshot }),
      },
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
