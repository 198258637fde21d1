import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { appendOk, collect, open, openFails, recordingLogger, rescored, tempDir } from './helpers';

/** A pid that surely belongs to no running process: one that just exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

describe('file store: one writer at a time', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('writes a lock file naming its holder, and removes it on close', async () => {
    const path = join(dir, 'events.ndjson');
    const store = await open(path);
    const holder: unknown = JSON.parse(readFileSync(`${path}.lock`, 'utf8'));
    expect(holder).toEqual(
      expect.objectContaining({
        pid: process.pid,
        host: hostname(),
        startedAt: expect.any(String),
      }),
    );
    await store.close();
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('gives a second writer a clear StoreUnavailable naming the holder', async () => {
    const path = join(dir, 'events.ndjson');
    const first = await open(path);
    const error = await openFails(path);
    expect(error._tag).toBe('StoreUnavailable');
    expect(error.message).toContain(`pid ${process.pid}`);
    expect(error.message).toContain(hostname());
    expect(error.message).toContain(`${path}.lock`);
    // The first writer is unaffected, and once it closes a new writer may open.
    await appendOk(first, 'risk-equal-pay', [rescored(5)], 'no-stream');
    await first.close();
    const second = await open(path);
    expect(await collect(second.readAll())).toHaveLength(1);
    await second.close();
  });

  it('recovers a stale lock left by a dead process, with a warning', async () => {
    const path = join(dir, 'events.ndjson');
    const pid = deadPid();
    writeFileSync(
      `${path}.lock`,
      JSON.stringify({
        pid,
        host: hostname(),
        startedAt: '2019-03-26T09:00:00.000Z',
        token: 'old',
      }),
    );
    const logger = recordingLogger();
    const store = await open(path, { logger });
    expect(logger.warnings.join('\n')).toMatch(new RegExp(`stale lock.*pid ${pid}`));
    const holder = JSON.parse(readFileSync(`${path}.lock`, 'utf8')) as { pid: number };
    expect(holder.pid).toBe(process.pid);
    await appendOk(store, 'risk-equal-pay', [rescored(5)], 'no-stream');
    await store.close();
  });

  it('recovers a stale lock naming this very pid, left by an earlier process (pid reuse)', async () => {
    const path = join(dir, 'events.ndjson');
    writeFileSync(
      `${path}.lock`,
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        startedAt: '2019-03-26T09:00:00.000Z',
        token: 'old',
      }),
    );
    const logger = recordingLogger();
    const store = await open(path, { logger });
    expect(logger.warnings.join('\n')).toMatch(/stale lock/);
    // ...while a second open in this process, whose lock is live, is still refused.
    const error = await openFails(path);
    expect(error.message).toContain(`pid ${process.pid}`);
    await store.close();
  });

  it('does not take over a lock held on another host', async () => {
    const path = join(dir, 'events.ndjson');
    writeFileSync(
      `${path}.lock`,
      JSON.stringify({
        pid: 1,
        host: 'council-server-02',
        startedAt: '2019-03-26T09:00:00.000Z',
        token: 't',
      }),
    );
    const error = await openFails(path);
    expect(error._tag).toBe('StoreUnavailable');
    expect(error.message).toMatch(/council-server-02/);
  });

  it('lets readers open without a lock, and refuses their appends', async () => {
    const path = join(dir, 'events.ndjson');
    const writer = await open(path);
    await appendOk(writer, 'risk-equal-pay', [rescored(5)], 'no-stream');
    const reader = await open(path, { readOnly: true });
    expect(await collect(reader.readAll())).toHaveLength(1);
    const r = await reader.append('risk-equal-pay', [rescored(4)], 'any')();
    expect(E.isLeft(r) && r.left.message).toMatch(/read-only/);
    await reader.close();
    expect(existsSync(`${path}.lock`)).toBe(true);
    await writer.close();
  });
});
