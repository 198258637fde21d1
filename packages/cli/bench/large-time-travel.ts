// The key time-travel rows on a large log (1M events): see status.bench.ts.
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { rescoreDay, type HistoryOrder, type RiskHistory } from '../../../scripts/bench-history';
import type { reportRows } from '../../../scripts/bench-rows';
import { bareParseCpuByLine, bin, cpuRow, cpuRun, generate, median } from './cli-runs';

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
 * The `recordedAt` of the first whole line after the middle byte of the log: a known-at
 * instant by which about half the events were recorded.
 */
function middleRecordedAt(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    const n = readSync(fd, buf, 0, buf.length, Math.floor(statSync(file).size / 2));
    const start = buf.indexOf(10) + 1;
    const end = buf.indexOf(10, start);
    if (start === 0 || end < 0 || end > n)
      throw new Error(`no whole line in the middle of ${file}`);
    const line: unknown = JSON.parse(buf.toString('utf8', start, end));
    const at = RecordedAt.decode(line);
    if (E.isLeft(at)) throw new Error(`no recordedAt in the middle line of ${file}`);
    return at.right.meta.recordedAt;
  } finally {
    closeSync(fd);
  }
}

const RecordedAt = t.type({ meta: t.type({ recordedAt: t.string }) });

/** One kind of CLI run measured in each round: its row's name and its arguments. */
interface Case {
  readonly name: string;
  readonly args: readonly string[];
}

/** Checks that `status` known at `knownAt` knows some of the events (the row is not of an empty fold). */
function checkKnown(file: string, knownAt: string, dir: string): void {
  const r = spawnSync(
    process.execPath,
    [bin, '--store', `file:${file}`, '--json', 'status', '--known-at', knownAt],
    { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const doc = Programmes.decode(JSON.parse(r.stdout) as unknown);
  if (r.status !== 0 || E.isLeft(doc) || doc.right.programmes.length === 0)
    throw new Error(`status --known-at ${knownAt} knew no programme: ${r.stderr.slice(-200)}`);
}

const Programmes = t.type({ programmes: t.array(t.unknown) });

/**
 * The key time-travel rows on a large log: the rebuild that takes the snapshot (once: its
 * CPU time and the snapshot's size are reported), then, cold, in each of 3 rounds beside the
 * bare parse: `status --as-at` a middle day without a snapshot and with one, an early and a
 * late day with one, `tracker` and `risks` at the late day with one, `risks` at the middle
 * day without, `status --known-at` an instant by which half the events were recorded (with
 * and without a snapshot, and with the middle day), and `status` as at today.
 */
export async function largeTimeTravel(
  dir: string,
  order: HistoryOrder,
  events: number,
): Promise<Parameters<typeof reportRows>[0]> {
  const { file, history } = await cachedLog(order, events);
  const asAt = rescoreDay(Math.floor(history.perRisk / 2));
  const early = rescoreDay(Math.floor(history.perRisk / 10));
  // Nine tenths of the way: nearly every event folded, the dearest day for the journal.
  const late = rescoreDay(Math.floor((history.perRisk * 9) / 10));
  const knownAt = middleRecordedAt(file);
  rmSync(`${file}.read-models.json`, { force: true });
  const store = ['--store', `file:${file}`, '--json'];
  const rebuild = cpuRun([...store, 'status'], dir);
  checkKnown(file, knownAt, dir);
  const snapshotBytes = statSync(`${file}.read-models.json`).size;
  const logBytes = statSync(file).size;
  const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;
  console.log(
    `${events} ${order}: log ${mb(logBytes)}; rebuild + save the snapshot (${mb(snapshotBytes)}): ${rebuild.toFixed(2)} s CPU`,
  );
  const n = `${events} events, appended ${order === 'by-risk' ? 'risk by risk' : 'day by day'}`;
  const snap = `with a snapshot (${mb(snapshotBytes)})`;
  const known = `--known-at ${knownAt} (half the events recorded by then)`;
  const cases: Case[] = [
    {
      name: `status --as-at ${asAt} (a middle day), ${n}, cold, no snapshot`,
      args: ['status', '--as-at', asAt, '--no-snapshot'],
    },
    {
      name: `status --as-at ${asAt} (a middle day), ${n}, cold, ${snap}`,
      args: ['status', '--as-at', asAt],
    },
    {
      name: `status --as-at ${early} (an early day), ${n}, cold, ${snap}`,
      args: ['status', '--as-at', early],
    },
    {
      name: `status --as-at ${late} (a late day, nine tenths of the events), ${n}, cold, ${snap}`,
      args: ['status', '--as-at', late],
    },
    {
      name: `tracker --as-at ${late} (a late day; this log holds risks only, so the tracker is empty), ${n}, cold, ${snap}`,
      args: ['tracker', '--as-at', late],
    },
    {
      name: `risks --as-at ${late} (a late day), ${n}, cold, ${snap}`,
      args: ['risks', '--as-at', late],
    },
    {
      name: `risks --as-at ${asAt} (a middle day), ${n}, cold, no snapshot`,
      args: ['risks', '--as-at', asAt, '--no-snapshot'],
    },
    { name: `status ${known}, ${n}, cold, ${snap}`, args: ['status', '--known-at', knownAt] },
    {
      name: `status ${known}, ${n}, cold, no snapshot`,
      args: ['status', '--known-at', knownAt, '--no-snapshot'],
    },
    {
      name: `status --as-at ${asAt} ${known}, ${n}, cold, ${snap}`,
      args: ['status', '--as-at', asAt, '--known-at', knownAt],
    },
    {
      name: `status (as at today, after every event), ${n}, cold, from the snapshot (${mb(snapshotBytes)})`,
      args: ['status'],
    },
  ];
  const parse: number[] = [];
  const times = cases.map((): number[] => []);
  for (let round = 0; round < 3; round++) {
    parse.push(bareParseCpuByLine(file));
    cases.forEach((c, i) => times[i]?.push(cpuRun([...store, ...c.args], dir)));
  }
  const anchor = {
    name: `bare read and JSON.parse of every line, line by line (CPU, median of 3)`,
    value: median(parse),
  };
  const row = cpuRow(parse, anchor);
  return [
    {
      name: `status, ${n}, cold, rebuild of the read models from the file (open included) + save the snapshot (${mb(snapshotBytes)}, log ${mb(logBytes)})`,
      value: rebuild,
      unit: 's CPU',
      anchor,
    },
    ...cases.map((c, i) => row(c.name, times[i] ?? [])),
  ];
}
