/**
 * Benchmark of the in-memory store (`pnpm bench memory`): single appends/s, batched
 * appends/s, readAll events/s and subscription catch-up events/s over 100k events, beside
 * the bare cost of hashing (canonical JSON + SHA-256) the same events, and peak RSS.
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
import { reportRows, type BenchRow } from '../../../scripts/bench-rows';

const N = Number(process.env['EVENT_STORE_BENCH_EVENTS'] ?? 100_000);
const STREAMS = 100;
const BATCH = 100;

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
  const maxRss = process.resourceUsage().maxRSS; // kilobytes
  console.log(
    `peak RSS ${(maxRss / 1024).toFixed(0)} MB (two stores of ${N} events each, plus the inputs)`,
  );
  reportRows(rows);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
