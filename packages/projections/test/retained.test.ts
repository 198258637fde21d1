import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import {
  createMemoryStore,
  type Envelope,
  type EventStore,
  type InMemoryEventStore,
} from '@assure/event-store';
import {
  decodeProjectionEvent,
  Projector,
  readModelViews,
  TrailState,
  type EventDecoder,
  type ProjectionEvent,
  type ReadModelStates,
  type TimeTravel,
} from '@assure/projections';
import { portOnly } from '@assure/testing';
import { birminghamJourney } from './fixtures';

async function all(store: EventStore): Promise<Envelope[]> {
  const out: Envelope[] = [];
  for await (const e of store.readAll()) out.push(e);
  return out;
}

/** The same log written to a memory store that checks payloads with `decode`. */
async function checkedCopy(
  log: readonly Envelope[],
  decode: EventDecoder<ProjectionEvent>,
): Promise<InMemoryEventStore> {
  const store = createMemoryStore({ decodePayloads: decode });
  for (const e of log) {
    const r = await store.append(
      e.stream,
      [
        {
          eventId: e.eventId,
          type: e.type,
          schemaVersion: e.schemaVersion,
          data: e.data,
          meta: e.meta,
        },
      ],
      'any',
    )();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
  return store;
}

async function rebuild(
  store: EventStore,
  timeTravel: TimeTravel = {},
  decode = decodeProjectionEvent,
) {
  const p = new Projector(readModelViews, { decode, timeTravel });
  const r = await p.catchUp(store)();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

/** Everything a rebuild answers, the trail as rows (each also read by index). */
function outcome(c: { checkpoint: string | null; folded: number; states: ReadModelStates }) {
  const { trail, ...entities } = c.states;
  const rows = [...trail];
  rows.forEach((row, i) => expect(trail.row(i)).toEqual(row));
  expect(trail.row(rows.length)).toBeUndefined();
  return { checkpoint: c.checkpoint, folded: c.folded, entities, rows };
}

const windows: TimeTravel[] = [
  {},
  { asAt: '2017-06-30' },
  { knownAt: '2019-03-15T00:00:00.000Z' },
  { asAt: '2019-03-15', knownAt: '2019-03-15T00:00:00.000Z' },
];

describe('rebuilds from a store that retains its envelopes', () => {
  it('fold the same read models by reference, decoded by the store or not, as from fresh copies', async () => {
    const h = await birminghamJourney();
    const log = await all(h.store);
    const checked = await checkedCopy(log, decodeProjectionEvent);
    expect(await all(checked)).toEqual(log);
    for (const timeTravel of windows) {
      const fresh = outcome(await rebuild(portOnly(h.store), timeTravel));
      expect(fresh.rows.length).toBeGreaterThan(0);
      expect(outcome(await rebuild(h.store, timeTravel))).toEqual(fresh);
      expect(outcome(await rebuild(checked, timeTravel))).toEqual(fresh);
    }
  });

  it('take the store decodings for the decoder it checked with, and decode for any other', async () => {
    const h = await birminghamJourney();
    const log = await all(h.store);
    let calls = 0;
    const counting: EventDecoder<ProjectionEvent> = (type, version, data) => {
      calls++;
      return decodeProjectionEvent(type, version, data);
    };
    const checked = await checkedCopy(log, counting);
    expect(calls).toBe(log.length);
    const byStore = outcome(await rebuild(checked, {}, counting));
    expect(calls).toBe(log.length);
    const byProjector = outcome(await rebuild(checked, {}, decodeProjectionEvent));
    expect(byProjector).toEqual(byStore);
    let otherCalls = 0;
    const other: EventDecoder<ProjectionEvent> = (type, version, data) => {
      otherCalls++;
      return decodeProjectionEvent(type, version, data);
    };
    expect(outcome(await rebuild(checked, {}, other))).toEqual(byStore);
    expect(otherCalls).toBe(log.length);
  });

  it('property: a trail folded partly from copies and partly by reference reads as one', async () => {
    const h = await birminghamJourney();
    const log = await all(h.store);
    const fresh = outcome(await rebuild(portOnly(h.store)));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: log.length }), async (k) => {
        const p = new Projector(readModelViews, { decode: decodeProjectionEvent });
        // The first k delivered as fresh envelopes (not retained), the rest caught up by reference.
        for (const e of log.slice(0, k)) expect(E.isRight(p.apply({ ...e }))).toBe(true);
        const r = await p.catchUp(h.store)();
        if (E.isLeft(r)) throw new Error(r.left.message);
        expect(outcome(r.right)).toEqual(fresh);
      }),
      { numRuns: 15 },
    );
  });

  it('a decoded event unlike its envelope (an upcast) is kept beside the reference', async () => {
    const h = await birminghamJourney();
    const [first] = await all(h.store);
    if (first === undefined) throw new Error('empty log');
    const upcast = { type: 'ProgrammePhaseChanged', data: { ...first.data, phase: 'Upcast' } };
    const byReference = new TrailState();
    const copied = new TrailState();
    byReference.push(first, upcast as ProjectionEvent, true);
    copied.push(first, upcast as ProjectionEvent, false);
    expect(byReference.rows()).toEqual(copied.rows());
    expect(byReference.row(0)?.summary).toEqual(copied.row(0)?.summary);
  });
});
