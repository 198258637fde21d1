import { createHash } from 'node:crypto';
import * as t from 'io-ts';
import { ErrorType, WrongExpectedVersionError, isCommandError } from '@eventstore/db-client';
import { StoreErrors, type StoreError } from '@assure/event-store';

/** The project's stream categories: `<category>-<id>` (DOMAIN.md). */
export const PROJECT_CATEGORIES = [
  'programme',
  'adviser',
  'recommendation',
  'action',
  'risk',
] as const;

/** The stream that holds `LedgerSealed` events. */
export const SEAL_STREAM = 'ledger-seals';

/**
 * The stream-name regex of the project's global log, used server-side as the `$all`
 * filter and client-side as a guard: `^(?:(?:programme|...|risk)-.+|ledger-seals)$`.
 *
 * @example
 * new RegExp(projectStreamRegex(PROJECT_CATEGORIES)).test('risk-equal-pay'); // true
 */
export function projectStreamRegex(
  categories: readonly string[] = PROJECT_CATEGORIES,
  exactStreams: readonly string[] = [SEAL_STREAM],
  streamPrefix = '',
): string {
  const parts = [
    ...(categories.length > 0 ? [`(?:${categories.map(escapeRegex).join('|')})-.+`] : []),
    ...exactStreams.map(escapeRegex),
  ];
  return `^${escapeRegex(streamPrefix)}(?:${parts.join('|')})$`;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The port's decimal-string position of an EventStoreDB commit position (bigint inside). */
export function positionToString(commit: bigint): string {
  return commit.toString(10);
}

/** A bigint stream revision as the port's number, if it is a safe integer. */
export function revisionToNumber(revision: bigint): number | undefined {
  return revision >= 0n && revision <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(revision)
    : undefined;
}

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The EventStoreDB event id for an envelope `eventId`: the id itself when it is a
 * lowercase canonical UUID (the usual case), else a name-based UUID derived from it with
 * SHA-256 (deterministic, so retries carry the same id); the original then travels in the
 * metadata.
 */
export function esdbEventId(eventId: string): string {
  if (CANONICAL_UUID.test(eventId)) return eventId;
  const b = createHash('sha256').update(`assure:${eventId}`, 'utf8').digest().subarray(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x80; // version 8 (custom, RFC 9562)
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80; // RFC variant
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * The custom metadata an envelope carries in EventStoreDB: the hashed fields that have no
 * native place (stream, revision, id and type are native). `$correlationId`/`$causationId`
 * are EventStoreDB's own conventions, written for its tooling and ignored on read.
 */
export const EsdbMetadata = t.intersection(
  [
    t.type({
      schemaVersion: t.number,
      meta: t.UnknownRecord,
      prevHash: t.string,
      hash: t.string,
    }),
    t.partial({ eventId: t.string }),
  ],
  'EsdbMetadata',
);
export type EsdbMetadata = t.TypeOf<typeof EsdbMetadata>;

/** Whether a recorded event belongs to the project's log (not a system stream or event). */
export function isProjectEvent(streamId: string, type: string, streamFilter: RegExp): boolean {
  return !streamId.startsWith('$') && !type.startsWith('$') && streamFilter.test(streamId);
}

/** What a client error is mapped in view of. */
export interface ErrorContext {
  readonly stream?: string;
  /** The port's expectation as the caller gave it (shown in WrongExpectedRevision). */
  readonly expected?: string;
}

const TRANSIENT_ERROR_TYPES: ReadonlySet<ErrorType> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.CANCELLED,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.TIMEOUT,
  ErrorType.NOT_LEADER,
]);

const TRANSIENT_GRPC_CODES = new Set([1, 4, 14]); // CANCELLED, DEADLINE_EXCEEDED, UNAVAILABLE

interface GrpcLike {
  readonly code: number;
  readonly details?: string;
  readonly message?: string;
}
function isGrpcLike(u: unknown): u is GrpcLike {
  return typeof u === 'object' && u !== null && 'code' in u && typeof u.code === 'number';
}

/**
 * Whether a client failure is a dropped or unreachable connection (worth a reconnect):
 * unavailable, cancelled by the server, deadline, not-leader, timeout, or a premature close.
 */
export function isTransient(u: unknown): boolean {
  if (u instanceof Error && isCommandError(u)) {
    if (TRANSIENT_ERROR_TYPES.has(u.type)) return true;
    // grpc-js reports a connection reset mid-stream as an unknown/internal error.
    return (
      u.type === ErrorType.UNKNOWN &&
      /RST_STREAM|ECONNRESET|Connection dropped|write after end|socket/i.test(u.message)
    );
  }
  if (isGrpcLike(u)) {
    return (
      TRANSIENT_GRPC_CODES.has(u.code) ||
      (u.code === 13 && /RST_STREAM|ECONNRESET|Connection dropped/i.test(u.details ?? ''))
    );
  }
  return (
    u instanceof Error &&
    ('code' in u ? u.code === 'ERR_STREAM_PREMATURE_CLOSE' || u.code === 'ECONNRESET' : false)
  );
}

/**
 * Whether an append that failed this way may have been written all the same, so that its
 * outcome is unknown: a transient failure (`isTransient`), or one the client could not
 * classify: an unknown error, such as a call cancelled on the client's side. (Client 6.2.1
 * keeps the pending BatchAppend requests of all its instances in one process-wide table, and
 * disposing any instance rejects all of them so.) A server's definite answer (wrong expected
 * version, deleted stream, access denied) is not unknown.
 */
export function appendMayHaveLanded(u: unknown): boolean {
  if (isTransient(u)) return true;
  if (u instanceof Error && isCommandError(u)) return u.type === ErrorType.UNKNOWN;
  return isGrpcLike(u) && (u.code === 1 || u.code === 2); // CANCELLED, UNKNOWN
}

/**
 * Whether a failure shows that the request never left: no connection could be made (grpc-js
 * reports "No connection established", with the refused or unresolved address).
 */
export function neverSent(u: unknown): boolean {
  const text = u instanceof Error ? u.message : isGrpcLike(u) ? (u.details ?? '') : '';
  return /No connection established/i.test(text);
}

function describe(u: unknown): string {
  if (u instanceof Error) return u.message === '' ? u.name : u.message;
  if (isGrpcLike(u)) return `gRPC status ${u.code}: ${u.details ?? u.message ?? ''}`;
  return String(u);
}

/** A client failure in words (its message, or its gRPC status). */
export const describeClientFailure = describe;

/**
 * Maps a client failure to the port's tagged error: `WrongExpectedVersionError` ->
 * `WrongExpectedRevision` (expected as the caller gave it, actual revision or `no-stream`);
 * a deleted stream -> `StoreCorrupt` (events were removed outside Assure); everything else
 * (unavailable, refused, timeouts, access denied, unknown) -> `StoreUnavailable` with the
 * cause.
 *
 * @example
 * mapClientError(err, { stream: 'risk-x', expected: '3' })._tag; // 'WrongExpectedRevision'
 */
export function mapClientError(u: unknown, ctx: ErrorContext = {}): StoreError {
  if (u instanceof WrongExpectedVersionError) {
    const stream = ctx.stream ?? u.streamName;
    const expected = ctx.expected ?? showEsdbRevision(u.expectedVersion);
    return StoreErrors.wrongExpectedRevision(stream, expected, showEsdbRevision(u.actualVersion));
  }
  if (u instanceof Error && isCommandError(u)) {
    if (u.type === ErrorType.STREAM_DELETED) {
      const name = ctx.stream ?? ('streamName' in u ? String(u.streamName) : 'unknown');
      return StoreErrors.corrupt(
        'unknown',
        `stream ${name} was deleted (tombstoned) in EventStoreDB, outside Assure`,
      );
    }
    if (u.type === ErrorType.ACCESS_DENIED) {
      return StoreErrors.unavailable(`access denied by EventStoreDB: ${describe(u)}`);
    }
    return StoreErrors.unavailable(`EventStoreDB ${u.type}: ${describe(u)}`);
  }
  return StoreErrors.unavailable(`EventStoreDB client: ${describe(u)}`);
}

/** Renders a client revision (`bigint`, `no_stream`, `any`, `stream_exists`) the port's way. */
export function showEsdbRevision(r: bigint | string): string {
  if (typeof r === 'bigint') return r.toString(10);
  return r.replace('_', '-');
}
