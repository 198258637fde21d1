import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import { openFileStore, openLogReader, verifiedPrefixPath } from '@assure/store-file';
import { appendOk, collect } from '@assure/testing';
import { forgeRecord, open, openFails, rescored, useTempDir, writeLog } from './helpers';

const withPrefix = { verifiedPrefix: true, recordAfterBytes: 0 } as const;
const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
interface Doc {
  readonly segments: readonly { end: number; sha256: string; lines: number }[];
}

describe('openFileStore with verifiedPrefix: the record beside the log on open', () => {
  const tmp = useTempDir();

  it('is written after a full check on open, and a reopen serves the same events and index', async () => {
    const path = tmp.log;
    const written = await writeLog(path, 6);
    expect(existsSync(verifiedPrefixPath(path))).toBe(false);
    const first = await open(path, { readOnly: true, ...withPrefix });
    const stats = first.stats();
    await first.close();
    expect(existsSync(verifiedPrefixPath(path))).toBe(true);
    const again = await open(path, { readOnly: true, ...withPrefix });
    expect(again.stats()).toEqual(stats);
    expect(await collect(again.readAll())).toEqual(written);
    expect(await collect(again.readStream('risk-housing'))).toEqual(
      written.filter((e) => e.stream === 'risk-housing'),
    );
    await again.close();
  });

  it('records every stream’s chain head at the prefix’s end, which a log reader then follows the tail from', async () => {
    const path = tmp.log;
    const written = await writeLog(path, 9);
    await (await open(path, { readOnly: true, ...withPrefix })).close();
    const doc = JSON.parse(readFileSync(verifiedPrefixPath(path), 'utf8')) as {
      heads?: { sha256: string; streams: number };
    };
    const headsFile = readFileSync(`${path}.verified.heads`);
    expect(doc.heads).toEqual({ sha256: sha(headsFile), streams: 2 });
    const last = new Map(written.map((e) => [e.stream, [e.stream, e.revision, e.hash]]));
    expect((JSON.parse(headsFile.toString('utf8')) as unknown[]).sort()).toEqual(
      [...last.values()].sort(),
    );
    // A tail appended after the record: a log reader follows it from the recorded heads.
    const writer = await open(path);
    await appendOk(writer, 'risk-housing', [rescored(3)]);
    await writer.close();
    expect(
      await collect(openLogReader(path, { recordAfterBytes: 1 << 20 }).readAll()),
    ).toHaveLength(10);
  });

  it('records the SHA-256 of the bytes it read, hashed in the same pass as their lines', async () => {
    const path = tmp.log;
    await writeLog(path, 6);
    await (await open(path, { readOnly: true, ...withPrefix })).close();
    const first = JSON.parse(readFileSync(verifiedPrefixPath(path), 'utf8')) as Doc;
    const size = readFileSync(path).length;
    expect(first.segments).toEqual([{ end: size, sha256: sha(readFileSync(path)), lines: 6 }]);
    // Appended lines, checked in full on the reopen, are a new segment of their own bytes.
    await writeLog(path, 3);
    await (await open(path, { readOnly: true, ...withPrefix })).close();
    const again = JSON.parse(readFileSync(verifiedPrefixPath(path), 'utf8')) as Doc;
    expect(again.segments).toEqual([
      first.segments[0],
      {
        end: readFileSync(path).length,
        sha256: sha(readFileSync(path).subarray(size)),
        lines: 3,
      },
    ]);
  });

  it('is not read or written without the option', async () => {
    const path = tmp.log;
    await writeLog(path, 4);
    const reader = await open(path, { readOnly: true, recordAfterBytes: 0 });
    await reader.close();
    expect(existsSync(verifiedPrefixPath(path))).toBe(false);
  });

  it('lets a writer reopened over a trusted prefix keep the chain and the transaction-time rule', async () => {
    const path = tmp.log;
    const later = new Date('2031-05-01T10:00:00.000Z');
    const written = await writeLog(path, 4, { clock: () => later });
    await (await open(path, { readOnly: true, ...withPrefix })).close();
    // Every line is in the prefix: the last line's recordedAt must still be known.
    const writer = await open(path, { ...withPrefix, clock: () => new Date('2020-01-01') });
    const r = await appendOk(writer, 'risk-housing', [rescored(2)], { revision: 1 });
    expect(r.events[0]?.meta.recordedAt).toBe(later.toISOString());
    expect(r.events[0]?.prevHash).toBe(written[3]?.hash);
    await writer.close();
    const full = await open(path, { readOnly: true });
    expect(full.stats().events).toBe(5);
    await full.close();
  });

  it('is ignored once a byte of the prefix changes: the edit fails the open as before', async () => {
    const path = tmp.log;
    await writeLog(path, 4);
    await (await open(path, { readOnly: true, ...withPrefix })).close();
    writeFileSync(path, readFileSync(path, 'utf8').replace('"likelihood":3', '"likelihood":4'));
    const edited = await openFails(path, { readOnly: true, ...withPrefix });
    expect(edited._tag).toBe('Tampered');
    expect(edited.message).toContain('hash-mismatch');
    expect((await openFails(path, withPrefix))._tag).toBe('Tampered');
  });

  it('checks the lines after the prefix in full', async () => {
    const path = tmp.log;
    await writeLog(path, 4);
    await (await open(path, { readOnly: true, ...withPrefix })).close();
    const size = readFileSync(path).length;
    await writeLog(path, 2);
    const text = readFileSync(path, 'utf8');
    writeFileSync(
      path,
      text.slice(0, size) + text.slice(size).replace(/"likelihood":\d/, '"likelihood":9'),
    );
    const edited = await openFails(path, { readOnly: true, ...withPrefix });
    expect(edited._tag).toBe('Tampered');
    expect(edited.message).toContain('hash-mismatch');
  });

  it('forged to match an edited log, hides a content edit from this open only: without the option, and verify, find it', async () => {
    const path = tmp.log;
    await writeLog(path, 4);
    writeFileSync(path, readFileSync(path, 'utf8').replace('"likelihood":3', '"likelihood":4'));
    forgeRecord(path);
    // What the option documents: the prefix's content hashes are trusted...
    const trusting = await openFileStore(path, { readOnly: true, ...withPrefix })();
    expect(E.isRight(trusting)).toBe(true);
    if (E.isRight(trusting)) await trusting.right.close();
    // ...an open without it (the default), and verify's reader, never read the record.
    expect((await openFails(path, { readOnly: true }))._tag).toBe('Tampered');
    expect((await openFails(path))._tag).toBe('Tampered');
    await expect(collect(openLogReader(path, { verifiedPrefix: false }).readAll())).rejects.toEqual(
      expect.objectContaining({ error: expect.objectContaining({ _tag: 'Tampered' }) }),
    );
  });

  it('forged or not, still checks every line’s position, revision and chain link', async () => {
    const path = tmp.log;
    await writeLog(path, 4);
    const lines = readFileSync(path, 'utf8').split('\n');
    // The second event removed: the lines after it no longer sit at their positions.
    writeFileSync(path, [lines[0], ...lines.slice(2)].join('\n'));
    forgeRecord(path);
    const removed = await openFails(path, { readOnly: true, ...withPrefix });
    expect(removed._tag).toBe('Tampered');
    expect(removed.message).toContain('position-mismatch');
  });
});
