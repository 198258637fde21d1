import { createReadStream, existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { openFileStore } from '@assure/store-file';
import { type Ctx, fail, withMessage } from '../context';
import type { EventStore } from '@assure/event-store';
import { CliErrors, describeError, type TaggedError } from '../errors';
import { exitCodeOf, ExitCode } from '../exit-codes';
import { progressShown, withProgress } from '../progress';
import { applyCommands, countLines } from './exec';
import { printView } from './read';
import { parseStoreUrl } from '../store/url';
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
 * under `.assure/demo/` (or `--dir`), then prints the status as at 31 October 2019. When
 * `--store` (or ASSURE_STORE) is a `postgres://` URL, it loads into that PostgreSQL store
 * instead (see {@link postgresDemoStore}).
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
  const location = parseStoreUrl(ctx.globals.store, ctx.io.cwd);
  if (E.isRight(location) && location.right._tag === 'postgres') {
    const opened = await postgresDemoStore(location.right.url);
    if (E.isLeft(opened)) return fail(ctx, opened.left);
    const url = redacted(location.right.url);
    return loadAndShow(
      ctx,
      opened.right,
      file,
      asAt.right,
      url,
      `--store '${url}'`,
      'the database',
    );
  }
  const dir = path.resolve(ctx.io.cwd, flags.dir ?? DEMO_DIR);
  const log = path.join(dir, 'events.ndjson');
  await fs.mkdir(dir, { recursive: true });
  for (const f of [log, `${log}.read-models.json`]) await fs.rm(f, { force: true });
  const opened = await openFileStore(log)();
  if (E.isLeft(opened)) return fail(ctx, opened.left);
  const rel = path.relative(ctx.io.cwd, log) || log;
  return loadAndShow(
    ctx,
    opened.right,
    file,
    asAt.right,
    `file:${rel}`,
    `--store file:${rel}`,
    rel,
  );
}

/** Marks a database the demo created: only such a database is emptied by a later demo. */
export const DEMO_DATABASE_COMMENT = 'assure demo: emptied by every `assure demo` run';

/**
 * The PostgreSQL store of the demo: the URL's database is created when missing (and marked
 * as the demo's); a database the demo created has the URL's schema dropped and made anew,
 * so each run starts fresh, as the file demo does. Any other database is left as it is and
 * must hold an empty store (`StoreNotEmpty` otherwise: the demo never mixes its example into
 * someone's records).
 */
export async function postgresDemoStore(url: string): Promise<E.Either<TaggedError, EventStore>> {
  const pgStore = await import('@assure/store-postgres');
  const made = await pgStore.ensureDatabase(url, { comment: DEMO_DATABASE_COMMENT })();
  if (E.isLeft(made)) return made;
  if (!made.right) {
    const comment = await pgStore.databaseComment(url)();
    if (E.isLeft(comment)) return comment;
    if (comment.right === DEMO_DATABASE_COMMENT) {
      const dropped = await pgStore.dropSchema(url)();
      if (E.isLeft(dropped)) return dropped;
    }
  }
  const opened = await pgStore.openPostgresStore(url, { migrate: true })();
  if (E.isLeft(opened)) return opened;
  const head = await opened.right.headPosition()();
  if (E.isRight(head) && head.right === null) return opened;
  await opened.right.close();
  if (E.isLeft(head)) return head;
  return E.left({
    _tag: 'StoreNotEmpty',
    message: `the demo loads into an empty store, and ${redacted(url)} already holds events up to position ${head.right}: name a new database (the demo creates it) or another ?schema=`,
  });
}

/** A URL with its password, if any, hidden (for messages and hints). */
function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** Loads the example into `store`, prints its status and how to explore it; closes the store. */
async function loadAndShow(
  ctx: Ctx,
  store: EventStore,
  file: string,
  asAt: string,
  where: string,
  storeFlag: string,
  stays: string,
): Promise<ExitCode> {
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
    if (!ctx.globals.json)
      ctx.io.out(
        `Loaded the Birmingham example (Kerslake review, December 2014, to the Assurance Framework, October 2019):\n` +
          `${summary.applied} commands, ${summary.events} events, into ${where}\n\n`,
      );
    const code = await printView(ctx, store, 'status', { asAt }, null);
    const script = process.argv[1];
    const cmd =
      script !== undefined && script.endsWith('bin.js')
        ? `node ${path.relative(ctx.io.cwd, script) || script}`
        : 'assure';
    if (code === ExitCode.ok && !ctx.globals.json)
      ctx.io.out(
        `\nExplore it (the store stays in ${stays}):\n` +
          `  ${cmd} ${storeFlag} status --as-at 2018-06-30\n` +
          `  ${cmd} ${storeFlag} tracker --as-at 2019-03-31\n` +
          `  ${cmd} ${storeFlag} risks --as-at 2019-10-31\n` +
          `  ${cmd} ${storeFlag} trail --stream risk-industrial-relations\n` +
          `  ${cmd} ${storeFlag} verify\n`,
      );
    return code;
  } finally {
    await store.close();
  }
}
