import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers `helmet` sets with `options`, computed once: run on a response that is
 * never sent, then read back. With static directives (no CSP nonces) they depend on no
 * request, so building helmet's middleware again for every request (as `@fastify/helmet`
 * does, parsing the CSP each time) would only cost time.
 */
export function securityHeaders(
  options: Readonly<HelmetOptions>,
): Readonly<Record<string, string>> {
  const res = new ServerResponse(new IncomingMessage(new Socket()));
  let failure: unknown = undefined;
  helmet(options)(res.req, res, (e) => {
    failure = e;
  });
  if (failure !== undefined)
    throw new Error(
      `helmet options refused: ${failure instanceof Error ? failure.message : 'unknown error'}`,
    );
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.getHeaders())) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}

/** Sends the security headers of `options` on every response (set at the request's start). */
export function installSecurityHeaders(
  app: FastifyInstance,
  options: Readonly<HelmetOptions>,
): void {
  const headers = securityHeaders(options);
  app.addHook('onRequest', (_request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}
