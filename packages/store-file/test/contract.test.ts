import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import type { BatchReader, EventStore, HeadConditionalAppend } from '@assure/event-store';
import { openFileStore } from '@assure/store-file';
import { describeEventStoreContract } from '@assure/testing';
import { recordingLogger, tempDir } from './helpers';

describeEventStoreContract(
  'file store (writer)',
  async () => {
    const { dir, cleanup } = tempDir();
    const opened = await openFileStore(join(dir, 'events.ndjson'), { logger: recordingLogger() })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const store = opened.right;
    return {
      store,
      cleanup: async () => {
        await store.close();
        cleanup();
      },
    };
  },
  { conditionalAppend: true },
);

// The same contract, reading through a separate read-only handle that follows the file while
// a writer appends: reads, head and subscriptions all go through the reader.
const writerAndReader = (check: 'full' | 'links') => async () => {
  const { dir, cleanup } = tempDir();
  const path = join(dir, 'events.ndjson');
  const w = await openFileStore(path, { logger: recordingLogger() })();
  if (E.isLeft(w)) throw new Error(w.left.message);
  const r = await openFileStore(path, {
    readOnly: true,
    pollIntervalMs: 2,
    logger: recordingLogger(),
    check,
  })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  const writer = w.right;
  const reader = r.right;
  const store: EventStore & BatchReader & HeadConditionalAppend = {
    append: (stream, events, expected) => writer.append(stream, events, expected),
    appendIfHead: (stream, events, expected, head) =>
      writer.appendIfHead(stream, events, expected, head),
    readStream: (stream, options) => reader.readStream(stream, options),
    readAll: (options) => reader.readAll(options),
    readAllBatches: (options) => reader.readAllBatches(options),
    subscribe: (options) => reader.subscribe(options),
    headPosition: () => reader.headPosition(),
    close: async () => {
      await reader.close();
      await writer.close();
    },
  };
  return {
    store,
    cleanup: async () => {
      await store.close();
      cleanup();
    },
  };
};

describeEventStoreContract(
  'file store (writer appends, read-only handle reads)',
  writerAndReader('full'),
  { conditionalAppend: true },
);
describeEventStoreContract(
  'file store (writer appends, read-only handle checking links only reads)',
  writerAndReader('links'),
  { conditionalAppend: true },
);
