import { createHash } from 'node:crypto';
import { existsSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { open as openHandle } from 'node:fs/promises';
import * as fc from 'fast-check';
import { StoreFailure, type Envelope, type TimeBounds } from '@assure/event-store';
import { LineScanner, openLogReader, verifiedPrefixPath } from '@assure/store-file';
import { appendOk, collect } from '@assure/testing';
import { PrefixMismatch, StreamedHash } from '../src/streamed-hash';
import { TrustedRead } from '../src/trusted-read';
import { open, rescored, useTempDir } from './helpers';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A log of `n` events over two streams, valid on days 2019-03-01.. in turn; what it wrote. */
async function writeDays(path: string, n: number): Promise<Envelope[]> {
  const store = await open(path);
  const written: Envelope[] = [];
  for (let i = 0; i < n; i++) {
    const e = rescored(1 + (i % 5));
    const day = String(1 + ((i * 7) % 28)).padStart(2, '0');
    const r = await appendOk(store, i % 2 === 0 ? 'risk-equal-pay' : 'risk-housing', [
      { ...e, meta: { ...e.meta, occurredAt: `2019-03-${day}T00:00:00.000Z` } },
    ]);
    written.push(...r.events);
  }
  await store.close();
  return written;
}

const within = (bounds: TimeBounds) => (e: Envelope) =>
  bounds.asAt === undefined || e.meta.occurredAt.slice(0, 10) <= bounds.asAt;

/** The error a read ends with (a read that does not fail fails the test). */
async function failureOf(it: AsyncIterable<unknown>): Promise<StoreFailure> {
  try {
    await collect(it);
  } catch (e) {
    if (e instanceof StoreFailure) return e;
    throw e;
  }
  throw new Error('expected the read to fail');
}

const bounds: TimeBounds = { asAt: '2019-03-14' };

describe('a read within bounds checks the verified prefix in the same pass as it reads it', () => {
  const tmp = useTempDir();

  /** A log of two recorded segments (12 then 6 lines) and its record. */
  async function recorded(path: string): Promise<Envelope[]> {
    const first = await writeDays(path, 12);
    await collect(openLogReader(path, { recordAfterBytes: 0 }).readAll());
    const all = [...first, ...(await writeDays(path, 6))];
    await collect(openLogReader(path, { recordAfterBytes: 0 }).readAllBatches());
    const record = JSON.parse(readFileSync(verifiedPrefixPath(path), 'utf8')) as {
      segments: unknown[];
    };
    expect(record.segments).toHaveLength(2);
    return all;
  }

  it('hands out every event within the bounds and leaves out, unread, those the record places outside', async () => {
    const path = tmp.log;
    const all = await recorded(path);
    const read = (await collect(openLogReader(path).readAllBatchesWithin(bounds))).flat();
    expect(read).toEqual(all.filter(within(bounds)));
    expect(read.length).toBeLessThan(all.length);
  });

  it('times that are not those recorded leave nothing out: every line is handed out, and the record goes', async () => {
    const path = tmp.log;
    const all = await recorded(path);
    const times = readFileSync(`${path}.verified.times`);
    times[0] = (times[0] as number) ^ 1;
    writeFileSync(`${path}.verified.times`, times);
    expect((await collect(openLogReader(path).readAllBatchesWithin(bounds))).flat()).toEqual(all);
    expect(existsSync(verifiedPrefixPath(path))).toBe(false);
    // The next read checks every line and records them again.
    await collect(openLogReader(path, { recordAfterBytes: 0 }).readAll());
    const read = (await collect(openLogReader(path).readAllBatchesWithin(bounds))).flat();
    expect(read).toEqual(all.filter(within(bounds)));
  });

  it.each([
    ['within bounds', bounds],
    ['of the whole log with no bounds (a rebuild, chains followed)', {}],
  ] as const)(
    'property: a byte of the recorded prefix changed fails a read %s, never answers it',
    async (_, bounds: TimeBounds) => {
      const path = tmp.log;
      const all = await recorded(path);
      const original = readFileSync(path);
      const record = readFileSync(verifiedPrefixPath(path));
      const times = readFileSync(`${path}.verified.times`);
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: original.length - 1 }),
          fc.integer({ min: 1, max: 255 }),
          async (at, delta) => {
            const bytes = Buffer.from(original);
            bytes[at] = ((bytes[at] as number) + delta) % 256;
            writeFileSync(path, bytes);
            writeFileSync(verifiedPrefixPath(path), record);
            writeFileSync(`${path}.verified.times`, times);
            const failed = await failureOf(openLogReader(path).readAllBatchesWithin(bounds));
            // Without the record: the full check. Where it finds a bad line, the one-pass read
            // names the same; where every line passes, the log is not the one recorded.
            const full = await collect(
              openLogReader(path, { verifiedPrefix: false }).readAll(),
            ).then(
              () => null,
              (e: unknown) => (e instanceof StoreFailure ? e.error : e),
            );
            // The log's last byte is its last line's newline: changed, the line has none, and
            // the one-pass read finds the recorded bytes changed (StoreUnavailable) where the
            // full check parses the line with the byte in it (StoreCorrupt). Both fail the read.
            if (full === null || at === original.length - 1)
              expect(failed.error._tag).toBe('StoreUnavailable');
            else expect(failed.error).toEqual(full);
          },
        ),
        { numRuns: 150 },
      );
      // Unchanged, the same record serves again.
      writeFileSync(path, original);
      writeFileSync(verifiedPrefixPath(path), record);
      writeFileSync(`${path}.verified.times`, times);
      expect((await collect(openLogReader(path).readAllBatchesWithin(bounds))).flat()).toEqual(
        all.filter(within(bounds)),
      );
    },
  );

  it.each([
    ['within bounds', bounds],
    ['of the whole log with no bounds', {}],
  ] as const)(
    'the newline ending a recorded segment changed fails a read %s as the full check does (the line runs on past the segment)',
    async (_, bounds: TimeBounds) => {
      const path = tmp.log;
      await recorded(path);
      const original = readFileSync(path);
      const record = readFileSync(verifiedPrefixPath(path));
      const times = readFileSync(`${path}.verified.times`);
      const segments = (JSON.parse(record.toString('utf8')) as { segments: { end: number }[] })
        .segments;
      const at = (segments[0]?.end ?? 0) - 1;
      expect(original[at]).toBe(0x0a);
      for (const byte of [0x0b, 0x20, 0x7d]) {
        const bytes = Buffer.from(original);
        bytes[at] = byte;
        writeFileSync(path, bytes);
        writeFileSync(verifiedPrefixPath(path), record);
        writeFileSync(`${path}.verified.times`, times);
        const failed = await failureOf(openLogReader(path).readAllBatchesWithin(bounds));
        const full = await failureOf(openLogReader(path, { verifiedPrefix: false }).readAll());
        expect(failed.error._tag).toBe('StoreCorrupt');
        expect(failed.error).toEqual(full.error);
      }
    },
  );

  it('an edited line of the prefix (same length) fails with Tampered, as the full check does', async () => {
    const path = tmp.log;
    await recorded(path);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"likelihood":3', '"likelihood":4'));
    const failed = await failureOf(openLogReader(path).readAllBatchesWithin(bounds));
    expect(failed.error._tag).toBe('Tampered');
    expect(failed.error.message).toContain('hash-mismatch');
    // The record no longer matches: removed, so the next read checks every line in full.
    expect(existsSync(verifiedPrefixPath(path))).toBe(false);
  });

  it('a log replaced by another whose lines all pass fails once (StoreUnavailable), then reads in full', async () => {
    const path = tmp.log;
    await recorded(path);
    const record = readFileSync(verifiedPrefixPath(path));
    const other = await writeDays(`${path}.other`, 40);
    writeFileSync(path, readFileSync(`${path}.other`));
    writeFileSync(verifiedPrefixPath(path), record);
    const failed = await failureOf(openLogReader(path).readAllBatchesWithin(bounds));
    expect(failed.error._tag).toBe('StoreUnavailable');
    expect(failed.error.message).toContain('verified-prefix record');
    const again = (await collect(openLogReader(path).readAllBatchesWithin(bounds))).flat();
    expect(again.filter(within(bounds))).toEqual(other.filter(within(bounds)));
  });

  it('a log cut short of its record is read in full: the whole lines left, each checked', async () => {
    const path = tmp.log;
    const all = await recorded(path);
    const cut = Number((all[15] as Envelope).position) + 10;
    truncateSync(path, cut);
    const read = (await collect(openLogReader(path).readAllBatchesWithin(bounds))).flat();
    expect(read).toEqual(all.slice(0, 15));
  });

  it('a log that ends, as read, before its recorded prefix does fails the read', async () => {
    const path = tmp.log;
    const all = await recorded(path);
    const size = readFileSync(path).length;
    // As if the file were cut between its size being taken and its bytes read.
    const end = Number((all[15] as Envelope).position);
    const handle = await openHandle(path, 'r');
    const read = new TrustedRead(bounds, { windowed: true });
    const lines = read.lines(path, handle, size, new LineScanner(handle, 0, end), 0);
    await expect(collect(lines)).rejects.toEqual(
      expect.objectContaining({ error: expect.objectContaining({ _tag: 'StoreUnavailable' }) }),
    );
  });
});

describe('StreamedHash', () => {
  it('property: any chunking confirms the recorded segments exactly when their bytes are unchanged, and hashes the tail', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        fc.option(fc.nat(), { nil: undefined }),
        (data, cuts, chunks, flip) => {
          const bytes = Buffer.from(data);
          const ends = [...new Set(cuts.map((c) => 1 + (c % bytes.length)))].sort((a, b) => a - b);
          let start = 0;
          const segments = ends.map((end) => {
            const s = { end, sha256: sha(bytes.subarray(start, end)) };
            start = end;
            return s;
          });
          const prefixEnd = ends[ends.length - 1] ?? 0;
          const read = Buffer.from(bytes);
          const flipped = flip !== undefined ? flip % bytes.length : undefined;
          if (flipped !== undefined) read[flipped] = ((read[flipped] as number) + 1) % 256;
          const hash = new StreamedHash(segments, prefixEnd);
          const changed = flipped !== undefined && flipped < prefixEnd;
          let threw: unknown;
          try {
            let at = 0;
            for (let i = 0; at < read.length; i++) {
              const n = chunks[i % chunks.length] as number;
              hash.observe(read.subarray(at, at + n), at);
              at += n;
            }
            hash.requireConfirmed();
          } catch (e) {
            threw = e;
          }
          expect(threw instanceof PrefixMismatch).toBe(changed);
          if (!changed) expect(hash.tailDigest(read.length)).toBe(sha(read.subarray(prefixEnd)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is not confirmed when the bytes end before the prefix does', () => {
    const bytes = Buffer.from('0123456789');
    const hash = new StreamedHash([{ end: 10, sha256: sha(bytes) }], 10);
    hash.observe(bytes.subarray(0, 6), 0);
    expect(() => hash.requireConfirmed()).toThrow(PrefixMismatch);
    expect(hash.tailDigest(6)).toBeUndefined();
  });
});
