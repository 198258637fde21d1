import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import {
  compileGuard,
  dateProblem,
  idProblem,
  strict,
  toFieldErrors,
  type ValidationFailed,
} from '@assure/domain';
import { Instant } from '../envelope';

/**
 * An id of the meta (actor, role, commandId, correlationId, causationId): 1-200
 * characters, no control character (see `idProblem` of @assure/domain).
 */
const MetaId = new t.Type<string, string, unknown>(
  'an id (1-200 characters)',
  (u): u is string => typeof u === 'string' && idProblem(u) === undefined,
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c, 'expected a non-empty string');
    const why = idProblem(u);
    return why === undefined ? t.success(u) : t.failure(u, c, why);
  },
  t.identity,
);

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Turns a valid-time input into an instant: a bare day `YYYY-MM-DD` means 00:00:00.000Z
 * of that day; an ISO-8601 date-time with `Z` or an offset is converted to UTC
 * (`toISOString()` form). Returns `undefined` for anything else (or an impossible date).
 *
 * @example
 * toInstant('2019-03-12');                 // '2019-03-12T00:00:00.000Z'
 * toInstant('2019-03-12T10:00:00+01:00');  // '2019-03-12T09:00:00.000Z'
 */
export function toInstant(input: string): string | undefined {
  const datePart = input.slice(0, 10);
  if (!DAY.test(datePart)) return undefined;
  const midnight = new Date(`${datePart}T00:00:00.000Z`);
  // Date would roll impossible days over (2019-02-30 -> 2019-03-02): refuse them.
  if (Number.isNaN(midnight.getTime()) || midnight.toISOString().slice(0, 10) !== datePart)
    return undefined;
  if (input.length === 10) return midnight.toISOString();
  if (!DATE_TIME.test(input)) return undefined;
  const d = new Date(input);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/**
 * Why a valid-time input is refused, or `undefined`: not a day nor an ISO-8601 date-time,
 * or a UTC day outside 1900-01-01..2199-12-31 (the input limit on dates).
 */
function validTimeProblem(u: unknown): string | undefined {
  const instant = typeof u === 'string' ? toInstant(u) : undefined;
  if (instant === undefined)
    return 'expected a day like 2019-03-12 or an instant like 2019-03-12T00:00:00.000Z';
  return dateProblem(instant.slice(0, 10));
}

/** A valid time: a bare day or an ISO-8601 date-time (see {@link toInstant}), 1900-2199. */
export const ValidTime = new t.Type<string, string, unknown>(
  'a day (YYYY-MM-DD) or an ISO-8601 instant',
  (u): u is string => validTimeProblem(u) === undefined,
  (u, c) => {
    const why = validTimeProblem(u);
    return why === undefined ? t.success(u as string) : t.failure(u, c, why);
  },
  t.identity,
);

/** A transaction time given for a backfill: an {@link Instant} from 1900 to 2199. */
const RecordedAt = new t.Type<string, string, unknown>(
  Instant.name,
  (u): u is string => Instant.is(u) && dateProblem(u.slice(0, 10)) === undefined,
  (u, c) => {
    const r = Instant.validate(u, c);
    if (r._tag === 'Left') return r;
    const why = dateProblem(r.right.slice(0, 10));
    return why === undefined ? r : t.failure(u, c, why);
  },
  Instant.encode,
);

/**
 * Who issues a command and its lineage, as given to the command handler (the `meta` of a
 * line of `assure exec`).
 *
 * - `occurredAt`: valid time, a day or an instant; default: the handler's clock.
 * - `recordedAt`: only for a backfill (loading history): kept as the events'
 *   transaction time, and the events then carry `meta.backfill: true`.
 * - `commandId`: the idempotency key; default: a fresh id.
 * - `correlationId`, `causationId`: default: the commandId.
 * - `credentialId`: the API key or token the command was authenticated with (set by a
 *   server from the credential, never from a request body); recorded on every event.
 *
 * The input limits apply: ids (actor, role, commandId, correlationId, causationId) 1-200
 * characters without control characters; valid and transaction times from 1900-01-01 to
 * 2199-12-31 (UTC day). Events already stored are read without these limits.
 */
export const CommandMeta = strict(
  { actor: MetaId, role: MetaId },
  {
    occurredAt: ValidTime,
    recordedAt: RecordedAt,
    commandId: MetaId,
    correlationId: MetaId,
    causationId: MetaId,
    credentialId: MetaId,
  },
  'CommandMeta',
);
export type CommandMeta = t.TypeOf<typeof CommandMeta>;

/**
 * {@link CommandMeta}'s guard compiled by the domain (`compileGuard`): one pass over the
 * meta's own keys, accepting exactly what the codec accepts (the field list has one home,
 * the codec).
 */
const compiledCommandMeta = compileGuard(CommandMeta);
const isCommandMeta = (u: unknown): u is CommandMeta => compiledCommandMeta(u);

/**
 * Decodes a command's meta, reporting bad fields under `meta.<field>`.
 *
 * @example
 * decodeCommandMeta({ actor: 'officer-cfo', role: 'officer', occurredAt: '2019-03-12' });
 */
export function decodeCommandMeta(input: unknown): E.Either<ValidationFailed, CommandMeta> {
  // The guard accepts only what the codec accepts, and the codec returns such an input
  // unchanged (no field codec here transforms): a valid meta needs no decode.
  if (isCommandMeta(input)) return E.right(input);
  return E.mapLeft((errors: t.Errors) => {
    const fields = toFieldErrors(errors).map((f) => ({
      path: f.path === '' ? 'meta' : `meta.${f.path}`,
      message: f.message,
    }));
    return {
      _tag: 'ValidationFailed' as const,
      errors: fields,
      message: `invalid command meta: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
    };
  })(CommandMeta.decode(input));
}
