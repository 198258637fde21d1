import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { type Ctx, fail, type AddCommands } from '../context';
import type { JwtOptions } from '@assure/server';
import { CliErrors, messageOf, type TaggedError } from '../errors';
import { ExitCode } from '../exit-codes';
import { missingLog, openStore, parseStoreUrl } from '../store/url';
import { DEFAULT_KEYS_FILE } from './keys';

type Opts = Record<string, unknown>;
const str = (u: unknown): string | undefined => (typeof u === 'string' ? u : undefined);

/** Reads a whole number option (`--port 0` picks a free port). */
function whole(value: string | undefined, name: string, fallback: number, max: number) {
  if (value === undefined) return E.right(fallback);
  const n = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n <= max
    ? E.right(n)
    : E.left(
        CliErrors.usage(
          `${name}: expected a whole number up to ${max}, got ${JSON.stringify(value)}`,
        ),
      );
}

/** The JWT options of `--jwks` and its `--jwt-*` companions (none without `--jwks`). */
function jwtOptions(ctx: Ctx, opts: Opts): { readonly jwt?: JwtOptions } {
  const jwks = str(opts['jwks']);
  if (jwks === undefined) return {};
  const given = (name: keyof JwtOptions, flag: string) => {
    const value = str(opts[flag]);
    return value === undefined ? {} : { [name]: value };
  };
  return {
    jwt: {
      jwks: /^https?:/.test(jwks) ? jwks : path.resolve(ctx.io.cwd, jwks),
      ...given('issuer', 'jwtIssuer'),
      ...given('audience', 'jwtAudience'),
      ...given('actorClaim', 'jwtActorClaim'),
      ...given('roleClaim', 'jwtRoleClaim'),
    },
  };
}

/** A key issued for one run of the server, revoked when it stops. */
interface OneTimeKey {
  readonly secret: string;
  revoke(): Promise<void>;
}

/**
 * `--one-time-key`: a read key for this run only (the dashboard's sign-in), revoked at
 * shutdown; without the flag, nothing to revoke.
 */
async function oneTimeKey(
  ctx: Ctx,
  opts: Opts,
  keysFile: string,
): Promise<E.Either<TaggedError, OneTimeKey | null>> {
  if (opts['oneTimeKey'] !== true) return E.right(null);
  const { addKey, revokeKey } = await import('@assure/server');
  const added = await addKey(
    keysFile,
    { actor: 'dashboard', role: 'board', scope: 'read' },
    ctx.io.now(),
  );
  if (E.isLeft(added)) return added;
  const id = added.right.key.id;
  return E.right({
    secret: added.right.secret,
    revoke: async () => {
      await revokeKey(keysFile, id, ctx.io.now());
    },
  });
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignalled(): Promise<void> {
  return new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * `assure serve`: the HTTP API over the `--store` (the file store's one writer) until
 * SIGINT or SIGTERM, which finish the commands in flight, end the feeds and close the store.
 */
export async function serveCommand(ctx: Ctx, opts: Opts): Promise<ExitCode> {
  const port = whole(str(opts['port']), '--port', 8080, 65535);
  if (E.isLeft(port)) return fail(ctx, port.left);
  const rate = whole(str(opts['rateLimit']), '--rate-limit', 1200, 1e9);
  if (E.isLeft(rate)) return fail(ctx, rate.left);
  const body = whole(str(opts['bodyLimit']), '--body-limit', 1024 * 1024, 1024 ** 3);
  if (E.isLeft(body)) return fail(ctx, body.left);
  const host = str(opts['host']) ?? '127.0.0.1';
  const location = parseStoreUrl(ctx.globals.store, ctx.io.cwd);
  if (E.isLeft(location)) return fail(ctx, location.left);
  if (location.right._tag === 'file' && opts['create'] !== true) {
    // A server left running on a mistyped path would show an empty dashboard and take
    // commands into a new log: an empty store is started on purpose only.
    const missing = await missingLog(location.right.path, '--create starts an empty store there');
    if (missing !== null) return fail(ctx, missing);
  }
  const opened = await openStore(location.right)();
  if (E.isLeft(opened)) return fail(ctx, opened.left);
  const store = opened.right;
  const cors = Array.isArray(opts['cors']) ? (opts['cors'] as string[]) : [];
  const { createServer } = await import('@assure/server');
  const keysFile = path.resolve(ctx.io.cwd, str(opts['keys']) ?? DEFAULT_KEYS_FILE);
  const oneTime = await oneTimeKey(ctx, opts, keysFile);
  if (E.isLeft(oneTime)) {
    await store.close();
    return fail(ctx, oneTime.left);
  }
  const revokeOneTime = async (): Promise<void> => {
    if (oneTime.right !== null) await oneTime.right.revoke();
  };
  const built = await createServer({
    store,
    keysFile,
    rateLimit: rate.right,
    bodyLimit: body.right,
    corsOrigins: cors,
    clock: ctx.io.now,
    ...jwtOptions(ctx, opts),
  });
  if (E.isLeft(built)) {
    await revokeOneTime();
    await store.close();
    return fail(ctx, built.left);
  }
  const server = built.right;
  try {
    const address = await server.app.listen({ host, port: port.right });
    ctx.io.err(`assure: serving ${ctx.globals.store} on ${address}\n`);
    ctx.io.err(`assure: dashboard: ${address}/\n`);
    if (oneTime.right !== null)
      ctx.io.err(
        `assure: one-time key (read, role board; revoked when the server stops): ${oneTime.right.secret}\n`,
      );
  } catch (e) {
    await server.close();
    await revokeOneTime();
    await store.close();
    return fail(ctx, {
      _tag: 'StoreUnavailable',
      message: `cannot listen on ${host}:${port.right}: ${messageOf(e)}`,
    });
  }
  await untilSignalled();
  ctx.io.err('assure: shutting down: finishing commands in flight\n');
  await server.close();
  await revokeOneTime();
  await store.close();
  return ExitCode.ok;
}

const collect = (value: string, previous: unknown): string[] => [
  ...(Array.isArray(previous) ? (previous as string[]) : []),
  value,
];

/** Adds `assure serve`. */
export const addServeCommand: AddCommands = (program, ctxOf, done) => {
  program
    .command('serve')
    .description('the HTTP API over the --store: read routes, commands, a live feed (API keys)')
    .option('--port <n>', 'TCP port (default 8080; 0 picks a free one)')
    .option('--host <address>', 'address to listen on (default 127.0.0.1)')
    .option('--keys <file>', `the keys file (default ${DEFAULT_KEYS_FILE})`)
    .option('--jwks <url-or-file>', 'also accept bearer JWTs verified against this JWKS')
    .option('--jwt-issuer <iss>', 'required issuer of a JWT')
    .option('--jwt-audience <aud>', 'required audience of a JWT')
    .option('--jwt-actor-claim <claim>', 'the claim naming the actor (default sub)')
    .option('--jwt-role-claim <claim>', 'the claim naming the role (default assure_role)')
    .option('--cors <origin>', 'allow this origin (repeatable; default: CORS off)', collect)
    .option('--rate-limit <n>', 'requests a minute per key (default 1200)')
    .option('--body-limit <bytes>', 'largest request body (default 1048576)')
    .option('--create', 'start an empty file store when its log does not exist (default: refuse)')
    .option(
      '--one-time-key',
      'add a read key (actor dashboard, role board) for this run, print it, revoke it at shutdown',
    )
    .action(async (opts: Opts) => done(await serveCommand(ctxOf(), opts)));
};
