import * as fsp from 'node:fs/promises';

/**
 * Whether the process that wrote a lock claim still runs, on this host.
 *
 * A pid alone is a weak name: pids are reused (in containers especially, where the writer is
 * often pid 1 after every restart). Where Linux's `/proc` is readable, a claim also records
 * its process's start time (field 22 of `/proc/<pid>/stat`, in clock ticks since boot) and the
 * kernel's boot id; a claim whose pid now belongs to a process started at another time, or
 * that was written before the last reboot, is stale. A zombie (killed, not yet reaped by its
 * parent) answers `kill(pid, 0)` but runs no code and holds no files: it counts as dead.
 * Elsewhere (macOS, a `/proc` mounted with `hidepid`), only `kill(pid, 0)` is asked.
 */

/** What identifies this very process beyond its pid (absent where `/proc` cannot tell). */
export interface ProcessIdentity {
  /** Start time of the process in clock ticks since boot (Linux), as written in `/proc`. */
  readonly procStart?: string;
  /** The kernel's boot id (Linux): a claim from before a reboot names no running process. */
  readonly bootId?: string;
}

/** A claim's process, as far as its claim records it. */
export interface ClaimedProcess extends ProcessIdentity {
  readonly pid: number;
}

export function errnoOf(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e) {
    const code = e.code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** True when a process with this pid exists on this host (a process of another user counts). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoOf(e) === 'EPERM';
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** State (`R`, `S`, `Z`...) and start time of a process from `/proc/<pid>/stat`, if readable. */
async function procStat(
  pid: number | 'self',
): Promise<{ state: string; start: string } | undefined> {
  const text = await readOptional(`/proc/${pid}/stat`);
  if (text === undefined) return undefined;
  // `pid (comm) state ppid ...`: comm may hold spaces and parentheses, so cut at the last ')'.
  const fields = text
    .slice(text.lastIndexOf(')') + 1)
    .trim()
    .split(' ');
  const state = fields[0];
  const start = fields[19]; // field 22 of the whole line
  return state !== undefined && start !== undefined && /^\d+$/.test(start)
    ? { state, start }
    : undefined;
}

async function bootId(): Promise<string | undefined> {
  return (await readOptional('/proc/sys/kernel/random/boot_id'))?.trim() || undefined;
}

/** This process's identity, to record in its claims. */
export async function ownIdentity(): Promise<ProcessIdentity> {
  const [stat, boot] = await Promise.all([procStat('self'), bootId()]);
  return {
    ...(stat !== undefined ? { procStart: stat.start } : {}),
    ...(boot !== undefined ? { bootId: boot } : {}),
  };
}

/**
 * Whether the process named by a claim on this host is gone: `'dead'` (no such pid, a
 * zombie, or `reason` says how the pid now names another process) or `'running'`.
 * Claims naming this very process are not judged here (see the lock).
 */
export async function claimedProcessState(
  p: ClaimedProcess,
): Promise<{ readonly state: 'running' } | { readonly state: 'dead'; readonly reason: string }> {
  if (!processAlive(p.pid)) return { state: 'dead', reason: 'is not running' };
  if (p.bootId !== undefined) {
    const now = await bootId();
    if (now !== undefined && now !== p.bootId)
      return { state: 'dead', reason: 'is not running (it ran before the last reboot)' };
  }
  const stat = await procStat(p.pid);
  if (stat === undefined) return { state: 'running' };
  if (stat.state === 'Z' || stat.state === 'X')
    return { state: 'dead', reason: 'is not running (it has exited)' };
  if (p.procStart !== undefined && stat.start !== p.procStart)
    return { state: 'dead', reason: 'is not running (its pid now belongs to another process)' };
  return { state: 'running' };
}
