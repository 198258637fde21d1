import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { decodeEvent } from '@assure/domain';
import { createMemoryStore, type EventStore } from '@assure/event-store';
import {
  encodeSnapshot,
  entityViews,
  Projector,
  readModelViews,
  readModels,
  readModelsFromJournal,
  withEventJournal,
  type EntityStates,
  type ReadModels,
} from '@assure/projections';
import { appendAll, clock, dayOf, history, instant, op, read } from './risk-history';

// A reader that follows the log with an event journal (a server) answers any as-at day and
// any known-at instant as a replay of the log inside that window would: from the journal's
// events up to the states' checkpoint, then the store's events after it, even when the
// journal has grown since the states were taken.

const decode = decodeEvent;

/** The entity views' states as their snapshot sections would hold them. */
function sectionsOf(models: ReadModels<EntityStates>): string {
  const c = { checkpoint: null, checkpointHash: null, folded: 0, maxOccurredAt: null };
  return JSON.stringify(encodeSnapshot(entityViews, { ...c, states: models.states }).sections);
}

async function replayed(store: EventStore, asAt: string, knownAt?: string): Promise<string> {
  const r = await readModels(store, {
    decode,
    asAt,
    ...(knownAt === undefined ? {} : { knownAt }),
  })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  expect(r.right.load.source).not.toBe('journal');
  return sectionsOf(r.right.models);
}

describe('readModelsFromJournal', () => {
  it('answers any window as a replay would, the journal grown after the cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 30 }),
        // Where the states are taken, and how far the follower folds after that.
        fc.integer({ min: 2, max: 32 }),
        fc.nat(10),
        fc.array(read, { minLength: 1, maxLength: 4 }),
        async (ops, cut, more, reads) => {
          const events = history(ops);
          const store = createMemoryStore({ clock });
          await appendAll(store, events.slice(0, cut));
          const live = new Projector(withEventJournal(readModelViews), { decode });
          const caught = await live.catchUp(store)();
          if (E.isLeft(caught)) throw new Error(caught.left.message);
          const taken = live.current();
          // The follower folds on: the journal grows past the states taken.
          await appendAll(store, events.slice(cut, cut + more));
          if (E.isLeft(await live.catchUp(store)())) throw new Error('catch-up failed');
          await appendAll(store, events.slice(cut + more));
          for (const { day, hours } of reads) {
            const asAt = day === undefined ? '9999-12-31' : dayOf(day);
            const knownAt = hours === undefined ? undefined : instant(hours);
            const r = await readModelsFromJournal(store, taken, {
              decode,
              asAt,
              ...(knownAt === undefined ? {} : { knownAt }),
            })();
            if (E.isLeft(r)) throw new Error(r.left.message);
            expect(r.right.load.source).toBe('journal');
            expect(sectionsOf(r.right.models)).toBe(await replayed(store, asAt, knownAt));
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 180_000);

  it('replays the log when the journal did not start with the states', async () => {
    const store = createMemoryStore({ clock });
    await appendAll(
      store,
      history([
        { risk: 0, kind: 'rescore', day: 3, hours: 1 },
        { risk: 0, kind: 'close', day: 20, hours: 1 },
      ]),
    );
    const live = new Projector(withEventJournal(readModelViews), { decode });
    const caught = await live.catchUp(store)();
    if (E.isLeft(caught)) throw new Error(caught.left.message);
    // States resumed from elsewhere: more events folded than the journal holds.
    const taken = { ...caught.right, folded: caught.right.folded + 1 };
    const r = await readModelsFromJournal(store, taken, { decode, asAt: dayOf(10) })();
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect(r.right.load.source).toBe('replayed');
    expect(r.right.load.snapshotProblem).toBe('its journal holds fewer events than were folded');
    expect(sectionsOf(r.right.models)).toBe(await replayed(store, dayOf(10)));
  });

  it('refuses a malformed as-at day with a tagged error naming the field', async () => {
    const store = createMemoryStore({ clock });
    const live = new Projector(withEventJournal(entityViews), { decode });
    const r = await readModelsFromJournal(store, live.current(), { decode, asAt: '2019-02-30' })();
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'InvalidTimeTravel', field: 'asAt' });
  });
});
