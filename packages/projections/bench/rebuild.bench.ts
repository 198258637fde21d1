// Rebuild of every read model from 100k and 1M generated events: from the in-memory store
// and from the file store, beside a bare JSON.parse of the same lines in the same run.
// Each measurement runs in its own child process so peak RSS figures do not mix. A file
// phase parses the file bare just before and just after its measurement, in the same
// process, and is set beside their mean (the machine's load moves less in between); the
// file phases run in rounds (ASSURE_BENCH_ROUNDS; default 3 up to 200k events, else 1)
// and the round with the median ratio is printed, with the range; the memory phases run
// in as many rounds, and the median rate is printed, with the range. A file phase's rate
// counts the open (index and integrity check) with the fold: once as a first open (no
// verified-prefix record: every line checked in full, then the record written), then as
// reopens with `verifiedPrefix: true` (the recorded lines' links checked, their content
// hashes not recomputed; see the store-file README). A last file phase reads the log the
// way the CLI's reading commands do, through `openLogReader`, which checks and folds each
// line in one read: the recorded prefix re-hashed and each of its lines' positions checked,
// the lines after it checked in full, and every stream's chain followed (through the prefix
// by the chain heads its record keeps, written by the first open: the checks of a reopen,
// without the store's index and without reading the lines twice).
//
// The memory phases run twice for every view: over the generator's default history, whose
// events pick the item they are about uniformly from every one of its kind (the worst case
// for memory locality), and over one where they pick among the ACTIVE_ITEMS newest of each
// kind (`generateHistory`'s `active`): the same code and mix of events, another access
// pattern. The file phases use the default history only. A memory phase is set beside the
// rate of bare lookups in the same process, before and after: one pass over the store's
// batches reaching a `Map` entry per stream for each event (the least a view that keeps
// state per item does; over a large log, memory latency bounds both).
//
//   pnpm bench projections                      # 100k and 1M
//   ASSURE_BENCH_SIZES=100000 pnpm bench projections
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { domainModel } from '@assure/domain';
import {
  chainEvent,
  createMemoryStore,
  GENESIS_HASH,
  readAllInBatches,
  type EventStore,
} from '@assure/event-store';
import { entityViews, Projector, readModelViews, statusReport } from '@assure/projections';
import { generateHistory } from '@assure/testing';
import { LineScanner, openFileStore, openLogReader, verifiedPrefixPath } from '@assure/store-file';
import { reportRows, spreadOf, type BenchRow } from '../../../scripts/bench-rows';

type Phase = 'write' | 'parse' | 'read' | 'first-open' | 'file' | 'one-pass' | 'memory';
interface Result {
  readonly phase: string;
  readonly events: number;
  readonly seconds: number;
  readonly rate: number;
  readonly maxRssMb: number;
  readonly heapAfterMb?: number;
  /** Events per second of CPU time (user + system) of this process: less distorted by load. */
  readonly cpuRate?: number;
  /**
   * The bare cost in the same process, before and after (mean rates): a parse of the same
   * file (file phases), or lookups of each event's item (memory phases; see `bareLookups`).
   */
  readonly bare?: { readonly rate: number; readonly cpuRate: number; readonly label?: string };
  readonly note?: string;
}

const decode = domainModel.decodeEvent;
/** Items of each kind that events pick from in the memory phases' second history. */
const ACTIVE_ITEMS = 1000;
const fmt = (x: number) => Math.round(x).toLocaleString('en-GB');
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const mb = (bytes: number) => Math.round(bytes / 1048576);
const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const heapAfterGcMb = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return mb(process.memoryUsage().heapUsed);
};

/** Chains the generated events into envelopes, each with its file-store position (byte offset). */
function* chained(n: number): Generator<string> {
  const heads = new Map<string, { revision: number; hash: string }>();
  let offset = 0;
  for (const { stream, event } of generateHistory(n)) {
    const head = heads.get(stream);
    const body = chainEvent(
      stream,
      head === undefined ? 0 : head.revision + 1,
      head?.hash ?? GENESIS_HASH,
      event,
      event.meta.recordedAt ?? '2019-01-01T00:00:00.000Z',
    );
    heads.set(stream, { revision: body.revision, hash: body.hash });
    const line = `${JSON.stringify({ position: String(offset), ...body })}\n`;
    offset += Buffer.byteLength(line, 'utf8');
    yield line;
  }
}

async function writeLog(n: number, file: string): Promise<void> {
  const out = createWriteStream(file);
  let chunk = '';
  for (const line of chained(n)) {
    chunk += line;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.once('finish', () => r()));
}

async function timeFold(
  store: EventStore,
  views: typeof readModelViews | typeof entityViews,
): Promise<{ seconds: number; cpu: number; folded: number; heapMb: number }> {
  const p = new Projector(views, { decode });
  const t0 = process.hrtime.bigint();
  const c0 = cpuSeconds();
  const r = await p.catchUp(store)();
  const cpu = cpuSeconds() - c0;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (E.isLeft(r)) throw new Error(r.left.message);
  // Use the result, so nothing is optimised away, and prove it answers.
  const doc = statusReport(r.right.states, { asAt: '2020-01-01' });
  if (doc.programmes.length !== 1) throw new Error('unexpected status document');
  // Heap while the read models are alive (after a full GC).
  return { seconds, cpu, folded: r.right.folded, heapMb: heapAfterGcMb() };
}

/** The result of a measured fold: its rates, this process's peak RSS, the heap after, a note. */
function foldResult(
  phase: string,
  fold: { seconds: number; cpu: number; folded: number },
  heapAfterMb: number,
  note: string,
): Result {
  return {
    phase,
    events: fold.folded,
    seconds: fold.seconds,
    rate: fold.folded / fold.seconds,
    cpuRate: fold.folded / fold.cpu,
    maxRssMb: maxRssMb(),
    heapAfterMb,
    note,
  };
}

/** A bare `JSON.parse` of every line of the file (the baseline): events/s, wall and CPU. */
async function bareParse(
  file: string,
): Promise<{ count: number; seconds: number; cpu: number; keep: number }> {
  const handle = await open(file, 'r');
  const t0 = process.hrtime.bigint();
  const c0 = cpuSeconds();
  let count = 0;
  let keep = 0;
  for await (const batch of new LineScanner(handle, 0).batches())
    for (const line of batch) {
      const v = JSON.parse(line.text) as { revision: number };
      keep += v.revision;
      count++;
    }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = cpuSeconds() - c0;
  await handle.close();
  return { count, seconds, cpu, keep };
}

/**
 * The memory phases' bare cost: one pass over the store's batches that reaches, for each
 * event, an entry per stream (one per item) in a `Map`, as a view keeping state per item
 * must at the least. Over a large log its rate is bound by memory latency, as the views' are.
 */
async function bareLookups(
  store: EventStore,
): Promise<{ count: number; seconds: number; cpu: number }> {
  const items = new Map<string, { events: number }>();
  const t0 = process.hrtime.bigint();
  const c0 = cpuSeconds();
  let count = 0;
  for await (const batch of readAllInBatches(store))
    for (const e of batch) {
      const item = items.get(e.stream);
      if (item === undefined) items.set(e.stream, { events: 1 });
      else item.events++;
      count++;
    }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = cpuSeconds() - c0;
  if (items.size === 0 && count > 0) throw new Error('no items');
  return { count, seconds, cpu };
}

/** Runs `measure` between two bare parses of the file, whose mean rates it is set beside. */
async function besideBare(file: string, measure: () => Promise<Result>): Promise<Result> {
  const before = await bareParse(file);
  (globalThis as { gc?: () => void }).gc?.();
  const r = await measure();
  const after = await bareParse(file);
  return {
    ...r,
    bare: {
      rate: (before.count / before.seconds + after.count / after.seconds) / 2,
      cpuRate: (before.count / before.cpu + after.count / after.cpu) / 2,
    },
  };
}

async function phase(
  which: Phase,
  n: number,
  file: string,
  views: string,
  active: 'all' | number,
): Promise<Result> {
  const set = views === 'entities' ? entityViews : readModelViews;
  switch (which) {
    case 'write': {
      const t0 = Date.now();
      await writeLog(n, file);
      const seconds = (Date.now() - t0) / 1000;
      return {
        phase: 'write',
        events: n,
        seconds,
        rate: n / seconds,
        maxRssMb: maxRssMb(),
        note: `${mb(statSync(file).size)} MB`,
      };
    }
    case 'parse': {
      const b = await bareParse(file);
      return {
        phase: 'bare JSON.parse of the lines',
        events: b.count,
        seconds: b.seconds,
        rate: b.count / b.seconds,
        cpuRate: b.count / b.cpu,
        maxRssMb: maxRssMb(),
        note: `checksum ${b.keep}`,
      };
    }
    case 'read':
      return besideBare(file, async () => {
        const opened = await openFileStore(file, { readOnly: true })();
        if (E.isLeft(opened)) throw new Error(opened.left.message);
        const t0 = process.hrtime.bigint();
        const c0 = cpuSeconds();
        let count = 0;
        // The way a rebuild reads: the store's own batches (one read chunk each).
        for await (const batch of readAllInBatches(opened.right))
          for (const e of batch) count += e.revision >= 0 ? 1 : 0;
        const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
        const cpu = cpuSeconds() - c0;
        await opened.right.close();
        return {
          phase: 'file store read, no views',
          events: count,
          seconds,
          rate: count / seconds,
          cpuRate: count / cpu,
          maxRssMb: maxRssMb(),
        };
      });
    case 'file':
    case 'first-open':
      return besideBare(file, async () => {
        // A first open checks every line in full and writes the verified-prefix record; a
        // reopen re-hashes the recorded bytes and checks their lines' links only.
        if (which === 'first-open') rmSync(verifiedPrefixPath(file), { force: true });
        const t0 = process.hrtime.bigint();
        const c0 = cpuSeconds();
        const opened = await openFileStore(file, { readOnly: true, verifiedPrefix: true })();
        if (E.isLeft(opened)) throw new Error(opened.left.message);
        const open = {
          seconds: Number(process.hrtime.bigint() - t0) / 1e9,
          cpu: cpuSeconds() - c0,
        };
        const fold = await timeFold(opened.right, set);
        await opened.right.close();
        return foldResult(
          `file store, ${views} views, open included${which === 'first-open' ? ', first open' : ''}`,
          { seconds: open.seconds + fold.seconds, cpu: open.cpu + fold.cpu, folded: fold.folded },
          fold.heapMb,
          `open ${open.seconds.toFixed(2)} s, ${open.cpu.toFixed(2)} s CPU`,
        );
      });
    case 'one-pass':
      return besideBare(file, async () => {
        // The log reader checks and folds each line in one pass: the verified prefix is
        // re-hashed as its bytes are read (each line's position checked), the lines after it
        // are checked in full, and every stream's chain is followed (from the record's heads
        // past the prefix); the fold answers only if the read ends without error. Opening it
        // reads nothing: the fold's time is all.
        const fold = await timeFold(openLogReader(file), set);
        return foldResult(
          `file log read in one pass, ${views} views (chains followed)`,
          fold,
          fold.heapMb,
          'openLogReader: each line checked and folded in one read',
        );
      });
    case 'memory': {
      // As an embedding app would make it: every payload checked with the domain's decoder on
      // append, so a rebuild with the same decoder takes the store's decodings.
      const store = createMemoryStore({ decodePayloads: decode });
      const t0 = Date.now();
      for (const { stream, event } of generateHistory(n, { active })) {
        const r = await store.append(stream, [event], 'any')();
        if (E.isLeft(r)) throw new Error(r.left.message);
      }
      const loadSeconds = (Date.now() - t0) / 1000;
      const before = heapAfterGcMb();
      const bareBefore = await bareLookups(store);
      (globalThis as { gc?: () => void }).gc?.();
      const cold = await timeFold(store, set);
      // Second run: the JIT is warm (a long-running app rebuilding or replaying as at a day).
      const warm = await timeFold(store, set);
      const bareAfter = await bareLookups(store);
      const mean = (f: (b: typeof bareBefore) => number) => (f(bareBefore) + f(bareAfter)) / 2;
      const bare = {
        rate: mean((b) => b.count / b.seconds),
        cpuRate: mean((b) => b.count / b.cpu),
        label: 'bare lookups',
      };
      const result = foldResult(
        `memory store, ${views} views${active === 'all' ? '' : `, ${fmt(active)} active`}`,
        cold,
        warm.heapMb,
        `warm ${fmt(warm.folded / warm.seconds)}/s, ${fmt(warm.folded / warm.cpu)}/s CPU; bare lookups ${fmt(bare.rate)}/s; log ${before} MB heap; loaded (payloads checked) in ${loadSeconds.toFixed(1)} s`,
      );
      return { ...result, bare };
    }
    default: {
      const never: never = which;
      throw new Error(String(never));
    }
  }
}

/** A figure for the current table (scripts/bench.js), beside its bare cost in the same process. */
function row(
  r: Result,
  size: number,
  rates: readonly number[],
  bare: { readonly rate: number; readonly label?: string } | undefined = r.bare,
): BenchRow {
  const spread = spreadOf(rates);
  return {
    name: `${r.phase}, ${fmt(size)} events`,
    value: r.rate,
    unit: 'events/s',
    ...(bare === undefined
      ? {}
      : { anchor: { name: bare.label ?? 'bare JSON.parse of the lines', value: bare.rate } }),
    ...(spread === undefined ? {} : { spread }),
    ...(r.heapAfterMb === undefined ? {} : { note: `heap after ${r.heapAfterMb} MB` }),
  };
}

/** The item with the median value (of an odd count; the upper middle of an even one), and the range. */
function middle<T>(
  items: readonly T[],
  value: (t: T) => number,
): { mid: T; low: number; high: number } {
  const sorted = items.map((item) => ({ item, v: value(item) })).sort((a, b) => a.v - b.v);
  const mid = sorted[Math.floor(sorted.length / 2)];
  if (mid === undefined) throw new Error('no rounds');
  return { mid: mid.item, low: sorted[0]?.v ?? mid.v, high: sorted[sorted.length - 1]?.v ?? mid.v };
}

function child(
  which: Phase,
  n: number,
  file: string,
  views = 'all',
  active: 'all' | number = 'all',
): Result {
  const r = spawnSync(
    process.execPath,
    [...process.execArgv, __filename, 'child', which, String(n), file, views, String(active)],
    {
      encoding: 'utf8',
      env: process.env,
      maxBuffer: 1 << 24,
    },
  );
  const line = r.stdout.split('\n').find((l) => l.startsWith('{'));
  if (r.status !== 0 || line === undefined) throw new Error(`phase ${which} failed: ${r.stderr}`);
  return JSON.parse(line) as Result;
}

function print(r: Result, separate?: Result): void {
  const bare = r.bare ?? separate;
  const heap = r.heapAfterMb === undefined ? '' : `, heap after ${r.heapAfterMb} MB`;
  const cpu = r.cpuRate === undefined ? '' : ` (${fmt(r.cpuRate)}/s CPU)`;
  const cpuRatio =
    r.cpuRate === undefined || bare?.cpuRate === undefined
      ? ''
      : `, ${Math.round((100 * r.cpuRate) / bare.cpuRate)}% by CPU time`;
  const ratio =
    bare === undefined
      ? ''
      : ` (${Math.round((100 * r.rate) / bare.rate)}% of ${('label' in bare ? bare.label : undefined) ?? 'bare parse'}${cpuRatio})`;
  console.log(
    `  ${r.phase.padEnd(34)} ${fmt(r.rate).padStart(11)} events/s${cpu}  ${r.seconds.toFixed(2)} s  peak RSS ${r.maxRssMb} MB${heap}${ratio}${r.note === undefined ? '' : `  [${r.note}]`}`,
  );
}

async function main(): Promise<void> {
  const [, , mode, which, n, file, views, active] = process.argv;
  if (mode === 'child') {
    const r = await phase(
      which as Phase,
      Number(n),
      file as string,
      views ?? 'all',
      active === undefined || active === 'all' ? 'all' : Number(active),
    );
    process.stdout.write(`${JSON.stringify(r)}\n`);
    return;
  }
  const sizes = (process.env['ASSURE_BENCH_SIZES'] ?? '100000,1000000').split(',').map(Number);
  const dir = mkdtempSync(join(tmpdir(), 'assure-projections-bench-'));
  const rows: BenchRow[] = [];
  try {
    for (const size of sizes) {
      console.log(`\nrebuild of the read models from ${fmt(size)} generated events`);
      const log = join(dir, `events-${size}.ndjson`);
      print(child('write', size, log));
      // The file phases run in rounds, each round beside its own bare parse, so a change of
      // the machine's load moves a ratio less; the round with the median ratio is printed.
      const rounds = Number(process.env['ASSURE_BENCH_ROUNDS'] ?? (size <= 200_000 ? 3 : 1));
      const runs: {
        bare: Result;
        read: Result;
        first: Result;
        all: Result;
        entities: Result;
        onePass: Result;
      }[] = [];
      for (let i = 0; i < rounds; i++)
        runs.push({
          bare: child('parse', size, log),
          read: child('read', size, log),
          first: child('first-open', size, log, 'all'),
          all: child('file', size, log, 'all'),
          entities: child('file', size, log, 'entities'),
          onePass: child('one-pass', size, log, 'all'),
        });
      const median = (pick: (r: (typeof runs)[number]) => Result) => {
        const m = middle(runs, (r) => pick(r).rate / (pick(r).bare ?? r.bare).rate);
        const span =
          rounds > 1
            ? `${Math.round(100 * m.low)}-${Math.round(100 * m.high)}% over ${rounds} rounds`
            : undefined;
        return { result: pick(m.mid), bare: m.mid.bare, span };
      };
      const bareRates = runs.map((r) => r.bare.rate).sort((a, b) => a - b);
      print({
        ...(runs[0] as (typeof runs)[number]).bare,
        note: `${rounds} rounds: ${bareRates.map(fmt).join(', ')} events/s`,
      });
      for (const pick of [
        (r: (typeof runs)[number]) => r.read,
        (r: (typeof runs)[number]) => r.first,
        (r: (typeof runs)[number]) => r.all,
        (r: (typeof runs)[number]) => r.entities,
        (r: (typeof runs)[number]) => r.onePass,
      ]) {
        const m = median(pick);
        const note = [m.result.note, m.span].filter((x) => x !== undefined).join('; ');
        print({ ...m.result, ...(note === '' ? {} : { note }) }, m.bare);
        rows.push(
          row(
            m.result,
            size,
            runs.map((r) => pick(r).rate),
            m.result.bare ?? m.bare,
          ),
        );
      }
      // The memory phases too run in rounds: the median rate is printed, with the range.
      for (const [views, active] of [
        ['all', 'all'],
        ['entities', 'all'],
        ['all', ACTIVE_ITEMS],
        ['entities', ACTIVE_ITEMS],
      ] as const) {
        const results = Array.from({ length: rounds }, () =>
          child('memory', size, log, views, active),
        );
        const { mid, low, high } = middle(results, (r) => r.rate);
        const span = rounds > 1 ? `${fmt(low)}-${fmt(high)}/s over ${rounds} rounds` : undefined;
        print({ ...mid, note: [mid.note, span].filter((x) => x !== undefined).join('; ') });
        rows.push(
          row(
            mid,
            size,
            results.map((r) => r.rate),
          ),
        );
      }
      rmSync(log, { force: true });
      rmSync(verifiedPrefixPath(log), { force: true });
    }
    reportRows(rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
