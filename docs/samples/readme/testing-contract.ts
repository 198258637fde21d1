import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { openFileStore } from '@assure/store-file';
import { describeEventStoreContract } from '@assure/testing';

/** Called at the top of a jest test file: the whole contract suite against the file store. */
export function fileStoreContract() {
  describeEventStoreContract(
    'file store',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'assure-'));
      const opened = await openFileStore(join(dir, 'events.ndjson'))();
      if (E.isLeft(opened)) throw new Error(opened.left.message);
      const store = opened.right;
      return {
        store,
        cleanup: async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
    { numRuns: 10 },
  );
}
