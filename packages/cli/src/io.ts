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

/** The real process's IO. */
export function processIo(): CliIo {
  return {
    out: (text) => {
      process.stdout.write(text);
    },
    err: (text) => {
      process.stderr.write(text);
    },
    isTTY: process.stdout.isTTY === true,
    cwd: process.cwd(),
    stdin: process.stdin,
    now: () => new Date(),
  };
}
