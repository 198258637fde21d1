import { readFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import { collect } from '@assure/testing';
import { open, rescored, useTempDir } from './helpers';

/** An fsync that the test releases by hand, recording what was on disk when it was called. */
function gatedFsync() {
  const calls: { bytesOnDisk: number; release: () => void }[] = [];
  const fsync = async (handle: FileHandle): Promise<void> => {
    const { size } = await handle.stat();
    await new Promise<void>((release) => calls.push({ bytesOnDisk: size, release }));
    await handle.datasync();
  };
  return { calls, fsync };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise<void>((resolve) => setTimeout(resolve, 1));
}

describe('file store: durability', () => {
  const tmp = useTempDir();

  it('acknowledges an append only after the fsync covering its bytes', async () => {
    const path = tmp.log;
    const gate = gatedFsync();
    const store = await open(path, { fsync: gate.fsync });
    let acknowledged = false;
    const pending = store
      .append('risk-equal-pay', [rescored(5)], 'no-stream')()
      .then((r) => {
        acknowledged = true;
        return r;
      });
    await until(() => gate.calls.length === 1);
    // The bytes are written, the fsync has been called but has not returned: no ack yet.
    expect(gate.calls[0]?.bytesOnDisk).toBe(readFileSync(path).length);
    expect(gate.calls[0]?.bytesOnDisk).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) await settle();
    expect(acknowledged).toBe(false);
    // Nor is the event visible to readers before it is durable.
    expect(await collect(store.readAll())).toEqual([]);
    gate.calls[0]?.release();
    const r = await pending;
    expect(acknowledged).toBe(true);
    expect(E.isRight(r)).toBe(true);
    expect(await collect(store.readAll())).toHaveLength(1);
    await store.close();
  });

  it('group-commits concurrent appends: one write and one fsync for many appenders', async () => {
    const path = tmp.log;
    let fsyncs = 0;
    const store = await open(path, {
      fsync: async (h) => {
        fsyncs++;
        await h.datasync();
      },
    });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.append(`risk-r${i}`, [rescored(i % 5), rescored((i + 1) % 5)], 'no-stream')(),
      ),
    );
    expect(results.every(E.isRight)).toBe(true);
    expect(fsyncs).toBe(1);
    expect(store.stats().commits).toBe(1);
    expect(await collect(store.readAll())).toHaveLength(100);
    await store.close();
  });

  it('queues appends made during a commit into the next one, and acknowledges each after its own fsync', async () => {
    const path = tmp.log;
    const gate = gatedFsync();
    const store = await open(path, { fsync: gate.fsync });
    const acked: string[] = [];
    const first = store
      .append('risk-equal-pay', [rescored(5)], 'no-stream')()
      .then(() => acked.push('first'));
    await until(() => gate.calls.length === 1);
    // Issued while the first commit waits for its fsync: they queue, chained on the pending head.
    const second = store
      .append('risk-equal-pay', [rescored(4)], { revision: 0 })()
      .then(() => acked.push('second'));
    const third = store
      .append('risk-equal-pay', [rescored(3)], { revision: 1 })()
      .then(() => acked.push('third'));
    await settle();
    expect(acked).toEqual([]);
    gate.calls[0]?.release();
    await first;
    expect(acked).toEqual(['first']);
    await until(() => gate.calls.length === 2);
    for (let i = 0; i < 5; i++) await settle();
    expect(acked).toEqual(['first']);
    gate.calls[1]?.release();
    await Promise.all([second, third]);
    expect(acked.sort()).toEqual(['first', 'second', 'third']);
    const stream = await collect(store.readStream('risk-equal-pay'));
    expect(stream.map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(stream[2]?.prevHash).toBe(stream[1]?.hash);
    await store.close();
  });

  it('stops writing after a failed fsync and reports StoreUnavailable', async () => {
    const path = tmp.log;
    const store = await open(path, {
      fsync: () => Promise.reject(new Error('EIO: simulated disk failure')),
    });
    const r = await store.append('risk-equal-pay', [rescored(5)], 'no-stream')();
    expect(E.isLeft(r) && r.left._tag).toBe('StoreUnavailable');
    expect(E.isLeft(r) && r.left.message).toMatch(/EIO/);
    const after = await store.append('risk-other', [rescored(5)], 'no-stream')();
    expect(E.isLeft(after) && after.left._tag).toBe('StoreUnavailable');
    await store.close();
  });
});
