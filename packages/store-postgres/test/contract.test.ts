import { describeEventStoreContract } from '@assure/testing';
import { freshDatabase, openStore, type TestDatabase } from './support/db';

// The store contract against the real server: this file's own database, and a fresh schema
// (an empty store) for every test.
let db: TestDatabase;
let n = 0;
beforeAll(async () => {
  db = await freshDatabase(__filename);
});
afterAll(async () => {
  await db.drop();
});

describeEventStoreContract(
  'PostgreSQL store',
  async () => {
    n += 1;
    const store = await openStore(db.schemaUrl(`contract_${n}`), { pollIntervalMs: 200 });
    return { store, cleanup: () => store.close() };
  },
  { conditionalAppend: true, numRuns: 10 },
);

// Small read pages, so reads, batches and subscriptions cross page boundaries.
describeEventStoreContract(
  'PostgreSQL store, pages of 3 rows',
  async () => {
    n += 1;
    const store = await openStore(db.schemaUrl(`paged_${n}`), {
      readBatchSize: 3,
      pollIntervalMs: 200,
    });
    return { store, cleanup: () => store.close() };
  },
  { conditionalAppend: true, numRuns: 5 },
);
