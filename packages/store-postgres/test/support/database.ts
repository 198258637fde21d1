import { freshDatabase, type TestDatabase } from '@assure/store-postgres/testing';

/**
 * Registers hooks giving the tests of this file one fresh database: created before them
 * (`beforeAll`), dropped after (`afterAll`). Read it in hooks and tests registered after.
 */
export function useFreshDatabase(testFile: string): TestDatabase {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await freshDatabase(testFile);
  });
  afterAll(async () => {
    await db?.drop();
  });
  const current = (): TestDatabase => {
    if (db === undefined) throw new Error('the test database is read outside a test');
    return db;
  };
  return {
    get name() {
      return current().name;
    },
    get url() {
      return current().url;
    },
    schemaUrl: (schema) => current().schemaUrl(schema),
    drop: () => current().drop(),
  };
}
