// What the CLI benchmarks share: the built CLI, a generated log, a CLI run's CPU time, and a
// row of CPU times beside the bare parse of the same rounds.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { openFileStore } from '@assure/store-file';
import {
  writeRiskHistory,
  type HistoryOrder,
  type RiskHistory,
} from '../../../scripts/bench-history';
import { spreadOf } from '../../../scripts/bench-rows';

/** The built CLI (`pnpm bench` builds first). */
export const bin = path.resolve(__dirname, '..', 'dist', 'bin.js');

/** Generates a log of `events` events in `order` into `file` (a new file store). */
export async function generate(
  file: string,
  order: HistoryOrder,
  events: number,
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
export function cpuRun(args: string[], cwd: string): number {
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

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[1] ?? NaN;

/**
 * A row of CPU seconds (the median of the rounds) beside the bare parse of the same rounds:
 * the spread is of the per-round ratios. Printed as it is made.
 */
export function cpuRow(
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

/** CPU seconds (user + system) of this process spent in `work`. */
function cpuOf(work: () => number): number {
  const t0 = process.cpuUsage();
  const sink = work();
  if (sink < 0) console.log(sink);
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1e6;
}

/** CPU seconds of a bare read and `JSON.parse` of every line of the log, in this process. */
export function bareParseCpu(file: string): number {
  return cpuOf(() => {
    let sink = 0;
    for (const line of readFileSync(file, 'utf8').split('\n'))
      if (line !== '') sink += (JSON.parse(line) as { revision: number }).revision;
    return sink;
  });
}

/**
 * {@link bareParseCpu} for a log too large for one string (Node's limit is 512 MiB): the
 * file read as bytes, each line decoded from UTF-8 and `JSON.parse`d.
 */
export function bareParseCpuByLine(file: string): number {
  return cpuOf(() => {
    const bytes = readFileSync(file);
    let sink = 0;
    for (let start = 0; start < bytes.length;) {
      const nl = bytes.indexOf(10, start);
      const end = nl < 0 ? bytes.length : nl;
      if (end > start)
        sink += (JSON.parse(bytes.toString('utf8', start, end)) as { revision: number }).revision;
      start = end + 1;
    }
    return sink;
  });
}
