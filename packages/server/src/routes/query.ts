import * as E from 'fp-ts/Either';
import { defaultRagPolicy, ragPolicies, ragPolicyByName, type RagPolicy } from '@assure/domain';
import { validateTimeTravel } from '@assure/projections';
import { invalidField, type TaggedError } from '../problem';

/** A query string as Fastify parses it. */
export type RawQuery = unknown;

const invalid = invalidField;

/**
 * The query's parameters as single strings: every name must be one of `allowed`, given
 * once. Anything else is a `ValidationFailed` naming the parameter.
 */
export function queryOf(
  raw: RawQuery,
  allowed: readonly string[],
): E.Either<TaggedError, Readonly<Record<string, string>>> {
  const out: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return E.right(out);
  for (const [k, v] of Object.entries(raw)) {
    if (!allowed.includes(k))
      return E.left(
        invalid(`query.${k}`, `is not a parameter here (one of ${allowed.join(', ')})`),
      );
    if (typeof v !== 'string') return E.left(invalid(`query.${k}`, 'expected one value'));
    out[k] = v;
  }
  return E.right(out);
}

/** The point of view of a read: the as-at day (default today) and an optional known-at. */
export interface Pov {
  readonly asAt: string;
  readonly knownAt: string | null;
}

const DAY_MS = 86_400_000;
/** Today's UTC day and the instants it spans, computed once a day rather than per request. */
let today = { day: '', from: 0, to: 0 };

/** Today's UTC day from `clock` (kept until the clock leaves the day). */
function todayFrom(clock: () => Date): string {
  const now = clock().getTime();
  if (now >= today.from && now < today.to) return today.day;
  const from = now - (((now % DAY_MS) + DAY_MS) % DAY_MS);
  today = { day: new Date(now).toISOString().slice(0, 10), from, to: from + DAY_MS };
  return today.day;
}

/**
 * Reads and checks `asAt` and `knownAt` (the default as-at day, today, needs no check).
 */
export function povOf(
  q: Readonly<Record<string, string>>,
  clock: () => Date,
): E.Either<TaggedError, Pov> {
  const given = q['asAt'];
  const knownAt = q['knownAt'] ?? null;
  if (given === undefined && knownAt === null) return E.right({ asAt: todayFrom(clock), knownAt });
  const asAt = given ?? todayFrom(clock);
  const checked = validateTimeTravel({ asAt, ...(knownAt === null ? {} : { knownAt }) });
  if (E.isLeft(checked)) return checked;
  return E.right({ asAt, knownAt });
}

/** Reads `policy` (default `bcc-cgip@1`). */
export function policyOf(name: string | undefined): E.Either<TaggedError, RagPolicy> {
  if (name === undefined) return E.right(defaultRagPolicy);
  const policy = ragPolicyByName(name);
  return policy === undefined
    ? E.left(
        invalid(
          'query.policy',
          `unknown RAG policy (one of ${Object.keys(ragPolicies).join(', ')})`,
        ),
      )
    : E.right(policy);
}

/** Reads a positive integer parameter with a default and a ceiling. */
export function limitOf(
  raw: string | undefined,
  name: string,
  fallback: number,
  max: number,
): E.Either<TaggedError, number> {
  if (raw === undefined) return E.right(fallback);
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  return Number.isSafeInteger(n) && n >= 1 && n <= max
    ? E.right(n)
    : E.left(invalid(`query.${name}`, `expected an integer from 1 to ${max}`));
}

/** Reads a position cursor (a decimal log position). */
export function cursorOf(
  raw: string | undefined,
  name: string,
): E.Either<TaggedError, bigint | null> {
  if (raw === undefined) return E.right(null);
  return /^(0|[1-9]\d{0,29})$/.test(raw)
    ? E.right(BigInt(raw))
    : E.left(invalid(`query.${name}`, 'expected a log position (a decimal integer)'));
}

/** Reads an optional day parameter. */
export function dayParam(
  raw: string | undefined,
  name: string,
): E.Either<TaggedError, string | undefined> {
  if (raw === undefined || /^\d{4}-\d{2}-\d{2}$/.test(raw)) return E.right(raw);
  return E.left(invalid(`query.${name}`, 'expected a day YYYY-MM-DD'));
}
