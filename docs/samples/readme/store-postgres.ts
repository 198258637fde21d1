import * as E from 'fp-ts/Either';
import { domainModel } from '@assure/domain';
import { createCommandHandler } from '@assure/event-store';
import { openPostgresStore } from '@assure/store-postgres';

/** The command handler over PostgreSQL, e.g. at 'postgres://postgres@127.0.0.1:5432/assure'. */
export async function overPostgres(url: string) {
  // migrate: true applies pending migrations on open (else run `assure migrate` first)
  const opened = await openPostgresStore(url, { migrate: true })();
  if (E.isLeft(opened)) throw new Error(opened.left.message); // StoreUnavailable: unreachable, not migrated
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
    if (E.isLeft(r)) throw new Error(r.left.message);
    const log: string[] = [];
    for await (const e of store.readAll())
      log.push(`${e.position} ${e.stream}@${e.revision} ${e.type}`);
    return log; // positions are 0, 1, 2... in commit order
  } finally {
    await store.close(); // ends the pool and any LISTEN connection
  }
}
