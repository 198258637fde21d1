import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Envelope } from '@assure/event-store';
import type { ServerContext } from '../context';
import { sendProblem, serverError } from '../problem';
import { register } from './registry';

/** The read-model items an event changed, by kind. */
export interface ChangedItems {
  readonly programme: readonly string[];
  readonly area: readonly string[];
  readonly recommendation: readonly string[];
  readonly action: readonly string[];
  readonly risk: readonly string[];
  readonly adviser: readonly string[];
}

/** One feed message (the SSE `data`; the SSE `id` is the position). */
export interface FeedMessage {
  readonly position: string;
  readonly stream: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly items: ChangedItems;
}

const KINDS = ['programme', 'area', 'recommendation', 'action', 'risk', 'adviser'] as const;
type Kind = (typeof KINDS)[number];

/**
 * The items an event changed: the entity its stream holds (`risk-equal-pay` is risk
 * `equal-pay`), and every id its payload names (`areaId`, `recommendationIds`, ...).
 *
 * @example
 * itemsOf(envelope).risk; // ['equal-pay']
 */
export function itemsOf(e: Pick<Envelope, 'stream' | 'data'>): ChangedItems {
  const sets: Record<Kind, Set<string>> = {
    programme: new Set(),
    area: new Set(),
    recommendation: new Set(),
    action: new Set(),
    risk: new Set(),
    adviser: new Set(),
  };
  const dash = e.stream.indexOf('-');
  const streamKind = e.stream.slice(0, dash);
  const kindOfStream: Record<string, Kind | undefined> = {
    programme: 'programme',
    rec: 'recommendation',
    recommendation: 'recommendation',
    action: 'action',
    risk: 'risk',
    adviser: 'adviser',
  };
  const own = kindOfStream[streamKind];
  if (own !== undefined && dash > 0) sets[own].add(e.stream.slice(dash + 1));
  for (const kind of KINDS) {
    const one = e.data[`${kind}Id`];
    if (typeof one === 'string') sets[kind].add(one);
    const many = e.data[`${kind}Ids`];
    if (Array.isArray(many)) for (const id of many) if (typeof id === 'string') sets[kind].add(id);
  }
  return {
    programme: [...sets.programme],
    area: [...sets.area],
    recommendation: [...sets.recommendation],
    action: [...sets.action],
    risk: [...sets.risk],
    adviser: [...sets.adviser],
  };
}

/** The SSE frame of an event. */
export function frameOf(e: Envelope): string {
  const message: FeedMessage = {
    position: e.position,
    stream: e.stream,
    type: e.type,
    occurredAt: e.meta.occurredAt,
    items: itemsOf(e),
  };
  return `id: ${e.position}\nevent: change\ndata: ${JSON.stringify(message)}\n\n`;
}

const closeFrame = (reason: string, detail: string): string =>
  `event: close\ndata: ${JSON.stringify({ reason, detail })}\n\n`;

/** Waits for the socket to drain, for the client to go, or for `ms`. */
function drained(res: ServerResponse, ms: number): Promise<'drain' | 'gone' | 'slow'> {
  return new Promise((resolve) => {
    const done = (r: 'drain' | 'gone' | 'slow'): void => {
      clearTimeout(timer);
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(r);
    };
    const onDrain = (): void => done('drain');
    const onClose = (): void => done('gone');
    const timer = setTimeout(() => done('slow'), ms);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

/**
 * GET /v1/feed: Server-Sent Events, one per event of the log, from just after
 * `Last-Event-ID` (or `?after=`), with no gap and no duplicate, across restarts (the log is
 * the source). Heartbeats keep proxies from closing it. A client that leaves its socket
 * buffer full for `slowClientMs` is sent a `close` event and dropped: the server never
 * queues for it (it reads the log no faster than the client takes it).
 */
export function feedRoutes(app: FastifyInstance, ctx: ServerContext): void {
  register(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/feed',
      summary: 'the live change feed (text/event-stream): id = position; resume with Last-Event-ID',
      scope: 'read',
      query: { after: 'resume after this position (as Last-Event-ID does)' },
      ok: {
        status: 200,
        media: ['text/event-stream'],
        schema: 'FeedMessage',
        description:
          'SSE: `event: change` frames (data: FeedMessage), `: heartbeat` comments, and a final `event: close`',
      },
      errors: [400, 401, 403, 429],
    },
    async (request, reply) => {
      const query = request.query as Record<string, unknown>;
      const lastId = request.headers['last-event-id'] ?? query['after'];
      const extra = Object.keys(query).filter((k) => k !== 'after');
      if (extra.length > 0)
        return sendProblem(
          reply,
          serverError('ValidationFailed', `query.${extra[0] ?? ''}: is not a parameter here`),
        );
      if (
        lastId !== undefined &&
        (typeof lastId !== 'string' || !/^(0|[1-9]\d{0,29})$/.test(lastId))
      )
        return sendProblem(
          reply,
          serverError(
            'ValidationFailed',
            'Last-Event-ID: expected a log position (a decimal integer)',
          ),
        );
      const after = lastId === undefined ? undefined : BigInt(lastId);
      const headers: OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(reply.getHeaders())) if (v !== undefined) headers[k] = v;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: 2000\n: connected\n\n`);
      await stream(ctx, res, after, request.log);
    },
  );
}

async function stream(
  ctx: ServerContext,
  res: ServerResponse,
  after: bigint | undefined,
  log: { info: (o: object, m: string) => void },
): Promise<void> {
  const stop = new AbortController();
  let reason: string | null = null;
  const end = (why: string, detail: string): void => {
    if (reason !== null) return;
    reason = why;
    stop.abort();
    if (!res.destroyed) res.end(closeFrame(why, detail));
  };
  const shutdown = (): void =>
    end('shutdown', 'the server is shutting down: reconnect with Last-Event-ID');
  ctx.feeds.add(shutdown);
  res.on('close', () => {
    if (reason === null) reason = 'client-gone';
    stop.abort();
  });
  const heartbeat = setInterval(() => {
    if (res.writableNeedDrain) return;
    res.write(': heartbeat\n\n');
  }, ctx.limits.heartbeatMs);
  try {
    for await (const e of ctx.store.subscribe({
      ...(after === undefined ? {} : { after }),
      signal: stop.signal,
    })) {
      if (reason !== null) break;
      if (res.write(frameOf(e))) continue;
      const waited = await drained(res, ctx.limits.slowClientMs);
      if (waited === 'slow') {
        end(
          'slow-client',
          `the client read too slowly: reconnect with Last-Event-ID ${e.position}`,
        );
        // The close frame waits behind what the client has not read: give it a moment, then drop.
        setTimeout(() => res.destroy(), 1000).unref();
      }
      if (waited !== 'drain') break;
    }
  } catch (e) {
    if (reason === null) end('store-failed', String(e));
  } finally {
    clearInterval(heartbeat);
    ctx.feeds.delete(shutdown);
    log.info({ feed: { reason: reason ?? 'ended' } }, 'feed closed');
    if (reason === null) end('ended', 'the feed ended');
  }
}
