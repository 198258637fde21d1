import * as E from 'fp-ts/Either';
import { createMemoryStore } from '@assure/event-store';
import { decodeProjectionEvent, Projector, readModelViews } from '@assure/projections';
import { generateHistory } from '@assure/testing';

/** An app's in-memory log that checks every payload on append, then a rebuild from it. */
export async function memoryStore(events: number) {
  // Checked with the domain's decoder: a bad payload is refused before anything is written.
  const store = createMemoryStore({ decodePayloads: decodeProjectionEvent });
  for (const { stream, event } of generateHistory(events)) {
    const r = await store.append(stream, [event], 'any')();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
  const refused = await store.append(
    'risk-equal-pay',
    [
      {
        eventId: 'bad-1',
        type: 'RiskClosed',
        schemaVersion: 1,
        data: { riskId: 'Equal Pay!', reason: 'Settlements agreed' },
        meta: { actor: 'officer-cfo', role: 'officer', occurredAt: '2019-03-12T00:00:00.000Z' },
      },
    ],
    'any',
  )();

  // The same decoder: the rebuild takes the store's decodings, and the trail keeps the
  // store's own envelopes by reference (they are frozen and live as long as the store).
  const projector = new Projector(readModelViews, { decode: decodeProjectionEvent });
  const r = await projector.rebuild(store)();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return {
    refused: E.isLeft(refused) ? refused.left : null,
    logSize: store.size,
    folded: r.right.folded,
    lastRow: r.right.states.trail.row(r.right.states.trail.length - 1),
  };
}
