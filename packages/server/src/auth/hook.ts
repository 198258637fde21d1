import * as E from 'fp-ts/Either';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { sendProblem, serverError } from '../problem';
import type { RouteConfig, RouteScope } from '../routes/registry';
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
 * `request.principal`, and refuses a read-scope credential on a write route (403). The hook
 * is added to each route of scope `read` or `write` as it is registered (so install this
 * before the routes): a public route runs none, and none reads the route's options per
 * request.
 */
export function installAuth(
  app: FastifyInstance,
  keys: KeyVerifier,
  jwt: TokenVerifier | null,
): void {
  const hooks = { read: authHook('read', keys, jwt), write: authHook('write', keys, jwt) };
  const ours = new Set<unknown>(Object.values(hooks));
  app.addHook('onRoute', (route) => {
    const scope = (route.config as Partial<RouteConfig> | undefined)?.scope;
    if (scope !== 'read' && scope !== 'write') return;
    const before = route.onRequest === undefined ? [] : [route.onRequest].flat();
    // A HEAD route Fastify derives from a GET comes with the GET's hooks already.
    if (before.some((h) => ours.has(h))) return;
    route.onRequest = [...before, hooks[scope]];
  });
}

/**
 * The hook of one scope. A callback hook, not an async one: a key verified before is
 * answered in this turn, with no promise (see `KeyVerifier.known`); anything else goes
 * through {@link authenticate}.
 */
function authHook(
  scope: 'read' | 'write',
  keys: KeyVerifier,
  jwt: TokenVerifier | null,
): onRequestHookHandler {
  return (request, reply, done) => {
    const header = request.headers.authorization;
    const known = header?.startsWith(BEARER) === true ? keys.known(header.slice(7)) : undefined;
    if (known !== undefined) {
      if (admit(request, reply, scope, E.right(known))) done();
      return;
    }
    authenticate(header, keys, jwt).then(
      (found) => {
        if (admit(request, reply, scope, found)) done();
      },
      (e: unknown) => done(e instanceof Error ? e : new Error(String(e))),
    );
  };
}

const BEARER = 'Bearer ';

/**
 * Sets `request.principal` and returns true when `found` may call a route of `scope`; else
 * answers 401 (logged with the reason and the key id, never the secret) or 403 and returns
 * false.
 */
function admit(
  request: FastifyRequest,
  reply: FastifyReply,
  scope: RouteScope,
  found: E.Either<AuthFailure, Principal>,
): boolean {
  if (E.isLeft(found)) {
    request.log.warn(
      { auth: { reason: found.left.reason, keyId: found.left.keyId } },
      'authentication failed',
    );
    void reply.header('www-authenticate', 'Bearer realm="assure"');
    void sendProblem(
      reply,
      serverError('Unauthorized', `authentication failed: ${found.left.reason}`),
    );
    return false;
  }
  request.principal = found.right;
  if (scope === 'write' && found.right.scope !== 'write') {
    void sendProblem(
      reply,
      serverError(
        'ScopeForbidden',
        `key ${found.right.credentialId} has read scope: it cannot write`,
      ),
    );
    return false;
  }
  return true;
}
