import { readFileSync, writeFileSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import { createMemoryStore, type EventStore } from '@assure/event-store';
import {
  checkProof,
  exportLog,
  importLog,
  proveConsistency,
  proveEvent,
  seal,
  verifyExport,
  verifyStore,
} from '@assure/audit';
import { portOnly } from '@assure/testing';
import { right, storyEvent, storySpecs, tempFiles } from './fixtures';

let tick = 0;
const clock = () => new Date(Date.UTC(2019, 3, 1, 9, 0, 0, tick++));

async function appendStory(store: EventStore, round = 0): Promise<void> {
  let n = 0;
  for (const s of storySpecs()) {
    n++;
    const stream = round === 0 ? s.stream : `${s.stream}-r${round}`;
    const p = storyEvent(s, `evt-${round}-${n}`, { commandId: `cmd-${round}-${n}` });
    right(await store.append(stream, [p], 'any')());
  }
}

const auditor = {
  actor: 'auditor-gt',
  role: 'auditor',
  now: () => new Date('2019-04-01T12:00:00.000Z'),
};

describe('seal, proofs, export and import on a live store', () => {
  const inDir = tempFiles('assure-audit-');

  it('seals, then verifies the store and its export with the seal as the witness', async () => {
    const store = createMemoryStore({ clock, positionStep: 5n });
    await appendStory(store);
    const s1 = right(await seal(store, auditor)());
    expect(s1.treeSize).toBe(storySpecs().length);
    expect(s1.lastPosition).toBe(String((storySpecs().length - 1) * 5));
    expect(BigInt(s1.position)).toBeGreaterThan(BigInt(s1.lastPosition));
    await appendStory(store, 1);
    const s2 = right(await seal(store, auditor)());
    expect(s2.treeSize).toBe(2 * storySpecs().length + 1);
    await appendStory(store, 2);

    const live = await verifyStore(store, { witness: { treeSize: s2.treeSize, root: s2.root } });
    expect(live.failures).toEqual([]);
    expect(live).toMatchObject({
      ok: true,
      sealsChecked: 2,
      witnessed: true,
      unsealedTail: storySpecs().length,
    });

    const file = inDir('export.ndjson');
    const ex = right(
      await exportLog(store, file, { now: () => new Date('2019-07-30T12:00:00.000Z') })(),
    );
    expect(ex.events).toBe(live.events);
    const header = JSON.parse(readFileSync(file, 'utf8').split('\n')[0]!);
    expect(header).toEqual({
      format: 'assure-export',
      version: 1,
      exportedAt: '2019-07-30T12:00:00.000Z',
      events: live.events,
    });
    const r = await verifyExport(file, { witness: { treeSize: s1.treeSize, root: s1.root } });
    expect(r).toMatchObject({
      ok: true,
      root: live.root,
      treeSize: live.treeSize,
      witnessed: true,
    });
    expect(r.unsealedTail).toBe(live.events - s1.treeSize - 1);
  });

  it('refuses a role that may not seal', async () => {
    const store = createMemoryStore({ clock });
    const r = await seal(store, { actor: 'officer-cfo', role: 'officer' })();
    expect(E.isLeft(r) && r.left._tag).toBe('Forbidden');
  });

  it('seals an empty log (tree size 0, the empty root)', async () => {
    const store = createMemoryStore({ clock });
    const s = right(await seal(store, auditor)());
    expect(s).toMatchObject({
      treeSize: 0,
      root: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    });
    expect((await verifyStore(store)).ok).toBe(true);
  });

  /** Seals twice while 30 writers append to the same memory store; returns the outcomes. */
  async function sealAmidWriters(conditional: boolean) {
    const memory = createMemoryStore({ clock, yieldOnAppend: true });
    // Without `appendIfHead` the seal can only detect a writer that slipped in (EventStoreDB).
    const store: EventStore = conditional ? memory : portOnly(memory);
    await appendStory(store);
    const writers = Array.from({ length: 30 }, (_, i) =>
      store.append(
        `risk-busy-${i % 3}`,
        [
          {
            eventId: `busy-${i}`,
            type: 'RiskClosed',
            schemaVersion: 1,
            data: { riskId: `busy-${i % 3}`, reason: 'settled' },
            meta: { actor: 'officer-cfo', role: 'officer', occurredAt: '2019-05-01T00:00:00.000Z' },
          },
        ],
        'any',
      )(),
    );
    const results = await Promise.all([seal(store, auditor)(), seal(store, auditor)()]);
    await Promise.all(writers);
    return { results, report: await verifyStore(store) };
  }

  it('describes exactly the prefix before the seal while others append concurrently', async () => {
    // The memory store orders the seal only on the head it sealed: no writer slips in.
    const { results, report } = await sealAmidWriters(true);
    for (const r of results) expect(E.isRight(r)).toBe(true);
    expect(report.ok).toBe(true);
    expect(report.sealsChecked).toBe(2);
  });

  it('without a conditional append, detects a writer that slipped in (SealRaced), which verify flags', async () => {
    const { results, report } = await sealAmidWriters(false);
    for (const r of results)
      expect(E.isRight(r) || (E.isLeft(r) && r.left._tag === 'SealRaced')).toBe(true);
    const raced = results.filter((r) => E.isLeft(r)).length;
    expect(report.failures.filter((f) => f.reason === 'seal-mismatch')).toHaveLength(raced);
    expect(report.sealsChecked).toBe(2);
  });

  it('proves an event and the consistency of two seals; the proofs check without the store', async () => {
    const store = createMemoryStore({ clock });
    await appendStory(store);
    const s1 = right(await seal(store, auditor)());
    await appendStory(store, 1);
    const s2 = right(await seal(store, auditor)());
    await appendStory(store, 2);

    const p = right(await proveEvent(store, 'evt-0-9')());
    expect(p).toMatchObject({ eventId: 'evt-0-9', leafIndex: 8 });
    expect(checkProof(JSON.parse(JSON.stringify(p)))).toEqual({
      kind: 'inclusion',
      ok: true,
      witnessed: false,
    });
    const atSeal = right(await proveEvent(store, 'evt-0-9', { treeSize: s1.treeSize })());
    expect(atSeal.root).toBe(s1.root);
    expect(checkProof(atSeal).ok).toBe(true);
    // Held to a witnessed root: the seal's reaches it; the live tree's root does not.
    const witness = { treeSize: s1.treeSize, root: s1.root };
    expect(checkProof(atSeal, { witness })).toEqual({
      kind: 'inclusion',
      ok: true,
      witnessed: true,
    });
    expect(checkProof(p, { witness })).toMatchObject({ ok: false, witnessed: false });
    expect(checkProof({ ...p, leafIndex: 9 }).ok).toBe(false);
    expect(checkProof({ ...p, hash: p.path[0] }).ok).toBe(false);

    const c = right(await proveConsistency(store, s1.treeSize, s2.treeSize)());
    expect(c).toMatchObject({
      fromSize: s1.treeSize,
      toSize: s2.treeSize,
      fromRoot: s1.root,
      toRoot: s2.root,
    });
    expect(checkProof(c)).toEqual({ kind: 'consistency', ok: true, witnessed: false });
    expect(checkProof(c, { witness: { treeSize: s1.treeSize, root: s1.root } })).toMatchObject({
      ok: true,
      witnessed: true,
    });
    const toHead = right(await proveConsistency(store, s2.treeSize)());
    expect(checkProof(toHead).ok).toBe(true);
    expect(checkProof({ ...c, fromRoot: s2.root }).ok).toBe(false);
    expect(checkProof({ nonsense: true })).toMatchObject({ kind: 'unreadable', ok: false });

    const missing = await proveEvent(store, 'no-such-event')();
    expect(E.isLeft(missing) && missing.left._tag).toBe('EventNotFound');
  });

  it('imports an export into an empty store with identical hashes, and refuses otherwise', async () => {
    const store = createMemoryStore({ clock, positionStep: 3n });
    await appendStory(store);
    right(await seal(store, auditor)());
    await appendStory(store, 1);
    // A backfilled event keeps its recordedAt and backfill flag.
    right(
      await store.append(
        'risk-backfilled',
        [
          {
            eventId: 'bf-1',
            type: 'RiskClosed',
            schemaVersion: 1,
            data: { riskId: 'backfilled', reason: 'closed in 2016' },
            meta: {
              actor: 'system',
              role: 'system',
              occurredAt: '2016-01-01T00:00:00.000Z',
              // Entered after the live events: transaction time never goes backwards.
              recordedAt: '2019-04-02T00:00:00.000Z',
              backfill: true,
            },
          },
        ],
        'no-stream',
      )(),
    );
    const file = inDir('export.ndjson');
    right(await exportLog(store, file)());
    const original = await verifyStore(store);

    const fresh = createMemoryStore({ clock, firstPosition: 100n, positionStep: 10n });
    const r = right(await importLog(file, fresh)());
    expect(r.events).toBe(original.events);
    const imported = await verifyStore(fresh);
    expect(imported).toMatchObject({
      ok: true,
      root: original.root,
      treeSize: original.treeSize,
      sealsChecked: 1,
    });

    const again = await importLog(file, fresh)();
    expect(E.isLeft(again) && again.left._tag).toBe('StoreNotEmpty');

    const lines = readFileSync(file, 'utf8').split('\n');
    lines[2] = lines[2]!.replace('"admin"', '"board"');
    const bad = inDir('tampered.ndjson');
    writeFileSync(bad, lines.join('\n'));
    const refused = await importLog(bad, createMemoryStore({ clock }))();
    expect(E.isLeft(refused) && refused.left._tag).toBe('ExportInvalid');
  });
});
