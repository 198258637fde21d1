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

/** The day the Birmingham example ends: the demo's status is as at this day. */
export const DEMO_AS_AT = '2019-10-31';

/** Where the demo store goes, relative to the working directory (fresh on every run). */
export const DEMO_DIR = '.assure/demo';

/**
 * Finds the Birmingham example's commands file: through the workspace package
 * `@assure/example-birmingham`, else next to this package in a checkout.
 */
export function birminghamCommandsFile(): string | null {
  try {
    return require.resolve('@assure/example-birmingham/commands.ndjson');
  } catch {
    const inCheckout = path.resolve(
      __dirname,
      '..',
      '..',
      '..',
      '..',
      'examples',
      'birmingham',
      'commands.ndjson',
    );
    return existsSync(inCheckout) ? inCheckout : null;
  }
}

/**
 * `assure demo`: loads the Birmingham example (2014-2019) into a fresh embedded file store
 * under `.assure/demo/` (or `--dir`), then prints the status as at 31 October 2019.
 */
export async function demoCommand(
  ctx: Ctx,
  flags: { readonly dir?: string; readonly asAt?: string },
): Promise<ExitCode> {
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
    const code = await printView(ctx, store, 'status', { asAt: flags.asAt ?? DEMO_AS_AT }, null);
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
