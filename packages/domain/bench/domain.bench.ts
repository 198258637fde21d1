// Throughput of the domain's hot paths during a rebuild: decodeEvent (io-ts) and evolve,
// beside a bare JSON.parse of the same lines in the same run.
//
//   pnpm bench domain
import * as E from 'fp-ts/Either';
import type { AggregateState, DomainEvent } from '@assure/domain';
import { domainModel, streamOfEvent } from '@assure/domain';

const N = Number(process.env['ASSURE_BENCH_EVENTS'] ?? 1_000_000);

const samples: { type: string; data: unknown }[] = [
  {
    type: 'RiskRescored',
    data: {
      riskId: 'equal-pay',
      likelihood: 4,
      impact: 5,
      rationale: 'Offers accepted',
      previous: { likelihood: 5, impact: 5 },
      current: { likelihood: 4, impact: 5 },
      nextReviewOn: '2019-06-30',
    },
  },
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
