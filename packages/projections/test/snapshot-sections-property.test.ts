import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { decodeEvent } from '@assure/domain';
import { createMemoryStore, type EventStore } from '@assure/event-store';
import {
  encodeSnapshot,
  entityViews,
  fileSnapshotStore,
  loadOrBuild,
  memorySnapshotStore,
  Projector,
  type EntityStates,
  type ProjectionEvent,
  type SnapshotStore,
  type ViewSet,
} from '@assure/projections';
import { appendAll, clock, dayOf, history, op } from './risk-history';
import { snapshotParts } from './snapshot-edit';

// Whatever part of a sectioned snapshot a read asks for, at whatever day, with events
// appended after the snapshot was saved, each view's state is that of a full replay of the
// events valid on or before the day.

const decode = decodeEvent;
type Views = ViewSet<EntityStates, ProjectionEvent>;

/** Parts of the entity views a read may ask for (each a view set of its own). */
const parts: readonly (readonly (keyof EntityStates)[])[] = [
  ['programmes', 'recommendations', 'actions', 'risks', 'advisers', 'history'],
  ['risks', 'history'],
  ['programmes'],
  ['history', 'actions'],
];

function viewsOf(keys: readonly (keyof EntityStates)[]): Views {
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = entityViews[k];
  // Typed as the whole set: a part holds fewer keys, and is only iterated by its keys.
  return out as Views;
}

/** Each view's state as its snapshot section would hold it (the JSON text of its codec). */
function sectionsOf(views: Views, states: unknown): string {
  const c = { checkpoint: null, checkpointHash: null, folded: 0, maxOccurredAt: null };
  return JSON.stringify(encodeSnapshot(views, { ...c, states: states as EntityStates }).sections);
}

async function replayed(store: EventStore, views: Views, asAt: string): Promise<string> {
  const r = await new Projector(views, { decode, timeTravel: { asAt } }).catchUp(store)();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return sectionsOf(views, r.right.states);
}

async function loaded(store: EventStore, views: Views, snapshots: SnapshotStore, asAt: string) {
  const r = await loadOrBuild(store, views, snapshots, { decode, timeTravel: { asAt } })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  expect(r.right.snapshotProblem).toBeNull();
  return { sections: sectionsOf(views, r.right.result.states), source: r.right.source };
}

describe('a sectioned snapshot serves any part of its views as a replay would', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'assure-snap-sections-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let run = 0;

  it('any part, any day, events appended after the save: equal to a replay', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 30 }),
        // At least the programme's two events before the save (an empty log saves none).
        fc.integer({ min: 2, max: 32 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: parts.length - 1 }), fc.nat(45)), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.boolean(),
        async (ops, split, reads, onDisk) => {
          const events = history(ops);
          const store = createMemoryStore({ clock });
          await appendAll(store, events.slice(0, split));
          const snapshots = onDisk
            ? fileSnapshotStore(path.join(dir, `read-models-${run++}.json`))
            : memorySnapshotStore();
          // The full fold of the entity views, saved.
          await loaded(store, entityViews, snapshots, '9999-12-31');
          await appendAll(store, events.slice(split));
          for (const [part, day] of reads) {
            const views = viewsOf(parts[part] ?? []);
            const asAt = dayOf(day);
            const got = await loaded(store, views, snapshots, asAt);
            expect(got.sections).toBe(await replayed(store, views, asAt));
          }
          // A part never saved over the snapshot: it still holds every entity view, and
          // serves their full fold.
          const bytes = await snapshots.load()();
          if (E.isLeft(bytes) || bytes.right === null) throw new Error('no snapshot');
          expect(Object.keys(snapshotParts(bytes.right).head.views)).toEqual(
            Object.values(entityViews).map((v) => v.name),
          );
          const latest = await loaded(store, entityViews, snapshots, '9999-12-31');
          expect(latest.source).toBe('snapshot');
          expect(latest.sections).toBe(await replayed(store, entityViews, '9999-12-31'));
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
