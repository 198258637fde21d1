import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as E from 'fp-ts/Either';
import { computeEventHash, StoreFailure, type Envelope } from '@assure/event-store';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  openFileStore,
  openLogReader,
  positionsAreByteOffsets,
  verifiedPrefixPath,
} from '@assure/store-file';
import { collect } from '@assure/testing';
import { forgeRecord, rescored, useTempDir, writeLog } from './helpers';

async function failureOf(it: AsyncIterable<unknown>): Promise<StoreFailure> {
  try {
    await collect(it);
  } catch (e) {
    if (e instanceof StoreFailure) return e;
    throw e;
  }
  throw new Error('expected the read to fail');
}

describe('openLogReader: a read-only open of the file log without an index', () => {
  const tmp = useTempDir();

  it('hands out batches of at most 128 lines, each read in one chunk or from the start', async () => {
    const path = tmp.log;
    const written = await writeLog(path, 300);
    const reader = openLogReader(path);
    for (const batches of [
      await collect(reader.readAllBatches()),
      await collect(reader.readAllBatchesWithin({})),
      await collect(reader.readAllBatches({ from: 1n })),
    ]) {
      // 300 lines fit in one chunk (1 MiB): three batches, not one.
      expect(batches.map((b) => b.length).every((n) => n > 0 && n <= 128)).toBe(true);
      expect(batches.length).toBeGreaterThanOrEqual(3);
    }
    expect((await collect(reader.readAllBatchesWithin({}))).flat()).toEqual(written);
  });

  it('reads what the file store wrote, and seeks to the first event at or after `from`', async () => {
    const path = tmp.log;
    const written = await writeLog(path, 12);
    const reader = openLogReader(path);
    expect(await collect(reader.readAll())).toEqual(written);
    const fifth = written[5] as Envelope;
    // Exactly at a line start, and one byte into the line before it.
    expect(await collect(reader.readAll({ from: BigInt(fifth.position) }))).toEqual(
      written.slice(5),
    );
    expect(await collect(reader.readAll({ from: BigInt(fifth.position) - 1n }))).toEqual(
      written.slice(5),
    );
    expect(await collect(reader.readAll({ from: 1n, maxCount: 3 }))).toEqual(written.slice(1, 4));
    expect((await collect(reader.readAllBatches({ from: 1n }))).flat()).toEqual(written.slice(1));
    expect(await collect(reader.readStream('risk-housing', { fromRevision: 2 }))).toEqual(
      written.filter((e) => e.stream === 'risk-housing' && e.revision >= 2),
    );
    expect(await reader.headPosition()()).toEqual(
      E.right(BigInt((written[11] as Envelope).position)),
    );
    expect(await positionsAreByteOffsets(path)).toBe(true);
    await reader.close();
  });

  it('ignores an incomplete last line, reads a missing file as empty, and refuses appends', async () => {
    const path = tmp.log;
    const written = await writeLog(path, 3);
    appendFileSync(path, '{"position":"9999","stream":"risk-equal-pay"');
    const reader = openLogReader(path);
    expect(await collect(reader.readAll())).toEqual(written);
    const missing = openLogReader(join(dirname(path), 'none.ndjson'));
    expect(await collect(missing.readAll())).toEqual([]);
    expect(await missing.headPosition()()).toEqual(E.right(null));
    const appended = await reader.append('risk-equal-pay', [rescored(2)], 'any')();
    expect(E.isLeft(appended) && appended.left._tag).toBe('StoreUnavailable');
  });

  it('fails an edited event with Tampered (hash-mismatch) and a misplaced one by its offset', async () => {
    const path = tmp.log;
    await writeLog(path, 4);
    const text = readFileSync(path, 'utf8');
    // Same length, so every later position still matches its offset.
    writeFileSync(path, text.replace('"likelihood":3', '"likelihood":4'));
    const edited = await failureOf(openLogReader(path).readAll());
    expect(edited.error._tag).toBe('Tampered');
    expect(edited.error.message).toContain('hash-mismatch');

    writeFileSync(path, `\n${text}`);
    const shifted = await failureOf(openLogReader(path).readAll());
    expect(shifted.error._tag).toBe('StoreCorrupt');
    expect(shifted.error.message).toContain('at position 0');
  });

  describe('the verified-prefix record', () => {
    const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

    it('is written after a full read, grows by segments, and serves the same events', async () => {
      const path = tmp.log;
      const first = await writeLog(path, 6);
      const reader = openLogReader(path, { recordAfterBytes: 0 });
      expect(await collect(reader.readAll())).toEqual(first);
      const record = JSON.parse(readFileSync(verifiedPrefixPath(path), 'utf8')) as {
        version: number;
        segments: { end: number; sha256: string; lines: number }[];
        times: { days: string; recorded: string };
      };
      expect(record.version).toBe(3);
      expect(record.segments).toEqual([
        expect.objectContaining({
          end: readFileSync(path).length,
          sha256: sha(readFileSync(path)),
        }),
      ]);
      const size = readFileSync(path).length;
      const more = [...first, ...(await writeLog(path, 3))];
      expect((await collect(reader.readAllBatches())).flat()).toEqual(more);
      const grown = JSON.parse(readFileSync(verifiedPrefixPath(path), 'utf8')) as typeof record;
      expect(grown.segments.map((s) => s.end)).toEqual([size, readFileSync(path).length]);
      expect(grown.segments[1]?.sha256).toBe(sha(readFileSync(path).subarray(size)));
      // Each line's valid day (YYYYMMDD), then each one's transaction time, in log order, as
      // little-endian binary in the times file, each part's SHA-256 in the record.
      expect(grown.segments.map((s) => s.lines)).toEqual([6, 3]);
      const times = readFileSync(`${path}.verified.times`);
      expect(times.length).toBe(9 * 12);
      const days = times.subarray(0, 9 * 4);
      const recorded = times.subarray(9 * 4);
      expect(grown.times).toEqual({ days: sha(days), recorded: sha(recorded) });
      expect(more.map((_, i) => days.readInt32LE(i * 4))).toEqual(
        more.map((e) => Number(e.meta.occurredAt.slice(0, 10).replaceAll('-', ''))),
      );
      expect(more.map((_, i) => recorded.readDoubleLE(i * 8))).toEqual(
        more.map((e) => Date.parse(e.meta.recordedAt)),
      );
      expect(await collect(reader.readAll())).toEqual(more);
      // A record of an earlier format (version 2: the times as base64 in the record) is not
      // used, and is written over by the next full read.
      writeFileSync(
        verifiedPrefixPath(path),
        JSON.stringify({ ...grown, version: 2, times: undefined, days: '', recorded: '' }),
      );
      expect(await collect(reader.readAll())).toEqual(more);
      const rewritten = JSON.parse(readFileSync(verifiedPrefixPath(path), 'utf8')) as typeof record;
      expect(rewritten.version).toBe(3);
      expect(rewritten.segments.map((s) => s.lines)).toEqual([9]);
    });

    it('is not written by a read that stops early, fails, or is below the threshold', async () => {
      const path = tmp.log;
      await writeLog(path, 4);
      await collect(openLogReader(path, { recordAfterBytes: 0 }).readAll({ maxCount: 2 }));
      await collect(openLogReader(path).readAll());
      expect(existsSync(verifiedPrefixPath(path))).toBe(false);
      writeFileSync(path, readFileSync(path, 'utf8').replace('"likelihood":3', '"likelihood":4'));
      await failureOf(openLogReader(path, { recordAfterBytes: 0 }).readAll());
      expect(existsSync(verifiedPrefixPath(path))).toBe(false);
    });

    it('no longer serves once a byte of the prefix changes: the edit is Tampered as before', async () => {
      const path = tmp.log;
      await writeLog(path, 4);
      await collect(openLogReader(path, { recordAfterBytes: 0 }).readAll());
      expect(existsSync(verifiedPrefixPath(path))).toBe(true);
      writeFileSync(path, readFileSync(path, 'utf8').replace('"likelihood":3', '"likelihood":4'));
      const edited = await failureOf(openLogReader(path).readAll());
      expect(edited.error._tag).toBe('Tampered');
      expect(edited.error.message).toContain('hash-mismatch');
      // A record that does not decode is ignored the same way.
      writeFileSync(verifiedPrefixPath(path), '{"format":"assure-verified-prefix"');
      expect((await failureOf(openLogReader(path).readAll())).error._tag).toBe('Tampered');
    });

    it('forged to match an edited log, it hides the edit from this reader only: a full open still finds it', async () => {
      const path = tmp.log;
      await writeLog(path, 4);
      writeFileSync(path, readFileSync(path, 'utf8').replace('"likelihood":3', '"likelihood":4'));
      forgeRecord(path);
      // What the record documents: the reader trusts the prefix's content hashes...
      expect(await collect(openLogReader(path).readAll())).toHaveLength(4);
      // ...the integrity check of a full open (and `assure verify`) never reads the record.
      const full = await openFileStore(path, { readOnly: true })();
      expect(E.isLeft(full) && full.left._tag).toBe('Tampered');
      expect(await failureOf(openLogReader(path, { verifiedPrefix: false }).readAll())).toEqual(
        expect.objectContaining({ error: expect.objectContaining({ _tag: 'Tampered' }) }),
      );
    });

    describe('the chain heads at its end', () => {
      const headsPath = (path: string) => `${path}.verified.heads`;
      /** The last revision and hash of each stream among `events`, as the heads file keeps them. */
      const headsOf = (events: readonly Envelope[]) => {
        const heads = new Map<string, [string, number, string]>();
        for (const e of events) heads.set(e.stream, [e.stream, e.revision, e.hash]);
        return [...heads.values()].sort();
      };
      const recordOf = (path: string) =>
        JSON.parse(readFileSync(verifiedPrefixPath(path), 'utf8')) as {
          heads?: { sha256: string; streams: number };
        };

      it('are recorded by a read that followed every chain, and not by one that did not', async () => {
        const path = tmp.log;
        const written = await writeLog(path, 7);
        await collect(openLogReader(path, { recordAfterBytes: 0, chains: false }).readAll());
        expect(recordOf(path).heads).toBeUndefined();
        // A read that follows the chains adds them to the record (same segments).
        await collect(openLogReader(path).readAll());
        expect(recordOf(path).heads).toEqual({
          sha256: sha(readFileSync(headsPath(path))),
          streams: 2,
        });
        expect((JSON.parse(readFileSync(headsPath(path), 'utf8')) as unknown[]).sort()).toEqual(
          headsOf(written),
        );
      });

      it('let a read follow the lines after the prefix from them: a sound tail reads, a broken one fails', async () => {
        const path = tmp.log;
        const first = await writeLog(path, 6);
        await collect(openLogReader(path, { recordAfterBytes: 0 }).readAll());
        expect(recordOf(path).heads?.streams).toBe(2);
        const store = await openFileStore(path)();
        if (E.isLeft(store)) throw new Error(store.left.message);
        await store.right.append('risk-equal-pay', [rescored(4)], 'any')();
        await store.right.close();
        const all = await collect(openLogReader(path, { verifiedPrefix: false }).readAll());
        expect(all).toHaveLength(7);
        // Below the threshold: the record is not extended, and the tail is followed each time.
        const reader = openLogReader(path, { recordAfterBytes: 1 << 20 });
        expect(await collect(reader.readAll())).toEqual(all);
        expect((await collect(reader.readAllBatchesWithin({}))).flat()).toEqual(all);
        // The tail's event re-chained onto a hash that is not its stream's head (its own hash
        // recomputed, so only the chain can tell).
        const text = readFileSync(path, 'utf8');
        const last = text.trimEnd().split('\n').pop() as string;
        const parsed = JSON.parse(last) as Envelope;
        const other = first.find((e) => e.stream === parsed.stream && e.revision === 0) as Envelope;
        const forged = { ...parsed, prevHash: other.hash };
        const line = JSON.stringify({ ...forged, hash: computeEventHash(forged) });
        writeFileSync(path, text.replace(last, line));
        const broken = await failureOf(reader.readAll());
        expect(broken.error._tag).toBe('Tampered');
        expect(broken.error.message).toContain('chain-broken');
      });

      it('not as recorded, fail a read that reaches lines after the prefix, which then follows every chain', async () => {
        const path = tmp.log;
        await writeLog(path, 6);
        await collect(openLogReader(path, { recordAfterBytes: 0 }).readAll());
        writeFileSync(headsPath(path), '[]');
        // No line after the prefix: the heads are not read, and the read answers.
        expect(await collect(openLogReader(path).readAll())).toHaveLength(6);
        const store = await openFileStore(path)();
        if (E.isLeft(store)) throw new Error(store.left.message);
        await store.right.append('risk-housing', [rescored(2)], 'any')();
        await store.right.close();
        const failed = await failureOf(openLogReader(path).readAll());
        expect(failed.error._tag).toBe('StoreUnavailable');
        expect(existsSync(verifiedPrefixPath(path))).toBe(false);
        expect(await collect(openLogReader(path).readAll())).toHaveLength(7);
      });
    });
  });
});
