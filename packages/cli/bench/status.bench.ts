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
 * one (answered from the snapshot's event journal: it holds events valid after the day), an
 * early and a late day, `tracker` and `risks` as at a day, `status --known-at` an instant by
 * which half the events were recorded, and `status` as at today from it (see
 * large-time-travel.ts). Each large log is generated once and kept between runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { rescoreDay, type HistoryOrder } from '../../../scripts/bench-history';
import { reportRows, spreadOf } from '../../../scripts/bench-rows';
import { bareParseCpu, bin, cpuRow, cpuRun, generate, median } from './cli-runs';
import { largeTimeTravel } from './large-time-travel';

const EVENTS = Number(process.env['CLI_BENCH_EVENTS'] ?? 100_000);
/** The large log of the key time-travel rows (0: none). */
const LARGE_EVENTS = Number(process.env['CLI_BENCH_LARGE_EVENTS'] ?? 1_000_000);

/**
 * Time travel on a log of one order: `status --as-at` a middle day, cold, without and
 * with a snapshot, and the rebuild that takes the snapshot, each beside the bare parse.
 */
async function timeTravel(
  dir: string,
  order: HistoryOrder,
): Promise<Parameters<typeof reportRows>[0]> {
  const file = path.join(dir, `events-${order}.ndjson`);
  const { perRisk } = await generate(file, order, EVENTS);
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
    await generate(file, 'by-risk', EVENTS);
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
