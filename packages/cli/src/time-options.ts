import * as E from 'fp-ts/Either';
import { CliErrors, type UsageError } from './errors';

/*
 * The time options of the reading commands, checked and brought to the forms the projections
 * compare (a day `YYYY-MM-DD`, an instant in `toISOString()` form). Hand-written rather than a
 * date library: the form to accept is exactly RFC 3339 (ISO 8601 parsers also take week dates,
 * times without seconds, and times without an offset read in the local zone, which would be
 * silently ambiguous here), and the error must say which part is wrong (a day that does not
 * exist, an hour out of range) rather than only "invalid date".
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

const leapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;
const daysIn = (year: number, month: number): number =>
  month === 2 && leapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);

/** Milliseconds since the epoch of a UTC date-time (years 0-99 included, unlike Date.UTC). */
function utcMillis(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
): number {
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, ms);
  return t.getTime();
}

/** Why the date part `y-m-d` is not a day of the calendar, or null when it is one. */
function dayProblem(y: string, m: string, d: string): string | null {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12) return `month ${m} does not exist (01 to 12)`;
  const last = daysIn(year, month);
  if (day < 1 || day > last)
    return `the day ${y}-${m}-${d} does not exist: ${MONTHS[month - 1] ?? ''} ${y} has ${last} days`;
  return null;
}

/**
 * Checks `--as-at` (or another day option such as `--from`): a calendar day `YYYY-MM-DD`.
 * A well-formed day that is not on the calendar (2019-02-30) is told apart from a value
 * that is not a day at all.
 *
 * @example
 * parseDayOption('--as-at', '2019-02-28'); // right '2019-02-28'
 * parseDayOption('--as-at', '2019-02-30'); // left: 2019-02-30 does not exist: February 2019 has 28 days
 */
export function parseDayOption(option: string, value: string): E.Either<UsageError, string> {
  const m = DAY.exec(value);
  if (m === null)
    return E.left(
      CliErrors.usage(`${option}: expected a day YYYY-MM-DD, got ${JSON.stringify(value)}`),
    );
  const problem = dayProblem(m[1] ?? '', m[2] ?? '', m[3] ?? '');
  return problem === null ? E.right(value) : E.left(CliErrors.usage(`${option}: ${problem}`));
}

/**
 * Checks `--known-at` and brings it to the instant the projections compare with each event's
 * `recordedAt` (always `toISOString()` form, millisecond precision):
 *
 * - an RFC 3339 instant: `2021-03-18T00:00:00Z`, fractional seconds optional (any number of
 *   digits; beyond the millisecond they are cut, which selects exactly the same events),
 *   an offset `Z` or `+01:00` / `-05:00` (converted to UTC). A leap second (`:60`) is taken
 *   as the last millisecond of its minute, the latest instant a recorded time can carry.
 * - a bare day `D`: as known at the end of `D` in UTC, that is `D` 23:59:59.999Z: every
 *   event recorded strictly before `D`+1 00:00:00Z.
 *
 * @example
 * parseKnownAt('2021-03-18T00:00:00+01:00'); // right '2021-03-17T23:00:00.000Z'
 * parseKnownAt('2021-03-18');                // right '2021-03-18T23:59:59.999Z'
 */
export function parseKnownAt(value: string): E.Either<UsageError, string> {
  const option = '--known-at';
  const bad = (why: string): E.Either<UsageError, string> =>
    E.left(CliErrors.usage(`${option}: ${why}`));
  const day = DAY.exec(value);
  if (day !== null) {
    const problem = dayProblem(day[1] ?? '', day[2] ?? '', day[3] ?? '');
    return problem === null ? E.right(`${value}T23:59:59.999Z`) : bad(problem);
  }
  const m = INSTANT.exec(value);
  if (m === null)
    return bad(
      `expected an RFC 3339 instant (2021-03-18T09:30:00Z, 2021-03-18T10:30:00.250+01:00) or a day YYYY-MM-DD, got ${JSON.stringify(value)}`,
    );
  const [
    ,
    y = '',
    mo = '',
    d = '',
    hh = '',
    mi = '',
    ss = '',
    frac = '',
    z,
    sign,
    oh = '',
    om = '',
  ] = m;
  const problem = dayProblem(y, mo, d);
  if (problem !== null) return bad(problem);
  if (Number(hh) > 23) return bad(`hour ${hh} does not exist (00 to 23)`);
  if (Number(mi) > 59) return bad(`minute ${mi} does not exist (00 to 59)`);
  if (Number(ss) > 60) return bad(`second ${ss} does not exist (00 to 60)`);
  if (z === undefined && (Number(oh) > 23 || Number(om) > 59))
    return bad(`offset ${sign ?? ''}${oh}:${om} does not exist`);
  const leap = ss === '60';
  const ms = leap ? 999 : Number(frac.padEnd(3, '0').slice(0, 3));
  const local = utcMillis(
    Number(y),
    Number(mo),
    Number(d),
    Number(hh),
    Number(mi),
    leap ? 59 : Number(ss),
    ms,
  );
  const offset = z !== undefined ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const utc = new Date(local - offset * 60_000);
  if (leap && (utc.getUTCHours() !== 23 || utc.getUTCMinutes() !== 59))
    return bad(`second 60 exists only as a leap second, at 23:59:60 UTC`);
  const year = utc.getUTCFullYear();
  if (year < 0 || year > 9999) return bad(`${value} is outside the years 0000 to 9999`);
  return E.right(utc.toISOString());
}

/** The time-travel options as given, checked and brought to the projections' forms. */
export function timeOptions(flags: {
  readonly asAt?: string;
  readonly knownAt?: string;
}): E.Either<UsageError, { readonly asAt?: string; readonly knownAt?: string }> {
  const asAt =
    flags.asAt === undefined ? E.right(undefined) : parseDayOption('--as-at', flags.asAt);
  if (E.isLeft(asAt)) return asAt;
  const knownAt = flags.knownAt === undefined ? E.right(undefined) : parseKnownAt(flags.knownAt);
  if (E.isLeft(knownAt)) return knownAt;
  return E.right({
    ...(asAt.right === undefined ? {} : { asAt: asAt.right }),
    ...(knownAt.right === undefined ? {} : { knownAt: knownAt.right }),
  });
}
