import * as E from 'fp-ts/Either';
import { domainModel } from '@assure/domain';
import { createCommandHandler, createMemoryStore, readAllInBatches } from '@assure/event-store';

/** Handles a command twice with one command id, then reads the log. */
export async function handleACommand() {
  const store = createMemoryStore();
  const handler = createCommandHandler({ store, model: domainModel, maxRetries: 5 });
  const establish = () =>
    handler.handle(
      {
        type: 'EstablishProgramme',
        data: {
          programmeId: 'bcc',
          title: 'Improvement programme',
          body: 'Birmingham City Council',
          phase: 'Kerslake review response',
        },
      },
      { actor: 'pmo-admin', role: 'admin', occurredAt: '2014-12-09', commandId: 'cmd-0001' },
    )();

  // Either<ValidationFailed | DomainError | StoreError, { stream, nextRevision, position, events }>
  const first = await establish();
  if (E.isLeft(first)) throw new Error(first.left.message);
  const again = await establish(); // the same commandId: the first result, nothing written

  const log: string[] = [];
  for await (const batch of readAllInBatches(store))
    for (const e of batch) log.push(`${e.position} ${e.stream}@${e.revision} ${e.type}`);
  return {
    log,
    sameEvents: E.isRight(again) && again.right.events[0]?.hash === first.right.events[0]?.hash,
  };
}
