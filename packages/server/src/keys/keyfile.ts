import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { PathReporter } from 'io-ts/PathReporter';
import { roles } from '@assure/domain';

/** What a key may do: `read` (GET routes and the feed) or `write` (also POST commands). */
export type Scope = 'read' | 'write';

/** One API key as the keys file keeps it: never the secret, only its scrypt hash. */
export const StoredKey = t.type(
  {
    id: t.string,
    actor: t.string,
    role: t.string,
    scope: t.keyof({ read: null, write: null }),
    salt: t.string,
    hash: t.string,
    createdAt: t.string,
    revokedAt: t.union([t.string, t.null]),
  },
  'StoredKey',
);
export type StoredKey = t.TypeOf<typeof StoredKey>;

/** The keys file: a JSON document, written atomically with mode 0600. */
export const KeysFile = t.type(
  {
    format: t.literal('assure-keys'),
    version: t.literal(1),
    keys: t.array(StoredKey),
  },
  'KeysFile',
);
export type KeysFile = t.TypeOf<typeof KeysFile>;

/** A keys file that cannot be read, parsed or written, or a key request that is refused. */
export interface KeysError {
  readonly _tag: 'KeysError';
  readonly message: string;
}
const keysError = (message: string): KeysError => ({ _tag: 'KeysError', message });

/**
 * scrypt from node:crypto: a memory-hard key derivation kept in OpenSSL, with no native
 * add-on to build (argon2 would need one). N = 2^15, r = 8, p = 1 (32 MiB, tens of
 * milliseconds): a stolen keys file costs that much per guess, on top of the secret's 256
 * random bits. The server verifies a secret once and then remembers it in memory only.
 */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const HASH_BYTES = 32;

/** The secret's shape: `assure_<id>_<43 base64url characters>`; the id is not secret. */
const SECRET = /^assure_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** The key id a secret names (null when it is not shaped like an Assure key). */
export function keyIdOf(secret: string): string | null {
  return SECRET.exec(secret)?.[1] ?? null;
}

function scryptHash(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, salt, HASH_BYTES, SCRYPT, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** True when `secret` is the one `key` was made with (constant-time comparison). */
export async function secretMatches(key: StoredKey, secret: string): Promise<boolean> {
  const expected = Buffer.from(key.hash, 'base64');
  const actual = await scryptHash(secret, Buffer.from(key.salt, 'base64'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

const emptyFile = (): KeysFile => ({ format: 'assure-keys', version: 1, keys: [] });

/** Reads and decodes a keys file; a missing file reads as empty when `missingOk`. */
export async function readKeysFile(
  file: string,
  missingOk: boolean,
): Promise<E.Either<KeysError, KeysFile>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && missingOk) return E.right(emptyFile());
    return E.left(keysError(`cannot read the keys file ${file}: ${String(code ?? e)}`));
  }
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    return E.left(keysError(`the keys file ${file} is not JSON`));
  }
  const decoded = KeysFile.decode(json);
  return E.isLeft(decoded)
    ? E.left(
        keysError(
          `the keys file ${file} is not an Assure keys file: ${PathReporter.report(decoded).join('; ')}`,
        ),
      )
    : E.right(decoded.right);
}

/** Writes a keys file atomically (a temporary file renamed over it), readable by its owner only. */
async function writeKeysFile(file: string, doc: KeysFile): Promise<E.Either<KeysError, void>> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(tmp, `${JSON.stringify(doc, null, 2)}\n`, { mode: 0o600 });
    await fs.rename(tmp, file);
    return E.right(undefined);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    return E.left(keysError(`cannot write the keys file ${file}: ${String(e)}`));
  }
}

/** A new key's request. */
export interface NewKey {
  readonly actor: string;
  readonly role: string;
  readonly scope: Scope;
}

/** The key as listed (no hash, no salt). */
export type ListedKey = Omit<StoredKey, 'salt' | 'hash'>;
const listed = ({ salt: _s, hash: _h, ...rest }: StoredKey): ListedKey => rest;

/**
 * Adds a key: a fresh 256-bit secret, of which the file keeps only the scrypt hash. The
 * secret is returned once and cannot be recovered.
 *
 * @example
 * const r = await addKey('.assure/keys.json', { actor: 'officer-cfo', role: 'officer', scope: 'write' }, new Date());
 * if (E.isRight(r)) console.log(r.right.secret);
 */
export async function addKey(
  file: string,
  request: NewKey,
  now: Date,
): Promise<E.Either<KeysError, { readonly key: ListedKey; readonly secret: string }>> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/.test(request.actor))
    return E.left(keysError(`--actor: expected an id of letters, digits and ._:@- (1-128)`));
  if (!(roles as readonly string[]).includes(request.role))
    return E.left(keysError(`--role: expected one of ${roles.join(', ')}`));
  const doc = await readKeysFile(file, true);
  if (E.isLeft(doc)) return doc;
  const id = randomBytes(8).toString('hex');
  const secret = `assure_${id}_${randomBytes(32).toString('base64url')}`;
  const salt = randomBytes(16);
  const hash = await scryptHash(secret, salt);
  const key: StoredKey = {
    id,
    actor: request.actor,
    role: request.role,
    scope: request.scope,
    salt: salt.toString('base64'),
    hash: hash.toString('base64'),
    createdAt: now.toISOString(),
    revokedAt: null,
  };
  const written = await writeKeysFile(file, { ...doc.right, keys: [...doc.right.keys, key] });
  return E.isLeft(written) ? written : E.right({ key: listed(key), secret });
}

/** Every key of the file, revoked ones included, without their hashes. */
export async function listKeys(file: string): Promise<E.Either<KeysError, ListedKey[]>> {
  const doc = await readKeysFile(file, true);
  return E.isLeft(doc) ? doc : E.right(doc.right.keys.map(listed));
}

/** Revokes a key by id (kept in the file, marked with the time): a server refuses it from then on. */
export async function revokeKey(
  file: string,
  id: string,
  now: Date,
): Promise<E.Either<KeysError, ListedKey>> {
  const doc = await readKeysFile(file, false);
  if (E.isLeft(doc)) return doc;
  const key = doc.right.keys.find((k) => k.id === id);
  if (key === undefined) return E.left(keysError(`no key ${JSON.stringify(id)} in ${file}`));
  if (key.revokedAt !== null) return E.right(listed(key));
  const revoked: StoredKey = { ...key, revokedAt: now.toISOString() };
  const written = await writeKeysFile(file, {
    ...doc.right,
    keys: doc.right.keys.map((k) => (k.id === id ? revoked : k)),
  });
  return E.isLeft(written) ? written : E.right(listed(revoked));
}
