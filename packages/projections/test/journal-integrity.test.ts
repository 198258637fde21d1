import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import type { Envelope, EventStore } from '@assure/event-store';
import {
  checkSnapshot,
  decodeProjectionEvent,
  DIGEST_MISMATCH,
  entityViews,
  fileSnapshotStore,
  readModels,
} from '@assure/projections';
import { decodeJournalSection, encodeJournalSection } from '../src/storage/journal-view';
import { Journal } from '../src/storage/journal';
import { birminghamJourney } from './fixtures';
import { resealSnapshot, snapshotParts } from './snapshot-edit';
import { tempDirPerTest } from './temp-dir';

// A snapshot's event journal is read strictly: a damaged one is never used (the log is
// replayed, with the reason), and `checkSnapshot` tells a forged one from the log's.

const decode = decodeProjectionEvent;
const clock = () => new Date('2020-01-01T00:00:00.000Z');
const PAST = '2019-03-01';
const dir = tempDirPerTest('assure-journal-integrity-');
let path: string;
beforeEach(() => {
  path = join(dir(), 'read-models.json');
});

async function read(store: EventStore, asAt?: string, snapshots = true) {
  const r = await readModels(store, {
    decode,
    clock,
    snapshots: snapshots ? fileSnapshotStore(path) : null,
    ...(asAt === undefined ? {} : { asAt }),
  })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return { ...r.right, status: JSON.stringify(r.right.models.status()) };
}

/** Rewrites the stored snapshot's journal section (digests recomputed unless `stale`). */
async function editJournal(edit: (bytes: Buffer) => Buffer, stale = false): Promise<void> {
  const parts = snapshotParts(await readFile(path));
  const bytes = parts.states['$journal'];
  if (!(bytes instanceof Uint8Array)) throw new Error('no journal in the snapshot');
  parts.states['$journal'] = edit(Buffer.from(bytes));
  await writeFile(path, resealSnapshot(parts, {}, stale ? ['$journal'] : []));
}

/** A journal section with its meta (JSON) changed. */
function withMeta(bytes: Buffer, change: (meta: Record<string, unknown>) => unknown): Buffer {
  const n = bytes.readUInt32LE(0);
  const meta = JSON.parse(bytes.toString('utf8', 4, 4 + n)) as Record<string, unknown>;
  const text = Buffer.from(JSON.stringify(change(meta)));
  const head = Buffer.alloc(4);
  head.writeUInt32LE(text.length, 0);
  return Buffer.concat([head, text, bytes.subarray(4 + n)]);
}

describe('the event journal of a snapshot', () => {
  it('answers a past day as the log does, and checks as the log rebuilt', async () => {
    const h = await birminghamJourney();
    const truth = (await read(h.store, PAST, false)).status;
    await read(h.store);
    const past = await read(h.store, PAST);
    expect(past.load.source).toBe('journal');
    expect(past.status).toBe(truth);
    const c = await checkSnapshot(h.store, entityViews, fileSnapshotStore(path), { decode })();
    expect(E.isRight(c) && c.right._tag).toBe('SnapshotMatches');
  });

  const damaged: [string, (b: Buffer) => Buffer, RegExp][] = [
    ['its last byte cut off', (b) => b.subarray(0, b.length - 1), /journal does not read/],
    ['a byte added', (b) => Buffer.concat([b, Buffer.of(0)]), /journal does not read/],
    ['no meta', () => Buffer.of(1, 0), /journal section: meta is missing/],
    ['meta past the end', (b) => withMeta(b, (m) => m).subarray(0, 10), /meta runs past/],
    [
      'meta not JSON',
      (b) => Buffer.concat([b.subarray(0, 4), Buffer.from('{').fill(0x7b)]),
      /meta/,
    ],
    [
      'a count that is not one',
      (b) => withMeta(b, (m) => ({ ...m, count: -1 })),
      /count is not a count/,
    ],
    [
      'strings repeated',
      (b) => withMeta(b, (m) => ({ ...m, strings: ['a', 'a'] })),
      /strings are not distinct/,
    ],
    [
      'a shape naming no string',
      (b) => withMeta(b, (m) => ({ ...m, shapes: [[1e6]] })),
      /shapes\[0\] names a key/,
    ],
    [
      'numbers not base64',
      (b) => withMeta(b, (m) => ({ ...m, numbers: '!!' })),
      /numbers is not base64/,
    ],
    [
      'strings missing',
      (b) => withMeta(b, (m) => ({ ...m, strings: [], shapes: [] })),
      /journal does not read/,
    ],
    [
      'more events than records',
      (b) => withMeta(b, (m) => ({ ...m, count: 1e6 })),
      /journal does not read/,
    ],
  ];
  it.each(damaged)(
    'damaged (%s), digest recomputed: not used, the log replayed, the reason given',
    async (_, edit, reason) => {
      const h = await birminghamJourney();
      const truth = (await read(h.store, PAST, false)).status;
      await read(h.store);
      await editJournal(edit);
      const past = await read(h.store, PAST);
      expect(past.load.source).toBe('replayed');
      expect(past.load.snapshotProblem).toMatch(reason);
      expect(past.status).toBe(truth);
    },
  );

  it('edited with its digest left alone: not used', async () => {
    const h = await birminghamJourney();
    await read(h.store);
    await editJournal(
      (b) => Buffer.concat([b.subarray(0, b.length - 1), Buffer.of((b[b.length - 1] ?? 0) ^ 1)]),
      true,
    );
    const past = await read(h.store, PAST);
    expect(past.load.source).toBe('replayed');
    expect(past.load.snapshotProblem).toBe(DIGEST_MISMATCH);
  });

  it('forged well formed (an event left out): checkSnapshot names it', async () => {
    const h = await birminghamJourney();
    await read(h.store);
    const events: Envelope[] = [];
    for await (const e of h.store.readAll()) events.push(e);
    await editJournal((b) => {
      expect(E.isRight(decodeJournalSection(b))).toBe(true);
      // The same events but the first: well formed, and not the log's.
      const fewer = new Journal();
      for (const e of events.slice(1)) fewer.add(e);
      return Buffer.from(encodeJournalSection(fewer));
    });
    const c = await checkSnapshot(h.store, entityViews, fileSnapshotStore(path), { decode })();
    if (E.isLeft(c)) throw new Error(c.left.message);
    expect(c.right).toMatchObject({ _tag: 'SnapshotMismatch', differs: ['$journal'] });
  });
});
