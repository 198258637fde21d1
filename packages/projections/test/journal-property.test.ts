import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { decodeEvent } from '@assure/domain';
import { createMemoryStore, type EventStore } from '@assure/event-store';
import {
  checkSnapshot,
  encodeSnapshot,
  entityViews,
  fileSnapshotStore,
  loadOrBuild,
  memorySnapshotStore,
  Projector,
  type EntityStates,
  type SnapshotStore,
  type TimeTravel,
} from '@assure/projections';
import { appendAll, clock, dayOf, history, instant, op, read } from './risk-history';

// A snapshot with an event journal answers any as-at day and any known-at instant as a
// replay of the log inside that window would, whether the journal was written in one go or
// grown save after save; and the journal it grows is byte for byte the one a rebuild gives.

const decode = decodeEvent;

/** Each view's state as its snapshot section would hold it. */
function sectionsOf(states: EntityStates): string {
  const c = { checkpoint: null, checkpointHash: null, folded: 0, maxOccurredAt: null };
  return JSON.stringify(encodeSnapshot(entityViews, { ...c, states }).sections);
}

async function replayed(store: EventStore, timeTravel: TimeTravel): Promise<string> {
  const r = await new Projector(entityViews, { decode, timeTravel }).catchUp(store)();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return sectionsOf(r.right.states);
}

async function loaded(store: EventStore, snapshots: SnapshotStore, timeTravel: TimeTravel) {
  const r = await loadOrBuild(store, entityViews, snapshots, {
    decode,
    timeTravel,
    journal: true,
  })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  expect(r.right.snapshotProblem).toBeNull();
  expect(r.right.saveProblem).toBeNull();
  return { sections: sectionsOf(r.right.result.states), source: r.right.source };
}

describe('a snapshot with an event journal answers any window as a replay would', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'assure-journal-prop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let run = 0;

  it('any as-at and known-at, the journal grown over several saves, equal to a replay', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 30 }),
        // Where the log is cut between saves (the programme's two events come first).
        fc.uniqueArray(fc.integer({ min: 2, max: 32 }), { maxLength: 3 }),
        fc.array(read, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (ops, cuts, reads, onDisk) => {
          const events = history(ops);
          const store = createMemoryStore({ clock });
          const snapshots = onDisk
            ? fileSnapshotStore(path.join(dir, `read-models-${run++}.json`))
            : memorySnapshotStore();
          let done = 0;
          for (const cut of [...cuts].sort((a, b) => a - b)) {
            await appendAll(store, events.slice(done, cut));
            done = Math.max(done, cut);
            // As at today: the full fold, caught up and saved with its journal grown.
            await loaded(store, snapshots, { asAt: '9999-12-31' });
          }
          await appendAll(store, events.slice(done));
          for (const { day, hours } of reads) {
            const tt: TimeTravel = {
              asAt: day === undefined ? '9999-12-31' : dayOf(day),
              ...(hours === undefined ? {} : { knownAt: instant(hours) }),
            };
            const got = await loaded(store, snapshots, tt);
            expect(got.sections).toBe(await replayed(store, tt));
          }
          // The journal saved after all that is the one a rebuild from the log gives.
          await loaded(store, snapshots, { asAt: '9999-12-31' });
          const check = await checkSnapshot(store, entityViews, snapshots, { decode })();
          if (E.isLeft(check)) throw new Error(check.left.message);
          expect(check.right._tag).toBe('SnapshotMatches');
        },
      ),
      { numRuns: 60 },
    );
  }, 180_000);

  it('a past day is answered from the journal, not a replay of the log', async () => {
    const events = history([
      { risk: 0, kind: 'rescore', day: 3, hours: 1 },
      { risk: 0, kind: 'rescore', day: 9, hours: 1 },
      { risk: 0, kind: 'close', day: 20, hours: 1 },
    ]);
    const store = createMemoryStore({ clock });
    await appendAll(store, events);
    const snapshots = memorySnapshotStore();
    expect((await loaded(store, snapshots, { asAt: '9999-12-31' })).source).toBe('rebuilt');
    const past = await loaded(store, snapshots, { asAt: dayOf(10) });
    expect(past.source).toBe('journal');
    expect(past.sections).toBe(await replayed(store, { asAt: dayOf(10) }));
    const known = await loaded(store, snapshots, { knownAt: instant(2) });
    expect(known.source).toBe('journal');
    expect(known.sections).toBe(await replayed(store, { knownAt: instant(2) }));
  });
});
