import * as E from 'fp-ts/Either';
import type { EventStore } from '@assure/event-store';
import { fileSnapshotStore, fullReadModels, readModels } from '@assure/projections';

/** The read models as at a day, as known at an instant, and through a snapshot on disk. */
export async function readTheModels(store: EventStore, snapshotFile: string) {
  // Everything as at 15 March 2015, as it was recorded by the end of that day.
  const past = await fullReadModels(store, {
    asAt: '2015-03-15',
    knownAt: '2015-03-15T23:59:59.999Z',
  })();
  if (E.isLeft(past)) throw new Error(past.left.message); // an undecodable event, a store error…
  const m = past.right.models;
  const status = m.status(); // the `assure status --json` document (RAG policy bcc-cgip@2)
  const tracker = m.tracker(); // recommendations: due days, slippage, overdue as at the day
  const register = m.risks(); // the risk register and its 5x5 heat map
  const trail = m.trail({}); // one row per event folded: who, when, what, its hash

  // The entity views (status, tracker, risks, roster) through a snapshot: the first call folds
  // the whole log and saves it, the next ones load it and fold only the events after it.
  const now = await readModels(store, {
    asAt: '2020-01-01',
    snapshots: fileSnapshotStore(snapshotFile),
  })();
  if (E.isLeft(now)) throw new Error(now.left.message);
  return { status, tracker, register, trail, source: now.right.load.source };
}
