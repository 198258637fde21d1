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
import { recordVerifiedPrefix, trustedPrefix, type LineTimes } from './verified-prefix';

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

/**
 * Indexes the whole lines of the log, checking them as `s` says. With `verifiedPrefix`, the
 * lines of the recorded prefix whose bytes are unchanged (re-hashed here) are checked for
 * their links only, the others in full; when those reach `recordAfterBytes`, the record
 * is extended.
 */
async function indexLog(
  path: string,
  handle: FileHandle,
  index: LogIndex,
  size: number,
  s: Settings,
): Promise<E.Either<StoreError, Scanned>> {
  if (!s.verifiedPrefix || s.check === 'links') return scanInto(handle, index, size, s);
  const prefix = await trustedPrefix(path, handle, size);
  const times: LineTimes = { days: [], recorded: [] };
  const r = await scanInto(handle, index, size, {
    check: 'full',
    trustedBytes: prefix.bytes,
    times,
  });
  if (E.isRight(r) && index.end - prefix.bytes >= s.recordAfterBytes)
    await recordVerifiedPrefix(path, handle, prefix, index.end, times);
  return r;
}

async function openReader(path: string, s: Settings): Promise<E.Either<StoreError, FileStore>> {
  let handle: FileHandle | null = null;
  try {
    handle = await fsp.open(path, 'r');
  } catch (e) {
    if (errnoOf(e) !== 'ENOENT')
      return E.left(StoreErrors.unavailable(`cannot open ${path}: ${messageOf(e)}`));
  }
  const index = new LogIndex();
  if (handle !== null) {
    try {
      const { size } = await handle.stat();
      const r = await indexLog(path, handle, index, size, s);
      if (E.isLeft(r)) {
        await handle.close();
        return r;
      }
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
    const index = new LogIndex();
    const r = await indexLog(path, handle, index, size, s);
    if (E.isLeft(r)) {
      await handle.close();
      await lock.release();
      return r;
    }
    if (r.right.partialBytes > 0) {
      s.logger.warn(
        `cut a torn last line of ${path}: ${r.right.partialBytes} bytes after byte offset ${index.end} ` +
          `(an append that was never acknowledged)`,
      );
      await handle.truncate(index.end);
      await s.fsync(handle);
    }
    const { lastRecordedAt } = r.right;
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
