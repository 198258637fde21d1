import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { open, openFails, useTempDir } from './helpers';
import { claimsIn, openOverStaleLock, writeClaim } from './lock-helpers';

/** Start time (clock ticks since boot) and state of a process, from `/proc/<pid>/stat`. */
function procStat(pid: number): { start: string; state: string } {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = text
    .slice(text.lastIndexOf(')') + 1)
    .trim()
    .split(' ');
  return { state: fields[0] ?? '', start: fields[19] ?? '' };
}

const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

/** Where `/proc` tells a process's start time (Linux), a reused pid is recognised. */
const linux = existsSync('/proc/self/stat') && existsSync('/proc/sys/kernel/random/boot_id');

(linux ? describe : describe.skip)('file store lock: whether a claim’s process still runs', () => {
  const tmp = useTempDir();
  /** A process that runs throughout the tests: this one's parent. */
  const live = process.ppid;

  it('respects a claim of a running process started when the claim says', async () => {
    const path = tmp.log;
    const claim = writeClaim(
      path,
      { pid: live, procStart: procStat(live).start, bootId: bootId() },
      { held: true },
    );
    const error = await openFails(path);
    expect(error.message).toContain(`pid ${live}`);
    expect(error.message).toContain('which is running');
    expect(claimsIn(path)).toEqual([claim]);
  });

  it('respects a claim of a running process that recorded no start time', async () => {
    const path = tmp.log;
    const claim = writeClaim(path, { pid: live });
    // Without the marker of a winner it looks like a writer still taking the lock: the
    // opener retries a few times, then gives up naming it.
    const error = await openFails(path);
    expect(error.message).toContain(`pid ${live}`);
    expect(error.message).toContain(claim);
    expect(claimsIn(path)).toEqual([claim]);
  });

  it('takes over a claim whose pid now belongs to a process started at another time', async () => {
    const path = tmp.log;
    const start = String(Number(procStat(live).start) + 1);
    writeClaim(path, { pid: live, procStart: start, bootId: bootId() });
    const store = await openOverStaleLock(
      path,
      new RegExp(`stale lock.*pid ${live}.*pid now belongs to another process`),
    );
    await store.close();
  });

  it('tells a claim of this very process (another thread) from an earlier process with its pid', async () => {
    const path = tmp.log;
    const own = { pid: process.pid, procStart: procStat(process.pid).start, bootId: bootId() };
    const claim = writeClaim(path, own, { held: true });
    expect((await openFails(path)).message).toContain(`pid ${process.pid}`);
    expect(claimsIn(path)).toEqual([claim]);
    const earlier = { ...own, procStart: String(Number(own.procStart) - 1) };
    writeClaim(path, earlier, { held: true, name: claim });
    const store = await openOverStaleLock(path, /stale lock.*this process has its pid now/);
    await store.close();
  });

  it('takes over a claim written before the last reboot', async () => {
    const path = tmp.log;
    writeClaim(path, {
      pid: live,
      procStart: procStat(live).start,
      bootId: '00000000-0000-4000-8000-000000000000',
    });
    const store = await openOverStaleLock(path, /stale lock.*before the last reboot/);
    await store.close();
  });

  it('takes over a claim of a zombie (killed, not yet reaped by its parent)', async () => {
    // `sh` starts a short-lived child, then becomes `sleep`, which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 30'], { stdio: 'pipe' });
    try {
      const zombie = await new Promise<number>((done) =>
        parent.stdout.once('data', (b: Buffer) => done(Number(b.toString().trim()))),
      );
      while (procStat(zombie).state !== 'Z') await new Promise((r) => setTimeout(r, 10));
      const path = tmp.log;
      writeClaim(path, { pid: zombie, procStart: procStat(zombie).start, bootId: bootId() });
      const store = await openOverStaleLock(path, new RegExp(`stale lock.*pid ${zombie}.*exited`));
      await store.close();
    } finally {
      parent.kill('SIGKILL');
    }
  });
});

describe('file store lock: threads of one process share its pid', () => {
  const tmp = useTempDir();

  it('refuses a writer in a worker thread while the main thread holds the lock', async () => {
    const path = tmp.log;
    const store = await open(path);
    // The worker runs the built store (`pnpm test` builds it first with `tsc -b`).
    const dist = join(__dirname, '..', 'dist', 'index.js');
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const { openFileStore } = require(workerData.dist);
       openFileStore(workerData.path, { logger: { warn: () => undefined } })().then(async (r) => {
         if (r._tag === 'Right') await r.right.close();
         parentPort.postMessage(r._tag === 'Left' ? r.left.message : 'opened');
       });`,
      { eval: true, workerData: { dist, path } },
    );
    const answer = await new Promise<unknown>((done, fail) => {
      worker.once('message', done);
      worker.once('error', fail);
    });
    await worker.terminate();
    expect(answer).toEqual(expect.stringContaining(`locked by another writer: pid ${process.pid}`));
    expect(claimsIn(path)).toHaveLength(1);
    await store.close();
  });
});
