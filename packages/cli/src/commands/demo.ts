import { createReadStream, existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { openFileStore } from '@assure/store-file';
import { type Ctx, fail, withMessage } from '../context';
import { CliErrors, describeError } from '../errors';
import { exitCodeOf, ExitCode } from '../exit-codes';
import { progressShown, withProgress } from '../progress';
import { applyCommands, countLines } from './exec';
import { printView } from './read';
import { parseDayOption } from '../time-options';

/** The day the Birmingham example ends: the demo's status is as at this day. */
export const DEMO_AS_AT = '2019-10-31';

/** Where the demo store goes, relative to the working directory (fresh on every run). */
export const DEMO_DIR = '.assure/demo';

/**
 * Finds the Birmingham example's commands file: the example itself in a checkout, else the
 * copy shipped in this package's `data/` (put there when the package is packed).
 */
export function birminghamCommandsFile(): string | null {
  const candidates = [
    path.resolve(__dirname, '..', '..', '..', '..', 'examples', 'birmingham', 'commands.ndjson'),
    path.resolve(__dirname, '..', '..', 'data', 'birmingham', 'commands.ndjson'),
  ];
  return candidates.find((file) => existsSync(file)) ?? null;
}

/**
 * `assure demo`: loads the Birmingham example (2014-2019) into a fresh embedded file store
 * under `.assure/demo/` (or `--dir`), then prints the status as at 31 October 2019.
 */
export async function demoCommand(
  ctx: Ctx,
  flags: { readonly dir?: string; readonly asAt?: string },
): Promise<ExitCode> {
  const asAt =
    flags.asAt === undefined ? E.right(DEMO_AS_AT) : parseDayOption('--as-at', flags.asAt);
  if (E.isLeft(asAt)) return fail(ctx, asAt.left);
  const file = birminghamCommandsFile();
  if (file === null)
    return fail(
      ctx,
      CliErrors.unreadable('examples/birmingham/commands.ndjson', 'the example is not installed'),
    );
  const dir = path.resolve(ctx.io.cwd, flags.dir ?? DEMO_DIR);
  const log = path.join(dir, 'events.ndjson');
  await fs.mkdir(dir, { recursive: true });
  for (const f of [log, `${log}.read-models.json`]) await fs.rm(f, { force: true });
  const opened = await openFileStore(log)();
  if (E.isLeft(opened)) return fail(ctx, opened.left);
  const store = opened.right;
  try {
    const total = progressShown(ctx) ? await countLines(file) : 0;
    const summary = await withProgress(
      ctx,
      'demo: loading the example',
      total,
      'commands',
      (progress) =>
        applyCommands(store, createReadStream(file), {
          backfill: true,
          defaults: {},
          // The demo loads the council's history as the system, keeping each line's role.
          backfillBy: { actor: 'assure-demo', role: 'system' },
          progress,
        }),
    );
    if (summary.failure !== null) {
      const err = withMessage(summary.failure.error);
      ctx.io.err(
        `assure demo: the example failed at line ${summary.failure.line}: ${describeError(err)}\n`,
      );
      return exitCodeOf(err);
    }
    const rel = path.relative(ctx.io.cwd, log) || log;
    if (!ctx.globals.json)
      ctx.io.out(
        `Loaded the Birmingham example (Kerslake review, December 2014, to the Assurance Framework, October 2019):\n` +
          `${summary.applied} commands, ${summary.events} events, into file:${rel}\n\n`,
      );
    const code = await printView(ctx, store, 'status', { asAt: asAt.right }, null);
    const script = process.argv[1];
    const cmd =
      script !== undefined && script.endsWith('bin.js')
        ? `node ${path.relative(ctx.io.cwd, script) || script}`
        : 'assure';
    if (code === ExitCode.ok && !ctx.globals.json)
      ctx.io.out(
        `\nExplore it (the store stays in ${rel}):\n` +
          `  ${cmd} --store file:${rel} status --as-at 2018-06-30\n` +
          `  ${cmd} --store file:${rel} tracker --as-at 2019-03-31\n` +
          `  ${cmd} --store file:${rel} risks --as-at 2019-10-31\n` +
          `  ${cmd} --store file:${rel} trail --stream risk-industrial-relations\n` +
          `  ${cmd} --store file:${rel} verify\n`,
      );
    return code;
  } finally {
    await store.close();
  }
}
