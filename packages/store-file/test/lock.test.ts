import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { openFileStore } from '@assure/store-file';
import { appendOk, collect } from '@assure/testing';
import { eventsOnOpen, open, openFails, recordingLogger, rescored, useTempDir } from './helpers';
import { claimsIn, openOverStaleLock, writeClaim, writeLegacyLock } from './lock-helpers';

/** A pid that surely belongs to no running process: one that just exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('file store: one writer at a time', () => {
  const tmp = useTempDir();

  it('puts a claim naming its holder in the lock folder, and removes it (and the folder) on close', async () => {
    const path = tmp.log;
    const store = await open(path);
    const claims = claimsIn(path);
    expect(claims).toHaveLength(1);
    const holder: unknown = JSON.parse(readFileSync(join(`${path}.lock`, claims[0] ?? ''), 'utf8'));
    expect(holder).toEqual(
      expect.objectContaining({
        pid: process.pid,
        host: hostname(),
        startedAt: expect.any(String),
        token: expect.any(String),
      }),
    );
    // Nothing half-done is left beside it: no temporary file.
    expect(readdirSync(`${path}.lock`).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await store.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('gives a second writer a clear StoreUnavailable naming the holder', async () => {
    const path = tmp.log;
    const first = await open(path);
    const error = await openFails(path);
    expect(error._tag).toBe('StoreUnavailable');
    expect(error.message).toContain(`pid ${process.pid}`);
    expect(error.message).toContain(hostname());
    expect(error.message).toContain(`${path}.lock`);
    // The first writer is unaffected, and once it closes a new writer may open.
    await appendOk(first, 'risk-equal-pay', [rescored(5)], 'no-stream');
    await first.close();
    expect(await eventsOnOpen(path)).toHaveLength(1);
  });

  it('lets exactly one of many simultaneous opens in one process write', async () => {
    const path = tmp.log;
    const results = await Promise.all(
      Array.from({ length: 8 }, () => openFileStore(path, { logger: recordingLogger() })()),
    );
    const writers = results.filter(E.isRight).map((r) => r.right);
    expect(writers).toHaveLength(1);
    for (const r of results)
      if (E.isLeft(r)) expect(r.left.message).toMatch(/locked by another writer|kept trying/);
    expect(claimsIn(path)).toHaveLength(1);
    await writers[0]?.close();
  });

  it('recovers a stale claim left by a dead process, with a warning, removing only it', async () => {
    const path = tmp.log;
    const pid = deadPid();
    const stale = writeClaim(path, { pid });
    const store = await openOverStaleLock(path, new RegExp(`stale lock.*${stale}.*pid ${pid}`));
    expect(claimsIn(path)).toEqual([expect.stringMatching(new RegExp(`^${process.pid}\\.`))]);
    await appendOk(store, 'risk-equal-pay', [rescored(5)], 'no-stream');
    await store.close();
  });

  it('recovers a stale claim naming this very pid, left by an earlier process (pid reuse)', async () => {
    const path = tmp.log;
    writeClaim(path, { pid: process.pid });
    const store = await openOverStaleLock(path, /stale lock/);
    // ...while a second open in this process, whose claim is live, is still refused.
    const error = await openFails(path);
    expect(error.message).toContain(`pid ${process.pid}`);
    await store.close();
  });

  it('does not take over a claim of another host, and names it', async () => {
    const path = tmp.log;
    const claim = writeClaim(path, { pid: 1, host: 'council-server-02' });
    const error = await openFails(path);
    expect(error._tag).toBe('StoreUnavailable');
    expect(error.message).toMatch(/council-server-02/);
    expect(error.message).toContain(claim);
    expect(claimsIn(path)).toEqual([claim]);
  });

  it('removes only its own claim on close', async () => {
    const path = tmp.log;
    const store = await open(path);
    // A claim that appears meanwhile (by hand, or from a host this one cannot see) stays.
    const foreign = writeClaim(path, { pid: 1, host: 'council-server-02' });
    await store.close();
    expect(claimsIn(path)).toEqual([foreign]);
  });

  it('waits out an unreadable claim while it is young, and removes it once old', async () => {
    const path = tmp.log;
    const name = writeClaim(path, { pid: deadPid() }, { raw: '{"pid": 12' });
    const error = await openFails(path);
    expect(error.message).toContain(name);
    writeClaim(path, { pid: deadPid() }, { raw: 'garbage', ageMs: 60_000, name });
    const store = await openOverStaleLock(path, /stale lock.*unreadable/);
    await store.close();
  });

  it('lets readers open without a lock, and refuses their appends', async () => {
    const path = tmp.log;
    const writer = await open(path);
    await appendOk(writer, 'risk-equal-pay', [rescored(5)], 'no-stream');
    const reader = await open(path, { readOnly: true });
    expect(await collect(reader.readAll())).toHaveLength(1);
    const r = await reader.append('risk-equal-pay', [rescored(4)], 'any')();
    expect(E.isLeft(r) && r.left.message).toMatch(/read-only/);
    await reader.close();
    expect(claimsIn(path)).toHaveLength(1);
    await writer.close();
  });
});

describe('file store: a lock file of an earlier version (PATH.lock as a file)', () => {
  const tmp = useTempDir();

  it('is respected while its holder runs, naming it', async () => {
    const path = tmp.log;
    writeLegacyLock(path, { pid: process.ppid });
    const error = await openFails(path);
    expect(error._tag).toBe('StoreUnavailable');
    expect(error.message).toContain(`pid ${process.ppid}`);
    expect(error.message).toContain(`${path}.lock`);
    expect(statSync(`${path}.lock`).isFile()).toBe(true);
  });

  it('is never taken over from another host', async () => {
    const path = tmp.log;
    writeLegacyLock(path, { pid: 1, host: 'council-server-02' });
    const error = await openFails(path);
    expect(error.message).toMatch(/council-server-02/);
    expect(statSync(`${path}.lock`).isFile()).toBe(true);
  });

  it('is replaced by the lock folder once its holder is dead, with a warning', async () => {
    const path = tmp.log;
    const pid = deadPid();
    writeLegacyLock(path, { pid });
    const store = await openOverStaleLock(
      path,
      new RegExp(`stale lock.*earlier version.*pid ${pid}`),
    );
    expect(claimsIn(path)).toHaveLength(1);
    await store.close();
  });

  it('is replaced when it names this very pid (left by an earlier process)', async () => {
    const path = tmp.log;
    writeLegacyLock(path, { pid: process.pid });
    const store = await openOverStaleLock(path, /stale lock/);
    await store.close();
  });
});
