import { mkdtempSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { createMemoryStore } from '@assure/event-store';
import { openFileStore } from '@assure/store-file';
import { exportLog, exportStore, importLog, verifyStore } from '@assure/audit';
import { right, storyEvent, storySpecs } from './fixtures';

let tick = 0;
const clock = () => new Date(Date.UTC(2019, 3, 1, 9, 0, 0, tick++));

/** An export of `rounds` copies of the story, each round in its own streams, interleaved. */
async function exportOfRounds(dir: string, rounds: number): Promise<string> {
  const store = createMemoryStore({ clock });
  const specs = storySpecs();
  let n = 0;
  for (const [i, s] of specs.entries())
    for (let round = 0; round < rounds; round++) {
      n++;
      const p = storyEvent(s, `evt-${round}-${i}`, { commandId: `cmd-${n}` });
      right(await store.append(`${s.stream}-r${round}`, [p], 'any')());
    }
  const file = join(dir, 'export.ndjson');
  right(await exportLog(store, file)());
  return file;
}

/**
 * An export of `rounds` rounds of the story, and an empty file store `name` beside it that
 * counts the syncs of its appends (`syncs`: how many since the store was opened).
 */
async function exportAndCountingStore(rounds: number, name: string) {
  const dir = mkdtempSync(join(tmpdir(), 'assure-import-'));
  const file = await exportOfRounds(dir, rounds);
  let synced = 0;
  const fsync = (h: FileHandle): Promise<void> => {
    synced++;
    return h.datasync();
  };
  const store = right(await openFileStore(join(dir, name), { fsync })());
  const opened = synced;
  return { file, store, syncs: () => synced - opened };
}

describe('bulk import into a file store', () => {
  it('commits appends in flight together: a handful of syncs, not one per stream run, same root', async () => {
    const { file, store, syncs } = await exportAndCountingStore(30, 'bulk.ndjson');
    try {
      const r = right(await importLog(file, store, { inFlight: 2048 })());
      // Every event of the story in 30 rounds, each event a run of its own (the streams
      // interleave), so one append at a time would have synced once per event.
      expect(r.events).toBe(storySpecs().length * 30);
      expect(syncs()).toBeLessThanOrEqual(5);
      const imported = await verifyStore(store);
      const exported = await verifyStore(exportStore(file));
      expect(imported).toMatchObject({ ok: true, root: exported.root, treeSize: r.events });
    } finally {
      await store.close();
    }
  });

  it('one at a time by default (any store), and stops at a refused append', async () => {
    const { file, store, syncs } = await exportAndCountingStore(2, 'one.ndjson');
    try {
      const r = right(await importLog(file, store)());
      expect(syncs()).toBe(r.events);
      const again = await importLog(file, store, { inFlight: 64 })();
      expect(E.isLeft(again) && again.left._tag).toBe('StoreNotEmpty');
    } finally {
      await store.close();
    }
  });
});
