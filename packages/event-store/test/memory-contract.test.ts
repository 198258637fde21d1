import * as E from 'fp-ts/Either';
import { createMemoryStore, type PayloadDecoder } from '@assure/event-store';
import { describeEventStoreContract } from '@assure/testing';

describeEventStoreContract(
  'memory store',
  async () => {
    const store = createMemoryStore();
    return { store, cleanup: () => store.close() };
  },
  { conditionalAppend: true, retainsEnvelopes: true, syncStreamReads: true },
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
  { conditionalAppend: true, retainsEnvelopes: true, syncStreamReads: true },
);

/**
 * A payload check standing in for a domain's: rejects payloads with a `reject` key, decodes
 * schema version 1 as `{ type, data }` of the stored payload and older ones as an upcast.
 */
const checked: PayloadDecoder = (type, schemaVersion, data) =>
  typeof data === 'object' && data !== null && 'reject' in data
    ? E.left({ errors: [{ path: 'reject', message: 'rejected' }] })
    : E.right(schemaVersion === 1 ? { type, data } : { type, data, upcastFrom: schemaVersion });

describeEventStoreContract(
  'memory store checking payloads',
  async () => {
    const store = createMemoryStore({ decodePayloads: checked });
    return { store, cleanup: () => store.close() };
  },
  {
    conditionalAppend: true,
    retainsEnvelopes: true,
    syncStreamReads: true,
    payloadDecoder: checked,
  },
);
