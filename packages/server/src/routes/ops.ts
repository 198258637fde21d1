import * as E from 'fp-ts/Either';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { openApiDocument } from '../openapi';
import { register } from './registry';

/** /healthz, /readyz and the OpenAPI document (public: no credential). */
export function opsRoutes(app: FastifyInstance, ctx: ServerContext): void {
  register(
    app,
    ctx,
    {
      method: 'GET',
      url: '/healthz',
      summary: 'liveness: the process answers',
      scope: 'public',
      ok: { status: 200, media: ['application/json'], schema: 'Health', description: 'alive' },
      errors: [],
    },
    async (_request, reply) => reply.send({ status: 'ok' }),
  );

  register(
    app,
    ctx,
    {
      method: 'GET',
      url: '/readyz',
      summary:
        'readiness: the store answers and the followed read model has caught up with its head',
      scope: 'public',
      ok: { status: 200, media: ['application/json'], schema: 'Readiness', description: 'ready' },
      errors: [503],
    },
    async (_request, reply) => {
      const head = await ctx.store.headPosition()();
      const live = ctx.live.state();
      const caughtUp =
        E.isRight(head) &&
        live.caughtUp &&
        live.failure === null &&
        (head.right === null ||
          (live.checkpoint !== null && BigInt(live.checkpoint) >= head.right));
      const ready = caughtUp && !ctx.closing.value;
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not-ready',
        checkpoint: live.checkpoint,
        ...(E.isLeft(head) ? { store: head.left.message } : {}),
        ...(live.failure === null ? {} : { failure: live.failure._tag }),
      });
    },
  );

  let doc: unknown = null;
  register(
    app,
    ctx,
    {
      method: 'GET',
      url: '/v1/openapi.json',
      summary: 'this API as an OpenAPI 3.1 document',
      scope: 'public',
      ok: { status: 200, media: ['application/json'], description: 'the OpenAPI document' },
      errors: [],
    },
    async (_request, reply) => {
      doc ??= openApiDocument(ctx.routes);
      return reply.type('application/json').send(doc);
    },
  );
}
