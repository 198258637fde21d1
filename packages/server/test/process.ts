import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';

const BIN = path.resolve(__dirname, '../../cli/dist/bin.js');

/** `assure serve` in its own OS process, on a free port of 127.0.0.1. */
export interface Served {
  readonly child: ChildProcess;
  readonly url: string;
  readonly stderr: () => string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** Runs the built `assure` binary (run `pnpm tsc -b` first). */
export function assure(
  args: readonly string[],
  cwd: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `assure serve --store file:FILE (or storeUrl) --keys KEYS --port 0` and waits for its address. */
export async function serve(
  cwd: string,
  file: string,
  keys: string,
  extra: readonly string[] = [],
  storeUrl = `file:${file}`,
): Promise<Served> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--store', storeUrl, '--keys', keys, '--port', '0', ...extra],
    {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let err = '';
  child.stdout.resume();
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(err);
      if (m?.[1] !== undefined) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`assure serve exited ${String(code)}: ${err}`)));
  });
  return {
    child,
    url,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}
