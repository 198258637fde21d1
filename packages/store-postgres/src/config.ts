import { createHash } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { SCHEMA_NAME } from './pg-errors';

/** The schema the store uses when none is named. */
export const DEFAULT_SCHEMA = 'assure';

/** A store URL, parsed: what node-postgres connects with, and the schema to use. */
export interface PostgresLocation {
  /** The URL without the store's own parameters (`schema`), as node-postgres takes it. */
  readonly connectionString: string;
  readonly schema: string;
  /** The database named by the URL (the path), for messages and `ensureDatabase`. */
  readonly database: string;
}

/** Why a store URL was refused: which part, and why. */
export interface InvalidPostgresUrl {
  readonly _tag: 'InvalidPostgresUrl';
  readonly field: string;
  readonly reason: string;
  readonly message: string;
}

const invalid = (field: string, reason: string): E.Either<InvalidPostgresUrl, never> =>
  E.left({ _tag: 'InvalidPostgresUrl', field, reason, message: `${field}: ${reason}` });

/** Database names the store creates or connects to: SQL identifiers of 63 bytes at most. */
export const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/;

/**
 * Parses `postgres://user@host:port/database?schema=NAME&...` (or `postgresql://`). The
 * `schema` parameter (default {@link DEFAULT_SCHEMA}) is the store's; every other
 * parameter is passed on to node-postgres (`sslmode`, `application_name`...).
 *
 * @example
 * parsePostgresUrl('postgres://postgres@127.0.0.1:5432/assure?schema=council');
 * // right({ connectionString: 'postgres://postgres@127.0.0.1:5432/assure', schema: 'council', database: 'assure' })
 */
export function parsePostgresUrl(url: string): E.Either<InvalidPostgresUrl, PostgresLocation> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return invalid('url', `${JSON.stringify(url)} is not a URL`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:')
    return invalid('url', `the scheme must be postgres: or postgresql:, not ${u.protocol}`);
  if (u.hostname === '') return invalid('url', 'a host is required (postgres://HOST/DATABASE)');
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!DATABASE_NAME.test(database))
    return invalid(
      'database',
      database === ''
        ? 'the URL names no database (postgres://HOST/DATABASE)'
        : `${JSON.stringify(database)} is not a database name this store accepts (letters, digits, _, $, -; 63 at most)`,
    );
  const schema = u.searchParams.get('schema') ?? DEFAULT_SCHEMA;
  if (!SCHEMA_NAME.test(schema))
    return invalid(
      'schema',
      `${JSON.stringify(schema)} is not a schema name this store accepts (lower-case letters, digits and _, 63 at most)`,
    );
  u.searchParams.delete('schema');
  return E.right({ connectionString: u.toString(), schema, database });
}

/**
 * The key of the transaction-level advisory lock every append of a schema takes: the first
 * 8 bytes of SHA-256 of the schema name, as a signed 64-bit integer. Schemas sharing a
 * database thus do not serialise each other (a collision would only serialise them too).
 */
export function appendLockKey(schema: string): bigint {
  const digest = createHash('sha256').update(`assure-append:${schema}`).digest();
  return digest.readBigInt64BE(0);
}

/** The LISTEN/NOTIFY channel of a schema's appends (at most 63 characters). */
export function channelOf(schema: string): string {
  return `assure_appends:${schema}`.slice(0, 63);
}
