import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import {
  checkSnapshot,
  decodeProjectionEvent,
  DIGEST_MISMATCH,
  entityViews,
  fileSnapshotStore,
  readModels,
  snapshotDigest,
  type SnapshotCheck,
} from '@assure/projections';
import type { EventStore } from '@assure/event-store';
import { tempDirPerTest } from './temp-dir';
import { birmingham, birminghamJourney, d } from './fixtures';
import { resealSnapshot, snapshotParts, type SnapshotParts } from './snapshot-edit';

const decode = decodeProjectionEvent;
const clock = () => new Date('2020-01-01T00:00:00.000Z');
/** A recommendation of the journey, `agreed` in the log. */
const REC = 'rec-2018-s24-03';

const dir = tempDirPerTest('assure-snapshot-integrity-');
let path: string;
beforeEach(() => {
  path = join(dir(), 'read-models.json');
});

async function read(store: EventStore) {
  const r = await readModels(store, { decode, clock, snapshots: fileSnapshotStore(path) })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

const statusOf = (m: Awaited<ReturnType<typeof read>>, id: string) =>
  m.models.tracker().rows.find((row) => row.id === id)?.status;

async function storedDocument(): Promise<SnapshotParts> {
  return snapshotParts(await readFile(path));
}

/** Rewrites the stored snapshot with a recommendation's status changed. */
async function forge(status: string, recomputeDigest: boolean): Promise<void> {
  const doc = await storedDocument();
  const recs = doc.states['recommendations'] as [string, Record<string, unknown>][];
  const entry = recs.find(([id]) => id === REC);
  if (entry === undefined) throw new Error(`${REC} is not in the snapshot`);
  entry[1]['status'] = status;
  await writeFile(path, resealSnapshot(doc, {}, recomputeDigest ? [] : ['recommendations']));
}

async function check(store: EventStore): Promise<SnapshotCheck> {
  const r = await checkSnapshot(store, entityViews, fileSnapshotStore(path), { decode })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

describe('a snapshot carries a digest of its contents', () => {
  it('is saved with the digest of its states and checkpoint', async () => {
    const h = await birminghamJourney();
    await read(h.store);
    const { head } = await storedDocument();
    expect(head.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshotDigest(head)).toBe(head.digest);
    expect(snapshotDigest({ ...head, checkpoint: '0' })).not.toBe(head.digest);
    for (const s of Object.values(head.views)) expect(s.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a header edited with its digest left alone is not used either', async () => {
    const h = await birminghamJourney();
    await read(h.store);
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace(/"folded":\d+/, '"folded":1'));
    const r = await read(h.store);
    expect(r.load.source).toBe('rebuilt');
    expect(r.load.snapshotProblem).toBe(DIGEST_MISMATCH);
  });

  it('an edited status with the digest left alone is not shown: rebuilt from the log, with the reason', async () => {
    const h = await birminghamJourney();
    expect(statusOf(await read(h.store), REC)).toBe('agreed');
    await forge('closed', false);
    const r = await read(h.store);
    expect(r.load.source).toBe('rebuilt');
    expect(r.load.snapshotProblem).toBe(DIGEST_MISMATCH);
    expect(statusOf(r, REC)).toBe('agreed');
    // Rebuilt over: the next read uses a good snapshot again.
    const again = await read(h.store);
    expect(again.load.source).toBe('snapshot');
    expect(statusOf(again, REC)).toBe('agreed');
  });
});

describe('checkSnapshot: a snapshot compared with the log rebuilt up to its checkpoint', () => {
  it('a genuine snapshot matches, also when the log has grown since it was saved', async () => {
    const h = await birminghamJourney();
    expect(await check(h.store)).toEqual({ _tag: 'NoSnapshot' });
    await read(h.store);
    const checkpoint = (await storedDocument()).head.checkpoint;
    expect(await check(h.store)).toEqual({ _tag: 'SnapshotMatches', checkpoint });
    await h.add('RiskClosed', d('RiskClosed', { riskId: 'equal-pay', reason: 'Settled' }), {
      on: '2019-11-01',
    });
    expect(await check(h.store)).toEqual({ _tag: 'SnapshotMatches', checkpoint });
  });

  it('an edited status with its digest recomputed (which reads cannot tell) is a mismatch naming the view', async () => {
    const h = await birminghamJourney();
    await read(h.store);
    await forge('closed', true);
    // The documented limit: a snapshot whose digest is recomputed loads like a genuine one.
    expect(statusOf(await read(h.store), REC)).toBe('closed');
    const c = await check(h.store);
    expect(c).toMatchObject({ _tag: 'SnapshotMismatch', differs: ['recommendations'] });
    expect(c._tag === 'SnapshotMismatch' && c.reason).toMatch(
      /differs from the log rebuilt up to position \d+: recommendations/,
    );
  });

  it('forged counters are a mismatch too', async () => {
    const h = await birminghamJourney();
    await read(h.store);
    const doc = await storedDocument();
    const forged = { folded: doc.head.folded - 1, maxOccurredAt: '2014-01-01' };
    await writeFile(path, resealSnapshot(doc, forged));
    expect(await check(h.store)).toMatchObject({
      _tag: 'SnapshotMismatch',
      differs: ['folded', 'maxOccurredAt'],
    });
  });

  it('a damaged snapshot or one of another log is a mismatch; one of other versions is stale', async () => {
    const h = await birminghamJourney();
    await read(h.store);
    await forge('closed', false);
    expect(await check(h.store)).toEqual({
      _tag: 'SnapshotMismatch',
      checkpoint: null,
      differs: [],
      reason: DIGEST_MISMATCH,
    });

    const other = await birmingham();
    await rm(path);
    await read(other.store);
    expect(await check(h.store)).toMatchObject({
      _tag: 'SnapshotMismatch',
      reason: 'the event at its checkpoint is not in this log',
    });

    // A version 3 snapshot: one JSON document of every state.
    const { head, states } = await storedDocument();
    await writeFile(path, JSON.stringify({ ...head, version: 3, views: states }));
    expect(await check(other.store)).toEqual({
      _tag: 'SnapshotStale',
      reason: 'not a snapshot document of this format version',
    });
  });
});
