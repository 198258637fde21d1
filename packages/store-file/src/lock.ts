import { randomUUID } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { hostname } from 'node:os';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { StoreErrors, type StoreUnavailable } from '@assure/event-store';

/** What a lock file holds: who writes the log, since when, and a token naming this lock. */
export const LockHolder = t.type(
  {
    pid: t.number,
    host: t.string,
    startedAt: t.string,
    token: t.string,
  },
  'LockHolder',
);
export type LockHolder = t.TypeOf<typeof LockHolder>;

/** Receives the store's warnings (a cut torn line, a recovered stale lock). */
export interface StoreLogger {
  warn(message: string): void;
}

/** A lock file this process created; {@link WriterLock.release} removes it. */
export interface WriterLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours. */
  release(): Promise<void>;
}

/**
 * Lock files this process holds now. A lock naming this process's pid that is not in here
 * was left by an earlier process that had the same pid (pids are reused, in containers
 * especially): it is stale.
 */
const heldHere = new Set<string>();

/** How long an unreadable lock file must have existed before it counts as stale. */
const UNREADABLE_GRACE_MS = 5_000;
const MAX_ATTEMPTS = 5;

/** Renders a holder for error messages. */
export function describeHolder(h: LockHolder): string {
  return `pid ${h.pid} on host ${h.host} (since ${h.startedAt})`;
}

/** True when a process with this pid runs on this host (a process of another user counts). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoOf(e) === 'EPERM';
  }
}

function errnoOf(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e) {
    const code = e.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Reads and decodes a lock file; `undefined` if it vanished, `'unreadable'` if it does not decode. */
async function readHolder(path: string): Promise<LockHolder | 'unreadable' | undefined> {
  let text: string;
  try {
    text = await fsp.readFile(path, 'utf8');
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const decoded = LockHolder.decode(JSON.parse(text));
    return E.isRight(decoded) ? decoded.right : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/**
 * Takes the writer's lock file `lockPath`, atomically: the holder's record is written to a
 * private temporary file, then hard-linked to `lockPath` (which fails if it exists), so the
 * lock file is never seen half-written.
 *
 * If the lock is held: by a dead process on this host, it is stale and taken over (with a
 * warning); otherwise the result is a `StoreUnavailable` naming the holder. An unreadable
 * lock file older than a few seconds is also treated as stale.
 */
export async function acquireLock(
  lockPath: string,
  logger: StoreLogger,
): Promise<E.Either<StoreUnavailable, WriterLock>> {
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    token: randomUUID(),
  };
  const tmp = `${lockPath}.${process.pid}.${holder.token}.tmp`;
  const handle = await fsp.open(tmp, 'wx');
  try {
    await handle.writeFile(`${JSON.stringify(holder)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        await fsp.link(tmp, lockPath);
        heldHere.add(lockPath);
        return E.right({ path: lockPath, holder, release: () => releaseLock(lockPath, holder) });
      } catch (e) {
        if (errnoOf(e) !== 'EEXIST') throw e;
      }
      const current = await readHolder(lockPath);
      if (current === undefined) continue; // released meanwhile: try again
      if (current === 'unreadable') {
        const age = await fileAgeMs(lockPath);
        if (age !== undefined && age < UNREADABLE_GRACE_MS) {
          return E.left(
            StoreErrors.unavailable(
              `the lock file ${lockPath} is unreadable (being written by another writer?); ` +
                `remove it if no writer is running`,
            ),
          );
        }
        logger.warn(`removing an unreadable stale lock file ${lockPath}`);
        await unlinkIfPresent(lockPath);
        continue;
      }
      const ownPidReused = current.pid === process.pid && !heldHere.has(lockPath);
      if (current.host === holder.host && (ownPidReused || !processAlive(current.pid))) {
        logger.warn(
          `recovering a stale lock ${lockPath}: its holder, ${describeHolder(current)}, is not running`,
        );
        await unlinkIfPresent(lockPath);
        continue;
      }
      const where =
        current.host === holder.host
          ? 'which is running'
          : 'on another host (cannot check it; remove the lock file if that process is gone)';
      return E.left(
        StoreErrors.unavailable(
          `the log is locked by another writer: ${describeHolder(current)}, ${where}; lock file ${lockPath}`,
        ),
      );
    }
    return E.left(
      StoreErrors.unavailable(`could not take the lock ${lockPath}: it keeps changing hands`),
    );
  } finally {
    await unlinkIfPresent(tmp);
  }
}

async function releaseLock(lockPath: string, holder: LockHolder): Promise<void> {
  const current = await readHolder(lockPath);
  if (typeof current === 'object' && current.token === holder.token) {
    await unlinkIfPresent(lockPath);
    heldHere.delete(lockPath);
  }
}

async function unlinkIfPresent(path: string): Promise<void> {
  try {
    await fsp.unlink(path);
  } catch (e) {
    if (errnoOf(e) !== 'ENOENT') throw e;
  }
}

async function fileAgeMs(path: string): Promise<number | undefined> {
  try {
    const s = await fsp.stat(path);
    return Date.now() - s.mtimeMs;
  } catch {
    return undefined;
  }
}

export { errnoOf };
