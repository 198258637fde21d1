// Benchmark of the file store on 100k events (fsync on, the default fdatasync):
// single appends/s (each acknowledged after its own fsync), batched appends/s (many
// concurrent appenders sharing group commits), open (index + integrity check) and readAll
// events/s with decode, beside the bare rate of JSON.parse of the same lines; peak RSS.
// Run with `pnpm bench store-file`. STORE_FILE_BENCH_EVENTS and STORE_FILE_BENCH_SINGLE
// change the sizes; single appends stop after STORE_FILE_BENCH_SINGLE_MS (default 20 s).
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import type { ProposedEvent } from '@assure/event-store';
import { appendConcurrently, rescoreEvent } from '../../../scripts/bench-events';
import { reportRows, type BenchRow } from '../../../scripts/bench-rows';
import { openFileStore, type FileStore } from '../src';
import { runInTempDir } from './temp-dir';

const N = Number(process.env['STORE_FILE_BENCH_EVENTS'] ?? 100_000);
const SINGLE = Number(process.env['STORE_FILE_BENCH_SINGLE'] ?? N);
const SINGLE_BUDGET_MS = Number(process.env['STORE_FILE_BENCH_SINGLE_MS'] ?? 20_000);
const APPENDERS = 256;
const STREAMS = 1_000;

function proposed(i: number): ProposedEvent {
  return rescoreEvent(i, {
    streams: STREAMS,
    eventId: `bench-${i}`,
    rationale: 'Equal pay claims reviewed by the Strategic Programme Board; profile updated',
    occurredAt: '2019-03-12T00:00:00.000Z',
    ids: { commandId: `cmd-${i}`, correlationId: `corr-${i}` },
  });
}

/** The figures for the current table (scripts/bench.js), in the order printed. */
const rows: BenchRow[] = [];
const perSecond = (n: number, ms: number) => (n / ms) * 1000;

const quiet = { warn: (m: string) => process.stderr.write(`${m}\n`) };

async function open(path: string, readOnly = false): Promise<FileStore> {
  const r = await openFileStore(path, { logger: quiet, readOnly })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-GB')} events/s`;
}

function line(label: string, value: string): void {
  console.log(`${label.padEnd(52)} ${value}`);
}

async function singleAppends(path: string, n: number): Promise<void> {
  const store = await open(path);
  const t0 = performance.now();
  let done = 0;
  // One at a time, each awaited: every append is its own write + fsync. Time-boxed, since
  // 100k fsyncs one after another take minutes on a slow disk.
  while (done < n && performance.now() - t0 < SINGLE_BUDGET_MS) {
    const r = await store.append(`risk-r${done % STREAMS}`, [proposed(done)], 'any')();
    if (E.isLeft(r)) throw new Error(r.left.message);
    done++;
  }
  const ms = performance.now() - t0;
  const { commits } = store.stats();
  await store.close();
  line(
    `single appends (${done.toLocaleString('en-GB')} of ${n.toLocaleString('en-GB')}, one fsync each)`,
    `${rate(done, ms)} (${commits} commits)`,
  );
  rows.push({
    name: `single appends, one fsync each (${done} events)`,
    value: perSecond(done, ms),
    unit: 'events/s',
  });
}

async function batchedAppends(path: string, n: number): Promise<void> {
  const store = await open(path);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await appendConcurrently(store, {
    writers: APPENDERS,
    count: n,
    streams: STREAMS,
    event: proposed,
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const { commits } = store.stats();
  await store.close();
  line('peak RSS (single and batched appends)', peakRss());
  line(
    `batched appends (${n.toLocaleString('en-GB')}, ${APPENDERS} concurrent appenders)`,
    `${rate(n, ms)} (${commits} group commits, ${(n / commits).toFixed(1)} events each)`,
  );
  // On a shared machine wall-clock rates fall with the load; CPU time per event does not
  // (much): it bounds what one idle core could do.
  const cpuUs = (cpu.user + cpu.system) / n;
  line(
    '  CPU time per batched append (user + system)',
    `${cpuUs.toFixed(1)} us/event, i.e. at most ${Math.round(1e6 / cpuUs).toLocaleString('en-GB')} events/s on one idle core`,
  );
  rows.push({
    name: `batched appends, ${APPENDERS} concurrent appenders (${n} events)`,
    value: perSecond(n, ms),
    unit: 'events/s',
    note: `${(n / commits).toFixed(1)} events a group commit; ${cpuUs.toFixed(1)} us CPU an event`,
  });
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

function peakRss(): string {
  return `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`;
}

async function reads(path: string, n: number): Promise<void> {
  const heapBefore = heapUsed();
  const t0 = performance.now();
  const store = await open(path, true);
  const openMs = performance.now() - t0;
  const heapAfter = heapUsed();
  line(
    `open: index + integrity check (parse, codec, chains)`,
    `${rate(n, openMs)} (${openMs.toFixed(0)} ms)`,
  );
  line('index heap growth', `~${Math.round((heapAfter - heapBefore) / n)} bytes/event (rough)`);
  const t3 = performance.now();
  const light = await openFileStore(path, { logger: quiet, readOnly: true, check: 'links' })();
  const lightMs = performance.now() - t3;
  if (E.isLeft(light)) throw new Error(light.left.message);
  await light.right.close();
  line(`open as a reader checking links only`, `${rate(n, lightMs)} (${lightMs.toFixed(0)} ms)`);

  let count = 0;
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  for await (const e of store.readAll()) if (e.revision >= 0) count++;
  const readMs = performance.now() - t1;
  const readCpu = process.cpuUsage(cpu1);
  if (count !== n) throw new Error(`read ${count} of ${n}`);
  await store.close();
  line('readAll with decode (streamed from disk)', rate(count, readMs));
  const readCpuUs = (readCpu.user + readCpu.system) / count;
  line('  CPU time per event read', `${readCpuUs.toFixed(1)} us/event`);
  line('peak RSS (appends, open, reads)', peakRss());

  // Bare cost: JSON.parse of the same lines (the file read once into memory, outside the timing).
  const lines = readFileSync(path, 'utf8').split('\n');
  lines.pop();
  const t2 = performance.now();
  let parsed = 0;
  for (const l of lines) if (JSON.parse(l) !== null) parsed++;
  const parseMs = performance.now() - t2;
  line('bare JSON.parse of the same lines (in memory)', rate(parsed, parseMs));
  line('readAll / bare JSON.parse', `${((parseMs / readMs) * 100).toFixed(0)}% (target >= 50%)`);
  const bare = { name: 'bare JSON.parse of the same lines', value: perSecond(parsed, parseMs) };
  rows.push(
    {
      name: 'open: index + full integrity check',
      value: perSecond(n, openMs),
      unit: 'events/s',
      anchor: bare,
    },
    {
      name: 'open as a reader checking links only',
      value: perSecond(n, lightMs),
      unit: 'events/s',
      anchor: bare,
    },
    {
      name: 'readAll with decode',
      value: perSecond(count, readMs),
      unit: 'events/s',
      anchor: bare,
    },
  );
}

runInTempDir('assure-bench-file-', async (dir) => {
  console.log(`file store, ${N.toLocaleString('en-GB')} events, ${STREAMS} streams, fsync on`);
  line('RSS at start (Node + the TypeScript loader)', peakRss());
  line(
    'load average (1 min) on this machine',
    `${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores`,
  );
  await singleAppends(join(dir, 'single.ndjson'), SINGLE);
  const path = join(dir, 'batched.ndjson');
  await batchedAppends(path, N);
  line('log size', `${(statSync(path).size / 1024 / 1024).toFixed(1)} MiB`);
  await reads(path, N);
  line('peak RSS (with the bare parse holding the whole file)', peakRss());
  reportRows(rows);
});
