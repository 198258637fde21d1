// Benchmark of durable appends to the file store (`pnpm bench durable`), each beside the
// bare cost of the same durability on the same disk, measured in the same run:
//
// - one writer: appends of one event, one after another, each acknowledged after its own
//   write and fdatasync, beside a bare loop of a write of one line + `fdatasync` (the
//   least any durable store must do per acknowledged append);
// - 8 concurrent writers: 8 appenders each awaiting its own append of one event (the
//   store's group commit gathers them), beside a bare loop of one write of 8 lines + one
//   `fdatasync`.
//
// Both sides write lines of the same length to a fresh file of their own in the same
// directory, with the same write call (the store's own `writeBatch`: `writeSync` for a
// small batch) and the same fdatasync call (the store's default `fsync`, so whatever makes
// the store's call cheaper makes the bare side's too). The events are built before the clock
// starts: only the store's own work is timed. fsync latency swings a lot on a loaded
// machine, so within a round the two sides take turns of CHUNK appends each (alternating
// which goes first) and each side's time is the sum of its turns: both see the same disk.
// Each row is the ratio of events/s (store / bare) per round, with the spread over
// DURABLE_BENCH_ROUNDS rounds (default 5); each side of a round runs DURABLE_BENCH_APPENDS
// appends (default 400) in turns of DURABLE_BENCH_CHUNK (default 40), after an untimed
// warm-up of DURABLE_BENCH_WARMUP appends per side (default 4,000). What is measured is a
// writer's steady state, as in a process that keeps its store open: V8 optimizes the store's
// append path only after some 1,000-3,000 appends (`--trace-opt`: `prepareAppend` at
// ~1,750, the appender's `append` at ~3,000), and until then its compiler threads take CPU
// from the appends on two cores; with a warm-up of 400 (the default before) the first rounds
// timed that compilation, not the store.
import { open as openFile, type FileHandle } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import type { ProposedEvent } from '@assure/event-store';
import { appendConcurrently, rescoreEvent } from '../../../scripts/bench-events';
import { reportRows, spreadOf, type BenchRow } from '../../../scripts/bench-rows';
import { openFileStore } from '../src';
import { writeBatch } from '../src/batch-write';
import { settingsOf } from '../src/options';
import { runInTempDir } from './temp-dir';

const APPENDS = Number(process.env['DURABLE_BENCH_APPENDS'] ?? 400);
const ROUNDS = Number(process.env['DURABLE_BENCH_ROUNDS'] ?? 5);
const CHUNK = Number(process.env['DURABLE_BENCH_CHUNK'] ?? 40);
const WARMUP = Number(process.env['DURABLE_BENCH_WARMUP'] ?? 4000);
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
const EVENTS: readonly ProposedEvent[] = Array.from({ length: Math.max(APPENDS, WARMUP) }, (_, i) =>
  proposed(i),
);
const eventAt = (i: number): ProposedEvent => EVENTS[i] as ProposedEvent;

const quiet = { warn: (m: string) => process.stderr.write(`${m}\n`) };
/** The store's own default fsync (fdatasync), for the bare side. */
const { fsync } = settingsOf({ logger: quiet });
let files = 0;

/** One side of a round: `turn(n)` runs its next `n` appends and returns their time in ms. */
interface Side {
  turn(n: number): Promise<number>;
  close(): Promise<void>;
}

/** The store with `writers` concurrent appenders; `line()` gives its mean line length. */
async function storeSide(dir: string, writers: number): Promise<Side & { line(): number }> {
  const r = await openFileStore(join(dir, `store-${files++}.ndjson`), { logger: quiet })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  const store = r.right;
  let done = 0;
  return {
    async turn(n) {
      const t0 = performance.now();
      await appendConcurrently(store, {
        writers,
        first: done,
        count: n,
        streams: STREAMS,
        event: eventAt,
      });
      done += n;
      return performance.now() - t0;
    },
    line: () => store.stats().bytes / done,
    async close() {
      const { commits } = store.stats();
      await store.close();
      if (writers > 1 && commits > done / 2)
        console.log(`  (store: ${commits} commits for ${done} appends: little grouping)`);
    },
  };
}

/** Bare: a write of `group` lines of `lineBytes` each, then `fdatasync`, per `group` lines. */
async function bareSide(dir: string, group: number, lineBytes: number): Promise<Side> {
  const handle: FileHandle = await openFile(join(dir, `bare-${files++}.ndjson`), 'w');
  const line = `${'x'.repeat(Math.max(1, Math.round(lineBytes) - 1))}\n`;
  const buf = Buffer.from(line.repeat(group), 'utf8');
  let offset = 0;
  return {
    async turn(n) {
      const t0 = performance.now();
      for (let done = 0; done < n; done += group) {
        await writeBatch(handle, buf, offset);
        offset += buf.length;
        await fsync(handle);
      }
      return performance.now() - t0;
    },
    close: () => handle.close(),
  };
}

/** One round: the two sides take turns of CHUNK appends; events/s of each side. */
async function round(sides: readonly [Side, Side]): Promise<[number, number]> {
  const ms = [0, 0];
  for (let done = 0; done < APPENDS; done += CHUNK) {
    const n = Math.min(CHUNK, APPENDS - done);
    for (let s = 0; s < 2; s++) ms[s] = (ms[s] ?? 0) + (await (sides[s] as Side).turn(n));
  }
  await Promise.all(sides.map((s) => s.close()));
  return [(APPENDS / (ms[0] ?? NaN)) * 1000, (APPENDS / (ms[1] ?? NaN)) * 1000];
}

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (x: number) => Math.round(x).toLocaleString('en-GB');

async function compare(dir: string, writers: number): Promise<BenchRow> {
  // A warm-up of each side, untimed, gives the line length for the bare side.
  const warm = await storeSide(dir, writers);
  await warm.turn(WARMUP);
  const line = warm.line();
  await warm.close();
  const warmBare = await bareSide(dir, writers, line);
  await warmBare.turn(WARMUP);
  await warmBare.close();
  const ours: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const store = await storeSide(dir, writers);
    const anchor = await bareSide(dir, writers, line);
    if (r % 2 === 0) {
      const [o, b] = await round([store, anchor]);
      ours.push(o);
      bare.push(b);
    } else {
      const [b, o] = await round([anchor, store]);
      ours.push(o);
      bare.push(b);
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

async function main(dir: string): Promise<void> {
  const load0 = loadavg();
  const rows = [await compare(dir, 1), await compare(dir, WRITERS)];
  console.log(
    `machine: ${availableParallelism()} cores; load average before ${load0.map((l) => l.toFixed(2)).join(', ')}, after ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  reportRows(rows);
}

runInTempDir('assure-bench-durable-', main);
