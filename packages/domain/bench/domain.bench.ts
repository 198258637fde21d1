// Throughput of the domain's hot paths during a rebuild: decodeEvent (io-ts) and evolve,
// beside a bare JSON.parse of the same lines in the same run; then decodeEvent over a mix
// of every event type, with the data guards alone beside it.
//
//   pnpm bench domain
import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import type { AggregateState, DomainEvent, Guard } from '@assure/domain';
import { compileGuard, domainModel, eventCodecs, eventTypes, streamOfEvent } from '@assure/domain';
import { reportRows, spreadOf, type BenchRow } from '../../../scripts/bench-rows';
import { arbitraryOf } from '../test/arbitraries';
import { riskRescored } from '../test/fixtures';

const N = Number(process.env['ASSURE_BENCH_EVENTS'] ?? 1_000_000);

const samples: { type: string; data: unknown }[] = [
  riskRescored,
  {
    type: 'ActionProgressRecorded',
    data: {
      actionId: 'act-savings-2019',
      percentComplete: 40,
      narrative: 'Savings plans agreed for four directorates',
    },
  },
  {
    type: 'RecommendationDueDateRevised',
    data: {
      recommendationId: 'rec-2018-s24-01',
      dueOn: '2019-06-30',
      reason: 'Extension granted',
      approvedBy: 'board-spb-chair',
      previousDueOn: '2019-03-31',
      originalDueOn: '2019-03-31',
    },
  },
  {
    type: 'ImplementationClaimed',
    data: {
      recommendationId: 'rec-kerslake-04',
      summary: 'New constitution adopted',
      evidence: [{ uri: 'https://example.org/constitution.pdf', sha256: 'ab'.repeat(32) }],
      claimedBy: 'officer-cfo',
    },
  },
  {
    type: 'MeetingRecorded',
    data: {
      programmeId: 'bcc-improvement',
      bodyId: 'board-spb',
      meetingId: 'spb-2019-09-10',
      heldOn: '2019-09-10',
      attendees: ['admin-ceo', 'officer-cfo'],
      observers: ['auditor-gt'],
    },
  },
  {
    type: 'RiskReviewed',
    data: {
      riskId: 'amey-contract',
      likelihood: 3,
      impact: 4,
      rationale: 'No change',
      current: { likelihood: 3, impact: 4 },
    },
  },
  {
    type: 'ActionLeadReassigned',
    data: {
      actionId: 'act-waste-1',
      lead: 'officer-waste',
      reason: 'New lead',
      previousLead: 'officer-cfo',
    },
  },
  {
    type: 'RecommendationOwnerAssigned',
    data: { recommendationId: 'rec-2018-s24-01', owner: 'officer-cfo' },
  },
];
const lines = samples.map((s) => JSON.stringify(s.data));

function time(label: string, n: number, f: () => void): number {
  const t0 = process.hrtime.bigint();
  f();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rate = n / seconds;
  console.log(
    `${label.padEnd(34)} ${String(n).padStart(9)} events ${seconds.toFixed(3)} s  ${Math.round(rate).toLocaleString('en-GB').padStart(12)} events/s`,
  );
  return rate;
}

let sink = 0;
const parseRate = time('bare JSON.parse', N, () => {
  for (let i = 0; i < N; i++)
    sink += (JSON.parse(lines[i % lines.length] as string) as object) ? 1 : 0;
});
const parseDecodeRate = time('JSON.parse + decodeEvent', N, () => {
  for (let i = 0; i < N; i++) {
    const k = i % samples.length;
    const r = domainModel.decodeEvent(
      (samples[k] as { type: string }).type,
      1,
      JSON.parse(lines[k] as string),
    );
    if (E.isLeft(r)) throw new Error(r.left.message);
    sink += 1;
  }
});

const decoded: DomainEvent[] = samples.map((s) => {
  const r = domainModel.decodeEvent(s.type, 1, s.data);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
});
const streams = decoded.map((e) => streamOfEvent(e));
const evolveRate = time('evolve (fold by stream)', N, () => {
  const states = new Map<string, AggregateState>();
  for (let i = 0; i < N; i++) {
    const k = i % decoded.length;
    const stream = streams[k] as string;
    const s = states.get(stream) ?? domainModel.initialState(stream);
    states.set(stream, domainModel.evolve(s, decoded[k] as DomainEvent));
  }
  sink += states.size;
});
console.log(
  `decode+parse at ${Math.round((100 * parseDecodeRate) / parseRate)}% of bare JSON.parse; evolve ${Math.round(evolveRate).toLocaleString('en-GB')} events/s (sink ${sink > 0 ? 'ok' : '-'})`,
);

// decodeEvent over every event type mixed, as a rebuild sees them: the samples above plus
// payloads drawn (fixed seed) from the arbitraries the property tests derive from the codecs,
// through JSON as if read from a store, in a fixed shuffled order. The data guards are
// V8's hot spot here (`compileGuard`, built from closures).
const mixed: { type: string; data: unknown }[] = [...samples];
for (const type of eventTypes)
  for (const data of fc.sample(arbitraryOf(eventCodecs[type] as t.Mixed), {
    seed: 20190312,
    numRuns: 100,
  }))
    mixed.push({ type, data: JSON.parse(JSON.stringify(data)) as unknown });
let seed = 1;
for (let i = mixed.length - 1; i > 0; i--) {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  const j = seed % (i + 1);
  [mixed[i], mixed[j]] = [mixed[j] as (typeof mixed)[number], mixed[i] as (typeof mixed)[number]];
}
const guards: ReadonlyMap<string, Guard> = new Map(
  eventTypes.map((type) => [type, compileGuard(eventCodecs[type])]),
);
const guardLoop = (guards: ReadonlyMap<string, Guard>, n: number) => () => {
  for (let i = 0; i < n; i++) {
    const e = mixed[i % mixed.length] as { type: string; data: unknown };
    if (!(guards.get(e.type) as Guard)(e.data)) throw new Error(`refused ${e.type}`);
  }
  sink += 1;
};
const decodeLoop = (n: number) => () => {
  for (let i = 0; i < n; i++) {
    const e = mixed[i % mixed.length] as { type: string; data: unknown };
    if (E.isLeft(domainModel.decodeEvent(e.type, 1, e.data))) throw new Error(e.type);
  }
  sink += 1;
};
console.log(
  `\n${eventTypes.length} event types mixed, ${mixed.length} payloads; best of 3 rounds after a warm-up`,
);
const runs: [string, () => void][] = [
  ['decodeEvent (mixed types)', decodeLoop(N)],
  ['data guards (mixed types)', guardLoop(guards, N)],
];
// Warm-up: each loop optimised once it is hot.
for (const [, run] of runs) run();
// Three rounds, the order rotated each round (a loop's place in the run alone moves its rate
// by some 10% on a small machine).
const best = runs.map(() => 0);
const rates = runs.map((): number[] => []);
for (let round = 0; round < 3; round++)
  for (let k = 0; k < runs.length; k++) {
    const i = (k + round) % runs.length;
    const [label, run] = runs[i] as [string, () => void];
    const rate = time(label, N, run);
    rates[i]?.push(rate);
    best[i] = Math.max(best[i] as number, rate);
  }
const [decodeBest, guardBest] = best as [number, number];
console.log(
  `best: decodeEvent ${Math.round(1e9 / decodeBest)} ns/event; guards alone ${Math.round(1e9 / guardBest)} ns/event (sink ${sink > 0 ? 'ok' : '-'})`,
);

const bareParse = { name: 'bare JSON.parse of the same lines', value: parseRate };
const spread = (i: number) => {
  const s = spreadOf(rates[i] ?? []);
  return s === undefined ? {} : { spread: s };
};
const rows: BenchRow[] = [
  { name: 'JSON.parse + decodeEvent', value: parseDecodeRate, unit: 'events/s', anchor: bareParse },
  { name: 'evolve (fold by stream)', value: evolveRate, unit: 'events/s', anchor: bareParse },
  {
    name: 'decodeEvent, every type mixed (best of 3)',
    value: decodeBest,
    unit: 'events/s',
    ...spread(0),
  },
  {
    name: 'data guards alone, every type mixed (best of 3)',
    value: guardBest,
    unit: 'events/s',
    ...spread(1),
  },
];
reportRows(rows);
