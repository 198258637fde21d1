import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { type Ctx, fail, printJson, type AddCommandsWithArgv } from '../context';
import { CliErrors } from '../errors';
import { ExitCode } from '../exit-codes';

type Opts = Record<string, unknown>;

/** The default keys file of `assure serve` and `assure keys`. */
export const DEFAULT_KEYS_FILE = '.assure/keys.json';

/**
 * The value of `--actor` or `--role` typed after `keys`: Commander reads those names as the
 * global options wherever they stand, and a key's actor and role must be typed, never taken
 * from ASSURE_ACTOR/ASSURE_ROLE.
 */
export function keyFlag(argv: readonly string[], flag: '--actor' | '--role'): string | undefined {
  const start = argv.indexOf('keys');
  let value: string | undefined;
  for (let i = start + 1; start >= 0 && i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg === flag) value = argv[++i];
    else if (arg.startsWith(`${flag}=`)) value = arg.slice(flag.length + 1);
  }
  return value;
}

/** Adds `assure keys add|list|revoke`. */
export const addKeysCommands: AddCommandsWithArgv = (program, ctxOf, done, argv) => {
  const keys = program.command('keys').description('API keys of `assure serve` (the keys file)');
  const fileOf = (ctx: Ctx, opts: Opts): string =>
    path.resolve(ctx.io.cwd, typeof opts['keys'] === 'string' ? opts['keys'] : DEFAULT_KEYS_FILE);
  keys
    .command('add')
    .description('add a key: prints its secret once (the file keeps only a slow hash)')
    .option('--actor <id>', '(required) the actor every request with this key acts as')
    .option('--role <role>', '(required) the role it acts in')
    .option('--scope <scope>', 'read (GET routes and the feed) or write (also commands)', 'read')
    .option('--keys <file>', `the keys file (default ${DEFAULT_KEYS_FILE})`)
    .action(async (opts: Opts) => {
      const ctx = ctxOf();
      const actor = keyFlag(argv, '--actor');
      const role = keyFlag(argv, '--role');
      const scope = opts['scope'];
      if (actor === undefined)
        return done(fail(ctx, CliErrors.usage('keys add: --actor is required (after `keys add`)')));
      if (role === undefined)
        return done(fail(ctx, CliErrors.usage('keys add: --role is required (after `keys add`)')));
      if (scope !== 'read' && scope !== 'write')
        return done(fail(ctx, CliErrors.usage('keys add: --scope: expected read or write')));
      const { addKey } = await import('@assure/server');
      const r = await addKey(fileOf(ctx, opts), { actor, role, scope }, ctx.io.now());
      if (E.isLeft(r)) return done(fail(ctx, r.left));
      if (ctx.globals.json) printJson(ctx, { ...r.right.key, secret: r.right.secret });
      else {
        ctx.io.out(`${r.right.secret}\n`);
        ctx.io.err(
          `assure: key ${r.right.key.id} for ${actor} (${role}, ${scope}) added; the secret above is shown once\n`,
        );
      }
      return done(ExitCode.ok);
    });
  keys
    .command('list')
    .description('list the keys (ids, actors, roles, scopes; never secrets)')
    .option('--keys <file>', `the keys file (default ${DEFAULT_KEYS_FILE})`)
    .action(async (opts: Opts) => {
      const ctx = ctxOf();
      const { listKeys } = await import('@assure/server');
      const r = await listKeys(fileOf(ctx, opts));
      if (E.isLeft(r)) return done(fail(ctx, r.left));
      if (ctx.globals.json) printJson(ctx, { keys: r.right });
      else
        for (const k of r.right)
          ctx.io.out(
            `${k.id}  ${k.actor}  ${k.role}  ${k.scope}  created ${k.createdAt}${k.revokedAt === null ? '' : `  revoked ${k.revokedAt}`}\n`,
          );
      return done(ExitCode.ok);
    });
  keys
    .command('revoke')
    .description('revoke a key: a running server refuses it from the next request')
    .argument('<id>', 'the key id (keys list)')
    .option('--keys <file>', `the keys file (default ${DEFAULT_KEYS_FILE})`)
    .action(async (id: string, opts: Opts) => {
      const ctx = ctxOf();
      const { revokeKey } = await import('@assure/server');
      const r = await revokeKey(fileOf(ctx, opts), id, ctx.io.now());
      if (E.isLeft(r)) return done(fail(ctx, r.left));
      if (ctx.globals.json) printJson(ctx, r.right);
      else ctx.io.out(`key ${r.right.id} revoked at ${r.right.revokedAt ?? ''}\n`);
      return done(ExitCode.ok);
    });
};
