// `assure import` into a new file store: one pass (verify each line, write it to a new log
// beside the store, one sync, rename into place). It must give the store that appending every
// event gives, refuse a bad export with nothing in place, and leave no partial store when
// killed (a real process, SIGKILL).
import { spawn } from 'node:child_process';
import {
  createWriteStream,
  existsSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { GENESIS_HASH, chainEvent, serializeEnvelope } from '@assure/event-store';
import { importLog } from '@assure/audit';
import { openFileStore } from '@assure/store-file';
import { ExitCode } from '@assure/cli';
import { assure, BIN, BIRMINGHAM, LOADER, tempDir } from './run';

const STORE = '.assure/events.ndjson';

/** An export of `n` risk rescores over 500 streams, transaction time rising (about 700 B each). */
async function bigExport(file: string, n: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (s: string): Promise<void> =>
    out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', () => r()));
  await write(
    `${JSON.stringify({ format: 'assure-export', version: 1, exportedAt: '2020-01-01T00:00:00.000Z', events: n })}\n`,
  );
  const tips = new Map<string, { revision: number; hash: string }>();
  const t0 = Date.UTC(2019, 0, 1);
  let buf = '';
  for (let i = 0; i < n; i++) {
    const stream = `risk-r${i % 500}`;
    const tip = tips.get(stream);
    const at = new Date(t0 + i * 1000).toISOString();
    const c = chainEvent(
      stream,
      tip === undefined ? 0 : tip.revision + 1,
      tip === undefined ? GENESIS_HASH : tip.hash,
      {
        eventId: `0b9f${String(i).padStart(8, '0')}-1c2e-4222-8333-944445555666`,
        type: 'RiskRescored',
        schemaVersion: 1,
        data: {
          riskId: `r${i % 500}`,
          likelihood: 1 + (i % 5),
          impact: 1 + ((i >> 3) % 5),
          rationale: 'Reviewed by the Strategic Programme Board; settlement profile updated',
          previous: { likelihood: 3, impact: 4 },
          current: { likelihood: 1 + (i % 5), impact: 1 + ((i >> 3) % 5) },
        },
        meta: { actor: 'loader-bcc', role: 'system', occurredAt: at, backfill: true },
      },
      at,
    );
    tips.set(stream, { revision: c.revision, hash: c.hash });
    buf += `${serializeEnvelope({ position: String(i + 1), ...c })}\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((r) => out.end(() => r()));
}

/** The store's files in a working directory: the log, and anything beside it. */
const storeDir = (cwd: string): string[] =>
  existsSync(path.join(cwd, '.assure')) ? readdirSync(path.join(cwd, '.assure')).sort() : [];

/** A load's new log or a lock beside the store. */
const leftovers = (cwd: string): string[] =>
  storeDir(cwd).filter((f) => f.includes('.load-') || f.includes('.lock'));

/** A load's new log beside the store, if one is there. */
const newLogOf = (cwd: string): string | undefined => {
  const name = storeDir(cwd).find((f) => f.startsWith('events.ndjson.load-'));
  return name === undefined ? undefined : path.join(cwd, '.assure', name);
};

describe('assure import into a new file store', () => {
  const source = tempDir();
  const exp = path.join(source, 'bcc-export.ndjson');
  beforeAll(() => {
    const store = ['--store', 'file:bcc.ndjson'];
    expect(assure(source, [...store, ...LOADER, 'exec', '--backfill', BIRMINGHAM]).code).toBe(0);
    expect(assure(source, [...store, 'export', '--out', exp]).code).toBe(0);
  });

  it('gives the store that appending every event gives: the same log, verify and status', async () => {
    const cwd = tempDir();
    const r = assure(cwd, ['--json', 'import', exp]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The append path, through the library, into another store.
    const appended = await openFileStore(path.join(cwd, 'appended.ndjson'))();
    if (E.isLeft(appended)) throw new Error(appended.left.message);
    const old = await importLog(exp, appended.right, { inFlight: 2048 })();
    await appended.right.close();
    expect(E.isRight(old) && old.right).toEqual(JSON.parse(r.stdout));
    const log = readFileSync(path.join(cwd, STORE));
    expect(log.equals(readFileSync(path.join(cwd, 'appended.ndjson')))).toBe(true);
    // An export of a file store carries its log line for line: the import gives it back.
    expect(log.equals(readFileSync(path.join(source, 'bcc.ndjson')))).toBe(true);
    for (const args of [['verify'], ['status', '--as-at', '2019-10-31'], ['tracker']]) {
      const a = assure(cwd, ['--json', ...args]);
      const b = assure(cwd, ['--json', '--store', 'file:appended.ndjson', ...args]);
      expect(a.code).toBe(0);
      expect(a.stdout).toBe(b.stdout);
    }
    expect(leftovers(cwd)).toEqual([]);
  });

  it('refuses a large export tampered on its last line with exit 4: no store, nothing left', async () => {
    const cwd = tempDir();
    const file = path.join(cwd, 'big.ndjson');
    await bigExport(file, 30_000);
    expect(statSync(file).size).toBeGreaterThan(16 << 20); // verified in worker threads
    const text = readFileSync(file, 'utf8');
    const cut = text.lastIndexOf('profile updated');
    writeFileSync(file, `${text.slice(0, cut)}profile amended${text.slice(cut + 15)}`);
    const r = assure(cwd, ['--json', 'import', file]);
    expect(r.code).toBe(ExitCode.verificationFailed);
    expect(JSON.parse(r.stderr)).toMatchObject({
      _tag: 'ExportInvalid',
      report: { ok: false, failures: [{ reason: 'hash-mismatch', line: 30_001 }] },
    });
    expect(existsSync(path.join(cwd, STORE))).toBe(false);
    expect(storeDir(cwd)).toEqual([]);
    // An empty log already there is left as it was.
    writeFileSync(path.join(cwd, STORE), '');
    const inode = statSync(path.join(cwd, STORE)).ino;
    expect(assure(cwd, ['import', file]).code).toBe(ExitCode.verificationFailed);
    expect(statSync(path.join(cwd, STORE))).toMatchObject({ ino: inode, size: 0 });
    expect(storeDir(cwd)).toEqual(['events.ndjson']);
  });

  it('killed with SIGKILL while writing, leaves no store; the next import recovers', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'big.ndjson');
    await bigExport(file, 30_000);
    const reference = tempDir();
    expect(assure(reference, ['import', file]).code).toBe(0);
    const whole = statSync(path.join(reference, STORE)).size;
    // Kill as soon as the new log has bytes, and once it holds half the log.
    for (const at of [1, whole / 2]) {
      const cwd = tempDir();
      const child = spawn(process.execPath, [BIN, 'import', file], { cwd, stdio: 'ignore' });
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      let killed = false;
      let running = true;
      void exited.then(() => (running = false));
      while (running && !killed) {
        const pending = newLogOf(cwd);
        if (pending !== undefined && existsSync(pending) && statSync(pending).size >= at)
          killed = child.kill('SIGKILL');
        else await new Promise((r) => setTimeout(r, 1));
      }
      await exited;
      // The import was stopped while writing its new log (not after it finished).
      expect(killed).toBe(true);
      expect(existsSync(path.join(cwd, STORE))).toBe(false);
      expect(assure(cwd, ['status']).code).toBe(ExitCode.storeUnavailable);
      // The next import takes over the dead process's lock, removes its new log, and loads.
      const again = assure(cwd, ['import', file]);
      expect(again.code).toBe(0);
      expect(again.stderr).toContain('stopped before its commit');
      expect(
        readFileSync(path.join(cwd, STORE)).equals(readFileSync(path.join(reference, STORE))),
      ).toBe(true);
      expect(storeDir(cwd)).toEqual(['events.ndjson']);
    }
  });
});
