import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { strict, toFieldErrors, type ValidationFailed } from '@assure/domain';
import { Instant } from '../envelope';

const NonEmptyString = new t.Type<string, string, unknown>(
  'a non-empty string',
  (u): u is string => typeof u === 'string' && u.length > 0,
  (u, c) =>
    typeof u === 'string' && u.length > 0
      ? t.success(u)
      : t.failure(u, c, 'expected a non-empty string'),
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

/** A valid time: a bare day or an ISO-8601 date-time (see {@link toInstant}). */
export const ValidTime = new t.Type<string, string, unknown>(
  'a day (YYYY-MM-DD) or an ISO-8601 instant',
  (u): u is string => typeof u === 'string' && toInstant(u) !== undefined,
  (u, c) =>
    typeof u === 'string' && toInstant(u) !== undefined
      ? t.success(u)
      : t.failure(
          u,
          c,
          'expected a day like 2019-03-12 or an instant like 2019-03-12T00:00:00.000Z',
        ),
  t.identity,
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
 */
export const CommandMeta = strict(
  { actor: NonEmptyString, role: NonEmptyString },
  {
    occurredAt: ValidTime,
    recordedAt: Instant,
    commandId: NonEmptyString,
    correlationId: NonEmptyString,
    causationId: NonEmptyString,
    credentialId: NonEmptyString,
  },
  'CommandMeta',
);
export type CommandMeta = t.TypeOf<typeof CommandMeta>;

/**
 * Decodes a command's meta, reporting bad fields under `meta.<field>`.
 *
 * @example
 * decodeCommandMeta({ actor: 'officer-cfo', role: 'officer', occurredAt: '2019-03-12' });
 */
export function decodeCommandMeta(input: unknown): E.Either<ValidationFailed, CommandMeta> {
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
