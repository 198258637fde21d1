/**
 * The Birmingham journey through the file store and through the PostgreSQL store gives
 * exports identical except `position` values and the header's `exportedAt`. The seals are
 * left out, as in the EventStoreDB test: a seal's data names a global position, which by
 * design differs between stores (byte offsets in the file, 0, 1, 2... here).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { exportLog } from '@assure/audit';
import { openFileStore } from '@assure/store-file';
import { freshDatabase, openStore, type TestDatabase } from '@assure/store-postgres/testing';
import { expectSameExport, readCommandFile, replayAndExport } from '@assure/testing';

const COMMANDS = path.resolve(__dirname, '../../../examples/birmingham/commands.ndjson');
const STORE_CLOCK = () => new Date('2019-11-01T12:00:00.000Z');

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await freshDatabase(__filename);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assure-pg-export-'));
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('the Birmingham journey exports the same envelopes from the file store and from PostgreSQL', async () => {
  const commands = readCommandFile(COMMANDS);
  const opened = await openFileStore(path.join(dir, 'events.ndjson'), { clock: STORE_CLOCK })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const fromFile = await replayAndExport(opened.right, commands, exportLog);
  await opened.right.close();

  const pgStore = await openStore(db.schemaUrl('journey'), { clock: STORE_CLOCK });
  const fromPg = await replayAndExport(pgStore, commands, exportLog);
  await pgStore.close();

  // Only positions differ, and they really do (0, 1, 2... against byte offsets).
  expectSameExport(fromFile, fromPg, { differingLine: 2, minAccepted: 200 });
});
