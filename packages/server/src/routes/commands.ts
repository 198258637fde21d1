import * as E from 'fp-ts/Either';
import type { FastifyInstance } from 'fastify';
import { domainModel } from '@assure/domain';
import {
  createCommandHandler,
  decodeCommandMeta,
  handleResultJson,
  type CommandMeta,
} from '@assure/event-store';
import type { Principal } from '../auth/verify';
import type { ServerContext } from '../context';
import { invalidField, sendProblem, type TaggedError } from '../problem';
import { register } from './registry';

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

const invalid = invalidField;

/** The meta fields a request may give; who, in what role and with what credential come from the credential. */
const BODY_META = new Set(['occurredAt', 'commandId', 'correlationId', 'causationId']);

/** One command of a request, checked: its input for the handler and its meta. */
interface Checked {
  readonly input: { readonly type: unknown; readonly data: unknown };
  readonly meta: CommandMeta;
}

/**
 * Checks one command of a request body: `{type, data, meta: {commandId, occurredAt?,
 * correlationId?, causationId?}}`, decoded by the domain's codecs. `meta.actor`,
 * `meta.role` and `meta.credentialId` are refused (the server takes them from the
 * credential), and so is `meta.recordedAt` (no backfill over HTTP).
 */
export function checkCommand(
  raw: unknown,
  principal: Principal,
  prefix: string,
): E.Either<TaggedError, Checked> {
  if (!isRecord(raw))
    return E.left(invalid(prefix || '(body)', 'expected a JSON object {type, data, meta}'));
  for (const key of Object.keys(raw))
    if (key !== 'type' && key !== 'data' && key !== 'meta')
      return E.left(invalid(`${prefix}${key}`, 'is not allowed'));
  const meta = raw['meta'];
  if (!isRecord(meta)) return E.left(invalid(`${prefix}meta`, 'expected an object with commandId'));
  for (const key of Object.keys(meta))
    if (!BODY_META.has(key))
      return E.left(
        invalid(
          `${prefix}meta.${key}`,
          key === 'actor' || key === 'role' || key === 'credentialId'
            ? 'is taken from the credential, never from the request'
            : `is not allowed (one of ${[...BODY_META].join(', ')})`,
        ),
      );
  if (meta['commandId'] === undefined)
    return E.left(
      invalid(`${prefix}meta.commandId`, 'is required (the idempotency key of a retry)'),
    );
  if (raw['type'] === 'SealLedger')
    return E.left(
      invalid(`${prefix}type`, 'SealLedger is not taken over HTTP: seal with `assure seal`'),
    );
  const decodedMeta = decodeCommandMeta({
    ...meta,
    actor: principal.actor,
    role: principal.role,
    credentialId: principal.credentialId,
  });
  if (E.isLeft(decodedMeta)) return withPrefix(decodedMeta.left, prefix);
  const input = { type: raw['type'], data: raw['data'] };
  const decoded = domainModel.decodeCommand(input);
  if (E.isLeft(decoded)) return withPrefix(decoded.left, prefix);
  return E.right({ input, meta: decodedMeta.right });
}

function withPrefix(
  error: {
    readonly _tag: 'ValidationFailed';
    readonly errors: readonly { path: string; message: string }[];
  },
  prefix: string,
): E.Either<TaggedError, never> {
  if (prefix === '') return E.left(error);
  const errors = error.errors.map((f) => ({ path: `${prefix}${f.path}`, message: f.message }));
  return E.left({
    _tag: 'ValidationFailed',
    errors,
    message: `invalid input: ${errors.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
  } as TaggedError);
}

/** POST /v1/commands: one command, or `{commands: [...]}` applied in order. */
export function commandRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const handler = createCommandHandler({ store: ctx.store, model: domainModel, clock: ctx.clock });
  register(
    app,
    ctx,
    {
      method: 'POST',
      url: '/v1/commands',
      summary:
        'one command {type, data, meta: {commandId}} or a batch {commands: [...]}, applied in order; actor and role from the credential',
      scope: 'write',
      body: 'CommandRequest',
      ok: {
        status: 200,
        media: ['application/json'],
        schema: 'CommandResult',
        description: 'the command result (a batch: {results: [...]})',
      },
      errors: [400, 401, 403, 404, 409, 413, 415, 422, 429, 503],
    },
    async (request, reply) => {
      const principal = request.principal;
      if (principal === null)
        return sendProblem(reply, { _tag: 'Unauthorized', message: 'no credential' });
      if (ctx.closing.value)
        return sendProblem(reply, { _tag: 'ShuttingDown', message: 'the server is shutting down' });
      const body: unknown = request.body;
      const batch = isRecord(body) && 'commands' in body;
      let raws: unknown[];
      if (batch) {
        if (Object.keys(body).length !== 1 || !Array.isArray(body['commands']))
          return sendProblem(
            reply,
            invalid('commands', 'expected {commands: [...]} and nothing else'),
          );
        raws = body['commands'] as unknown[];
        if (raws.length === 0 || raws.length > ctx.limits.maxBatch)
          return sendProblem(
            reply,
            invalid('commands', `expected 1 to ${ctx.limits.maxBatch} commands`),
          );
      } else raws = [body];
      // Every command is checked before any is applied: a bad one writes nothing.
      const checked: Checked[] = [];
      for (const [i, raw] of raws.entries()) {
        const c = checkCommand(raw, principal, batch ? `commands[${i}].` : '');
        if (E.isLeft(c)) return sendProblem(reply, c.left, batch ? { index: i } : {});
        checked.push(c.right);
      }
      const run = (async () => {
        const results: unknown[] = [];
        for (const [i, c] of checked.entries()) {
          const r = await handler.handleUnknown(c.input, c.meta)();
          if (E.isLeft(r)) return { failed: r.left as TaggedError, index: i, results };
          results.push(handleResultJson(r.right));
        }
        return { failed: null, index: -1, results };
      })();
      ctx.inFlight.add(run);
      const outcome = await run.finally(() => ctx.inFlight.delete(run));
      if (outcome.failed !== null) {
        request.log.info({ error: outcome.failed._tag, index: outcome.index }, 'command refused');
        return sendProblem(
          reply,
          outcome.failed,
          batch ? { index: outcome.index, applied: outcome.results } : {},
        );
      }
      return reply
        .type('application/json')
        .send(batch ? { results: outcome.results } : outcome.results[0]);
    },
  );
}
