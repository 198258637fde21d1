import { constants as fsConstants } from 'node:fs';
import * as fsp from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import * as nodePath from 'node:path';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { StoreErrors, type StoreError } from '@assure/event-store';
import { FileEventStore } from './file-store';
import { scanInto, type Scanned } from './follower';
import { messageOf, syncDirectory } from './io';
import { acquireLock, errnoOf, type WriterLock } from './lock';
import { LogIndex } from './log-index';
import { settingsOf, type FileStore, type FileStoreOptions, type Settings } from './options';
import { PrefixMismatch, StreamedHash } from './streamed-hash';
import {
  claimedPrefix,
  recordVerifiedPrefix,
  trustedPrefix,
  type LineTimes,
  type TrustedPrefix,
} from './verified-prefix';

/** The store over an indexed log: a writer's (with its lock) or a reader's. */
function storeOf(
  s: Settings,
  path: string,
  handle: FileHandle | null,
  index: LogIndex,
  writer: { readonly lock: WriterLock; readonly lastRecordedAt: string | null } | undefined,
): FileStore {
  return new FileEventStore({
    ...s,
    file: { path, handle, closed: false },
    readOnly: writer === undefined,
    index,
    lock: writer?.lock,
    lastRecordedAt: writer?.lastRecordedAt ?? null,
  });
}

/** A new index of the log, and what its scan found. */
interface Indexed {
  readonly index: LogIndex;
  readonly scanned: Scanned;
}

const indexed =
  (index: LogIndex) =>
  (r: E.Either<StoreError, Scanned>): E.Either<StoreError, Indexed> =>
    E.isLeft(r) ? r : E.right({ index, scanned: r.right });

/**
 * Indexes the whole lines of the log into a new index, checking them as `s` says. With
 * `verifiedPrefix`, the lines of the recorded prefix whose bytes are unchanged are checked
 * for their links only, the others in full; when those reach `recordAfterBytes`, the
 * record is extended.
 *
 * The bytes are read once: the recorded segments are hashed as the scan reads them (and
 * so are the bytes after them, which a new segment records), and the prefix's lines are
 * checked for their links before their segment is compared. The open hands nothing out
 * before the scan ends, and the scan's answer stands only if every segment matched: when
 * one differs (or the scan stopped before reading them all, on a bad line or a file cut
 * meanwhile), the log is indexed again as if no line had been read, the prefix re-hashed
 * first ({@link indexAfterRehash}): the same checks and errors as comparing every segment
 * before the scan, only dearer in that (rare) case.
 */
async function indexLog(
  path: string,
  handle: FileHandle,
  size: number,
  s: Settings,
): Promise<E.Either<StoreError, Indexed>> {
  if (!s.verifiedPrefix || s.check === 'links') {
    const index = new LogIndex();
    return indexed(index)(await scanInto(handle, index, size, s));
  }
  const prefix = await claimedPrefix(path, size);
  const hash = new StreamedHash(prefix.segments, prefix.bytes);
  const index = new LogIndex();
  const times: LineTimes = { days: [], recorded: [] };
  let r: E.Either<StoreError, Scanned>;
  try {
    r = await scanInto(handle, index, size, {
      check: 'full',
      trustedBytes: prefix.bytes,
      times,
      observe: hash.observe,
    });
  } catch (e) {
    if (e instanceof PrefixMismatch) return indexAfterRehash(path, handle, size, s);
    throw e;
  }
  if (!hash.confirmed) return indexAfterRehash(path, handle, size, s);
  if (E.isRight(r)) await recordIndexed(path, handle, s, prefix, index, times, hash);
  return indexed(index)(r);
}

/**
 * Records the lines an open checked past the prefix, once they reach `recordAfterBytes`,
 * with the index's chain heads: every line's links were checked on the open (the prefix's
 * too), so they are the heads at the end of what is recorded.
 */
async function recordIndexed(
  path: string,
  handle: FileHandle,
  s: Settings,
  prefix: TrustedPrefix,
  index: LogIndex,
  times: LineTimes,
  hash: StreamedHash | undefined,
): Promise<void> {
  if (index.end - prefix.bytes < s.recordAfterBytes) return;
  const tail = hash?.tailDigest(index.end);
  await recordVerifiedPrefix(path, handle, prefix, index.end, times, tail, index.chainHeads());
}

/**
 * {@link indexLog} with the recorded segments all compared before the scan (re-hashed from
 * the file): a prefix that differs is not used at all.
 */
async function indexAfterRehash(
  path: string,
  handle: FileHandle,
  size: number,
  s: Settings,
): Promise<E.Either<StoreError, Indexed>> {
  const prefix = await trustedPrefix(path, handle, size);
  const index = new LogIndex();
  const times: LineTimes = { days: [], recorded: [] };
  const r = await scanInto(handle, index, size, {
    check: 'full',
    trustedBytes: prefix.bytes,
    times,
  });
  if (E.isRight(r)) await recordIndexed(path, handle, s, prefix, index, times, undefined);
  return indexed(index)(r);
}

async function openReader(path: string, s: Settings): Promise<E.Either<StoreError, FileStore>> {
  let handle: FileHandle | null = null;
  try {
    handle = await fsp.open(path, 'r');
  } catch (e) {
    if (errnoOf(e) !== 'ENOENT')
      return E.left(StoreErrors.unavailable(`cannot open ${path}: ${messageOf(e)}`));
  }
  let index = new LogIndex();
  if (handle !== null) {
    try {
      const { size } = await handle.stat();
      const r = await indexLog(path, handle, size, s);
      if (E.isLeft(r)) {
        await handle.close();
        return r;
      }
      index = r.right.index;
    } catch (e) {
      await handle.close();
      return E.left(StoreErrors.unavailable(`cannot read ${path}: ${messageOf(e)}`));
    }
  }
  return E.right(storeOf(s, path, handle, index, undefined));
}

async function openWriter(path: string, s: Settings): Promise<E.Either<StoreError, FileStore>> {
  const dir = nodePath.dirname(path);
  let lock: WriterLock;
  try {
    await fsp.mkdir(dir, { recursive: true });
    const taken = await acquireLock(`${path}.lock`, s.logger);
    if (E.isLeft(taken)) return taken;
    lock = taken.right;
  } catch (e) {
    return E.left(StoreErrors.unavailable(`cannot lock ${path}: ${messageOf(e)}`));
  }
  let handle: FileHandle | undefined;
  try {
    let existed = true;
    try {
      await fsp.access(path);
    } catch {
      existed = false;
    }
    handle = await fsp.open(path, fsConstants.O_RDWR | fsConstants.O_CREAT, 0o644);
    if (!existed) await syncDirectory(dir);
    const { size } = await handle.stat();
    const r = await indexLog(path, handle, size, s);
    if (E.isLeft(r)) {
      await handle.close();
      await lock.release();
      return r;
    }
    const { index, scanned } = r.right;
    if (scanned.partialBytes > 0) {
      s.logger.warn(
        `cut a torn last line of ${path}: ${scanned.partialBytes} bytes after byte offset ${index.end} ` +
          `(an append that was never acknowledged)`,
      );
      await handle.truncate(index.end);
      await s.fsync(handle);
    }
    const { lastRecordedAt } = scanned;
    return E.right(storeOf(s, path, handle, index, { lock, lastRecordedAt }));
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await lock.release();
    return E.left(StoreErrors.unavailable(`cannot open ${path}: ${messageOf(e)}`));
  }
}

/**
 * Opens the NDJSON event log at `path` (relative paths resolve against the working
 * directory) and returns a `TaskEither`: `Left(StoreUnavailable)` when the log is locked by
 * another writer or cannot be opened, `Left(StoreCorrupt | Tampered)` naming the first bad
 * line, or `Right` with the store.
 *
 * As a writer (the default), it takes the writer's lock (its claim in the folder
 * `PATH.lock/`: exactly one writer at a time; see `lock.ts`), creates the file and its
 * directory if missing, checks every line and chain while building the index, and cuts a
 * torn last line (with a warning). With `readOnly`, it takes no lock and cuts nothing.
 *
 * @example
 * const opened = await openFileStore('.assure/events.ndjson')();
 * if (E.isLeft(opened)) throw new Error(opened.left.message);
 * const store = opened.right;
 * await store.append('risk-equal-pay', [proposed], 'no-stream')();
 * await store.close();
 */
export function openFileStore(
  path: string,
  options: FileStoreOptions = {},
): TE.TaskEither<StoreError, FileStore> {
  return () => {
    const absolute = nodePath.resolve(path);
    const settings = settingsOf(options);
    return options.readOnly === true
      ? openReader(absolute, settings)
      : openWriter(absolute, settings);
  };
}
