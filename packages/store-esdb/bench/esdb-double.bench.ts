// Benchmark: the EventStoreDB adapter driving the real @eventstore/db-client against the
// in-process TEST DOUBLE (`@assure/store-esdb/testing`, src/testing/esdb-double.ts), in both append modes.
// These are figures ON THE TEST DOUBLE, NOT A SERVER FIGURE: the double keeps everything in
// memory and shares this process's CPU; a real EventStoreDB adds disk, replication and
// network. They show the adapter's and the client's own overhead (gRPC framing, protobuf,
// JSON, hashing, the read-back of each append), nothing more.
// Run with `pnpm bench store-esdb`. ESDB_BENCH_APPENDS changes the number of appends.
import * as E from 'fp-ts/Either';
import type { EventStore, ProposedEvent } from '@assure/event-store';
import { rescoreEvent } from '../../../scripts/bench-events';
import { reportRows, type BenchRow } from '../../../scripts/bench-rows';
import { createEsdbStore } from '../src';
import { EsdbDouble } from '@assure/store-esdb/testing';

const APPENDS = Number(process.env['ESDB_BENCH_APPENDS'] ?? 2000);
const BATCH = 10;
const STREAMS = 50;

let seq = 0;
function proposed(i: number): ProposedEvent {
  seq += 1;
  return rescoreEvent(i, {
    streams: STREAMS,
    eventId: `bench-${seq}`,
    rationale: 'Equal pay settlements reviewed by the Strategic Programme Board',
    occurredAt: '2018-11-05T00:00:00.000Z',
  });
}

/** The figures for the current table (scripts/bench.js): every one on the test double. */
const rows: BenchRow[] = [];
function row(mode: string, name: string, n: number, ms: number): void {
  rows.push({
    name: `${name} (${mode})`,
    value: (n / ms) * 1000,
    unit: 'events/s',
    note: 'on the in-process test double, not a server figure',
  });
}

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-GB')}/s`;
}

async function appendLoop(
  store: EventStore,
  count: number,
  perAppend: number,
  suffix = '',
): Promise<number> {
  const revisions = new Map<string, number>();
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const stream = `risk-r${i % STREAMS}${suffix}`;
    const last = revisions.get(stream);
    const events = Array.from({ length: perAppend }, (_, k) => proposed(i * perAppend + k));
    const r = await store.append(
      stream,
      events,
      last === undefined ? 'no-stream' : { revision: last },
    )();
    if (E.isLeft(r)) throw new Error(r.left.message);
    revisions.set(stream, r.right.nextRevision);
  }
  return performance.now() - t0;
}

async function run(batchAppend: boolean): Promise<void> {
  const mode = batchAppend ? 'BatchAppend' : 'Append';
  const double = await EsdbDouble.start({ batchAppend });
  const opened = createEsdbStore(double.connectionString);
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const store = opened.right;
  try {
    const single = await appendLoop(store, APPENDS, 1);
    row(mode, 'appends of 1 event', APPENDS, single);
    console.log(
      `esdb adapter on the test double (${mode}), not a server figure: ${APPENDS} appends of 1 event: ${rate(APPENDS, single)} appends`,
    );
    const batches = Math.max(1, Math.floor(APPENDS / 4));
    // New streams for the batched run.
    const batched = await appendLoop(store, batches, BATCH, '-b');
    row(mode, `events appended in batches of ${BATCH}`, batches * BATCH, batched);
    console.log(
      `esdb adapter on the test double (${mode}), not a server figure: ${batches} appends of ${BATCH} events: ${rate(batches * BATCH, batched)} events appended`,
    );
    const total = APPENDS + batches * BATCH;
    let t0 = performance.now();
    let n = 0;
    for await (const _ of store.readAll()) n += 1;
    let ms = performance.now() - t0;
    if (n !== total) throw new Error(`readAll returned ${n} events, expected ${total}`);
    row(mode, 'readAll', n, ms);
    console.log(
      `esdb adapter on the test double (${mode}), not a server figure: readAll of ${n} events: ${rate(n, ms)} events read`,
    );
    t0 = performance.now();
    n = 0;
    for (let s = 0; s < STREAMS; s++) for await (const _ of store.readStream(`risk-r${s}`)) n += 1;
    ms = performance.now() - t0;
    row(mode, `readStream of ${STREAMS} streams`, n, ms);
    console.log(
      `esdb adapter on the test double (${mode}), not a server figure: readStream of ${STREAMS} streams, ${n} events: ${rate(n, ms)} events read`,
    );
  } finally {
    await store.close();
    await double.stop();
  }
}

async function main(): Promise<void> {
  console.log(
    'All figures below are ON THE TEST DOUBLE (in-process, in-memory), NOT A SERVER FIGURE.',
  );
  await run(true);
  await run(false);
  reportRows(rows);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
