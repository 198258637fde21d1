import * as E from 'fp-ts/Either';
import type { FastifyInstance } from 'fastify';
import { sendProblem, serverError } from '../problem';
import type { RouteConfig } from '../routes/registry';
import type { AuthFailure, KeyVerifier, Principal } from './verify';

type TokenVerifier = (token: string) => Promise<E.Either<AuthFailure, Principal>>;

/** The principal of an `Authorization: Bearer ...` header: an API key, or a JWT when configured. */
export async function authenticate(
  header: string | undefined,
  keys: KeyVerifier,
  jwt: TokenVerifier | null,
): Promise<E.Either<AuthFailure, Principal>> {
  if (header === undefined) return E.left({ reason: 'no credential', keyId: null });
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (m === null)
    return E.left({ reason: 'expected Authorization: Bearer <key or token>', keyId: null });
  const credential = m[1] ?? '';
  if (credential.startsWith('assure_')) return keys.verify(credential);
  if (jwt !== null) return jwt(credential);
  return E.left({ reason: 'not an Assure API key (no JWKS configured for tokens)', keyId: null });
}

/**
 * Authenticates every request to a route that is not public (401 with a challenge when it
 * fails, logged with the reason and the key id, never the secret), sets
 * `request.principal`, and refuses a read-scope credential on a write route (403).
 */
export function installAuth(
  app: FastifyInstance,
  keys: KeyVerifier,
  jwt: TokenVerifier | null,
): void {
  app.addHook('onRequest', async (request, reply) => {
    const scope = (request.routeOptions.config as Partial<RouteConfig> | undefined)?.scope;
    if (scope === undefined || scope === 'public') return;
    const found = await authenticate(request.headers.authorization, keys, jwt);
    if (E.isLeft(found)) {
      request.log.warn(
        { auth: { reason: found.left.reason, keyId: found.left.keyId } },
        'authentication failed',
      );
      void reply.header('www-authenticate', 'Bearer realm="assure"');
      return sendProblem(
        reply,
        serverError('Unauthorized', `authentication failed: ${found.left.reason}`),
      );
    }
    request.principal = found.right;
    if (scope === 'write' && found.right.scope !== 'write')
      return sendProblem(
        reply,
        serverError(
          'ScopeForbidden',
          `key ${found.right.credentialId} has read scope: it cannot write`,
        ),
      );
    return undefined;
  });
}
