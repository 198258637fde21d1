import { perTest } from '@assure/testing';
import { freshDatabase, type TestDatabase } from '@assure/store-postgres/testing';

/**
 * Gives the tests of this file one fresh database: created before them, dropped after.
 * Read it (`db()`) in hooks and tests registered after this call.
 */
export function useFreshDatabase(testFile: string): () => TestDatabase {
  return perTest(
    () => freshDatabase(testFile),
    (db) => db.drop(),
    'all',
  );
}
