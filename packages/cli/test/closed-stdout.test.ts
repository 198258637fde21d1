import { spawn, spawnSync } from 'node:child_process';
import { assure, BIN, BIRMINGHAM, LOADER, tempDir } from './run';

/** What a run did when its standard output was closed. */
interface Closed {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/**
 * Runs `assure` with its stdout a pipe whose reading end is closed at once (a reader gone
 * before the output comes, as `head -1` is gone after its line): every write meets EPIPE.
 */
function runWithStdoutClosed(cwd: string, args: readonly string[]): Promise<Closed> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('assure: a closed standard output', () => {
  const cwd = tempDir();
  const store = ['--store', 'file:bcc.ndjson'];

  beforeAll(() => {
    const r = assure(cwd, [...store, ...LOADER, 'exec', '--backfill', BIRMINGHAM]);
    expect(r.code).toBe(0);
  });

  it('ends quietly with the exit code of the command: no stack trace', async () => {
    for (const args of [
      ['trail', '--json'],
      ['status', '--as-at', '2019-10-31'],
      ['--json', 'verify'],
    ]) {
      const r = await runWithStdoutClosed(cwd, [...store, ...args]);
      expect(r.stderr).toBe('');
      expect(r.signal).toBeNull();
      expect(r.code).toBe(0);
    }
    const refused = await runWithStdoutClosed(cwd, [...store, 'status', '--as-at', '2019-02-30']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('2019-02-30 does not exist');
  });

  it('through a shell pipe into head -1, the output being larger than the pipe holds', () => {
    expect(assure(cwd, [...store, 'trail', '--json']).stdout.length).toBeGreaterThan(2 * 65536);
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${BIN}" --store file:bcc.ndjson trail --json 2>err.txt | head -1; ` +
          'echo "exit ${PIPESTATUS[0]}"; cat err.txt',
      ],
      { cwd, encoding: 'utf8' },
    );
    expect(r.stdout).toBe('{\nexit 0\n');
  });
});
