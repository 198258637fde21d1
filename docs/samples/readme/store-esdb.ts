import * as E from 'fp-ts/Either';
import { domainModel } from '@assure/domain';
import { createCommandHandler } from '@assure/event-store';
import { createEsdbStore } from '@assure/store-esdb';

/** The command handler over EventStoreDB, e.g. at 'esdb://localhost:2113?tls=false'. */
export async function overEventStoreDb(url: string) {
  const opened = createEsdbStore(url); // Either<StoreUnavailable, EventStore>; connects lazily
  if (E.isLeft(opened)) throw new Error(opened.left.message); // not a URL the client accepts
  const store = opened.right;
  try {
    const handler = createCommandHandler({ store, model: domainModel });
    const r = await handler.handle(
      {
        type: 'EstablishProgramme',
        data: { programmeId: 'bcc', title: 'Improvement', body: 'Birmingham', phase: 'Panel' },
      },
      { actor: 'pmo-admin', role: 'admin', occurredAt: '2015-01-20' },
    )();
    // Left({ _tag: 'StoreUnavailable', cause }) when the server cannot be reached
    if (E.isLeft(r)) throw new Error(r.left.message);
    return r.right.position; // the $all commit position, as a decimal string
  } finally {
    await store.close(); // disposes the client
  }
}
