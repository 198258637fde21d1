import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');

/** What a child process printed and how it ended. */
export interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A TypeScript fixture run as its own OS process (node with the swc loader). */
export function runFixture(
  fixture: string,
  args: readonly string[],
  options: {
    readonly onStdout?: (all: string) => void;
    readonly env?: Record<string, string>;
  } = {},
): {
  readonly pid: number | undefined;
  readonly done: Promise<ChildRun>;
  kill(): void;
  /** Closes the child's standard input (a fixture that reads it stops). */
  endInput(): void;
  /** Writes to the child's standard input. */
  send(text: string): void;
} {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, '..', 'fixtures', fixture), ...args],
    {
      cwd: root,
      env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.base.json'), ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    stdout += chunk;
    options.onStdout?.(stdout);
  });
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<ChildRun>((ok, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => ok({ code, signal, stdout, stderr }));
  });
  return {
    pid: child.pid,
    done,
    kill: () => child.kill('SIGKILL'),
    endInput: () => child.stdin.end(),
    send: (text) => void child.stdin.write(text),
  };
}
