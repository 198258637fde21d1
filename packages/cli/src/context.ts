import * as E from 'fp-ts/Either';
import type { Command as Program } from 'commander';
import type { EventStore } from '@assure/event-store';
import { describeError, type TaggedError } from './errors';
import { exitCodeOf, ExitCode } from './exit-codes';
import type { CliIo } from './io';
import { openStore, parseStoreUrl, type StoreLocation } from './store/url';

/** The global options every command sees. */
export interface Globals {
  readonly store: string;
  readonly actor?: string;
  readonly role?: string;
  readonly json: boolean;
}

/** What a command's action gets: the IO and the global options. */
export interface Ctx {
  readonly io: CliIo;
  readonly globals: Globals;
}

/** Adds a group of commands: each action takes the run's context from `ctxOf` and ends in `done`. */
export type AddCommands = (
  program: Program,
  ctxOf: () => Ctx,
  done: (code: ExitCode) => void,
) => void;

/** Adds a group of commands whose options depend on the raw command line `argv` too. */
export type AddCommandsWithArgv = (
  program: Program,
  ctxOf: () => Ctx,
  done: (code: ExitCode) => void,
  argv: readonly string[],
) => void;

/** Prints a tagged error (one line; JSON under `--json`) and returns its exit code. */
export function fail(ctx: Ctx, error: TaggedError): ExitCode {
  if (ctx.globals.json) ctx.io.err(`${JSON.stringify(withMessage(error))}\n`);
  else ctx.io.err(`assure: ${describeError(error)}\n`);
  return exitCodeOf(error);
}

/** A tagged error with its `message` filled in (the human line) when it had none. */
export function withMessage(error: TaggedError): TaggedError {
  return typeof error.message === 'string' ? error : { ...error, message: describeError(error) };
}

/** Prints a value as JSON (one document, pretty-printed) on stdout. */
export function printJson(ctx: Ctx, value: unknown): void {
  ctx.io.out(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Opens the store named by `--store`, runs `use` with it, and closes it. A store that
 * cannot be opened ends the command with exit code 5 (2 for a malformed URL), reported by
 * `onOpenFailure` (default: {@link fail}, the error on stderr).
 */
export async function withStore(
  ctx: Ctx,
  options: {
    readonly readOnly?: boolean;
    readonly onOpenFailure?: (error: TaggedError) => ExitCode;
  },
  use: (store: EventStore, location: StoreLocation) => Promise<ExitCode>,
): Promise<ExitCode> {
  const failed = options.onOpenFailure ?? ((error: TaggedError) => fail(ctx, error));
  const location = parseStoreUrl(ctx.globals.store, ctx.io.cwd);
  if (E.isLeft(location)) return failed(location.left);
  const opened = await openStore(location.right, options)();
  if (E.isLeft(opened)) return failed(opened.left);
  const store = opened.right;
  try {
    return await use(store, location.right);
  } finally {
    await store.close();
  }
}

/** Exit code for success. */
export const OK = ExitCode.ok;
