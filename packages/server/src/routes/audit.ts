import { PassThrough } from 'node:stream';
import * as E from 'fp-ts/Either';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { exportLog, proveConsistency, proveEvent, SEAL_STREAM, SEAL_TYPE } from '@assure/audit';
import { storeErrorOf, StoreErrors, type Envelope } from '@assure/event-store';
import type { ServerContext } from '../context';
import { notFound, sendProblem, type TaggedError } from '../problem';
import { limitOf } from './query';
import { readRoute } from './registry';

const MAX_SIZE = 2 ** 40;

/** `r` as JSON, or the problem it failed with. */
function sendJson(reply: FastifyReply, r: E.Either<TaggedError, unknown>): FastifyReply {
  return E.isLeft(r) ? sendProblem(reply, r.left) : reply.type('application/json').send(r.right);
}

/** The auditor's endpoints: the export, the latest seal, inclusion and consistency proofs. */
export function auditRoutes(app: FastifyInstance, ctx: ServerContext): void {
  exportRoute(app, ctx);
  sealRoute(app, ctx);
  inclusionProofRoute(app, ctx);
  consistencyProofRoute(app, ctx);
}

/** GET /v1/audit/export: the export, streamed. */
function exportRoute(app: FastifyInstance, ctx: ServerContext): void {
  readRoute(
    app,
    ctx,
    {
      url: '/v1/audit/export',
      summary:
        'the whole log as an export (`assure export`): a header line, then one envelope a line',
      ok: { status: 200, media: ['application/x-ndjson'], description: 'the export, streamed' },
      errors: [401, 403, 429, 503],
    },
    async (request, reply) => {
      const head = await ctx.store.headPosition()();
      if (E.isLeft(head)) return sendProblem(reply, head.left);
      const out = new PassThrough();
      void exportLog(ctx.store, out, { now: ctx.clock })().then((r) => {
        if (E.isLeft(r)) {
          request.log.error({ error: r.left._tag }, 'export failed mid-stream');
          out.destroy(new Error(r.left.message));
        } else out.end();
      });
      return reply.type('application/x-ndjson').send(out);
    },
  );
}

/** GET /v1/audit/seal: the latest seal. */
function sealRoute(app: FastifyInstance, ctx: ServerContext): void {
  readRoute(
    app,
    ctx,
    {
      url: '/v1/audit/seal',
      summary: 'the latest seal: its LedgerSealed envelope (tree size, root, last position)',
      ok: { status: 200, media: ['application/json'], schema: 'Seal', description: 'the envelope' },
      errors: [401, 403, 404, 429, 503],
    },
    async (_request, reply) => {
      let last: Envelope | null = null;
      try {
        for await (const e of ctx.store.readStream(SEAL_STREAM)) if (e.type === SEAL_TYPE) last = e;
      } catch (e) {
        return sendProblem(reply, storeErrorOf(e) ?? StoreErrors.unavailable(String(e)));
      }
      if (last === null)
        return sendProblem(
          reply,
          notFound(SEAL_STREAM, 'the ledger has not been sealed (assure seal)'),
        );
      return reply.type('application/json').send(last);
    },
  );
}

/** GET /v1/audit/proofs/inclusion/:eventId. */
function inclusionProofRoute(app: FastifyInstance, ctx: ServerContext): void {
  readRoute(
    app,
    ctx,
    {
      url: '/v1/audit/proofs/inclusion/:eventId',
      summary: 'an inclusion proof of one event (RFC 9162), as `assure prove --event` writes it',
      query: { treeSize: 'the tree size to prove against (default: the whole log)' },
      ok: {
        status: 200,
        media: ['application/json'],
        schema: 'InclusionProof',
        description: 'the proof',
      },
      errors: [400, 401, 403, 404, 429, 503],
    },
    async (request, reply, query) => {
      const size =
        query['treeSize'] === undefined
          ? undefined
          : limitOf(query['treeSize'], 'treeSize', 1, MAX_SIZE);
      if (size !== undefined && E.isLeft(size)) return sendProblem(reply, size.left);
      const eventId = (request.params as { eventId: string }).eventId;
      const r = await proveEvent(
        ctx.store,
        eventId,
        size === undefined ? {} : { treeSize: size.right },
      )();
      return sendJson(reply, r);
    },
  );
}

/** GET /v1/audit/proofs/consistency. */
function consistencyProofRoute(app: FastifyInstance, ctx: ServerContext): void {
  readRoute(
    app,
    ctx,
    {
      url: '/v1/audit/proofs/consistency',
      summary: 'a consistency proof between two tree sizes (RFC 9162)',
      query: {
        from: 'the earlier tree size (required)',
        to: 'the later tree size (default: the whole log)',
      },
      ok: {
        status: 200,
        media: ['application/json'],
        schema: 'ConsistencyProof',
        description: 'the proof',
      },
      errors: [400, 401, 403, 429, 503],
    },
    async (_request, reply, query) => {
      const raw = query['from'];
      const from = raw === '0' ? E.right(0) : limitOf(raw ?? '', 'from', 0, MAX_SIZE);
      if (E.isLeft(from)) return sendProblem(reply, from.left);
      const to = query['to'] === undefined ? undefined : limitOf(query['to'], 'to', 1, MAX_SIZE);
      if (to !== undefined && E.isLeft(to)) return sendProblem(reply, to.left);
      const r = await proveConsistency(ctx.store, from.right, to?.right)();
      return sendJson(reply, r);
    },
  );
}
