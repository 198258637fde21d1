import { randomUUID } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import * as nodePath from 'node:path';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { StoreErrors, type StoreError, type StoreUnavailable } from '@assure/event-store';
import { messageOf, syncDirectory } from './io';
import { acquireLock, errnoOf, type StoreLogger, type WriterLock } from './lock';

/** Options of {@link openLogLoader}. */
export interface LogLoaderOptions {
  /** Receives warnings (a stale lock recovered, leftovers of a killed load removed). */
  readonly logger?: StoreLogger;
  /** Makes the new log's bytes durable before it is renamed into place (default fdatasync). */
  readonly fsync?: (handle: FileHandle) => Promise<void>;
}

/** What a committed load put in place. */
export interface LoadedLog {
  readonly path: string;
  /** Whole lines (events) written. */
  readonly lines: number;
  readonly bytes: number;
  /** Position (byte offset) of the last line, null for an empty log. */
  readonly lastPosition: string | null;
}

/**
 * A log being built beside an empty store, under the store's writer lock, and put in place
 * whole by {@link LogLoader.commit} (or never: {@link LogLoader.abort}, or a crash).
 */
export interface LogLoader {
  readonly _tag: 'LogLoader';
  /** The store's log (where `commit` puts the new log). */
  readonly path: string;
  /** Bytes written so far: the position the next line must declare. */
  readonly bytes: number;
  /**
   * Appends whole lines of envelopes exactly as the store writes them (each ended by `\n`),
   * the first of them at byte offset {@link LogLoader.bytes}. Each line must declare that
   * offset as its `position` (`{"position":"<offset>",...`): otherwise it rejects and writes
   * nothing of the block. Their content, chains and hashes are the caller's to have verified
   * (the store checks every line again whenever it opens the log).
   */
  write(lines: Uint8Array): Promise<void>;
  /**
   * Makes the new log durable (one fdatasync), renames it over the store's path, syncs the
   * directory and releases the lock. Until the rename returns, the store is as it was.
   */
  commit(): Promise<E.Either<StoreUnavailable, LoadedLog>>;
  /** Removes the new log and releases the lock: the store is as it was. */
  abort(): Promise<void>;
}

/** The store already holds bytes: a load is refused (nothing was changed, the lock is released). */
export interface LogNotEmpty {
  readonly _tag: 'LogNotEmpty';
  readonly path: string;
  readonly bytes: number;
}

const NEWLINE = 0x0a;
const LEAD = Buffer.from('{"position":"', 'latin1');
const TEMP_INFIX = '.load-';
const TEMP_SUFFIX = '.tmp';

/** Size of the file at `path`, 0 when it does not exist. */
async function sizeOf(path: string): Promise<number> {
  try {
    return (await fsp.stat(path)).size;
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return 0;
    throw e;
  }
}

/**
 * Removes the new logs that loads killed before their commit left beside the store: we hold
 * the writer's lock, so no other load is running.
 */
async function removeLeftovers(path: string, logger: StoreLogger): Promise<void> {
  const dir = nodePath.dirname(path);
  const prefix = `${nodePath.basename(path)}${TEMP_INFIX}`;
  for (const name of await fsp.readdir(dir)) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    await fsp.rm(nodePath.join(dir, name), { force: true });
    logger.warn(`removed ${name}: a load into ${path} that stopped before its commit`);
  }
}

class FileLogLoader implements LogLoader {
  readonly _tag = 'LogLoader';
  #bytes = 0;
  #lines = 0;
  #lastPosition: string | null = null;
  #done = false;

  constructor(
    readonly path: string,
    private readonly temp: string,
    private readonly handle: FileHandle,
    private readonly lock: WriterLock,
    private readonly fsync: (handle: FileHandle) => Promise<void>,
  ) {}

  get bytes(): number {
    return this.#bytes;
  }

  async write(lines: Uint8Array): Promise<void> {
    if (this.#done) throw new Error(`the load into ${this.path} is over`);
    const buf = Buffer.from(lines.buffer, lines.byteOffset, lines.byteLength);
    if (buf.length === 0) return;
    if (buf[buf.length - 1] !== NEWLINE)
      throw new Error('a load writes whole lines: the block does not end with a newline');
    // Each line must declare its own byte offset (the store's positions), as the store checks.
    let offset = this.#bytes;
    let count = 0;
    let last: string | null = this.#lastPosition;
    for (let start = 0; start < buf.length;) {
      const nl = buf.indexOf(NEWLINE, start);
      const at = String(offset);
      const want = LEAD.length + at.length + 2; // `{"position":"` + digits + `",`
      if (
        nl - start < want ||
        buf.compare(LEAD, 0, LEAD.length, start, start + LEAD.length) !== 0 ||
        buf.toString('latin1', start + LEAD.length, start + want) !== `${at}",`
      )
        throw new Error(
          `the line at byte offset ${at} of the load does not declare position ${at}`,
        );
      last = at;
      offset += nl + 1 - start;
      count++;
      start = nl + 1;
    }
    let done = 0;
    while (done < buf.length) {
      const { bytesWritten } = await this.handle.write(
        buf,
        done,
        buf.length - done,
        this.#bytes + done,
      );
      if (bytesWritten <= 0) throw new Error('the disk accepted no bytes');
      done += bytesWritten;
    }
    this.#bytes = offset;
    this.#lines += count;
    this.#lastPosition = last;
  }

  async commit(): Promise<E.Either<StoreUnavailable, LoadedLog>> {
    if (this.#done) return E.left(StoreErrors.unavailable(`the load into ${this.path} is over`));
    this.#done = true;
    try {
      await this.fsync(this.handle);
      await this.handle.close();
      await fsp.rename(this.temp, this.path);
      await syncDirectory(nodePath.dirname(this.path));
    } catch (e) {
      await this.handle.close().catch(() => undefined);
      await fsp.rm(this.temp, { force: true }).catch(() => undefined);
      await this.lock.release();
      return E.left(
        StoreErrors.unavailable(
          `loading ${this.path} failed (${messageOf(e)}); nothing was changed`,
        ),
      );
    }
    await this.lock.release();
    return E.right({
      path: this.path,
      lines: this.#lines,
      bytes: this.#bytes,
      lastPosition: this.#lastPosition,
    });
  }

  async abort(): Promise<void> {
    if (this.#done) return;
    this.#done = true;
    try {
      await this.handle.close().catch(() => undefined);
      await fsp.rm(this.temp, { force: true });
    } finally {
      await this.lock.release();
    }
  }
}

/**
 * Starts a bulk load of the file store at `path`, for an import into an EMPTY store: takes
 * the store's writer lock (as a writer would: a running writer or another load refuses it
 * with `StoreUnavailable`), removes what a killed load left, and, when the log is missing or
 * empty, returns a {@link LogLoader} writing a new log beside it (`PATH.load-<id>.tmp`).
 * Nothing is visible in the store until `commit` renames the new log into place whole, so a
 * failed, aborted or killed load leaves the store as it was. A log that already holds bytes
 * gives {@link LogNotEmpty} (and the lock back): append to it through the store instead.
 *
 * @example
 * const started = await openLogLoader('.assure/events.ndjson')();
 * if (E.isRight(started) && started.right._tag === 'LogLoader') {
 *   await started.right.write(Buffer.from(verifiedLines));
 *   await started.right.commit();
 * }
 */
export function openLogLoader(
  path: string,
  options: LogLoaderOptions = {},
): TE.TaskEither<StoreError, LogLoader | LogNotEmpty> {
  return async () => {
    const absolute = nodePath.resolve(path);
    const logger: StoreLogger = options.logger ?? {
      warn: (m) => process.stderr.write(`assure store-file: ${m}\n`),
    };
    const dir = nodePath.dirname(absolute);
    let lock: WriterLock;
    try {
      await fsp.mkdir(dir, { recursive: true });
      const taken = await acquireLock(`${absolute}.lock`, logger);
      if (E.isLeft(taken)) return taken;
      lock = taken.right;
    } catch (e) {
      return E.left(StoreErrors.unavailable(`cannot lock ${absolute}: ${messageOf(e)}`));
    }
    try {
      await removeLeftovers(absolute, logger);
      const bytes = await sizeOf(absolute);
      if (bytes > 0) {
        await lock.release();
        return E.right({ _tag: 'LogNotEmpty', path: absolute, bytes });
      }
      const temp = `${absolute}${TEMP_INFIX}${randomUUID()}${TEMP_SUFFIX}`;
      const handle = await fsp.open(temp, 'wx', 0o644);
      const fsync = options.fsync ?? ((h: FileHandle) => h.datasync());
      return E.right(new FileLogLoader(absolute, temp, handle, lock, fsync));
    } catch (e) {
      await lock.release();
      return E.left(StoreErrors.unavailable(`cannot load ${absolute}: ${messageOf(e)}`));
    }
  };
}
