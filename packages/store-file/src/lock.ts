import { randomUUID } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { StoreErrors, type StoreUnavailable } from '@assure/event-store';
import { claimedProcessState, errnoOf, ownIdentity } from './liveness';

/**
 * The writer's lock: exactly one writer per log, whatever the interleaving of the processes
 * that try to open it.
 *
 * The lock is a folder, `PATH.lock/`. Each process that wants to write puts its OWN claim in
 * it, under a name no other claim ever had (`<pid>.<random token>.claim`; the record is
 * written to `<name>.tmp`, fsynced, then renamed into place, so a claim is never seen
 * half-written). Only then does it list the folder. It proceeds only if the listing shows no
 * other live claim; otherwise it removes its claim and either gives up (`StoreUnavailable`
 * naming the holder) or, when the others were only trying too, retries after a random pause.
 * A claim whose process is dead (same host: see `liveness.ts`) is removed by its exact name,
 * which no live claim can have; a claim of another host is never removed.
 *
 * Why two writers cannot both proceed: say A and B both did, and A's claim was in place
 * (its rename had returned) before B's: A.claimed < B.claimed < B.listed. A's claim stays in
 * the folder from A.claimed until A closes (nobody else removes it: A is alive), so it was
 * there when B started listing, and a listing returns every entry present when it starts
 * (POSIX leaves unspecified only entries added or removed during the listing). B saw a live
 * claim and cannot have proceeded: a contradiction. This needs only that rename and unlink
 * are atomic and that listings see completed ones: true of local POSIX filesystems; see the
 * store's README for where it does not hold.
 *
 * A winner then adds `<pid>.<token>.held` beside its claim (an empty marker, nothing rests on
 * it for safety) so that later openers give up at once instead of retrying.
 *
 * `PATH.lock` as a plain file is a lock of an earlier version of this store. It is respected
 * while its holder runs (or is on another host), and removed, with a warning, once stale.
 */

/** What a claim (and an earlier version's lock file) holds: who writes the log, since when. */
export const LockHolder = t.intersection(
  [
    t.type({ pid: t.number, host: t.string, startedAt: t.string, token: t.string }),
    t.partial({ procStart: t.string, bootId: t.string }),
  ],
  'LockHolder',
);
export type LockHolder = t.TypeOf<typeof LockHolder>;

/** Receives the store's warnings (a cut torn line, a recovered stale lock). */
export interface StoreLogger {
  warn(message: string): void;
}

/** The lock this process holds; {@link WriterLock.release} removes its claim. */
export interface WriterLock {
  /** The lock folder. */
  readonly path: string;
  /** Our claim in it. */
  readonly claim: string;
  readonly holder: LockHolder;
  /** Removes our claim (never another's), and the folder if that leaves it empty. */
  release(): Promise<void>;
}

/**
 * Tokens of the claims this process has in place now, contending or holding: where `/proc`
 * cannot tell this process's start time, a claim naming our pid is ours if its token is in
 * here or it was written after this process started; otherwise an earlier process that had
 * the same pid left it (pids are reused, in containers especially), and it is stale. Shared
 * through `globalThis` by every copy of this module loaded in the process.
 */
const CLAIMED_HERE: unique symbol = Symbol.for('@assure/store-file:claimed-here');
const shared = globalThis as typeof globalThis & { [CLAIMED_HERE]?: Set<string> };
const claimedHere: Set<string> = (shared[CLAIMED_HERE] ??= new Set<string>());
/** When this process started (wall clock), for the same purpose. */
const processStartMs = Date.now() - process.uptime() * 1000;

/** Who we are, to judge claims by. */
type Self = Pick<LockHolder, 'pid' | 'host' | 'procStart' | 'bootId'>;

/** How long an unreadable claim, or an orphan temporary file, must exist to count as stale. */
const UNREADABLE_GRACE_MS = 5_000;
/** Tries when others are trying at the same moment (a pause of up to 10·2^n ms, at most 200 ms, before each). */
const MAX_ATTEMPTS = 10;
const ENTRY = /^(\d+)\.([0-9a-f-]+)\.(claim|held|tmp)$/;

/** Renders a holder for error messages. */
export function describeHolder(h: LockHolder): string {
  return `pid ${h.pid} on host ${h.host} (since ${h.startedAt})`;
}

/** A live claim found beside ours. */
interface Rival {
  readonly path: string;
  readonly holder: LockHolder | 'unreadable';
  /** It has won (a `.held` marker), is on another host or is unreadable: retrying cannot help. */
  readonly settled: boolean;
}

const claimName = (h: LockHolder) => `${h.pid}.${h.token}.claim`;
const heldName = (h: LockHolder) => `${h.pid}.${h.token}.held`;

/**
 * Takes the writer's lock `lockDir` (see above): `Right` with the lock, or `Left` with a
 * `StoreUnavailable` naming the holder (or the claims that kept changing hands).
 */
export async function acquireLock(
  lockDir: string,
  logger: StoreLogger,
): Promise<E.Either<StoreUnavailable, WriterLock>> {
  const identity = await ownIdentity();
  const self: Self = { pid: process.pid, host: hostname(), ...identity };
  const startedAt = new Date().toISOString();
  let rival: Rival | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (attempt > 0) await pause(attempt);
    const folder = await prepareFolder(lockDir, self, logger);
    if (E.isLeft(folder)) return folder;
    if (!folder.right) continue; // changed hands meanwhile: look again
    const me: LockHolder = { ...self, startedAt, token: randomUUID() };
    if (!(await publish(lockDir, me))) continue; // the folder was removed meanwhile
    let rivals: Rival[];
    try {
      rivals = await survey(lockDir, me, self, logger);
    } catch (e) {
      await withdraw(lockDir, me);
      throw e;
    }
    if (rivals.length === 0) {
      await fsp.writeFile(join(lockDir, heldName(me)), '', { flag: 'wx' }).catch(async (e) => {
        await withdraw(lockDir, me);
        throw e;
      });
      const claim = join(lockDir, claimName(me));
      return E.right({ path: lockDir, claim, holder: me, release: () => release(lockDir, me) });
    }
    await withdraw(lockDir, me);
    rival = rivals.find((r) => r.settled) ?? rivals[0];
    if (rival?.settled === true) return E.left(lockedBy(rival, me.host));
  }
  return E.left(
    StoreErrors.unavailable(
      `could not take the lock ${lockDir}: other writers kept trying at the same time` +
        (rival !== undefined ? ` (${rivalText(rival)})` : '') +
        '; try again',
    ),
  );
}

function pause(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(200, 10 * 2 ** attempt);
  return new Promise((done) => setTimeout(done, ms));
}

function rivalText(r: Rival): string {
  return r.holder === 'unreadable'
    ? `an unreadable lock file ${r.path}`
    : `${describeHolder(r.holder)}, claim ${r.path}`;
}

function lockedBy(r: Rival, host: string): StoreUnavailable {
  if (r.holder === 'unreadable')
    return StoreErrors.unavailable(
      `the log is locked: ${rivalText(r)} (not written by this store?); it counts as stale ` +
        `once ${UNREADABLE_GRACE_MS / 1000} s old, or remove it if no writer is running`,
    );
  const where =
    r.holder.host === host
      ? 'which is running'
      : `on another host (cannot check it; remove ${r.path} if that process is gone)`;
  return StoreErrors.unavailable(
    `the log is locked by another writer: ${describeHolder(r.holder)}, ${where}; lock ${r.path}`,
  );
}

/**
 * Makes sure `lockDir` is a folder: `Right(true)` when it is, `Right(false)` when it changed
 * meanwhile (look again), `Left` when an earlier version's lock file there is live.
 */
async function prepareFolder(
  lockDir: string,
  self: Self,
  logger: StoreLogger,
): Promise<E.Either<StoreUnavailable, boolean>> {
  try {
    await fsp.mkdir(lockDir);
    return E.right(true);
  } catch (e) {
    if (errnoOf(e) !== 'EEXIST') throw e;
  }
  const stat = await fsp.lstat(lockDir).catch((e: unknown) => {
    if (errnoOf(e) === 'ENOENT') return undefined;
    throw e;
  });
  if (stat === undefined) return E.right(false);
  if (stat.isDirectory()) return E.right(true);
  // An earlier version's lock file. New writers never create a file here, and unlink cannot
  // remove a folder, so removing it once stale can only remove that file.
  const holder = await readHolder(lockDir);
  if (holder === undefined) return E.right(false);
  const verdict = await judge(holder, self, lockDir);
  if (verdict.state === 'live') {
    return E.left(lockedBy({ path: lockDir, holder, settled: true }, self.host));
  }
  if (await unlinkIfPresent(lockDir, ['EISDIR', 'EPERM']))
    logger.warn(
      `recovering a stale lock ${lockDir} (left by an earlier version): ${verdict.reason}`,
    );
  return E.right(false);
}

/** Writes our claim: a private temporary file, fsynced, renamed into place. False if the folder vanished. */
async function publish(lockDir: string, me: LockHolder): Promise<boolean> {
  const tmp = join(lockDir, `${me.pid}.${me.token}.tmp`);
  claimedHere.add(me.token);
  try {
    const handle = await fsp.open(tmp, 'wx');
    try {
      await handle.writeFile(`${JSON.stringify(me)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(tmp, join(lockDir, claimName(me)));
    return true;
  } catch (e) {
    claimedHere.delete(me.token);
    await unlinkIfPresent(tmp);
    if (errnoOf(e) === 'ENOENT') return false;
    throw e;
  }
}

/** Removes our claim (after a lost contest). */
async function withdraw(lockDir: string, me: LockHolder): Promise<void> {
  await unlinkIfPresent(join(lockDir, heldName(me)));
  await unlinkIfPresent(join(lockDir, claimName(me)));
  claimedHere.delete(me.token);
}

async function release(lockDir: string, me: LockHolder): Promise<void> {
  await withdraw(lockDir, me);
  // Tidy: remove the folder if it is empty now (a contender that just lost it retries).
  await fsp.rmdir(lockDir).catch(() => undefined);
}

/**
 * Lists the lock folder: removes the claims of dead processes (and old orphan temporary
 * files) by their exact names, and returns the live claims other than ours.
 */
async function survey(
  lockDir: string,
  me: LockHolder,
  self: Self,
  logger: StoreLogger,
): Promise<Rival[]> {
  const entries = await fsp.readdir(lockDir);
  const held = new Set(entries.filter((n) => n.endsWith('.held')).map((n) => n.slice(0, -5)));
  const rivals: Rival[] = [];
  for (const name of entries) {
    const m = ENTRY.exec(name);
    if (m === null || m[2] === me.token) continue;
    const path = join(lockDir, name);
    if (m[3] !== 'claim') {
      // Leftovers of a crash while claiming or releasing: a temporary file, or a marker
      // without its claim. Nothing rests on them; they only keep the folder from emptying.
      const orphan = m[3] === 'tmp' || !entries.includes(`${m[1]}.${m[2]}.claim`);
      if (orphan && ((await ageMs(path)) ?? 0) > UNREADABLE_GRACE_MS) await unlinkIfPresent(path);
      continue;
    }
    const read = await readHolder(path);
    if (read === undefined) continue; // released meanwhile
    // A record that does not match its name is not a claim this store wrote: unreadable.
    const holder = read !== 'unreadable' && claimName(read) !== name ? 'unreadable' : read;
    const verdict = await judge(holder, self, path);
    if (verdict.state === 'live') {
      // Retrying cannot help against a winner, another host, or an unreadable claim.
      const settled =
        holder === 'unreadable' || holder.host !== me.host || held.has(name.slice(0, -6));
      rivals.push({ path, holder, settled });
      continue;
    }
    await unlinkIfPresent(path.replace(/\.claim$/, '.held'));
    if (await unlinkIfPresent(path))
      logger.warn(`recovering a stale lock ${path}: ${verdict.reason}`);
  }
  return rivals;
}

/** Whether a claim (or an earlier version's lock file) is live; why it is not. */
async function judge(
  holder: LockHolder | 'unreadable',
  self: Self,
  path: string,
): Promise<{ readonly state: 'live' } | { readonly state: 'stale'; readonly reason: string }> {
  if (holder === 'unreadable') {
    const age = await ageMs(path);
    return age !== undefined && age < UNREADABLE_GRACE_MS
      ? { state: 'live' }
      : { state: 'stale', reason: `it is unreadable and ${Math.round((age ?? 0) / 1000)} s old` };
  }
  if (holder.host !== self.host) return { state: 'live' };
  if (holder.pid === self.pid) {
    // Ours (this or another thread of this process), or an earlier process's with our pid.
    const ours =
      holder.procStart !== undefined && self.procStart !== undefined
        ? holder.procStart === self.procStart && holder.bootId === self.bootId
        : claimedHere.has(holder.token) || Date.parse(holder.startedAt) >= processStartMs - 1000;
    return ours
      ? { state: 'live' }
      : {
          state: 'stale',
          reason: `its holder, ${describeHolder(holder)}, is not running (this process has its pid now)`,
        };
  }
  const p = await claimedProcessState(holder);
  return p.state === 'running'
    ? { state: 'live' }
    : { state: 'stale', reason: `its holder, ${describeHolder(holder)}, ${p.reason}` };
}

/** Reads and decodes a claim; `undefined` if it vanished, `'unreadable'` if it does not decode. */
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

/** Unlinks a file; false if it was not there (or, for `also`, could not be removed that way). */
async function unlinkIfPresent(path: string, also: readonly string[] = []): Promise<boolean> {
  try {
    await fsp.unlink(path);
    return true;
  } catch (e) {
    const code = errnoOf(e);
    if (code === 'ENOENT' || (code !== undefined && also.includes(code))) return false;
    throw e;
  }
}

async function ageMs(path: string): Promise<number | undefined> {
  try {
    const s = await fsp.stat(path);
    return Date.now() - s.mtimeMs;
  } catch {
    return undefined;
  }
}

export { errnoOf };
