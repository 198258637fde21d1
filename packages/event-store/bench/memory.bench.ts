/**
 * Benchmark of the in-memory store (`pnpm bench memory`): single appends/s, batched
 * appends/s, readAll events/s and subscription catch-up events/s over 100k events, beside
 * the bare cost of hashing (canonical JSON + SHA-256) the same events, and peak RSS.
 *
 * Then single appends beside Emmett's in-memory event store (`@event-driven-io/emmett`,
 * pinned) doing the same job in the same process, over EMMETT_ROUNDS rounds (default 5,
 * after one untimed warm-up round of each): one event per append, the stream's expected
 * revision given, to 100 streams, the same events (Emmett's `metadata` holding our `meta`).
 * What each store does on top differs and is part of the figure: Assure chains and hashes
 * every event (SHA-256 of its canonical JSON), stamps `recordedAt`, copies and freezes the
 * payload; Emmett gives each event an id and positions.
 */
import * as E from 'fp-ts/Either';
import {
  canonicalJson,
  createMemoryStore,
  GENESIS_HASH,
  sha256Hex,
  type ExpectedRevision,
  type ProposedEvent,
} from '@assure/event-store';
import { reportRows, spreadOf, type BenchRow } from '../../../scripts/bench-rows';

const N = Number(process.env['EVENT_STORE_BENCH_EVENTS'] ?? 100_000);
const STREAMS = 100;
const BATCH = 100;
const EMMETT_ROUNDS = Number(process.env['EMMETT_ROUNDS'] ?? 5);
const EMMETT_EVENTS = Number(process.env['EMMETT_EVENTS'] ?? 20_000);

function event(i: number): ProposedEvent {
  return {
    eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    type: 'ActionProgressRecorded',
    schemaVersion: 1,
    data: {
      actionId: `action-${i % STREAMS}`,
      percentComplete: i % 100,
      narrative: 'Waste service industrial relations: weekly progress against the improvement plan',
    },
    meta: {
      actor: 'officer-cfo',
      role: 'officer',
      occurredAt: '2019-03-12T00:00:00.000Z',
      commandId: `cmd-${i}`,
    },
  };
}

const rate = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString('en-GB');
/** The figures for the current table (scripts/bench.js); appends beside the bare hashing. */
const rows: BenchRow[] = [];
let bareHash: { name: string; value: number } | undefined;
function report(label: string, n: number, ms: number, anchored = false): void {
  const value = (n / ms) * 1000;
  if (anchored && bareHash !== undefined)
    rows.push({ name: label, value, unit: 'events/s', anchor: bareHash });
  else rows.push({ name: label, value, unit: 'events/s' });
  console.log(
    `${label.padEnd(44)} ${rate(n, ms).padStart(12)} events/s  (${n} in ${ms.toFixed(0)} ms)`,
  );
}

async function main(): Promise<void> {
  const events = Array.from({ length: N }, (_, i) => event(i));
  const clock = () => new Date('2019-03-20T10:15:02.311Z');

  // Bare cost: canonical JSON and SHA-256 of each event as chained (what every append
  // must pay, whatever the store).
  const hashed = events.map((e, i) => ({
    stream: `action-${i % STREAMS}`,
    revision: Math.floor(i / STREAMS),
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    meta: { ...e.meta, recordedAt: '2019-03-20T10:15:02.311Z' },
    prevHash: GENESIS_HASH,
  }));
  let t = performance.now();
  for (const h of hashed) sha256Hex(canonicalJson(h));
  report('bare canonical JSON + SHA-256 (no store)', N, performance.now() - t);
  bareHash = { name: 'bare canonical JSON + SHA-256', value: rows[0]?.value ?? NaN };

  // Single appends: one event per append, exact expected revision, 100 streams.
  const single = createMemoryStore({ clock });
  const revisions = new Map<string, number>();
  t = performance.now();
  for (let i = 0; i < N; i++) {
    const stream = `action-${i % STREAMS}`;
    const rev = revisions.get(stream);
    const expected: ExpectedRevision = rev === undefined ? 'no-stream' : { revision: rev };
    const r = await single.append(stream, [events[i] as ProposedEvent], expected)();
    if (E.isLeft(r)) throw new Error(r.left.message);
    revisions.set(stream, r.right.nextRevision);
  }
  report('single appends (1 event each)', N, performance.now() - t, true);

  // Batched appends: 100 events per append.
  const batched = createMemoryStore({ clock });
  t = performance.now();
  for (let i = 0; i < N; i += BATCH) {
    const r = await batched.append(
      `action-${(i / BATCH) % STREAMS}`,
      events.slice(i, i + BATCH),
      'any',
    )();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
  report(`batched appends (${BATCH} events each)`, N, performance.now() - t, true);

  // Reads.
  t = performance.now();
  let n = 0;
  for await (const e of single.readAll()) if (e.revision >= 0) n++;
  report('readAll', n, performance.now() - t);

  t = performance.now();
  n = 0;
  for await (const e of single.subscribe()) if (e.revision >= 0 && ++n === N) break;
  report('subscribe (catch-up)', n, performance.now() - t);

  t = performance.now();
  n = 0;
  for (let s = 0; s < STREAMS; s++)
    for await (const e of single.readStream(`action-${s}`)) if (e.revision >= 0) n++;
  report('readStream (every stream)', n, performance.now() - t);

  await single.close();
  await batched.close();
  await againstEmmett(events.slice(0, EMMETT_EVENTS));
  const maxRss = process.resourceUsage().maxRSS; // kilobytes
  console.log(
    `peak RSS ${(maxRss / 1024).toFixed(0)} MB (two stores of ${N} events each, plus the inputs)`,
  );
  reportRows(rows);
}

/** Neither side's timing pays for the other's garbage (the bench runs with --expose-gc). */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Single appends/s into a fresh Assure memory store: one event each, expected revision given. */
async function assureSingleAppends(events: readonly ProposedEvent[]): Promise<number> {
  const store = createMemoryStore();
  const revisions: number[] = [];
  collectGarbage();
  const t0 = performance.now();
  for (let i = 0; i < events.length; i++) {
    const s = i % STREAMS;
    const rev = revisions[s];
    const expected: ExpectedRevision = rev === undefined ? 'no-stream' : { revision: rev };
    const r = await store.append(`action-${s}`, [events[i] as ProposedEvent], expected)();
    if (E.isLeft(r)) throw new Error(r.left.message);
    revisions[s] = r.right.nextRevision;
  }
  const ms = performance.now() - t0;
  await store.close();
  return (events.length / ms) * 1000;
}

/** The same appends into a fresh Emmett in-memory event store. */
async function emmettSingleAppends(events: readonly ProposedEvent[]): Promise<number> {
  // Emmett is published as ESM and CommonJS; the dynamic import keeps either working.
  const emmett = await import('@event-driven-io/emmett');
  const store = emmett.getInMemoryEventStore();
  const revisions: bigint[] = [];
  collectGarbage();
  const t0 = performance.now();
  for (let i = 0; i < events.length; i++) {
    const s = i % STREAMS;
    const e = events[i] as ProposedEvent;
    const r = await store.appendToStream(
      `action-${s}`,
      [{ type: e.type, data: e.data, metadata: e.meta }],
      { expectedStreamVersion: revisions[s] ?? emmett.STREAM_DOES_NOT_EXIST },
    );
    revisions[s] = r.nextExpectedStreamVersion;
  }
  return (events.length / (performance.now() - t0)) * 1000;
}

async function againstEmmett(events: readonly ProposedEvent[]): Promise<void> {
  await emmettSingleAppends(events);
  await assureSingleAppends(events);
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < EMMETT_ROUNDS; round++) {
    theirs.push(await emmettSingleAppends(events));
    ours.push(await assureSingleAppends(events));
  }
  const ratios = ours.map((o, i) => o / (theirs[i] ?? NaN));
  const median = (xs: readonly number[]) =>
    [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
  const spread = spreadOf(ratios);
  console.log(
    `single appends vs Emmett 0.42 (${events.length} events, ${STREAMS} streams): Assure ${rate(median(ours), 1000)}, Emmett ${rate(median(theirs), 1000)} events/s, ratio ${median(ratios).toFixed(2)}x (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)} over ${EMMETT_ROUNDS} rounds)`,
  );
  rows.push({
    name: `single appends, 1 event each, expected revision given (${events.length} events, ${STREAMS} streams)`,
    value: median(ours),
    unit: 'events/s',
    anchor: { name: 'Emmett 0.42 in-memory event store, same appends', value: median(theirs) },
    ratio: median(ratios),
    ...(spread === undefined ? {} : { spread }),
    note: 'ratio and spread: Assure / Emmett per round',
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
