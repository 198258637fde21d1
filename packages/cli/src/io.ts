/** Where the CLI writes, and what it knows of its terminal: injected so the core is testable. */
export interface CliIo {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** True when standard output is a terminal (progress bars are shown only then). */
  readonly isTTY: boolean;
  /** Where progress bars are drawn (default: standard error; drawn only if it is a terminal too). */
  readonly progressStream?: NodeJS.WritableStream;
  /** The working directory relative paths are resolved against. */
  readonly cwd: string;
  /** The process's standard input (for `exec -`). */
  readonly stdin: NodeJS.ReadableStream;
  /** The clock (defaults to the system clock). */
  readonly now: () => Date;
}

/**
 * A writer to a process stream that ends quietly when the reader goes away: once a write
 * fails with `EPIPE` (`assure trail --json | head -1` after `head` exits), what is left is
 * dropped, with no stack trace, and the command ends with its own exit code. Any other write
 * error is reported once on standard error and the stream is not written again.
 */
function closableWriter(stream: NodeJS.WriteStream, name: string): (text: string) => void {
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (e.code !== 'EPIPE' && stream !== process.stderr)
      process.stderr.write(`assure: cannot write to ${name}: ${e.message}\n`);
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

/** The real process's IO. */
export function processIo(): CliIo {
  return {
    out: closableWriter(process.stdout, 'standard output'),
    err: closableWriter(process.stderr, 'standard error'),
    isTTY: process.stdout.isTTY === true,
    cwd: process.cwd(),
    stdin: process.stdin,
    now: () => new Date(),
  };
}
