import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { defaultRagPolicy } from '@assure/domain';
import { createMemoryStore, type EventStore, type ProposedEvent } from '@assure/event-store';
import {
  decodeProjectionEvent,
  entityViews,
  loadOrBuild,
  memorySnapshotStore,
  Projector,
  ReadModels,
  type Checkpointed,
  type EntityStates,
  type SnapshotStore,
} from '@assure/projections';
import { birminghamJourney, d } from './fixtures';

// The as-at index of a snapshot answers any day as a full replay of the events valid on or
// before it would: every entity view's state (entries, their order, their fields), the
// count and latest valid time folded, and the status, tracker and risk register read off
// them. Histories are the Birmingham journey's events (and reopenings, controls, linked
// actions) picked in any order, repeated, each at a random valid day, so that valid days
// go back along the log within an item, and the snapshot is taken part-way and caught up.

const decode = decodeProjectionEvent;
const clock = () => new Date('2030-01-01T00:00:00.000Z');
const DAY0 = Date.UTC(2019, 0, 1);
const dayOf = (n: number): string => new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);

interface Pooled {
  readonly stream: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

async function pool(): Promise<Pooled[]> {
  const h = await birminghamJourney();
  const out: Pooled[] = [];
  for await (const e of h.store.readAll())
    if (isRecord(e.data)) out.push({ stream: e.stream, type: e.type, data: e.data });
  const more: Pooled[] = [
    {
      stream: 'recommendation-kerslake-2014-01',
      type: 'RecommendationReopened',
      data: d('RecommendationReopened', {
        recommendationId: 'kerslake-2014-01',
        reason: 'Slipped',
      }),
    },
    {
      stream: 'risk-equal-pay',
      type: 'RiskReopened',
      data: d('RiskReopened', { riskId: 'equal-pay', reason: 'Back' }),
    },
    {
      stream: 'risk-equal-pay',
      type: 'RiskControlAdded',
      data: d('RiskControlAdded', {
        riskId: 'equal-pay',
        controlId: 'ctl-1',
        description: 'Audit',
        owner: 'officer-cfo',
      }),
    },
    {
      stream: 'risk-equal-pay',
      type: 'MitigatingActionLinked',
      data: d('MitigatingActionLinked', { riskId: 'equal-pay', actionId: 'act-fin-01' }),
    },
  ];
  return [...out, ...more];
}

let ids = 0;
async function append(store: EventStore, p: Pooled, day: number): Promise<void> {
  ids++;
  const event: ProposedEvent = {
    eventId: `evt-prop-${ids}`,
    type: p.type,
    schemaVersion: 1,
    data: p.data,
    meta: { actor: 'officer-prop', role: 'officer', occurredAt: `${dayOf(day)}T00:00:00.000Z` },
  };
  const r = await store.append(p.stream, [event], 'any')();
  if (E.isLeft(r)) throw new Error(r.left.message);
}

/** Every view's state in its JSON form, the counters, and the three documents. */
function answer(c: Checkpointed<EntityStates>, asAt: string): string {
  const views = Object.fromEntries(
    (Object.keys(entityViews) as (keyof EntityStates)[]).map((k) => {
      const view = entityViews[k] as { codec?: { encode: (s: unknown) => unknown } };
      return [k, view.codec?.encode(c.states[k])];
    }),
  );
  const m = new ReadModels(c.states, { asAt, knownAt: null });
  return JSON.stringify({
    views,
    folded: c.folded,
    maxOccurredAt: c.maxOccurredAt,
    documents: [m.status(defaultRagPolicy), m.tracker({ policy: defaultRagPolicy }), m.risks()],
  });
}

async function replay(store: EventStore, asAt: string): Promise<string> {
  const r = await new Projector(entityViews, { decode, timeTravel: { asAt } }).catchUp(store)();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return answer(r.right, asAt);
}

async function fromSnapshot(
  store: EventStore,
  snapshots: SnapshotStore,
  asAt: string,
): Promise<string> {
  const r = await loadOrBuild(store, entityViews, snapshots, { decode, timeTravel: { asAt } })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  // Never a replay: the index answers (from the snapshot, or while rebuilding it).
  expect(r.right.source).not.toBe('replayed');
  expect(r.right.snapshotProblem).toBeNull();
  return answer(r.right.result, asAt);
}

describe('as-at index: any day from the snapshot equals a full replay', () => {
  it('on random histories with valid days out of order, before and after a catch-up', async () => {
    const events = await pool();
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            i: fc.integer({ min: 0, max: events.length - 1 }),
            day: fc.integer({ min: 0, max: 20 }),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        fc.integer({ min: 0, max: 60 }),
        fc.array(fc.integer({ min: -1, max: 21 }), { minLength: 1, maxLength: 4 }),
        async (ops, split, days) => {
          const store = createMemoryStore({ clock });
          const cut = Math.min(split, ops.length);
          for (const o of ops.slice(0, cut)) await append(store, events[o.i] as Pooled, o.day);
          const snapshots = memorySnapshotStore();
          const first = dayOf(days[0] ?? 0);
          // Built from zero with its index, and answered from it.
          expect(await fromSnapshot(store, snapshots, first)).toBe(await replay(store, first));
          for (const o of ops.slice(cut)) await append(store, events[o.i] as Pooled, o.day);
          for (const n of days) {
            const asAt = dayOf(n);
            // Caught up (the index extended, or items refolded) the first time, then as saved.
            expect(await fromSnapshot(store, snapshots, asAt)).toBe(await replay(store, asAt));
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 300_000);
});
