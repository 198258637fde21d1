import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { createMemoryStore, type Envelope } from '@assure/event-store';
import {
  decodeProjectionEvent,
  decodeSnapshot,
  encodeSnapshot,
  openSnapshot,
  Projector,
  readModelViews,
  type Checkpointed,
  type ReadModelStates,
} from '@assure/projections';
import { generateHistory } from '@assure/testing';
import { snapshotText } from './snapshot-edit';

type Step =
  | { readonly kind: 'deliver'; readonly n: number }
  | { readonly kind: 'duplicate'; readonly back: number; readonly n: number }
  | { readonly kind: 'restart' }
  | { readonly kind: 'catch-up' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('deliver' as const),
      n: fc.integer({ min: 1, max: 60 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('duplicate' as const),
      back: fc.integer({ min: 1, max: 40 }),
      n: fc.integer({ min: 1, max: 40 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'restart' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'catch-up' as const }) },
);

async function logOf(seed: number, n: number) {
  const store = createMemoryStore({ firstPosition: 10n, positionStep: 7n });
  for (const { stream, event } of generateHistory(n, { seed, backdated: 0.2 })) {
    const r = await store.append(stream, [event], 'any')();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
  const envelopes: Envelope[] = [];
  for await (const e of store.readAll()) envelopes.push(e);
  return { store, envelopes };
}

const decode = decodeProjectionEvent;
const json = (c: Checkpointed<ReadModelStates>) =>
  JSON.stringify(encodeSnapshot(readModelViews, c));

describe('incremental runs equal a rebuild from zero', () => {
  it('with random restarts (through a JSON snapshot) and duplicate deliveries', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(step, { maxLength: 40 }),
        async (seed, steps) => {
          const { store, envelopes } = await logOf(seed, 300);
          const rebuilt = new Projector(readModelViews, { decode });
          const full = await rebuilt.catchUp(store)();
          expect(E.isRight(full)).toBe(true);

          let p = new Projector(readModelViews, { decode });
          let next = 0; // index of the next envelope not yet delivered
          for (const s of steps) {
            switch (s.kind) {
              case 'deliver':
                for (const e of envelopes.slice(next, next + s.n))
                  expect(E.isRight(p.apply(e))).toBe(true);
                next = Math.min(envelopes.length, next + s.n);
                break;
              case 'duplicate': {
                const from = Math.max(0, next - s.back);
                for (const e of envelopes.slice(from, Math.min(next, from + s.n)))
                  expect(p.apply(e)).toEqual(E.right(false));
                break;
              }
              case 'restart': {
                const saved = openSnapshot(
                  Buffer.from(snapshotText(encodeSnapshot(readModelViews, p.current()))),
                );
                if (E.isLeft(saved)) throw new Error(saved.left.message);
                const loaded = decodeSnapshot(readModelViews, saved.right);
                if (E.isLeft(loaded)) throw new Error(loaded.left.message);
                p = new Projector(readModelViews, { decode }, loaded.right);
                break;
              }
              case 'catch-up':
                expect(E.isRight(await p.catchUp(store)())).toBe(true);
                next = envelopes.length;
                break;
              default: {
                const never: never = s;
                throw new Error(String(never));
              }
            }
          }
          // Whatever happened, a final catch-up (a redelivery of everything) converges.
          for (const e of envelopes) p.apply(e);
          expect(json(p.current())).toEqual(json(rebuilt.current()));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('the generated history decodes with the domain codecs', async () => {
    const { envelopes } = await logOf(7, 2000);
    for (const e of envelopes)
      expect(E.isRight(decode(e.type, e.schemaVersion, e.data))).toBe(true);
  });
});
