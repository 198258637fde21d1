import { PassThrough } from 'node:stream';
import { runCli, type CliIo, type ExitCode } from '@assure/cli';

/**
 * Runs the CLI in this process (needed where a test double serves from this process too),
 * its output kept, with `now` as the clock.
 */
export async function runInProcess(
  argv: readonly string[],
  cwd: string,
  now: Date,
): Promise<{ code: ExitCode; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    isTTY: false,
    cwd,
    stdin: new PassThrough(),
    now: () => now,
  };
  const code = await runCli(argv, io);
  return { code, out, err };
}
