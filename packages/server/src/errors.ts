import type { FastifyInstance } from 'fastify';
import { sendProblem, serverError } from './problem';

/** The tag of an error Fastify or a plugin raised, by its status. */
function tagOf(status: number): string {
  if (status === 413) return 'BodyTooLarge';
  if (status === 415) return 'UnsupportedMediaType';
  if (status === 429) return 'TooManyRequests';
  return status >= 400 && status < 500 ? 'BadRequest' : 'InternalError';
}

/**
 * Answers Fastify's own errors (a body too large, malformed JSON, a `__proto__` key, a
 * media type other than JSON, the rate limit) and unknown routes as problem documents. An
 * internal error is logged and answered without its details.
 */
export function installErrors(app: FastifyInstance, bodyLimit: number): void {
  app.setErrorHandler(
    (error: { code?: string; statusCode?: number; message: string }, request, reply) => {
      const tag = tagOf(error.statusCode ?? 500);
      if (tag === 'InternalError') request.log.error({ err: error }, 'request failed');
      const message =
        tag === 'BodyTooLarge'
          ? `request body larger than ${bodyLimit} bytes`
          : tag === 'InternalError'
            ? 'internal error (logged by the server)'
            : error.message;
      return sendProblem(reply, serverError(tag, message));
    },
  );
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      serverError('RouteNotFound', `no route ${request.method} ${request.url.split('?')[0] ?? ''}`),
    ),
  );
}
