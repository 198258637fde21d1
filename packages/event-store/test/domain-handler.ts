// The command handler over the real domain model that the handler tests share: a fixed
// clock and sequential ids, so that what a test writes is the same on every run.
import { domainModel } from '@assure/domain';
import { createCommandHandler, type EventStore } from '@assure/event-store';
import { sequentialIds } from '@assure/testing';

/** What a test may vary: the id prefix and the handler's tuning. */
export interface DomainHandlerOptions {
  readonly prefix?: string;
  readonly maxRetries?: number;
  readonly stateCacheEntries?: number;
}

/** A handler of the domain's commands over `store`, its clock at 2019-04-01T09:00Z. */
export function domainHandler(
  store: EventStore,
  { prefix = 'id', ...tuning }: DomainHandlerOptions = {},
) {
  return createCommandHandler({
    store,
    model: domainModel,
    clock: () => new Date('2019-04-01T09:00:00.000Z'),
    ids: sequentialIds(prefix),
    ...tuning,
  });
}
