import { describeEventStoreContract } from '@assure/testing';
import { openStore } from '@assure/store-postgres/testing';
import { useFreshDatabase } from './support/database';

// The store contract against the real server: this file's own database, and a fresh schema
// (an empty store) for every test.
const db = useFreshDatabase(__filename);
let n = 0;

describeEventStoreContract(
  'PostgreSQL store',
  async () => {
    n += 1;
    const store = await openStore(db().schemaUrl(`contract_${n}`), { pollIntervalMs: 200 });
    return { store, cleanup: () => store.close() };
  },
  { conditionalAppend: true, numRuns: 10 },
);

// Small read pages, so reads, batches and subscriptions cross page boundaries.
describeEventStoreContract(
  'PostgreSQL store, pages of 3 rows',
  async () => {
    n += 1;
    const store = await openStore(db().schemaUrl(`paged_${n}`), {
      readBatchSize: 3,
      pollIntervalMs: 200,
    });
    return { store, cleanup: () => store.close() };
  },
  { conditionalAppend: true, numRuns: 5 },
);
