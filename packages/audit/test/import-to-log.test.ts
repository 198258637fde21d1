import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import type { Envelope } from '@assure/event-store';
import { openFileStore, openLogLoader, type LogLoader } from '@assure/store-file';
import {
  importLog,
  importToLog,
  verifyExport,
  verifyLog,
  type AuditError,
  type ImportResult,
} from '@assure/audit';
import { buildLog, exportText, rewriteHistory } from './fixtures';

const quiet = { warn: () => undefined };

/** The story in `rounds` rounds with seals, transaction time rising along the log. */
function risingLog(rounds: number): Envelope[] {
  const t0 = Date.UTC(2020, 0, 1);
  const log = buildLog({ rounds, sealAfter: [5, 40, 41] }).map((e, i) => ({
    ...e,
    meta: { ...e.meta, recordedAt: new Date(t0 + i * 1000).toISOString() },
  }));
  return rewriteHistory(log);
}

/** The same envelopes at the byte offsets a file store gives them (an export of a file store). */
function atByteOffsets(log: readonly Envelope[]): Envelope[] {
  let offset = 0;
  return log.map((e) => {
    const moved = { ...e, position: String(offset) };
    offset += Buffer.byteLength(`${JSON.stringify(moved)}\n`);
    return moved;
  });
}

/** The envelope with its `hash` first: another field order than the store's. */
function hashFirst(e: Envelope): Record<string, unknown> {
  const { hash, ...rest } = e;
  return { hash, ...rest };
}

/** Writes an export file and returns its path. */
function exportFile(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The old path: verified, then appended with appends in flight into a new file store. */
async function importByAppending(
  file: string,
  log: string,
): Promise<E.Either<AuditError, ImportResult>> {
  const store = await openFileStore(log, { logger: quiet })();
  if (E.isLeft(store)) throw new Error(store.left.message);
  try {
    return await importLog(file, store.right, { inFlight: 64 })();
  } finally {
    await store.right.close();
  }
}

async function loaderFor(log: string): Promise<LogLoader> {
  const started = await openLogLoader(log, { logger: quiet })();
  if (E.isLeft(started)) throw new Error(started.left.message);
  if (started.right._tag !== 'LogLoader') throw new Error(`${log} is not empty`);
  return started.right;
}

/** The one-pass path: committed when it succeeds, aborted otherwise. */
async function importInOnePass(
  file: string,
  log: string,
  threads: number,
): Promise<E.Either<AuditError, ImportResult>> {
  const loader = await loaderFor(log);
  const r = await importToLog(file, loader, { threads })();
  if (E.isLeft(r)) {
    await loader.abort();
    return r;
  }
  const c = await loader.commit();
  if (E.isLeft(c)) throw new Error(c.left.message);
  return r;
}

/** What a directory holds besides the export files (the store's files). */
const storeFiles = (dir: string): string[] =>
  readdirSync(dir).filter((f) => !f.endsWith('.export.ndjson'));

describe('importToLog: one pass into a new file store log', () => {
  const log = risingLog(4);
  const renumbered = log; // positions 1000, 1007, ...: every line gets a new one
  const fromFileStore = atByteOffsets(log); // positions already the new offsets: kept as they are
  // Another layout than the store's (fields in another order, spaces, CR LF, blank lines):
  // the same events, which the store writes in its own layout.
  const reordered =
    [
      JSON.stringify({
        format: 'assure-export',
        version: 1,
        exportedAt: '2020-02-01T00:00:00.000Z',
        events: log.length,
      }),
      ...log.map((e, i) =>
        i % 3 === 0
          ? JSON.stringify(hashFirst(e), null, i % 2 === 0 ? 1 : 0)
              .replace(/\n/g, ' ')
              .concat('\r')
          : JSON.stringify(e).concat(i % 5 === 0 ? '\n' : ''),
      ),
    ].join('\n') + '\n';

  // An export of a file store with every fourth line laid out otherwise: most lines are kept,
  // and the changed ones fall between them (in the same block).
  const mixed =
    [
      JSON.stringify({
        format: 'assure-export',
        version: 1,
        exportedAt: '2020-02-01T00:00:00.000Z',
        events: log.length,
      }),
      ...fromFileStore.map((e, i) => JSON.stringify(i % 4 === 2 ? hashFirst(e) : e)),
    ].join('\n') + '\n';

  it.each([
    ['an export of a file store, some lines laid out otherwise', mixed, 0],
    ['an export of a file store, some lines laid out otherwise, in workers', mixed, 2],
    ['an export of a database store (positions renumbered)', exportText(renumbered), 0],
    ['an export of a file store (lines kept as they are)', exportText(fromFileStore), 0],
    ['another layout, CR LF and blank lines', reordered, 0],
    ['an export of a database store, in worker threads', exportText(renumbered), 2],
    ['another layout, in worker threads', reordered, 2],
  ])('%s: the same log, byte for byte, as appending every event', async (_, text, threads) => {
    const dir = mkdtempSync(join(tmpdir(), 'assure-import-to-log-'));
    const file = exportFile(dir, 'in.export.ndjson', text);
    expect((await verifyExport(file)).ok).toBe(true);
    const appended = await importByAppending(file, join(dir, 'appended.ndjson'));
    const loaded = await importInOnePass(file, join(dir, 'loaded.ndjson'), threads);
    expect(E.isRight(appended)).toBe(true);
    expect(loaded).toEqual(appended);
    const bytes = readFileSync(join(dir, 'loaded.ndjson'));
    expect(bytes.equals(readFileSync(join(dir, 'appended.ndjson')))).toBe(true);
    const report = await verifyLog(join(dir, 'loaded.ndjson'));
    expect(report).toEqual(await verifyLog(join(dir, 'appended.ndjson')));
    expect(report).toMatchObject({ ok: true, events: log.length, sealsChecked: 2 });
    // The store opens it (every line checked) and reads every event back.
    const store = await openFileStore(join(dir, 'loaded.ndjson'), { logger: quiet })();
    if (E.isLeft(store)) throw new Error(store.left.message);
    expect(store.right.stats()).toMatchObject({ events: log.length, bytes: bytes.length });
    await store.right.close();
    // Nothing else is left beside the store: no new log, no lock.
    expect(storeFiles(dir).sort()).toEqual(['appended.ndjson', 'loaded.ndjson']);
  });

  it.each([0, 2])(
    'refuses an export tampered on its last line (threads %i): nothing in place, nothing left',
    async (threads) => {
      const dir = mkdtempSync(join(tmpdir(), 'assure-import-to-log-'));
      const big = risingLog(40);
      const text = exportText(big);
      const cut = text.lastIndexOf('"actor":"');
      const tampered = `${text.slice(0, cut)}"actor":"x${text.slice(cut + '"actor":"'.length)}`;
      const file = exportFile(dir, 'bad.export.ndjson', tampered);
      const r = await importInOnePass(file, join(dir, 'events.ndjson'), threads);
      expect(E.isLeft(r) && r.left._tag).toBe('ExportInvalid');
      expect(
        E.isLeft(r) && r.left._tag === 'ExportInvalid' && r.left.report.failures[0],
      ).toMatchObject({ reason: 'hash-mismatch', line: big.length + 1 });
      expect(existsSync(join(dir, 'events.ndjson'))).toBe(false);
      expect(storeFiles(dir)).toEqual([]);
    },
  );

  it('refuses transaction time going backwards, as an append does, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assure-import-to-log-'));
    const log = risingLog(1);
    const back = rewriteHistory(
      log.map((e, i) =>
        i === 10 ? { ...e, meta: { ...e.meta, recordedAt: '2019-12-31T00:00:00.000Z' } } : e,
      ),
    );
    const file = exportFile(dir, 'back.export.ndjson', exportText(back));
    expect((await verifyExport(file)).ok).toBe(true); // verify does not look at transaction time
    const appended = await importByAppending(file, join(dir, 'appended.ndjson'));
    expect(E.isLeft(appended) && appended.left).toMatchObject({ _tag: 'RecordedAtRegressed' });
    for (const threads of [0, 2]) {
      const r = await importInOnePass(file, join(dir, `loaded-${threads}.ndjson`), threads);
      expect(E.isLeft(r) && r.left).toMatchObject({
        _tag: 'RecordedAtRegressed',
        stream: back[10]!.stream,
        given: '2019-12-31T00:00:00.000Z',
      });
      expect(existsSync(join(dir, `loaded-${threads}.ndjson`))).toBe(false);
    }
  });
});

describe('openLogLoader', () => {
  it('loads only into a missing or empty log, under the writer lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assure-loader-'));
    const path = join(dir, 'events.ndjson');
    const file = exportFile(dir, 'in.export.ndjson', exportText(risingLog(1)));
    const loader = await loaderFor(path);
    // A writer (or another load) is refused while the load holds the lock.
    const writer = await openFileStore(path, { logger: quiet })();
    expect(E.isLeft(writer) && writer.left._tag).toBe('StoreUnavailable');
    const other = await openLogLoader(path, { logger: quiet })();
    expect(E.isLeft(other) && other.left._tag).toBe('StoreUnavailable');
    expect(E.isRight(await importToLog(file, loader)())).toBe(true);
    expect(existsSync(path)).toBe(false); // nothing visible before the commit
    expect(E.isRight(await loader.commit())).toBe(true);
    // Now the log holds events: a load is refused, the lock given back.
    const again = await openLogLoader(path, { logger: quiet })();
    expect(E.isRight(again) && again.right).toMatchObject({ _tag: 'LogNotEmpty', path });
    const reopened = await openFileStore(path, { logger: quiet })();
    expect(E.isRight(reopened)).toBe(true);
    if (E.isRight(reopened)) await reopened.right.close();
  });

  it('refuses lines that do not declare their byte offset, writing nothing of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assure-loader-'));
    const loader = await loaderFor(join(dir, 'events.ndjson'));
    const [first, second] = atByteOffsets(risingLog(1));
    const line = (e: Envelope) => `${JSON.stringify(e)}\n`;
    await loader.write(Buffer.from(line(first!)));
    expect(loader.bytes).toBe(Buffer.byteLength(line(first!)));
    await expect(loader.write(Buffer.from(line({ ...second!, position: '0' })))).rejects.toThrow(
      /does not declare position/,
    );
    await expect(loader.write(Buffer.from(JSON.stringify(second)))).rejects.toThrow(/whole lines/);
    expect(loader.bytes).toBe(Buffer.byteLength(line(first!)));
    await loader.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});
