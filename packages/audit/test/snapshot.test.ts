import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { decodeEvent } from '@assure/domain';
import { createMemoryStore, type EventStore } from '@assure/event-store';
import {
  fileSnapshotStore,
  readModels,
  openSnapshot,
  sealSnapshot,
  snapshotChunks,
  type SnapshotStore,
} from '@assure/projections';
import { describeReport, gatherReport, renderMarkdown, verifyStore } from '@assure/audit';
import { storyEvent, storySpecs } from './fixtures';

const REC = 'kerslake-01';
const clock = () => new Date('2019-04-01T12:00:00.000Z');

async function story(): Promise<EventStore> {
  const store = createMemoryStore({ clock });
  let n = 0;
  for (const s of storySpecs()) {
    n++;
    const p = storyEvent(s, `evt-${n}`, { commandId: `cmd-${n}` });
    const r = await store.append(s.stream, [p], 'any')();
    if (E.isLeft(r)) throw new Error(r.left._tag);
  }
  return store;
}

let dir: string;
let path: string;
let snapshots: SnapshotStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'assure-audit-snapshot-'));
  path = join(dir, 'events.ndjson.read-models.json');
  snapshots = fileSnapshotStore(path);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Reads the status through the snapshot, as `assure status` does (which saves it). */
async function readThrough(store: EventStore): Promise<string | undefined> {
  const r = await readModels(store, { decode: decodeEvent, clock, snapshots })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right.models.tracker().rows.find((row) => row.id === REC)?.status;
}

/** Edits the snapshot's status of {@link REC} and recomputes its digest (the attacker's case). */
function forge(status: string): void {
  const file = openSnapshot(readFileSync(path));
  if (E.isLeft(file)) throw new Error('the snapshot does not open');
  const sections: Record<string, { version: number; text: string | Uint8Array }> = {};
  for (const [name, s] of Object.entries(file.right.head.views)) {
    if (name === '$journal') {
      // The event journal's section is binary: kept as it is.
      const bytes = file.right.sectionBytes(name);
      if (E.isLeft(bytes)) throw new Error(`section ${name} does not read`);
      sections[name] = { version: s.version, text: bytes.right };
      continue;
    }
    const state = file.right.section(name);
    if (E.isLeft(state)) throw new Error(`section ${name} does not read`);
    if (name === 'recommendations') {
      const recs = state.right as [string, Record<string, unknown>][];
      const entry = recs.find(([id]) => id === REC);
      if (entry === undefined) throw new Error(`${REC} is not in the snapshot`);
      entry[1]['status'] = status;
    }
    sections[name] = { version: s.version, text: JSON.stringify(state.right) };
  }
  const chunks = snapshotChunks(sealSnapshot(file.right.head, sections));
  writeFileSync(
    path,
    Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))),
  );
}

describe('verifyStore with the store read-model snapshot', () => {
  it('a genuine snapshot matches; none leaves the report as it was', async () => {
    const store = await story();
    const without = await verifyStore(store, { snapshots });
    expect(without.ok).toBe(true);
    expect(without.snapshot).toBeUndefined();
    expect(await readThrough(store)).toBe('agreed');
    const r = await verifyStore(store, { snapshots });
    expect(r.ok).toBe(true);
    expect(r.snapshot).toMatchObject({ status: 'matches', location: path, differs: [] });
    expect(describeReport(r)).toContain(`read-model snapshot ${path} matches the log`);
  });

  it('a forged status with its digest recomputed is a snapshot-mismatch failure naming the view', async () => {
    const store = await story();
    await readThrough(store);
    forge('closed');
    expect(await readThrough(store)).toBe('closed');
    const r = await verifyStore(store, { snapshots });
    expect(r.ok).toBe(false);
    expect(r.failures).toEqual([
      expect.objectContaining({ reason: 'snapshot-mismatch', stream: null, line: null }),
    ]);
    expect(r.failures[0]?.message).toMatch(/recommendations/);
    expect(r.snapshot).toMatchObject({ status: 'mismatch', differs: ['recommendations'] });
    expect(describeReport(r)).toMatch(/^FAILED: 1 failure\(s\), first snapshot-mismatch/);
  });

  it('the report never reads the snapshot: the same with and without a forged one', async () => {
    const store = await story();
    const render = async () => {
      const r = await gatherReport(store, { clock, asAt: '2019-04-01' })();
      if (E.isLeft(r)) throw new Error(r.left.message);
      return renderMarkdown(r.right);
    };
    const before = await render();
    await readThrough(store);
    forge('closed');
    expect(await render()).toBe(before);
    expect(before).toContain('agreed');
    expect(before).not.toContain('closed');
  });
});
