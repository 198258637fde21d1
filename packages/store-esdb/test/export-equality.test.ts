/**
 * The same commands through the file store and through the EventStoreDB adapter (on the
 * test double) give exports that are identical except `position` values and the header's
 * `exportedAt` (ARCHITECTURE.md, "Stores").
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { exportLog } from '@assure/audit';
import { openFileStore } from '@assure/store-file';
import { createEsdbStore } from '@assure/store-esdb';
import { EsdbDouble } from '@assure/store-esdb/testing';
import { expectSameExport, readCommandFile, replayAndExport } from '@assure/testing';

const COMMANDS = path.resolve(__dirname, '../../../examples/birmingham/commands.ndjson');
const STORE_CLOCK = () => new Date('2019-11-01T12:00:00.000Z');

describe('export equality: file store and EventStoreDB adapter (on the test double)', () => {
  let dir: string;
  let double: EsdbDouble;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assure-esdb-export-'));
    double = await EsdbDouble.start({
      batchAppend: true,
      firstPosition: 2n ** 53n + 17n,
      systemNoiseEvery: 5,
    });
  });
  afterAll(async () => {
    await double.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the Birmingham journey exports the same envelopes from both stores', async () => {
    const commands = readCommandFile(COMMANDS);
    const opened = await openFileStore(path.join(dir, 'events.ndjson'), {
      clock: STORE_CLOCK,
    })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const fileStore = opened.right;
    const fromFile = await replayAndExport(fileStore, commands, exportLog);
    await fileStore.close();

    const esdb = createEsdbStore(double.connectionString, { clock: STORE_CLOCK });
    if (E.isLeft(esdb)) throw new Error(esdb.left.message);
    const fromEsdb = await replayAndExport(esdb.right, commands, exportLog);
    await esdb.right.close();

    // Only positions differ, and they really do (EventStoreDB commit positions).
    expectSameExport(fromFile, fromEsdb, { differingLine: 1, minAccepted: 200 });
  });
});
