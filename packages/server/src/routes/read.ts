// The document routes: GET /v1/status, /v1/tracker, /v1/risks, /v1/roster, /v1/stocktakes and
// /v1/programmes/:programmeId (the trail's routes are in trail.ts).
import * as E from 'fp-ts/Either';
import type { FastifyInstance } from 'fastify';
import type { ReadModels } from '@assure/projections';
import type { ServerContext } from '../context';
import { notFound, sendProblem } from '../problem';
import { etagOf, notModified } from './etag';
import { documentAt, modelsAt, sourceAt } from './models';
import { policyOf, povOf } from './query';
import { TIME_QUERY, problemErrors, readRoute } from './registry';
import { trailRoutes } from './trail';

const JSON_UTF8 = 'application/json; charset=utf-8';

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

/**
 * GET /v1/status, /v1/tracker, /v1/risks, /v1/roster, /v1/stocktakes and
 * /v1/programmes/:programmeId.
 */
export function readRoutes(app: FastifyInstance, ctx: ServerContext): void {
  for (const view of ['status', 'tracker', 'risks', 'roster', 'stocktakes'] as const) {
    readRoute(
      app,
      ctx,
      {
        url: `/v1/${view}`,
        summary: `the ${view} document (as \`assure ${view} --json\` prints it)`,
        query: DOC_QUERY[view],
        ok: {
          status: 200,
          media: ['application/json'],
          schema: DOC_SCHEMA[view],
          description: view,
        },
        errors: [304, ...problemErrors],
      },
      async (request, reply, q) => {
        const pov = povOf(q, ctx.clock);
        if (E.isLeft(pov)) return sendProblem(reply, pov.left);
        const source = await sourceAt(ctx, pov.right, false);
        if (E.isLeft(source)) return sendProblem(reply, source.left);
        const extra = Object.entries(q).filter(([k]) => k !== 'asAt' && k !== 'knownAt');
        const etag = etagOf(
          source.right.position,
          pov.right,
          extra.map(([k, v]) => `|${k}=${v}`).join(''),
        );
        if (notModified(request, reply, etag)) return reply;
        const policy = policyOf(q['policy']);
        if (E.isLeft(policy)) return sendProblem(reply, policy.left);
        const doc = await documentAt(ctx, source.right, `${view}${etag}`, etag, (models) =>
          buildDoc(view, models, q),
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
  readRoute(
    app,
    ctx,
    {
      url: '/v1/programmes/:programmeId',
      summary: 'one programme: its status, tracker, risk register and roster',
      query: TIME_QUERY,
      ok: {
        status: 200,
        media: ['application/json'],
        schema: 'ProgrammeDocument',
        description: 'the programme',
      },
      errors: [304, 404, ...problemErrors],
    },
    async (request, reply, q) => {
      const programmeId = (request.params as { programmeId: string }).programmeId;
      const pov = povOf(q, ctx.clock);
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
