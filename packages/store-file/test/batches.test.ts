import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StoreFailure, type Envelope, type ReadAllOptions } from '@assure/event-store';
import type { FileStore } from '@assure/store-file';
import { appendOk, collect, readBatches } from '@assure/testing';
import { open, rescored, useTempDir } from './helpers';

/** Reads with readAll, keeping the events and the error it ends with (if any). */
async function readEvents(events: AsyncIterable<Envelope>): Promise<{
  events: Envelope[];
  error: unknown;
}> {
  const out: Envelope[] = [];
  try {
    for await (const e of events) out.push(e);
  } catch (error) {
    return { events: out, error };
  }
  return { events: out, error: undefined };
}

describe('file store: readAllBatches', () => {
  const tmp = useTempDir('all');
  let path: string;
  let all: Envelope[];

  beforeAll(async () => {
    path = tmp.log;
    const store = await open(path);
    all = [];
    // About 1.2 MB of lines: several 256 KiB chunks.
    for (let i = 0; i < 20; i++) {
      const events = Array.from({ length: 100 }, (_, j) =>
        rescored(j % 5, { note: 'x'.repeat(400 + ((i * 100 + j) % 300)) }),
      );
      all.push(...(await appendOk(store, `risk-r${i % 3}`, events, 'any')).events);
    }
    await store.close();
  });

  const cases = (): ReadAllOptions[] => {
    const at = (i: number) => BigInt((all[i] as Envelope).position);
    return [
      {},
      { from: at(777) },
      { from: at(777) + 1n },
      { from: at(777), maxCount: 900 },
      { maxCount: 1 },
      { maxCount: 0 },
      { from: at(1999) },
      { from: at(1999) + 1n },
    ];
  };

  it.each([
    ['a writer', {}],
    ['a reader', { readOnly: true }],
    ['a reader checking links only', { readOnly: true, check: 'links' as const }],
  ])(
    '%s hands out the decoded chunks: several, none empty, flattened equal to readAll',
    async (_, options) => {
      const store: FileStore = await open(path, options);
      try {
        const whole = await readBatches(store.readAllBatches());
        expect(whole.error).toBeUndefined();
        expect(whole.events).toEqual(all);
        expect(whole.sizes.length).toBeGreaterThan(3);
        expect(whole.sizes.every((n) => n > 0)).toBe(true);
        for (const o of cases()) {
          const batched = await readBatches(store.readAllBatches(o));
          expect(batched.error).toBeUndefined();
          expect(batched.sizes.every((n) => n > 0)).toBe(true);
          expect(batched.events).toEqual(await collect(store.readAll(o)));
        }
      } finally {
        await store.close();
      }
    },
  );

  it('a line that does not decode ends it as it ends readAll: the events before it, then the same failure', async () => {
    const lines = readFileSync(path, 'utf8').split('\n');
    // Break the body of line 1234 (same length) without touching its start and end, which is
    // all that a links-only check reads: the reader opens, and reads find the bad line.
    const bad = 1234;
    const line = lines[bad] as string;
    lines[bad] = line.replace('"likelihood":', '"likelihood";');
    expect(lines[bad]).not.toBe(line);
    const broken = join(tmp.dir, 'broken.ndjson');
    writeFileSync(broken, lines.join('\n'));
    const store = await open(broken, { readOnly: true, check: 'links' });
    try {
      const plain = await readEvents(store.readAll());
      expect(plain.events).toEqual(all.slice(0, bad));
      expect(plain.error).toBeInstanceOf(StoreFailure);
      expect(plain.error instanceof StoreFailure && plain.error.error._tag).toBe('StoreCorrupt');
      const batched = await readBatches(store.readAllBatches());
      expect(batched.events).toEqual(plain.events);
      expect(batched.error).toEqual(plain.error);
      const fromMid = await readBatches(
        store.readAllBatches({ from: BigInt(all[1000]?.position ?? 0) }),
      );
      expect(fromMid.events).toEqual(all.slice(1000, bad));
      expect(fromMid.error).toEqual(plain.error);
      // Stopping before the bad line never meets it.
      const short = await readBatches(store.readAllBatches({ maxCount: bad }));
      expect(short).toEqual({ events: all.slice(0, bad), sizes: short.sizes, error: undefined });
    } finally {
      await store.close();
    }
  });

  it('fails like readAll once closed, and reads nothing when asked for nothing', async () => {
    const store = await open(path, { readOnly: true });
    await store.close();
    const plain = await readEvents(store.readAll());
    expect(plain.error).toBeInstanceOf(StoreFailure);
    const batched = await readBatches(store.readAllBatches());
    expect(batched).toEqual({ events: [], sizes: [], error: plain.error });
    expect(await readBatches(store.readAllBatches({ maxCount: 0 }))).toEqual({
      events: [],
      sizes: [],
      error: undefined,
    });
    expect(await collect(store.readAll({ maxCount: 0 }))).toEqual([]);
  });

  it('a consumer that stops early leaves the store readable', async () => {
    const store = await open(path);
    try {
      for await (const batch of store.readAllBatches()) {
        expect(batch.length).toBeGreaterThan(0);
        break;
      }
      expect(await collect(store.readAll())).toEqual(all);
    } finally {
      await store.close();
    }
  });
});
