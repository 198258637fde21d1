import * as E from 'fp-ts/Either';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerContext } from '../context';
import { sendProblem } from '../problem';
import { queryOf } from './query';

/** Who may call a route: anyone, a key with read scope (or write), or only a write key. */
export type RouteScope = 'public' | 'read' | 'write';

/** One route as the OpenAPI document describes it, and as the server registers it. */
export interface ApiRoute {
  readonly method: 'GET' | 'POST';
  /** Fastify's form: `/v1/trail/:stream`. */
  readonly url: string;
  readonly summary: string;
  readonly scope: RouteScope;
  /** Query parameters, each with its description. */
  readonly query?: Readonly<Record<string, string>>;
  /** The request body's schema name (in `documentSchemas`). */
  readonly body?: string;
  /** The success response: its status, media types and schema name. */
  readonly ok: {
    readonly status: number;
    readonly media: readonly string[];
    readonly schema?: string;
    readonly description: string;
  };
  /** The error statuses it can answer (each with a problem document). */
  readonly errors: readonly number[];
}

/** The route's config in Fastify: what the auth hook reads. */
export interface RouteConfig {
  readonly scope: RouteScope;
}

/** Read query parameters shared by every document route. */
export const TIME_QUERY: Readonly<Record<string, string>> = {
  asAt: 'valid time: the picture on this day, YYYY-MM-DD (default: today, UTC)',
  knownAt: 'transaction time: only what was recorded by this instant (ISO 8601)',
};

/** Registers a route and records it for the OpenAPI document. */
export function register(
  app: FastifyInstance,
  ctx: ServerContext,
  route: ApiRoute,
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
): void {
  ctx.routes.push(route);
  const config: RouteConfig = { scope: route.scope };
  app.route({ method: route.method, url: route.url, config, handler });
}

/** A read route's handler: the request, the reply and the route's query parameters given. */
export type ReadHandler = (
  request: FastifyRequest,
  reply: FastifyReply,
  query: Readonly<Record<string, string>>,
) => Promise<unknown>;

/**
 * Registers a GET route that a read key may call, its query checked before `handler` runs:
 * only the parameters the route describes, each given once (anything else is answered
 * with a `ValidationFailed` problem naming the parameter).
 */
export function readRoute(
  app: FastifyInstance,
  ctx: ServerContext,
  route: Omit<ApiRoute, 'method' | 'scope'>,
  handler: ReadHandler,
): void {
  const names = Object.keys(route.query ?? {});
  register(app, ctx, { ...route, method: 'GET', scope: 'read' }, async (request, reply) => {
    const q = queryOf(request.query, names);
    if (E.isLeft(q)) return sendProblem(reply, q.left);
    return handler(request, reply, q.right);
  });
}

/** The problem statuses every read route can answer (beside its own). */
export const problemErrors = [400, 401, 403, 429, 503];
