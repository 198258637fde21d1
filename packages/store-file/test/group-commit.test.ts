import { readFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import { collect } from '@assure/testing';
import { batchBuffer, SYNC_WRITE_MAX_BYTES } from '../src/batch-write';
import { open, rescored, useTempDir } from './helpers';

/** An fsync held until the test settles it: `release()` makes it durable, `fail()` rejects. */
function heldFsync() {
  const calls: { release: () => void; fail: (e: Error) => void }[] = [];
  const fsync = (handle: FileHandle): Promise<void> =>
    new Promise<void>((release, fail) => calls.push({ release, fail })).then(() =>
      handle.datasync(),
    );
  return { calls, fsync };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise<void>((resolve) => setTimeout(resolve, 1));
}

describe('file store: group commit', () => {
  const tmp = useTempDir();

  it('batchBuffer is the UTF-8 of the texts one after another', () => {
    const part = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => {
      const text = `${s}\n`;
      return { text, bytes: Buffer.byteLength(text, 'utf8') };
    });
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 12 }), (parts) => {
        const joined = Buffer.from(parts.map((p) => p.text).join(''), 'utf8');
        expect(batchBuffer(parts).equals(joined)).toBe(true);
      }),
    );
  });

  it('with a scratch, batchBuffer gives the same bytes, in the scratch when they fit', () => {
    const part = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => {
      const text = `${s}\n`;
      return { text, bytes: Buffer.byteLength(text, 'utf8') };
    });
    const scratch = Buffer.alloc(200);
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 12 }), (parts) => {
        const joined = Buffer.from(parts.map((p) => p.text).join(''), 'utf8');
        const bytes = batchBuffer(parts, scratch);
        expect(bytes.equals(joined)).toBe(true);
        // A view of the scratch when the commit fits in it, its own buffer otherwise.
        expect(bytes.buffer === scratch.buffer).toBe(joined.length <= scratch.length);
      }),
    );
  });

  it('a close waits for the commit under way, which is then durable and acknowledged', async () => {
    const gate = heldFsync();
    const store = await open(tmp.log, { fsync: gate.fsync });
    const appended = store.append('risk-equal-pay', [rescored(5)], 'no-stream')();
    await until(() => gate.calls.length === 1);
    let closed = false;
    const closing = store.close().then(() => {
      closed = true;
    });
    for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    gate.calls[0]?.release();
    expect(E.isRight(await appended)).toBe(true);
    await closing;
    const reopened = await open(tmp.log);
    expect(await collect(reopened.readAll())).toHaveLength(1);
    await reopened.close();
  });

  it('a failed fsync fails the appends queued behind it too, and a close still ends', async () => {
    const gate = heldFsync();
    const store = await open(tmp.log, { fsync: gate.fsync });
    const first = store.append('risk-equal-pay', [rescored(5)], 'no-stream')();
    await until(() => gate.calls.length === 1);
    const second = store.append('risk-equal-pay', [rescored(4)], { revision: 0 })();
    gate.calls[0]?.fail(new Error('EIO: simulated disk failure'));
    for (const r of [await first, await second]) {
      expect(E.isLeft(r) && r.left._tag).toBe('StoreUnavailable');
      expect(E.isLeft(r) && r.left.message).toMatch(/EIO/);
    }
    expect(gate.calls).toHaveLength(1);
    await store.close();
  });

  it('chains appends to more streams than the appender keeps heads of, across commits and a reopen', async () => {
    // The appender keeps the heads of 4096 streams; beyond, a committed stream's head comes
    // from the index again. Each round appends once to every stream, with its revision.
    const streams = 4200;
    const store = await open(tmp.log);
    for (let round = 0; round < 2; round++) {
      const results = await Promise.all(
        Array.from({ length: streams }, (_, i) =>
          store.append(
            `risk-r${i}`,
            [rescored(1 + (i % 5))],
            round === 0 ? 'no-stream' : { revision: round - 1 },
          )(),
        ),
      );
      expect(results.every(E.isRight)).toBe(true);
    }
    const last = await store.append('risk-r7', [rescored(2)], { revision: 1 })();
    expect(E.isRight(last) && last.right.nextRevision).toBe(2);
    const stale = await store.append('risk-r4199', [rescored(2)], { revision: 0 })();
    expect(E.isLeft(stale) && stale.left._tag).toBe('WrongExpectedRevision');
    const chain = await collect(store.readStream('risk-r7'));
    expect(chain.map((e) => e.prevHash)).toEqual([
      chain[0]?.prevHash,
      chain[0]?.hash,
      chain[1]?.hash,
    ]);
    await store.close();
    const reopened = await open(tmp.log);
    expect(reopened.stats().events).toBe(2 * streams + 1);
    await reopened.close();
  });

  it('writers acknowledged by one commit share the next, however many awaits each goes through first', async () => {
    // Each writer's next append comes after a different number of promise reactions (writer k
    // goes through k + 1 awaits): the commit starts only once they have all run.
    const store = await open(tmp.log);
    const writers = 8;
    const rounds = 6;
    const pause = async (depth: number): Promise<void> => {
      for (let d = 0; d <= depth; d++) await Promise.resolve();
    };
    await Promise.all(
      Array.from({ length: writers }, async (_, k) => {
        for (let round = 0; round < rounds; round++) {
          if (round > 0) await pause(k);
          const r = await store.append(`risk-r${k}`, [rescored(1 + (round % 5))], 'any')();
          expect(E.isRight(r)).toBe(true);
        }
      }),
    );
    expect(store.stats()).toMatchObject({ events: writers * rounds, commits: rounds });
    await store.close();
  });

  it('writes a commit larger than the synchronous write limit whole, and splits by maxBatchBytes', async () => {
    const rationale = 'é'.repeat(1500);
    let fsyncs = 0;
    const store = await open(tmp.log, {
      maxBatchBytes: 256 * 1024,
      fsync: async (h) => {
        fsyncs++;
        await h.datasync();
      },
    });
    const n = 120;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        store.append(`risk-r${i % 7}`, [rescored(1 + (i % 5), { rationale })], 'any')(),
      ),
    );
    expect(results.every(E.isRight)).toBe(true);
    const bytes = readFileSync(tmp.log).length;
    expect(bytes).toBeGreaterThan(SYNC_WRITE_MAX_BYTES);
    // More than one commit (each within maxBatchBytes), far fewer than appends.
    expect(fsyncs).toBeGreaterThanOrEqual(Math.ceil(bytes / (256 * 1024)));
    expect(fsyncs).toBeLessThan(n / 10);
    expect(store.stats().commits).toBe(fsyncs);
    const events = await collect(store.readAll());
    expect(events.map((e) => e.position)).toEqual(
      results.map((r) => (E.isRight(r) ? r.right.position : '')),
    );
    await store.close();
    const reopened = await open(tmp.log);
    expect(await collect(reopened.readAll())).toEqual(events);
    await reopened.close();
  });
});
