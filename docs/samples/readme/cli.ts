import { PassThrough } from 'node:stream';
import { ExitCode, runCli, type CliIo } from '@assure/cli';

/** Runs `assure` in process, as the binary would, and keeps what it prints. */
export async function runAssure(argv: readonly string[], cwd: string) {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (text) => void (out += text),
    err: (text) => void (err += text),
    isTTY: false, // no progress bars
    cwd,
    stdin: new PassThrough(),
    now: () => new Date(),
  };
  const code = await runCli(argv, io); // the exit code the binary would end with
  return { ok: code === ExitCode.ok, code, out, err };
}
