import { Readable } from 'node:stream';
import * as E from 'fp-ts/Either';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  comparePositions,
  decodeProjectionEvent,
  fullReadModels,
  readModels,
  trailMatches,
  type FullReadModels,
  type ReadModels,
  type TrailFilter,
  type TrailRow,
} from '@assure/projections';
import type { ServerContext } from '../context';
import type { ServedDocument } from '../documents';
import { notFound, sendProblem, serverError, type TaggedError } from '../problem';
import { cursorOf, dayParam, limitOf, policyOf, povOf, queryOf, type Pov } from './query';
import { TIME_QUERY, type ApiRoute, type RouteConfig } from './registry';

/** Read models at a point of view, with the log position they reflect. */
interface Models<M> {
  readonly models: M;
  readonly position: string | null;
  /** True when built from the followed model: exactly the log up to `position`. */
  readonly followed: boolean;
}

/** Waits for `p` at most `ms` (the timer cleared as soon as `p` settles). */
async function within(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([p, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Where the read models at a point of view come from, and the log position they reflect. */
interface Source<M> {
  readonly position: string | null;
  /** True when they come from the followed model: exactly the log up to `position`. */
  readonly followed: boolean;
  /** The models: at once from the followed model, else built from the store. */
  models(): Promise<E.Either<TaggedError, M>>;
}

/**
 * Where the read models at a point of view come from: the followed model once it has folded
 * the log's head (a read sees every write acknowledged before it), or the store when the
 * followed model cannot answer (a known-at instant, an earlier as-at day) or lags too long.
 * Nothing is built yet, so a cached document or a 304 costs no fold.
 */
async function sourceAt(
  ctx: ServerContext,
  pov: Pov,
  full: boolean,
): Promise<E.Either<TaggedError, Source<FullReadModels | ReadModels>>> {
  const head = await ctx.store.headPosition()();
  if (E.isLeft(head)) return head;
  // Usually the followed model has folded the head already: no promise, no timer.
  if (head.right !== null && !ctx.live.hasFolded(head.right))
    await within(ctx.live.reached(head.right), ctx.limits.readWaitMs);
  const followed = ctx.live.modelsAt(pov.asAt, pov.knownAt);
  if (followed !== null && (head.right === null || followed.checkpoint !== null)) {
    const models = E.right(followed.models);
    return E.right({
      position: followed.checkpoint,
      followed: true,
      models: () => Promise.resolve(models),
    });
  }
  const options = {
    decode: decodeProjectionEvent,
    asAt: pov.asAt,
    ...(pov.knownAt === null ? {} : { knownAt: pov.knownAt }),
  };
  return E.right({
    position: head.right?.toString() ?? null,
    followed: false,
    models: async () => {
      const built = full
        ? await fullReadModels(ctx.store, options)()
        : await readModels(ctx.store, options)();
      return E.isLeft(built) ? built : E.right(built.right.models);
    },
  });
}

/** The read models at a point of view (see {@link sourceAt}), built. */
export async function modelsAt(
  ctx: ServerContext,
  pov: Pov,
  full: boolean,
): Promise<E.Either<TaggedError, Models<FullReadModels | ReadModels>>> {
  const source = await sourceAt(ctx, pov, full);
  if (E.isLeft(source)) return source;
  const models = await source.right.models();
  if (E.isLeft(models)) return models;
  return E.right({
    models: models.right,
    position: source.right.position,
    followed: source.right.followed,
  });
}

const JSON_UTF8 = 'application/json; charset=utf-8';

/**
 * A document from the cache of serialized documents, built on a miss. One built from the
 * store (a known-at instant, an earlier as-at day) is kept only if the log's head did not
 * move while it was built, so its position names exactly what it reflects.
 */
async function documentAt<M>(
  ctx: ServerContext,
  source: Source<M>,
  key: string,
  etag: string,
  build: (models: M) => unknown,
): Promise<E.Either<TaggedError, ServedDocument>> {
  const hit = ctx.documents.peek(key);
  if (hit !== undefined) return E.right(hit);
  const models = await source.models();
  if (E.isLeft(models)) return models;
  let keep = source.followed;
  if (!keep) {
    const head = await ctx.store.headPosition()();
    keep = E.isRight(head) && (head.right?.toString() ?? null) === source.position;
  }
  return E.right(ctx.documents.put(source.position, key, etag, build(models.right), keep));
}

/** The entity tag of a document: the log position it reflects and its point of view. */
export function etagOf(position: string | null, pov: Pov, extra = ''): string {
  return `"${position ?? 'empty'}|${pov.asAt}|${pov.knownAt ?? ''}${extra}"`;
}

/** True (and 304 sent) when the request's `If-None-Match` names this tag. */
function notModified(request: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag);
  const header = request.headers['if-none-match'];
  if (header === undefined) return false;
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(etag) && !tags.includes('*')) return false;
  reply.code(304).send();
  return true;
}

type DocRoute = 'status' | 'tracker' | 'risks' | 'roster' | 'stocktakes';

const DOC_QUERY: Readonly<Record<DocRoute, Readonly<Record<string, string>>>> = {
  status: {
    ...TIME_QUERY,
    policy:
      'RAG policy: bcc-cgip@2 (default), percent-complete@2, slippage@2, or an @1 version of them',
  },
  tracker: { ...TIME_QUERY, programmeId: 'only this programme', areaId: 'only this area' },
  risks: { ...TIME_QUERY, programmeId: 'only this programme' },
  roster: { ...TIME_QUERY, programmeId: 'only this programme' },
  stocktakes: { ...TIME_QUERY, programmeId: 'only this programme' },
};
const DOC_SCHEMA: Readonly<Record<DocRoute, string>> = {
  status: 'StatusDocument',
  tracker: 'TrackerDocument',
  risks: 'RiskRegisterDocument',
  roster: 'RosterDocument',
  stocktakes: 'StocktakesDocument',
};

function buildDoc(view: DocRoute, m: ReadModels, q: Readonly<Record<string, string>>): unknown {
  const programme = q['programmeId'] === undefined ? {} : { programmeId: q['programmeId'] };
  switch (view) {
    case 'status': {
      const policy = policyOf(q['policy']);
      return E.isRight(policy) ? m.status(policy.right) : m.status();
    }
    case 'tracker':
      return m.tracker({
        ...programme,
        ...(q['areaId'] === undefined ? {} : { areaId: q['areaId'] }),
      });
    case 'risks':
      return m.risks(programme);
    case 'roster':
      return m.roster(programme);
    case 'stocktakes':
      return m.stocktakes(programme);
    default: {
      const never: never = view;
      return never;
    }
  }
}

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

const problemErrors = [400, 401, 403, 429, 503];

/**
 * GET /v1/status, /v1/tracker, /v1/risks, /v1/roster, /v1/stocktakes and
 * /v1/programmes/:programmeId.
 */
export function readRoutes(app: FastifyInstance, ctx: ServerContext): void {
  for (const view of ['status', 'tracker', 'risks', 'roster', 'stocktakes'] as const) {
    const query = DOC_QUERY[view];
    register(
      app,
      ctx,
      {
        method: 'GET',
        url: `/v1/${view}`,
        summary: `the ${view} document (as \`assure ${view} --json\` prints it)`,
        scope: 'read',
        query,
        ok: {
          status: 200,
          media: ['application/json'],
          schema: DOC_SCHEMA[view],
          description: view,
        },
        errors: [304, ...problemErrors],
      },
      async (request, reply) => {
        const q = queryOf(request.query, Object.keys(query));
        if (E.isLeft(q)) return sendProblem(reply, q.left);
        const pov = povOf(q.right, ctx.clock);
        if (E.isLeft(pov)) return sendProblem(reply, pov.left);
        const source = await sourceAt(ctx, pov.right, false);
        if (E.isLeft(source)) return sendProblem(reply, source.left);
        const extra = Object.entries(q.right).filter(([k]) => k !== 'asAt' && k !== 'knownAt');
        const etag = etagOf(
          source.right.position,
          pov.right,
          extra.map(([k, v]) => `|${k}=${v}`).join(''),
        );
        if (notModified(request, reply, etag)) return reply;
        const policy = policyOf(q.right['policy']);
        if (E.isLeft(policy)) return sendProblem(reply, policy.left);
        const doc = await documentAt(ctx, source.right, `${view}${etag}`, etag, (models) =>
          buildDoc(view, models, q.right),
        );
        if (E.isLeft(doc)) return sendProblem(reply, doc.left);
        return reply.header('content-type', JSON_UTF8).send(doc.right.body);
      },
    );
  }

  programmeRoute(app, ctx);
  trailRoutes(app, ctx);
}

/** GET /v1/programmes/:programmeId: one programme's status, tracker, risks and roster. */
function programmeRoute(app: FastifyInstance, ctx: ServerContext): void {
  register(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/programmes/:programmeId',
      summary: 'one programme: its status, tracker, risk register and roster',
      scope: 'read',
      query: TIME_QUERY,
      ok: {
        status: 200,
        media: ['application/json'],
        schema: 'ProgrammeDocument',
        description: 'the programme',
      },
      errors: [304, 404, ...problemErrors],
    },
    async (request, reply) => {
      const programmeId = (request.params as { programmeId: string }).programmeId;
      const q = queryOf(request.query, Object.keys(TIME_QUERY));
      if (E.isLeft(q)) return sendProblem(reply, q.left);
      const pov = povOf(q.right, ctx.clock);
      if (E.isLeft(pov)) return sendProblem(reply, pov.left);
      const got = await modelsAt(ctx, pov.right, false);
      if (E.isLeft(got)) return sendProblem(reply, got.left);
      const m = got.right.models;
      const status = m.status();
      const mine = status.programmes.filter((p) => p.id === programmeId);
      if (mine.length === 0)
        return sendProblem(
          reply,
          notFound(`programme-${programmeId}`, `programme-${programmeId} does not exist`),
        );
      if (notModified(request, reply, etagOf(got.right.position, pov.right, `|p=${programmeId}`)))
        return reply;
      return reply.type('application/json').send({
        status: { ...status, programmes: mine },
        tracker: m.tracker({ programmeId }),
        risks: m.risks({ programmeId }),
        roster: m.roster({ programmeId }),
      });
    },
  );
}

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
function trailRoutes(app: FastifyInstance, ctx: ServerContext): void {
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
