import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import {
  readAllInBatches,
  StoreErrors,
  StoreFailure,
  type BatchReader,
  type Envelope,
  type EventStore,
  type ReadAllOptions,
} from '@assure/event-store';
import { decodeProjectionEvent, Projector, type ProjectionEvent } from '@assure/projections';
import { portOnly } from '@assure/testing';
import { birmingham, phaseChanged, seen } from './fixtures';

const decode = decodeProjectionEvent;

/** The store with its own `readAllBatches` handing out batches of `size`. */
function withBatchesOf(store: EventStore, size: number): EventStore & BatchReader {
  const plain = portOnly(store);
  return {
    ...plain,
    readAllBatches: (options: ReadAllOptions = {}) =>
      readAllInBatches(plain, { ...options, fallbackBatchSize: size }),
  };
}

/** What catch-up did before batches: `apply` each event of `readAll` until one fails. */
async function eventByEvent(store: EventStore, p: Projector<{ seen: string[] }, ProjectionEvent>) {
  const from = p.checkpoint === null ? {} : { from: BigInt(p.checkpoint) + 1n };
  for await (const e of store.readAll(from)) {
    const r = p.apply(e);
    if (E.isLeft(r)) return r;
  }
  return E.right(p.current());
}

describe('Projector.catchUp reads in batches', () => {
  it('property: any batch size, native or grouped, folds as event by event, stopping at a bad event', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 12 }),
        fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
        async (size, valid, badAt) => {
          const h = await birmingham();
          for (let i = 0; i < valid; i++) {
            if (i === badAt)
              await h.raw(
                'risk-equal-pay',
                'RiskMutated',
                { riskId: 'equal-pay' },
                { on: '2019-05-01' },
              );
            await phaseChanged(h, '2019-05-02');
          }
          const reference = new Projector({ seen }, { decode });
          const expected = await eventByEvent(h.store, reference);
          for (const store of [h.store, withBatchesOf(h.store, size), portOnly(h.store)]) {
            const p = new Projector({ seen }, { decode });
            expect(await p.catchUp(store)()).toEqual(expected);
            expect(p.current()).toEqual(reference.current());
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('resumes from its checkpoint in batches', async () => {
    const h = await birmingham();
    const p = new Projector({ seen }, { decode });
    const store = withBatchesOf(h.store, 4);
    await p.catchUp(store)();
    const before = p.current().states.seen.length;
    const added = [await phaseChanged(h, '2019-05-02'), await phaseChanged(h, '2019-05-03')];
    const r = await p.catchUp(store)();
    expect(E.isRight(r) && r.right.checkpoint).toBe(added[1]);
    expect(p.current().states.seen.slice(before)).toEqual(
      added.map((pos) => `${pos}:ProgrammePhaseChanged`),
    );
  });

  it('a read that fails keeps the states of the events read before it, as event by event', async () => {
    const h = await birmingham();
    const all: Envelope[] = [];
    for await (const e of h.store.readAll()) all.push(e);
    const failure = new StoreFailure(StoreErrors.corrupt(all[7]?.position ?? '', 'bad line'));
    const failing: EventStore = {
      ...portOnly(h.store),
      readAll: () => ({
        async *[Symbol.asyncIterator]() {
          yield* all.slice(0, 7);
          throw failure;
        },
      }),
    };
    for (const store of [failing, withBatchesOf(failing, 3), withBatchesOf(failing, 7)]) {
      const p = new Projector({ seen }, { decode });
      const r = await p.catchUp(store)();
      expect(r).toEqual(E.left(failure.error));
      expect(p.checkpoint).toBe(all[6]?.position);
      expect(p.current().states.seen).toHaveLength(7);
    }
  });
});
