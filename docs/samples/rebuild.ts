import * as E from 'fp-ts/Either';
import { readAllInBatches } from '@assure/event-store';
import {
  decodeProjectionEvent,
  Projector,
  readModelViews,
  statusReport,
} from '@assure/projections';
import { openFileStore } from '@assure/store-file';

/** Reads a file-store log twice: once by hand in batches, once to rebuild every read model. */
export async function rebuild(file: string, asAt: string) {
  const opened = await openFileStore(file, { readOnly: true })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const store = opened.right;
  try {
    // The store's own batches (one read chunk each): no promise per event.
    const byType = new Map<string, number>();
    for await (const batch of readAllInBatches(store))
      for (const e of batch) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);

    // A rebuild from zero reads the same way; every payload is decoded by the domain.
    const projector = new Projector(readModelViews, { decode: decodeProjectionEvent });
    const r = await projector.rebuild(store)();
    if (E.isLeft(r)) throw new Error(r.left.message);
    const status = statusReport(r.right.states, { asAt });
    return { byType, folded: r.right.folded, trailRows: r.right.states.trail.length, status };
  } finally {
    await store.close();
  }
}
