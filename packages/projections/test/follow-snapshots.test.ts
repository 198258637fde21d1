import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { createMemoryStore } from '@assure/event-store';
import { openFileStore } from '@assure/store-file';
import {
  decodeProjectionEvent,
  encodeSnapshot,
  entityViews,
  fileSnapshotStore,
  followWithSnapshots,
  memorySnapshotStore,
  Projector,
  readModelViews,
  type EntityStates,
  type SnapshotStore,
} from '@assure/projections';
import { generateHistory, portOnly } from '@assure/testing';
import type { EventStore } from '@assure/event-store';
import { tempDirPerTest } from './temp-dir';
import { birminghamJourney, d, type History } from './fixtures';
import { snapshotParts } from './snapshot-edit';

const decode = decodeProjectionEvent;
const dir = tempDirPerTest('assure-follow-');

/** Appends the n-th monthly review of the equal pay risk (n from 1 to 9). */
const progress = (h: History, n: number) =>
  h.add(
    'RiskReviewed',
    d('RiskReviewed', {
      riskId: 'equal-pay',
      likelihood: 4,
      impact: 5,
      rationale: `Monthly review ${n}`,
      current: { likelihood: 4, impact: 5 },
      nextReviewOn: `2019-0${n}-28`,
    }),
    { on: `2019-0${n}-01` },
  );

/** The snapshot file's checkpoint. */
async function savedCheckpoint(path: string): Promise<unknown> {
  return snapshotParts(await readFile(path)).head.checkpoint;
}

async function rebuilt(h: History): Promise<EntityStates> {
  const r = await new Projector(entityViews, { decode }).catchUp(h.store)();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right.states;
}

/**
 * The store with a promise that settles when someone subscribes: a follower subscribes once
 * its first catch-up is done, so what is appended after that reaches it live.
 */
function watched(h: { readonly store: EventStore }): { store: EventStore; live: Promise<void> } {
  let subscribed: () => void = () => undefined;
  const live = new Promise<void>((resolve) => {
    subscribed = resolve;
  });
  const inner = portOnly(h.store);
  return {
    store: {
      ...inner,
      subscribe: (options) => {
        subscribed();
        return inner.subscribe(options);
      },
    },
    live,
  };
}

/**
 * Follows with snapshots; once live, `during` appends events, and following stops after
 * the change at the position `during` returns (the last one it appended).
 */
async function follow(
  h: History,
  snapshots: SnapshotStore,
  saveEvery: number,
  during: () => Promise<string>,
) {
  const stop = new AbortController();
  let last: string | null = null;
  const changes: string[] = [];
  const { store, live } = watched(h);
  const running = followWithSnapshots(store, entityViews, snapshots, {
    decode,
    signal: stop.signal,
    saveEvery,
    onChange: (position) => {
      changes.push(position);
      if (position === last) stop.abort();
    },
  })();
  await live;
  last = await during();
  if (changes.includes(last)) stop.abort();
  const r = await running;
  return { r, changes };
}

describe('followWithSnapshots', () => {
  it('saves every N changes and at the stop; a restart loads it and folds only what is new', async () => {
    const h = await birminghamJourney();
    const path = join(dir(), 'read-models.json');
    const { r, changes } = await follow(h, fileSnapshotStore(path), 2, async () => {
      await progress(h, 1);
      await progress(h, 2);
      return progress(h, 3);
    });
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect(r.right.load).toMatchObject({ source: 'rebuilt', snapshotProblem: null });
    expect(changes).toHaveLength(3);
    // One save after the second change, one at the stop.
    expect(r.right.saves).toBe(2);
    expect(r.right.saveProblem).toBeNull();
    expect(r.right.result.checkpoint).toBe(String(h.store.size - 1));
    expect(await savedCheckpoint(path)).toBe(r.right.result.checkpoint);
    expect(r.right.result.states).toEqual(await rebuilt(h));

    // Two events while the app is down, one after it starts again.
    await progress(h, 4);
    await progress(h, 5);
    const again = await follow(h, fileSnapshotStore(path), 100, () => progress(h, 6));
    if (E.isLeft(again.r)) throw new Error(again.r.left.message);
    expect(again.r.right.load).toMatchObject({ source: 'snapshot', caughtUp: 2 });
    expect(again.changes).toEqual([String(h.store.size - 1)]);
    expect(again.r.right.saves).toBe(1);
    expect(await savedCheckpoint(path)).toBe(String(h.store.size - 1));
    expect(again.r.right.result.states).toEqual(await rebuilt(h));
  });

  it('follows a file store live and restarts from the snapshot it saved', async () => {
    const opened = await openFileStore(join(dir(), 'events.ndjson'))();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    const file = opened.right;
    try {
      const history = [...generateHistory(80, { seed: 7 })];
      const append = async (i: number): Promise<string> => {
        const g = history[i];
        if (g === undefined) throw new Error('no such event');
        const r = await file.append(g.stream, [g.event], 'any')();
        if (E.isLeft(r)) throw new Error(r.left.message);
        return r.right.position;
      };
      for (let i = 0; i < 50; i++) await append(i);
      const path = join(dir(), 'read-models.json');
      const { store, live } = watched({ store: file });
      const stop = new AbortController();
      let last: string | null = null;
      const changes: string[] = [];
      const running = followWithSnapshots(store, readModelViews, fileSnapshotStore(path), {
        decode,
        signal: stop.signal,
        saveEvery: 10,
        onChange: (position) => {
          changes.push(position);
          if (position === last) stop.abort();
        },
      })();
      await live;
      let end = '';
      for (let i = 50; i < 80; i++) end = await append(i);
      // Set once every event is appended: the follower may already be past some of them.
      last = end;
      if (changes.includes(end)) stop.abort();
      const r = await running;
      if (E.isLeft(r)) throw new Error(r.left.message);
      expect(r.right.load).toMatchObject({ source: 'rebuilt', caughtUp: 50 });
      expect(r.right.saves).toBe(3);
      expect(await savedCheckpoint(path)).toBe(last);

      const again = await followWithSnapshots(file, readModelViews, fileSnapshotStore(path), {
        decode,
        signal: AbortSignal.abort(),
      })();
      if (E.isLeft(again)) throw new Error(again.left.message);
      expect(again.right.load).toMatchObject({ source: 'snapshot', caughtUp: 0 });
      const rebuilt = await new Projector(readModelViews, { decode }).catchUp(file)();
      if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message);
      expect(again.right.result.folded).toBe(80);
      expect(JSON.stringify(encodeSnapshot(readModelViews, again.right.result))).toBe(
        JSON.stringify(encodeSnapshot(readModelViews, rebuilt.right)),
      );
    } finally {
      await file.close();
    }
  });

  it('goes on following when a save fails, and reports why', async () => {
    const h = await birminghamJourney();
    const memory = memorySnapshotStore();
    let failing = false;
    const flaky: SnapshotStore = {
      location: 'flaky',
      load: () => memory.load(),
      save: (doc) =>
        failing
          ? () =>
              Promise.resolve(
                E.left({
                  _tag: 'SnapshotIoFailed',
                  path: 'flaky',
                  cause: 'ENOSPC',
                  message: 'snapshot storage flaky: ENOSPC',
                }),
              )
          : memory.save(doc),
    };
    const { r } = await follow(h, flaky, 1, async () => {
      failing = true;
      await progress(h, 1);
      return progress(h, 2);
    });
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect(r.right.saves).toBe(0);
    expect(r.right.saveProblem).toBe('snapshot storage flaky: ENOSPC');
    expect(r.right.result.states).toEqual(await rebuilt(h));
    // The snapshot saved before following (by the initial catch-up) is still the one stored.
    const stored = snapshotParts(memory.text() ?? '').head;
    expect(Number(stored.checkpoint)).toBe(h.store.size - 3);
  });

  it('stops at an undecodable event, keeping the last snapshot saved before it', async () => {
    const h = await birminghamJourney();
    const path = join(dir(), 'read-models.json');
    const { store, live } = watched(h);
    const running = followWithSnapshots(store, entityViews, fileSnapshotStore(path), {
      decode,
      saveEvery: 1,
    })();
    await live;
    const good = await progress(h, 1);
    const bad = await h.raw(
      'risk-equal-pay',
      'RiskReviewed',
      { riskId: 'equal-pay', likelihood: 9, impact: 5 },
      { on: '2019-02-01' },
    );
    const r = await running;
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'EventUndecodable', position: bad });
    expect(await savedCheckpoint(path)).toBe(good);
  });

  it('refuses a saveEvery that is not a positive integer, before reading anything', async () => {
    const h = await birminghamJourney();
    const snapshots = memorySnapshotStore();
    for (const saveEvery of [0, -1, 1.5, Number.NaN])
      expect(() =>
        followWithSnapshots(h.store, entityViews, snapshots, { decode, saveEvery }),
      ).toThrow(new RangeError(`saveEvery: expected a positive integer, got ${saveEvery}`));
    expect(snapshots.text()).toBeNull();
  });
});

describe('followWithSnapshots over random sessions', () => {
  type Session = {
    readonly whileDown: number;
    readonly live: number;
    readonly saveEvery: number;
    readonly crash: boolean;
  };
  const session: fc.Arbitrary<Session> = fc.record({
    whileDown: fc.integer({ min: 0, max: 30 }),
    live: fc.integer({ min: 0, max: 30 }),
    saveEvery: fc.integer({ min: 1, max: 12 }),
    crash: fc.boolean(),
  });

  it('ends every session, and a last restart, with the states of a rebuild; a restart folds only what came after the last save', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(session, { minLength: 1, maxLength: 6 }),
        async (seed, sessions) => {
          const total = sessions.reduce((n, s) => n + s.whileDown + s.live, 0);
          const events = [...generateHistory(total, { seed, backdated: 0.2 })];
          const store = createMemoryStore({ decodePayloads: decode });
          let appended = 0;
          const append = async (): Promise<string> => {
            const g = events[appended++];
            if (g === undefined) throw new Error('no more events');
            const r = await store.append(g.stream, [g.event], 'any')();
            if (E.isLeft(r)) throw new Error(r.left.message);
            return r.right.position;
          };
          // The disk: a crashed process writes nothing more.
          const disk = memorySnapshotStore();
          let crashed = false;
          const snapshots: SnapshotStore = {
            location: 'disk',
            load: () => disk.load(),
            save: (doc) => (crashed ? () => Promise.resolve(E.right(undefined)) : disk.save(doc)),
          };
          const savedCheckpoint = () =>
            (disk.text() === null ? { checkpoint: null } : snapshotParts(disk.text() ?? '').head)
              .checkpoint;
          const rebuiltJson = async () => {
            const r = await new Projector(readModelViews, { decode }).catchUp(store)();
            if (E.isLeft(r)) throw new Error(r.left.message);
            return JSON.stringify(encodeSnapshot(readModelViews, r.right));
          };

          for (const s of sessions) {
            for (let i = 0; i < s.whileDown; i++) await append();
            const before = savedCheckpoint();
            const stop = new AbortController();
            let last: string | null = null;
            const seen: string[] = [];
            const { store: watchedStore, live } = watched({ store });
            const running = followWithSnapshots(watchedStore, readModelViews, snapshots, {
              decode,
              signal: stop.signal,
              saveEvery: s.saveEvery,
              onChange: (position) => {
                seen.push(position);
                if (position === last) {
                  if (s.crash) crashed = true;
                  stop.abort();
                }
              },
            })();
            await live;
            let end: string | null = null;
            for (let i = 0; i < s.live; i++) end = await append();
            // Set once every event is appended: the follower may already be past some of them.
            last = end;
            if (last === null || seen.includes(last)) {
              if (s.crash) crashed = true;
              stop.abort();
            }
            const r = await running;
            crashed = false;
            if (E.isLeft(r)) throw new Error(r.left.message);
            // The load caught up on exactly what came after the snapshot it found.
            const expectedCaughtUp =
              before === null ? appended - s.live : appended - s.live - 1 - Number(before);
            expect(r.right.load.caughtUp).toBe(expectedCaughtUp);
            expect(seen).toHaveLength(s.live);
            // A clean stop leaves the snapshot at the end of the log.
            if (!s.crash && appended > 0) expect(savedCheckpoint()).toBe(String(appended - 1));
            expect(JSON.stringify(encodeSnapshot(readModelViews, r.right.result))).toBe(
              await rebuiltJson(),
            );
          }
          // A last restart, after the last session (crashed or not).
          const before = savedCheckpoint();
          const final = await followWithSnapshots(store, readModelViews, snapshots, {
            decode,
            signal: AbortSignal.abort(),
          })();
          if (E.isLeft(final)) throw new Error(final.left.message);
          expect(final.right.load.caughtUp).toBe(
            before === null ? appended : appended - 1 - Number(before),
          );
          expect(JSON.stringify(encodeSnapshot(readModelViews, final.right.result))).toBe(
            await rebuiltJson(),
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});
