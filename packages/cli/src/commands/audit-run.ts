// What the audit commands' runs share: options as given, file arguments, threads, a store to
// read. Each command's run has its own module: verify-run, export-run (export and import),
// prove-run (prove and check-proof), replay-run and report-run.
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import type { VerifyOptions } from '@assure/audit';
import type { EventStore } from '@assure/event-store';
import { type Ctx, withStore } from '../context';
import type { ExitCode } from '../exit-codes';
import { measureLog, trackReads } from '../progress';

export type Opts = Record<string, unknown>;
export const str = (u: unknown): string | undefined => (typeof u === 'string' ? u : undefined);

/** `--as-at` and `--known-at` as given (checked by `timeOptions`). */
export function timeFlags(opts: Opts): { asAt?: string; knownAt?: string } {
  const asAt = str(opts['asAt']);
  const knownAt = str(opts['knownAt']);
  return {
    ...(asAt === undefined ? {} : { asAt }),
    ...(knownAt === undefined ? {} : { knownAt }),
  };
}

/** A file argument, resolved against the working directory. */
export const fileArg = (ctx: Ctx, file: string): string => path.resolve(ctx.io.cwd, file);

/**
 * Worker threads for verifying an export given as a byte stream (the audit library picks
 * them itself only for a path): its own default, up to 4 for 16 MB or more on 2+ cores.
 */
export function threadsFor(size: number): NonNullable<VerifyOptions['threads']> {
  const cores = availableParallelism();
  return cores >= 2 && size >= 16 << 20 ? Math.min(4, cores) : 0;
}

/** Opens the store to read, with a bar over each full pass of its log (see `trackReads`). */
export function withReadStore(
  ctx: Ctx,
  label: string,
  use: (store: EventStore) => Promise<ExitCode>,
): Promise<ExitCode> {
  return withStore(ctx, { readOnly: true }, async (store, location) =>
    use(trackReads(ctx, label, store, await measureLog(ctx, store, location))),
  );
}
