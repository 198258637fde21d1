import * as E from 'fp-ts/Either';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { EventStore } from '@assure/event-store';
import { installAuth } from './auth/hook';
import { jwtVerifier, KeyVerifier, type JwtOptions } from './auth/verify';
import type { ServerContext } from './context';
import { DocumentCache } from './documents';
import { LiveModel } from './live';
import { installSecurityHeaders } from './security';
import { CSP_DIRECTIVES, dashboardRoutes } from './dashboard';
import { installErrors } from './errors';
import { serverError } from './problem';
import { auditRoutes } from './routes/audit';
import { commandRoutes } from './routes/commands';
import { feedRoutes } from './routes/feed';
import { opsRoutes } from './routes/ops';
import { readRoutes } from './routes/read';

/** Options of {@link createServer}. */
export interface ServerOptions {
  /** The store the server reads and writes (it is the file store's one writer). */
  readonly store: EventStore;
  /** The keys file (`assure keys add` writes it). */
  readonly keysFile: string;
  /** Bearer JWTs verified against a JWKS, besides API keys (optional). */
  readonly jwt?: JwtOptions;
  /** Largest request body in bytes (default 1 MiB). */
  readonly bodyLimit?: number;
  /** Most commands in one POST (default 1000). */
  readonly maxBatch?: number;
  /** Requests per key (or per address, unauthenticated) per minute (default 1200). */
  readonly rateLimit?: number;
  /** Origins allowed by CORS (default none: CORS off). */
  readonly corsOrigins?: readonly string[];
  /** Fastify's logger (pino) options; default: JSON logs at info on stdout. */
  readonly logger?: FastifyServerOptions['logger'];
  /** The clock (today's as-at day). */
  readonly clock?: () => Date;
  /** Feed heartbeat interval (default 15 s). */
  readonly heartbeatMs?: number;
  /** The dashboard's built page (default: the one this package ships; see `DASHBOARD_ROOT`). */
  readonly dashboardRoot?: string;
  /** How long a feed client may leave its socket buffer full before it is dropped (default 10 s). */
  readonly slowClientMs?: number;
}

/** A built server: Fastify, the followed read model, and a graceful close. */
export interface AssureServer {
  readonly app: FastifyInstance;
  readonly live: LiveModel;
  /**
   * Stops taking commands (503), waits for those in flight, ends the feeds, stops following,
   * and closes the HTTP server. The store is the caller's to close.
   */
  close(): Promise<void>;
}

/**
 * Builds the HTTP API over a store: catches the followed read model up with the log, then
 * registers every route. Listen with `server.app.listen({ host: '127.0.0.1', port })`.
 *
 * @example
 * const server = await createServer({ store, keysFile: '.assure/keys.json' });
 * if (E.isRight(server)) await server.right.app.listen({ host: '127.0.0.1', port: 8080 });
 */
export async function createServer(
  options: ServerOptions,
): Promise<E.Either<{ readonly _tag: string; readonly message: string }, AssureServer>> {
  const keys = new KeyVerifier(options.keysFile);
  const loaded = await keys.refresh();
  if (E.isLeft(loaded))
    return E.left(serverError('KeysError', loaded.left) as { _tag: string; message: string });
  const jwt = options.jwt === undefined ? null : await jwtVerifier(options.jwt);
  const live = new LiveModel(options.store);
  const started = await live.start();
  if (E.isLeft(started))
    // A log the read model cannot fold (an undecodable event) stops the start: nothing is served.
    return E.left({ _tag: started.left._tag, message: started.left.message ?? started.left._tag });

  const bodyLimit = options.bodyLimit ?? 1024 * 1024;
  const app = Fastify({
    logger: options.logger ?? true,
    bodyLimit,
  });
  const ctx: ServerContext = {
    store: options.store,
    live,
    clock: options.clock ?? (() => new Date()),
    routes: [],
    limits: {
      bodyLimit,
      maxBatch: options.maxBatch ?? 1000,
      heartbeatMs: options.heartbeatMs ?? 15_000,
      slowClientMs: options.slowClientMs ?? 10_000,
      readWaitMs: 5_000,
    },
    inFlight: new Set(),
    closing: { value: false },
    feeds: new Set(),
    documents: new DocumentCache(256),
  };

  app.decorateRequest('principal', null);
  // Only JSON bodies: any other media type is answered 415.
  app.removeContentTypeParser('text/plain');
  // The dashboard's policy: its own scripts, styles and API only; JSON answers carry it too.
  installSecurityHeaders(app, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
  });
  if (options.corsOrigins !== undefined && options.corsOrigins.length > 0)
    await app.register(cors, { origin: [...options.corsOrigins] });
  installAuth(app, keys, jwt);
  await app.register(rateLimit, {
    max: options.rateLimit ?? 1200,
    timeWindow: 60_000,
    hook: 'preHandler',
    keyGenerator: (request) => request.principal?.credentialId ?? `ip:${request.ip}`,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      ...problemBody(
        'TooManyRequests',
        `rate limit: ${context.max} requests a minute per key`,
        429,
      ),
    }),
  });
  installErrors(app, bodyLimit);

  readRoutes(app, ctx);
  commandRoutes(app, ctx);
  feedRoutes(app, ctx);
  auditRoutes(app, ctx);
  opsRoutes(app, ctx);
  await dashboardRoutes(app, options.dashboardRoot);

  const close = async (): Promise<void> => {
    ctx.closing.value = true;
    await Promise.allSettled([...ctx.inFlight]);
    for (const end of ctx.feeds) end();
    await live.stop();
    await app.close();
  };
  return E.right({ app, live, close });
}

function problemBody(tag: string, message: string, status: number): Record<string, unknown> {
  return {
    type: `urn:assure:problem:${tag}`,
    title: tag,
    status,
    detail: message,
    error: { _tag: tag, message },
  };
}
