/**
 * Benchmark of the command handler (`pnpm bench handler`) beside Emmett's `CommandHandler`
 * (`@event-driven-io/emmett`, pinned) doing the same job in the same process: one counter
 * decider on both, in-memory stores on both, streams of 50 and of 950 events. Each round
 * fills STREAMS streams to the length, warms both handlers with one command per stream (not
 * timed), then times PER_STREAM more commands per stream on each; the row is the ratio of
 * commands/s (Assure / Emmett) over the rounds (default 11), with its spread. WARMUP_ROUNDS
 * untimed rounds of each (default 24) come first, so both run the code a long-running process
 * runs when timed (a timed round is a few hundred commands: without them the first rounds
 * measured the JIT; with 2 the handler was still being optimised in the first timed rounds,
 * each round then a few hundred commands in tens of milliseconds, and 5 such rounds spread
 * 0.4x-2.9x; with 6, Assure's side run alone still got faster until about round 20-25, so
 * its timed rounds 7-17 measured it partly optimised: by CPU 3.0x Emmett's after 24 rounds,
 * 2.2x after 6, on the same build).
 *
 * The same job on both: load the stream's state, decide one event from it, append it under
 * the expected revision to an in-memory store, one command at a time; every event records
 * who issued it (actor and role: Assure's command meta, Emmett's event metadata, which its
 * store keeps on the event beside its own). What each does on top
 * is part of the figure: Assure checks the command's meta and its text limits, fingerprints
 * the command (`commandHash`), stamps ids and times, and its store chains and hashes every
 * event (SHA-256 of its canonical JSON) and freezes a copy; it keeps the folded state of
 * recently used streams, and reads only the events after it. Emmett folds the whole stream
 * on every command (that is its design, not a handicap given here).
 *
 * Garbage between rounds, the same for both: a full GC (`global.gc()`, the bench runs with
 * --expose-gc) before each side's timed part, and each side's last store and handler kept
 * alive until its next round builds new ones, as a process keeps its store and handler. Without
 * the latter, the GC before one side's turn collected the other side's store and handler, and
 * with them the hidden classes its optimised code checks: V8 then threw that code away
 * ("weak objects" in --trace-deopt-verbose), and each side ran its timed round largely
 * unoptimised (same-process CPU per command about 3x, for both sides, more for Assure).
 */
import { availableParallelism, loadavg } from 'node:os';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { DomainModel, ValidationFailed } from '@assure/domain';
import { createCommandHandler, createMemoryStore, type ProposedEvent } from '@assure/event-store';
import { reportRows, spreadOf, type BenchRow } from '../../../scripts/bench-rows';

const STREAMS = Number(process.env['HANDLER_BENCH_STREAMS'] ?? 50);
const PER_STREAM = Number(process.env['HANDLER_BENCH_COMMANDS'] ?? 10);
const ROUNDS = Number(process.env['HANDLER_BENCH_ROUNDS'] ?? 11);
const LENGTHS = (process.env['HANDLER_BENCH_LENGTHS'] ?? '50,950').split(',').map(Number);
const WARMUP_ROUNDS = Number(process.env['HANDLER_BENCH_WARMUP_ROUNDS'] ?? 24);

const Add = t.type({ type: t.literal('Add'), data: t.type({ counter: t.string, by: t.number }) });
type Add = t.TypeOf<typeof Add>;
const Added = t.type({ counter: t.string, by: t.number });
interface AddedEvent {
  readonly type: 'Added';
  readonly data: t.TypeOf<typeof Added>;
}
interface NotFound {
  readonly _tag: 'NotFound';
}
const invalid = (message: string): ValidationFailed => ({
  _tag: 'ValidationFailed',
  errors: [{ path: '', message }],
  message,
});

/** The counter as an Assure domain model: total of its `Added` events. */
const counterModel: DomainModel<Add, AddedEvent, number, NotFound> = {
  decodeCommand: (u) => (Add.is(u) ? E.right(u) : E.left(invalid('not an Add command'))),
  decodeEvent: (type, _v, data) =>
    type === 'Added' && Added.is(data)
      ? E.right({ type: 'Added', data })
      : E.left(invalid(`not an Added event: ${type}`)),
  schemaVersionOf: () => 1,
  route: (c) => ({ stream: `counter-${c.data.counter}`, related: [] }),
  authorize: () => E.right(undefined),
  initialState: () => 0,
  evolve: (s, e) => s + e.data.by,
  decide: (c, s) =>
    E.right([{ type: 'Added', data: { counter: c.data.counter, by: s % 7 === 6 ? 2 : 1 } }]),
};

const meta = { actor: 'officer-cfo', role: 'officer' };

/** Commands per second of wall-clock time and of this process's CPU time (user + system). */
interface Rate {
  readonly wall: number;
  readonly cpu: number;
}

/** Each side's last store and handler, kept alive until its next round (see the header). */
const lastRound: { assure?: unknown; emmett?: unknown } = {};

async function timed(work: () => Promise<void>): Promise<Rate> {
  // Neither side's timing pays for the garbage of its setup (the bench runs with --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const n = STREAMS * PER_STREAM;
  return { wall: n / seconds, cpu: n / ((cpu.user + cpu.system) / 1e6) };
}

async function assureRate(length: number): Promise<Rate> {
  const store = createMemoryStore();
  for (let s = 0; s < STREAMS; s++) {
    const events: ProposedEvent[] = Array.from({ length }, (_, i) => ({
      eventId: `e-${s}-${i}`,
      type: 'Added',
      schemaVersion: 1,
      data: { counter: String(s), by: 1 },
      meta: { ...meta, occurredAt: '2019-03-12T00:00:00.000Z' },
    }));
    const r = await store.append(`counter-${s}`, events, 'no-stream')();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
  const handler = createCommandHandler({ store, model: counterModel });
  lastRound.assure = { store, handler };
  const run = async (n: number) => {
    for (let k = 0; k < n; k++)
      for (let s = 0; s < STREAMS; s++) {
        const r = await handler.handle(
          { type: 'Add', data: { counter: String(s), by: 1 } },
          meta,
        )();
        if (E.isLeft(r)) throw new Error(r.left._tag);
      }
  };
  await run(1);
  return timed(() => run(PER_STREAM));
}

async function emmettRate(length: number): Promise<Rate> {
  // Emmett is published as ESM and CommonJS; the dynamic import keeps either working.
  const emmett = await import('@event-driven-io/emmett');
  type Added = {
    type: 'Added';
    data: { counter: string; by: number };
    metadata: { actor: string; role: string };
  };
  const store = emmett.getInMemoryEventStore();
  for (let s = 0; s < STREAMS; s++) {
    const events: Added[] = Array.from({ length }, () => ({
      type: 'Added',
      data: { counter: String(s), by: 1 },
      metadata: meta,
    }));
    await store.appendToStream(`counter-${s}`, events);
  }
  const handle = emmett.CommandHandler<number, Added>({
    evolve: (s, e) => s + e.data.by,
    initialState: () => 0,
  });
  lastRound.emmett = { store, handle };
  const run = async (n: number) => {
    for (let k = 0; k < n; k++)
      for (let s = 0; s < STREAMS; s++) {
        await handle(store, `counter-${s}`, (state): Added => ({
          type: 'Added',
          data: { counter: String(s), by: state % 7 === 6 ? 2 : 1 },
          metadata: meta,
        }));
      }
  };
  await run(1);
  return timed(() => run(PER_STREAM));
}

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  const load0 = loadavg();
  for (const length of LENGTHS) {
    const ours: Rate[] = [];
    const theirs: Rate[] = [];
    for (let round = 0; round < WARMUP_ROUNDS; round++) {
      await emmettRate(length);
      await assureRate(length);
    }
    for (let round = 0; round < ROUNDS; round++) {
      // Alternating which goes first, so neither always runs after the other's garbage.
      if (round % 2 === 0) {
        theirs.push(await emmettRate(length));
        ours.push(await assureRate(length));
      } else {
        ours.push(await assureRate(length));
        theirs.push(await emmettRate(length));
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
    const ratios = ours.map((o, i) => o.wall / (theirs[i]?.wall ?? NaN));
    const cpuRatios = ours.map((o, i) => o.cpu / (theirs[i]?.cpu ?? NaN));
    const ratio = median(ratios);
    const cpuRatio = median(cpuRatios);
    const range = (xs: number[]) =>
      `${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)} over ${ROUNDS} rounds`;
    console.log(
      `streams of ${length} events: Assure ${median(ours.map((o) => o.wall)).toFixed(0)} commands/s, Emmett ${median(theirs.map((o) => o.wall)).toFixed(0)} commands/s, ratio ${ratio.toFixed(2)}x (${range(ratios)}); by CPU time ${cpuRatio.toFixed(2)}x (${range(cpuRatios)})`,
    );
    const spread = spreadOf(ratios);
    rows.push({
      name: `command handler, streams of ${length} events (${STREAMS} streams, ${PER_STREAM} commands each after one warm-up; ${WARMUP_ROUNDS} untimed rounds first)`,
      value: median(ours.map((o) => o.wall)),
      unit: 'commands/s',
      anchor: {
        name: 'Emmett 0.42 CommandHandler, same decider, in-memory store',
        value: median(theirs.map((o) => o.wall)),
      },
      ratio,
      ...(spread === undefined ? {} : { spread }),
      note: `ratio and spread: Assure / Emmett per round; by CPU time ${cpuRatio.toFixed(2)}x (${range(cpuRatios)})`,
    });
  }
  console.log(
    `machine: ${availableParallelism()} cores; load average before ${load0.map((l) => l.toFixed(2)).join(', ')}, after ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  reportRows(rows);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
