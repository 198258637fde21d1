// The audit trail's routes: GET /v1/trail (filtered, a page at a time or NDJSON) and
// /v1/trail/:stream.
import { Readable } from 'node:stream';
import * as E from 'fp-ts/Either';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  comparePositions,
  trailMatches,
  type TrailFilter,
  type TrailRow,
} from '@assure/projections';
import type { ServerContext } from '../context';
import { sendProblem, serverError } from '../problem';
import { etagOf, notModified } from './etag';
import { modelsAt } from './models';
import { cursorOf, dayParam, limitOf, povOf, queryOf } from './query';
import { TIME_QUERY, problemErrors, register, type ApiRoute } from './registry';

const TRAIL_QUERY: Readonly<Record<string, string>> = {
  ...TIME_QUERY,
  actor: 'only events issued by this actor',
  from: 'first day (valid time), inclusive',
  to: 'last day (valid time), inclusive',
  after: 'cursor: only rows after this log position (the `next` of the previous page)',
  limit: 'rows per page, 1 to 10000 (default 1000); NDJSON streams every row',
};

/** The trail's handler (`perItem`: the stream comes from the path). */
function trailHandler(ctx: ServerContext, perItem: boolean) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const names = [...Object.keys(TRAIL_QUERY), ...(perItem ? [] : ['stream'])];
    const q = queryOf(request.query, names);
    if (E.isLeft(q)) return sendProblem(reply, q.left);
    const pov = povOf(q.right, ctx.clock);
    if (E.isLeft(pov)) return sendProblem(reply, pov.left);
    const from = dayParam(q.right['from'], 'from');
    if (E.isLeft(from)) return sendProblem(reply, from.left);
    const to = dayParam(q.right['to'], 'to');
    if (E.isLeft(to)) return sendProblem(reply, to.left);
    const after = cursorOf(q.right['after'], 'after');
    if (E.isLeft(after)) return sendProblem(reply, after.left);
    const limit = limitOf(q.right['limit'], 'limit', 1000, 10000);
    if (E.isLeft(limit)) return sendProblem(reply, limit.left);
    const stream = perItem ? (request.params as { stream: string }).stream : q.right['stream'];
    const filter: TrailFilter = {
      ...(stream === undefined ? {} : { stream }),
      ...(q.right['actor'] === undefined ? {} : { actor: q.right['actor'] }),
      ...(from.right === undefined ? {} : { from: from.right }),
      ...(to.right === undefined ? {} : { to: to.right }),
    };
    const got = await modelsAt(ctx, pov.right, true);
    if (E.isLeft(got)) return sendProblem(reply, got.left);
    const m = got.right.models;
    if (!('trail' in m)) return sendProblem(reply, serverError('ViewFailed', 'no trail view'));
    const extra = Object.entries(q.right)
      .filter(([k]) => k !== 'asAt' && k !== 'knownAt')
      .map(([k, v]) => `|${k}=${v}`)
      .join('');
    const etag = etagOf(got.right.position, pov.right, `${extra}|s=${stream ?? ''}`);
    if (notModified(request, reply, etag)) return reply;
    const rows = matching(m.states.trail, filter, after.right, got.right.position);
    if (wantsNdjson(request)) {
      return reply
        .type('application/x-ndjson')
        .send(Readable.from(ndjsonLines(rows), { objectMode: false }));
    }
    const page: TrailRow[] = [];
    let next: string | null = null;
    for (const row of rows) {
      if (page.length === limit.right) {
        next = page[page.length - 1]?.position ?? null;
        break;
      }
      page.push(row);
    }
    return reply.type('application/json').send({ rows: page, next });
  };
}

/** GET /v1/trail (filtered) and /v1/trail/:stream (one item's trail). */
export function trailRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const route = (
    url: string,
    summary: string,
    query: Readonly<Record<string, string>>,
  ): ApiRoute => ({
    method: 'GET',
    url,
    summary,
    scope: 'read',
    query,
    ok: {
      status: 200,
      media: ['application/json', 'application/x-ndjson'],
      schema: 'TrailPage',
      description:
        'a page of trail rows (JSON), or every row after the cursor, one a line (NDJSON)',
    },
    errors: [304, ...problemErrors],
  });
  register(
    app,
    ctx,
    route('/v1/trail', 'the audit trail, filtered, a page at a time', {
      ...TRAIL_QUERY,
      stream: 'only this stream (e.g. risk-equal-pay)',
    }),
    trailHandler(ctx, false),
  );
  register(
    app,
    ctx,
    route('/v1/trail/:stream', "one item's trail (its stream, e.g. risk-equal-pay)", TRAIL_QUERY),
    trailHandler(ctx, true),
  );
}

/** True when the client asks for NDJSON (`Accept: application/x-ndjson`). */
export function wantsNdjson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/x-ndjson');
}

/** Rows matching a filter, after a cursor and up to the position the read reflects. */
function* matching(
  rows: Iterable<TrailRow>,
  filter: TrailFilter,
  after: bigint | null,
  upTo: string | null,
): Generator<TrailRow> {
  const cursor = after?.toString() ?? null;
  for (const row of rows) {
    if (upTo !== null && comparePositions(row.position, upTo) > 0) return;
    if (cursor !== null && comparePositions(row.position, cursor) <= 0) continue;
    if (trailMatches(row, filter)) yield row;
  }
}

/** One JSON document a line. */
export function* ndjsonLines(values: Iterable<unknown>): Generator<string> {
  for (const v of values) yield `${JSON.stringify(v)}\n`;
}
