import * as E from 'fp-ts/Either';
import { decodeEvent } from '@assure/domain';
import type { ProjectionProgress } from '@assure/store-postgres/read-models';
import { type Ctx, fail, withStore, type AddCommands } from '../context';
import { CliErrors } from '../errors';
import { ExitCode } from '../exit-codes';

type Opts = Record<string, unknown>;

/** The options of `assure project`. */
export interface ProjectFlags {
  readonly to: string;
  readonly rebuild: boolean;
  readonly follow: boolean;
  readonly batchSize?: string;
}

/** Adds `assure project --to postgres://...`: the read models as SQL tables. */
export const addProjectCommand: AddCommands = (program, ctxOf, done) => {
  program
    .command('project')
    .description(
      'keep the read models in PostgreSQL tables (catch up, then follow; one instance leads)',
    )
    .requiredOption(
      '--to <url>',
      'postgres://... database of the tables (schema: ?schema=, default assure_rm)',
    )
    .option('--rebuild', 'empty the tables first and fold from zero')
    .option('--no-follow', 'stop after catching up')
    .option('--batch-size <n>', 'events folded between two commits while catching up (default 500)')
    .action(async (opts: Opts) =>
      done(
        await projectCommand(ctxOf(), {
          to: typeof opts['to'] === 'string' ? opts['to'] : '',
          rebuild: opts['rebuild'] === true,
          follow: opts['follow'] !== false,
          ...(typeof opts['batchSize'] === 'string' ? { batchSize: opts['batchSize'] } : {}),
        }),
      ),
    );
};

function progressLine(p: ProjectionProgress): string {
  switch (p._tag) {
    case 'waiting':
      return 'waiting: another instance leads';
    case 'leading':
      return `leading from checkpoint ${p.checkpoint ?? '(none)'}`;
    case 'committed':
      return `committed through position ${p.report.position} as at ${p.report.asAt} (${p.report.rowsChanged} rows changed)`;
  }
}

/**
 * `assure project`: folds the `--store` into the read-model tables at `--to`, then follows
 * it until SIGINT or SIGTERM. Progress lines on stdout (JSON lines with `--json`).
 */
export async function projectCommand(ctx: Ctx, flags: ProjectFlags): Promise<ExitCode> {
  if (!/^postgres(ql)?:\/\//.test(flags.to))
    return fail(ctx, CliErrors.usage(`--to: a postgres:// URL, got ${JSON.stringify(flags.to)}`));
  const batchSize = flags.batchSize === undefined ? 500 : Number(flags.batchSize);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1)
    return fail(ctx, CliErrors.usage('--batch-size: a positive integer'));
  const { projectToPostgres } = await import('@assure/store-postgres/read-models');
  return withStore(ctx, { readOnly: true }, async (store) => {
    const stop = new AbortController();
    const onSignal = (): void => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const r = await projectToPostgres(store, flags.to, {
        decode: decodeEvent,
        clock: ctx.io.now,
        rebuild: flags.rebuild,
        follow: flags.follow,
        batchSize,
        signal: stop.signal,
        onProgress: (p) =>
          ctx.io.out(
            ctx.globals.json
              ? `${JSON.stringify(p._tag === 'committed' ? { _tag: p._tag, ...p.report } : p)}\n`
              : `${progressLine(p)}\n`,
          ),
      })();
      return E.isLeft(r) ? fail(ctx, r.left) : ExitCode.ok;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  });
}
