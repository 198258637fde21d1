import { createMemoryStore } from '@assure/event-store';
import { describeEventStoreContract } from '@assure/testing';

describeEventStoreContract(
  'memory store',
  async () => {
    const store = createMemoryStore();
    return { store, cleanup: () => store.close() };
  },
  { conditionalAppend: true },
);

describeEventStoreContract(
  'memory store, non-contiguous positions, yielding appends',
  async () => {
    const store = createMemoryStore({
      firstPosition: 1000n,
      positionStep: 7n,
      yieldOnAppend: true,
    });
    return { store, cleanup: () => store.close() };
  },
  { conditionalAppend: true },
);
