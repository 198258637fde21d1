import { StoreErrors, type StoreError } from '@assure/event-store';

/** A schema name the store accepts: lower case, digits and `_`, starting with a letter or `_`. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Quotes an identifier for SQL. Only names that passed {@link SCHEMA_NAME} reach here
 * (identifiers cannot be query parameters); the quoting is a second guard.
 */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The fields node-postgres puts on a server error (a `DatabaseError`) or a socket error. */
interface PgLikeError {
  readonly code?: unknown;
  readonly message?: unknown;
}

function fieldsOf(e: unknown): PgLikeError {
  return typeof e === 'object' && e !== null ? e : {};
}

/** The SQLSTATE (or the socket's errno code) of an error thrown by node-postgres, if any. */
export function pgCode(e: unknown): string | undefined {
  const code = fieldsOf(e).code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(e: unknown): string {
  const m = fieldsOf(e).message;
  return typeof m === 'string' && m !== '' ? m : String(e);
}

/** SQLSTATE 57014: the statement ran past `statement_timeout` (or was cancelled). */
export const QUERY_CANCELED = '57014';

/**
 * Whether an error means the connection or the server went away (class 08, an
 * administrator's shutdown or termination, class 57P, a socket error): a new connection
 * may succeed, so a subscription waits and retries; an append reports it.
 */
export function isConnectionLoss(e: unknown): boolean {
  const code = pgCode(e);
  if (code === undefined) {
    const m = messageOf(e);
    return /Connection terminated|connection (?:is )?closed|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
      m,
    );
  }
  return (
    code.startsWith('08') ||
    code.startsWith('57P') ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'ETIMEDOUT' ||
    code === 'ENOTFOUND' ||
    code === 'EHOSTUNREACH'
  );
}

/**
 * Turns anything node-postgres throws into a tagged `StoreUnavailable` naming what the
 * store was doing and why it failed (SQLSTATE included), e.g.
 * `appending to risk-equal-pay: canceling statement due to statement timeout (57014)`.
 */
export function storeErrorOfPg(e: unknown, doing: string): StoreError {
  const code = pgCode(e);
  const why = code === undefined ? messageOf(e) : `${messageOf(e)} (${code})`;
  return StoreErrors.unavailable(`${doing}: ${why}`);
}
