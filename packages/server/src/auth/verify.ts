import { hash, timingSafeEqual } from 'node:crypto';
import { promises as fs, statSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { roles } from '@assure/domain';
import { keyIdOf, readKeysFile, secretMatches, type Scope, type StoredKey } from '../keys/keyfile';

/** Who a request acts as: taken from its credential, never from its body. */
export interface Principal {
  readonly actor: string;
  readonly role: string;
  readonly scope: Scope;
  /** The key id (`key:<id>`) or token id (`jwt:<jti or sub>`), recorded on every event. */
  readonly credentialId: string;
}

/** Why a credential was refused; `keyId` (never the secret) is logged. */
export interface AuthFailure {
  readonly reason: string;
  readonly keyId: string | null;
}

/** A secret verified for a key, and the principal it gives (see {@link KeyVerifier.known}). */
interface Verified {
  readonly secret: Buffer;
  readonly principal: Principal;
}

/** How many outcomes of scrypt are remembered, the least recently used dropped first. */
const REMEMBERED = 1024;

/**
 * Verifies API keys against the keys file. The file is read again whenever its size or
 * modification time changes (a `keys revoke` takes effect on the next request). The outcome
 * of scrypt for a presented secret (a match or not) is remembered in memory by the secret's
 * SHA-256, at most `REMEMBERED` (1024) of them, so each later request with that secret costs
 * one fast hash instead of 32 MiB of scrypt: the secrets are 256 random bits, which a fast
 * hash protects as well as a slow one; the slow hash is for the file at rest. Requests that
 * arrive together with a secret not yet checked share one scrypt, not one each. A key's
 * secret once verified is also kept by its key id, so a later request with it is answered
 * synchronously by {@link KeyVerifier.known}: one constant-time comparison, no hash, no promise.
 */
export class KeyVerifier {
  readonly #file: string;
  #stamp = '';
  /** True from a stat until the loop's check phase (see {@link refresh}). */
  #checkedThisTurn = false;
  #keys = new Map<string, StoredKey>();
  #checked = new Map<string, Promise<boolean>>();
  /** Verified secrets by key id (only keys of the file as last read, none revoked). */
  #verified = new Map<string, Verified>();

  constructor(file: string) {
    this.#file = file;
  }

  /**
   * Loads the file (again, if it changed); a file that cannot be read is an error. The
   * check is a synchronous `stat`, taken at most once per turn of the event loop: requests
   * are authenticated synchronously from the socket's data in the loop's poll phase, so the
   * stat a request uses was taken after that request arrived, and a revocation written
   * before a request was sent holds for that request. Many requests read in one turn share
   * one stat.
   */
  async refresh(): Promise<E.Either<string, void>> {
    const stamp = this.#stat();
    if (stamp === null) return E.right(undefined);
    if (E.isLeft(stamp)) return stamp;
    const doc = await readKeysFile(this.#file, false);
    if (E.isLeft(doc)) return E.left(doc.left.message);
    this.#keys = new Map(doc.right.keys.map((k) => [k.id, k]));
    this.#checked = new Map();
    this.#verified = new Map();
    // Not marked checked: this turn is later than the stat's, so the next request stats again.
    this.#stamp = stamp.right;
    return E.right(undefined);
  }

  /**
   * The synchronous part of {@link refresh}: null when the file is unchanged (stat'ed this
   * turn, or now), else its new stamp (to read it), or why it cannot be read.
   */
  #stat(): E.Either<string, string> | null {
    if (this.#checkedThisTurn) return null;
    let stamp: string;
    try {
      const st = statSync(this.#file);
      stamp = `${st.size}:${st.mtimeMs}:${st.ino}`;
    } catch (e) {
      return E.left(`cannot read the keys file: ${String((e as NodeJS.ErrnoException).code)}`);
    }
    if (stamp !== this.#stamp) return E.right(stamp);
    this.#checkedThisTurn = true;
    setImmediate(() => (this.#checkedThisTurn = false));
    return null;
  }

  /**
   * The principal of `secret` when it is known at once: the keys file is unchanged (the same
   * stat once per turn as {@link KeyVerifier.verify}) and this very secret was verified for its key
   * (compared in constant time). Undefined otherwise: then {@link KeyVerifier.verify} decides.
   */
  known(secret: string): Principal | undefined {
    if (this.#stat() !== null) return undefined;
    // Where a well-formed secret has its id (`assure_<id>_...`): anything else either finds no
    // entry or fails the comparison with the whole verified secret.
    const hit = this.#verified.get(secret.slice(7, 23));
    if (hit === undefined) return undefined;
    const presented = Buffer.from(secret, 'utf8');
    return presented.length === hit.secret.length && timingSafeEqual(presented, hit.secret)
      ? hit.principal
      : undefined;
  }

  /** Whether `secret` is `key`'s: remembered, or one scrypt shared by concurrent requests. */
  #matches(key: StoredKey, secret: string): Promise<boolean> {
    const digest = hash('sha256', secret, 'base64');
    const known = this.#checked.get(digest);
    if (known !== undefined) {
      this.#checked.delete(digest);
      this.#checked.set(digest, known);
      return known;
    }
    const checked = secretMatches(key, secret).catch(() => false);
    this.#checked.set(digest, checked);
    if (this.#checked.size > REMEMBERED) {
      const oldest = this.#checked.keys().next();
      if (oldest.done !== true) this.#checked.delete(oldest.value);
    }
    return checked;
  }

  /** The principal of an API key secret, or why it is refused. */
  async verify(secret: string): Promise<E.Either<AuthFailure, Principal>> {
    const refreshed = await this.refresh();
    if (E.isLeft(refreshed)) return E.left({ reason: refreshed.left, keyId: null });
    const id = keyIdOf(secret);
    if (id === null) return E.left({ reason: 'not an Assure API key', keyId: null });
    const key = this.#keys.get(id);
    if (key === undefined) return E.left({ reason: 'unknown key', keyId: id });
    if (key.revokedAt !== null) return E.left({ reason: 'revoked key', keyId: id });
    const verified = this.#verified;
    if (!(await this.#matches(key, secret))) return E.left({ reason: 'wrong secret', keyId: id });
    const principal: Principal = {
      actor: key.actor,
      role: key.role,
      scope: key.scope,
      credentialId: `key:${id}`,
    };
    // Kept only if the file was not read again meanwhile (that replaces the map).
    if (verified === this.#verified)
      verified.set(id, { secret: Buffer.from(secret, 'utf8'), principal });
    return E.right(principal);
  }
}

/** Bearer JWTs: verified against a JWKS, with claims mapped to actor, role and scope. */
export interface JwtOptions {
  /** A JWKS URL (https:) or the path of a JWKS JSON file. */
  readonly jwks: string;
  readonly issuer?: string;
  readonly audience?: string;
  /** The claim naming the actor (default `sub`). */
  readonly actorClaim?: string;
  /** The claim naming the role (default `assure_role`). */
  readonly roleClaim?: string;
}

/** Builds the JWT verifier of {@link JwtOptions}. */
export async function jwtVerifier(
  options: JwtOptions,
): Promise<(token: string) => Promise<E.Either<AuthFailure, Principal>>> {
  const keys: JWTVerifyGetKey = /^https?:\/\//.test(options.jwks)
    ? createRemoteJWKSet(new URL(options.jwks))
    : createLocalJWKSet(JSON.parse(await fs.readFile(options.jwks, 'utf8')) as never);
  const actorClaim = options.actorClaim ?? 'sub';
  const roleClaim = options.roleClaim ?? 'assure_role';
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
        ...(options.audience === undefined ? {} : { audience: options.audience }),
      });
      const actor = payload[actorClaim];
      const role = payload[roleClaim];
      const id = typeof payload.jti === 'string' ? payload.jti : payload.sub;
      if (typeof actor !== 'string' || actor === '')
        return E.left({ reason: `token without a ${actorClaim} claim`, keyId: id ?? null });
      if (typeof role !== 'string' || !(roles as readonly string[]).includes(role))
        return E.left({ reason: `token without a valid ${roleClaim} claim`, keyId: id ?? null });
      const scopes = typeof payload['scope'] === 'string' ? payload['scope'].split(' ') : [];
      return E.right({
        actor,
        role,
        scope: scopes.includes('assure:write') ? 'write' : 'read',
        credentialId: `jwt:${id ?? actor}`,
      });
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      const why = typeof code === 'string' ? code : 'invalid';
      return E.left({ reason: `token refused (${why})`, keyId: null });
    }
  };
}
