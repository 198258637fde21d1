// Benchmark of durable appends to the file store (`pnpm bench durable`), each beside the
// bare cost of the same durability on the same disk, measured in the same run:
//
// - one writer: appends of one event, one after another, each acknowledged after its own
//   write and fdatasync, beside a bare loop of `write` of one line + `fdatasync` (the
//   least any durable store must do per acknowledged append);
// - 8 concurrent writers: 8 appenders each awaiting its own append of one event (the
//   store's group commit gathers them), beside a bare loop of one `write` of 8 lines +
//   one `fdatasync`.
//
// Both sides write lines of the same length to a fresh file in the same directory, through
// the same `FileHandle` API. Each row is the ratio of events/s (store / bare) per round,
// alternating which goes first, with the spread over DURABLE_BENCH_ROUNDS rounds (default
// 5); each side of a round runs DURABLE_BENCH_APPENDS appends (default 400).
import { open as openFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import type { ProposedEvent } from '@assure/event-store';
import { appendConcurrently, rescoreEvent } from '../../../scripts/bench-events';
import { reportRows, spreadOf, type BenchRow } from '../../../scripts/bench-rows';
import { openFileStore, type FileStore } from '../src';
import { runInTempDir } from './temp-dir';

const APPENDS = Number(process.env['DURABLE_BENCH_APPENDS'] ?? 400);
const ROUNDS = Number(process.env['DURABLE_BENCH_ROUNDS'] ?? 5);
const WRITERS = 8;
const STREAMS = 100;

function proposed(i: number): ProposedEvent {
  return rescoreEvent(i, {
    streams: STREAMS,
    eventId: `bench-${String(i).padStart(8, '0')}`,
    rationale: 'Equal pay claims reviewed by the Strategic Programme Board; profile updated',
    occurredAt: '2019-03-12T00:00:00.000Z',
    ids: { commandId: `cmd-${String(i).padStart(8, '0')}` },
  });
}

const quiet = { warn: (m: string) => process.stderr.write(`${m}\n`) };
let files = 0;

async function openStore(dir: string): Promise<FileStore> {
  const r = await openFileStore(join(dir, `store-${files++}.ndjson`), { logger: quiet })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

/** The store's events/s with `writers` concurrent appenders, and its mean line length. */
async function storeRate(dir: string, writers: number): Promise<{ rate: number; line: number }> {
  const store = await openStore(dir);
  const t0 = performance.now();
  await appendConcurrently(store, { writers, count: APPENDS, streams: STREAMS, event: proposed });
  const ms = performance.now() - t0;
  const { bytes, commits } = store.stats();
  await store.close();
  if (writers > 1 && commits > APPENDS / 2)
    console.log(`  (store: ${commits} commits for ${APPENDS} appends: little grouping)`);
  return { rate: (APPENDS / ms) * 1000, line: bytes / APPENDS };
}

/** Bare: `write` of `group` lines of `lineBytes` each, then `fdatasync`, until APPENDS lines. */
async function bareRate(dir: string, group: number, lineBytes: number): Promise<number> {
  const handle = await openFile(join(dir, `bare-${files++}.ndjson`), 'a');
  const line = `${'x'.repeat(Math.max(1, Math.round(lineBytes) - 1))}\n`;
  const buf = Buffer.from(line.repeat(group), 'utf8');
  const t0 = performance.now();
  try {
    for (let done = 0; done < APPENDS; done += group) {
      await handle.write(buf, 0, buf.length);
      await handle.datasync();
    }
  } finally {
    await handle.close();
  }
  return (APPENDS / (performance.now() - t0)) * 1000;
}

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (x: number) => Math.round(x).toLocaleString('en-GB');

async function compare(dir: string, writers: number): Promise<BenchRow> {
  // A warm-up of each side, untimed, gives the line length for the bare side.
  const { line } = await storeRate(dir, writers);
  await bareRate(dir, writers, line);
  const ours: number[] = [];
  const bare: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      ours.push((await storeRate(dir, writers)).rate);
      bare.push(await bareRate(dir, writers, line));
    } else {
      bare.push(await bareRate(dir, writers, line));
      ours.push((await storeRate(dir, writers)).rate);
    }
  }
  const ratios = ours.map((o, i) => o / (bare[i] ?? NaN));
  const bareName =
    writers === 1
      ? 'bare write of one line + fdatasync'
      : `bare write of ${writers} lines + one fdatasync`;
  console.log(
    `${writers === 1 ? '1 writer' : `${writers} writers`}: store ${fmt(median(ours))} events/s, ${bareName} ${fmt(median(bare))} events/s, ratio ${median(ratios).toFixed(2)} (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)} over ${ROUNDS} rounds; lines of ${Math.round(line)} bytes)`,
  );
  const spread = spreadOf(ratios);
  return {
    name:
      writers === 1
        ? `durable appends, 1 writer, 1 event each (${APPENDS} a round)`
        : `durable appends, ${writers} concurrent writers, 1 event each (${APPENDS} a round)`,
    value: median(ours),
    unit: 'events/s',
    anchor: { name: bareName, value: median(bare) },
    ratio: median(ratios),
    ...(spread === undefined ? {} : { spread }),
    note: 'ratio and spread: store / bare per round',
  };
}

runInTempDir('assure-bench-durable-', async (dir) => {
  const load0 = loadavg();
  const rows = [await compare(dir, 1), await compare(dir, WRITERS)];
  console.log(
    `machine: ${availableParallelism()} cores; load average before ${load0.map((l) => l.toFixed(2)).join(', ')}, after ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  reportRows(rows);
});
