import * as E from 'fp-ts/Either';
import { describeEventStoreContract, proposedEvent, type StoreUnderTest } from '@assure/testing';
import { createEsdbStore, type EsdbStoreOptions } from '@assure/store-esdb';
import { EsdbDouble, type EsdbDoubleOptions } from '@assure/store-esdb/testing';

function open(connectionString: string, options: EsdbStoreOptions = {}) {
  const store = createEsdbStore(connectionString, options);
  if (E.isLeft(store)) throw new Error(store.left.message);
  return store.right;
}

/** A fresh double (and a fresh client) for every test. */
const onDouble =
  (options: EsdbDoubleOptions, storeOptions: EsdbStoreOptions = {}) =>
  async (): Promise<StoreUnderTest> => {
    const double = await EsdbDouble.start(options);
    const store = open(double.connectionString, storeOptions);
    return {
      store,
      cleanup: async () => {
        await store.close();
        await double.stop();
      },
    };
  };

// BatchAppend advertised (the client appends through Streams/BatchAppend); positions beyond
// 2^53 and system events in $all, which the adapter must skip.
describeEventStoreContract(
  'EventStoreDB adapter on the test double, BatchAppend advertised',
  onDouble({ batchAppend: true, firstPosition: 2n ** 60n, systemNoiseEvery: 3 }),
  { numRuns: 10 },
);

// BatchAppend not advertised (the client falls back to Streams/Append); the store keeps
// its streams under a prefix, beside another project's streams it must not see.
describeEventStoreContract(
  'EventStoreDB adapter on the test double, Append only, prefixed streams',
  async () => {
    const double = await EsdbDouble.start({ batchAppend: false, systemNoiseEvery: 2 });
    const neighbour = open(double.connectionString);
    await neighbour.append('risk-equal-pay', [proposedEvent()], 'no-stream')();
    await neighbour.close();
    const store = open(double.connectionString, { streamPrefix: 'assure.' });
    return {
      store,
      cleanup: async () => {
        await store.close();
        await double.stop();
      },
    };
  },
  { numRuns: 10 },
);

// ServerFeatures unimplemented (a 20.6 server): nothing optional is used; small read pages.
describeEventStoreContract(
  'EventStoreDB adapter on the test double, ServerFeatures unimplemented',
  onDouble({ batchAppend: false, featuresUnimplemented: true }, { readPageSize: 7 }),
  { numRuns: 5 },
);

const real = process.env['ESDB_CONNECTION_STRING'];
if (real === undefined || real === '') {
  describe.skip('EventStoreDB adapter on a real EventStoreDB (set ESDB_CONNECTION_STRING)', () => {
    it.skip('store contract suite against a real server', () => undefined);
  });
} else {
  // A real server cannot be emptied between tests: each test's store lives under its own
  // stream prefix, so it starts empty however much the server already holds.
  const run = `assure-contract-${Date.now().toString(36)}`;
  let n = 0;
  describeEventStoreContract(
    'EventStoreDB adapter on a real server (ESDB_CONNECTION_STRING)',
    async () => {
      n += 1;
      const store = open(real, { streamPrefix: `${run}-${n}.` });
      return { store, cleanup: () => store.close() };
    },
    { numRuns: 3, writers: 5 },
  );
}
