import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import {
  decodeProjectionEvent,
  entityViews,
  fileSnapshotStore,
  loadOrBuild,
  memorySnapshotStore,
  Projector,
  readModels,
  snapshotDigest,
  statusReport,
  type EntityStates,
  type SnapshotDocument,
  type LoadResult,
} from '@assure/projections';
import type { EventStore } from '@assure/event-store';
import { tempDirPerTest } from './temp-dir';
import { birmingham, birminghamJourney, d } from './fixtures';

const decode = decodeProjectionEvent;
const dir = tempDirPerTest('assure-projections-');

async function load(store: EventStore, path: string, asAt?: string, knownAt?: string) {
  const r = await loadOrBuild(store, entityViews, fileSnapshotStore(path), {
    decode,
    timeTravel: {
      ...(asAt === undefined ? {} : { asAt }),
      ...(knownAt === undefined ? {} : { knownAt }),
    },
  })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

async function rebuild(store: EventStore, asAt?: string) {
  const p = new Projector(entityViews, {
    decode,
    ...(asAt === undefined ? {} : { timeTravel: { asAt } }),
  });
  const r = await p.catchUp(store)();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

const status = (r: { states: EntityStates }, asAt = '2020-01-01') =>
  statusReport(r.states, { asAt });

describe('loadOrBuild with a snapshot on disk', () => {
  it('builds and saves, then loads the snapshot and catches up only on what is new', async () => {
    const h = await birminghamJourney();
    const path = join(dir(), 'read-models.json');
    const first = await load(h.store, path);
    expect(first.source).toBe('rebuilt');
    expect(first.caughtUp).toBe(h.store.size);
    expect(first.snapshotProblem).toBeNull();
    expect(first.saveProblem).toBeNull();
    const saved = JSON.parse(await readFile(path, 'utf8')) as { checkpoint: string };
    expect(saved.checkpoint).toBe(String(h.store.size - 1));

    await h.add('RiskClosed', d('RiskClosed', { riskId: 'equal-pay', reason: 'Settled' }), {
      on: '2019-11-01',
    });
    const second = await load(h.store, path);
    expect(second.source).toBe('snapshot');
    expect(second.caughtUp).toBe(1);
    expect(status(second.result)).toEqual(status(await rebuild(h.store)));
    expect(second.result.states.risks.get('equal-pay')?.status).toBe('closed');

    const third = await load(h.store, path);
    expect(third.source).toBe('snapshot');
    expect(third.caughtUp).toBe(0);
    // Writes are atomic: no temporary file is left behind.
    expect(await readdir(dir())).toEqual(['read-models.json']);
  });

  it('rebuilds over an unparsable or invalid snapshot, and says why', async () => {
    const h = await birminghamJourney();
    const path = join(dir(), 'read-models.json');
    await writeFile(path, '{"format": "assure-projections-snap');
    const r = await load(h.store, path);
    expect(r.source).toBe('rebuilt');
    expect(r.snapshotProblem).toMatch(/unparsable/);
    expect(status(r.result)).toEqual(status(await rebuild(h.store)));
    // It was replaced by a good one.
    expect((await load(h.store, path)).source).toBe('snapshot');

    const doc = JSON.parse(await readFile(path, 'utf8')) as SnapshotDocument;
    (doc.views['risks'] as { state: unknown }).state = [['equal-pay', { id: 'equal-pay' }]];
    // With its digest recomputed, so that the state's own check is what refuses it.
    await writeFile(path, JSON.stringify({ ...doc, digest: snapshotDigest(doc) }));
    const bad = await load(h.store, path);
    expect(bad.source).toBe('rebuilt');
    expect(bad.snapshotProblem).toBe('view risks: its state does not decode');
  });

  it('rebuilds when the view version changed', async () => {
    const h = await birmingham();
    const path = join(dir(), 'read-models.json');
    await load(h.store, path);
    const bumped = { ...entityViews, risks: { ...entityViews.risks, version: 2 } };
    const r = await loadOrBuild(h.store, bumped, fileSnapshotStore(path), { decode })();
    expect(E.isRight(r) && r.right.snapshotProblem).toBe('view risks is at version 1, not 2');
  });

  it('rebuilds when the snapshot is of another log', async () => {
    const a = await birmingham();
    const b = await birminghamJourney();
    const path = join(dir(), 'read-models.json');
    await load(b.store, path);
    const r = await load(a.store, path);
    expect(r.source).toBe('rebuilt');
    expect(r.snapshotProblem).toBe('the event at its checkpoint is not in this log');
    expect(status(r.result)).toEqual(status(await rebuild(a.store)));
  });

  it('serves an as-at day on or after every event from the snapshot, and replays an earlier one', async () => {
    const h = await birminghamJourney();
    const path = join(dir(), 'read-models.json');
    await load(h.store, path);
    const late = await load(h.store, path, '2020-01-01');
    expect(late.source).toBe('snapshot');
    const early = await load(h.store, path, '2019-03-15');
    expect(early.source).toBe('replayed');
    expect(status(early.result, '2019-03-15')).toEqual(
      status(await rebuild(h.store, '2019-03-15'), '2019-03-15'),
    );
    const known = await load(h.store, path, '2020-01-01', '2019-03-15T00:00:00.000Z');
    expect(known.source).toBe('replayed');
    expect(known.result.states.actions.get('act-fin-01')?.status).toBe('planned');
  });

  it('replays an as-at day before the snapshot maxOccurredAt from its head alone, never parsing the rest', async () => {
    const h = await birminghamJourney();
    const path = join(dir(), 'read-models.json');
    await load(h.store, path);
    const text = await readFile(path, 'utf8');
    const doc = JSON.parse(text) as SnapshotDocument;
    expect(await fileSnapshotStore(path).peekMaxOccurredAt?.()).toBe(doc.maxOccurredAt);
    // Its views cut off: the head still says an event after the day was folded, so the
    // replay answers, and the damage is not reported (as when the whole file was parsed).
    await writeFile(path, text.slice(0, text.indexOf(',"views":') + 200));
    const early = await load(h.store, path, '2019-03-15');
    expect(early.source).toBe('replayed');
    expect(early.snapshotProblem).toBeNull();
    expect(status(early.result, '2019-03-15')).toEqual(
      status(await rebuild(h.store, '2019-03-15'), '2019-03-15'),
    );
    // A day after it: the full load finds the damage and rebuilds.
    const late = await load(h.store, path, '2020-01-01');
    expect(late.source).toBe('rebuilt');
    expect(late.snapshotProblem).toMatch(/unparsable/);
    // A head that understates it: the full load, then the replay, still answers the day.
    const saved = JSON.parse(await readFile(path, 'utf8')) as SnapshotDocument;
    await writeFile(path, JSON.stringify({ ...saved, maxOccurredAt: '2014-01-01T00:00:00.000Z' }));
    const lied = await load(h.store, path, '2019-03-15');
    expect(lied.source).toBe('replayed');
    expect(status(lied.result, '2019-03-15')).toEqual(
      status(await rebuild(h.store, '2019-03-15'), '2019-03-15'),
    );
    // No snapshot, or not one: nothing declared.
    expect(await fileSnapshotStore(join(dir(), 'none.json')).peekMaxOccurredAt?.()).toBeUndefined();
    await writeFile(path, '{"format":"assure-projections-snapshot","version":2,"views":{}}');
    expect(await fileSnapshotStore(path).peekMaxOccurredAt?.()).toBeUndefined();
  });

  it('refuses a malformed as-at day or known-at instant', async () => {
    const h = await birmingham();
    const r = await loadOrBuild(h.store, entityViews, null, {
      decode,
      timeTravel: { asAt: '2019-02-30' },
    })();
    expect(E.isLeft(r) && r.left._tag).toBe('InvalidTimeTravel');
    const k = await loadOrBuild(h.store, entityViews, null, {
      decode,
      timeTravel: { knownAt: '2019-03-15' },
    })();
    expect(E.isLeft(k) && k.left._tag === 'InvalidTimeTravel' && k.left.field).toBe('knownAt');
  });
});

describe('memory snapshot store', () => {
  it('keeps a copy that later folds do not touch', async () => {
    const h = await birminghamJourney();
    const snapshots = memorySnapshotStore();
    const clock = () => new Date('2020-01-01T00:00:00.000Z');
    const first = await readModels(h.store, { decode, snapshots, clock })();
    expect(E.isRight(first) && first.right.load.source).toBe('rebuilt');
    const text = snapshots.text();
    await h.add('RiskClosed', d('RiskClosed', { riskId: 'equal-pay', reason: 'Settled' }), {
      on: '2019-11-01',
    });
    const second = await readModels(h.store, { decode, snapshots, clock })();
    if (E.isLeft(second)) throw new Error(second.left.message);
    const load: Omit<LoadResult<unknown>, 'result'> = second.right.load;
    expect(load.source).toBe('snapshot');
    expect(load.caughtUp).toBe(1);
    expect(snapshots.text()).not.toEqual(text);
    expect(second.right.models.risks().rows.find((r) => r.id === 'equal-pay')?.status).toBe(
      'closed',
    );
  });
});
