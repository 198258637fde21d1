import { daysInMonth } from './codec/primitives';
import type { CalendarDate } from './codec/primitives';

// Calendar-day arithmetic on `YYYY-MM-DD` strings (UTC days). Such strings order
// lexically as they order in time, so comparisons need no parsing.

const DAY_MS = 86_400_000;

/**
 * The UTC day of an instant in `toISOString()` form (a bare `YYYY-MM-DD` is returned as is).
 *
 * @example dayOf('2019-03-12T23:59:59.999Z') // '2019-03-12'
 */
export const dayOf = (instant: string): CalendarDate => instant.slice(0, 10) as CalendarDate;

/** True when day `a` is strictly after day `b`. */
export const isAfterDay = (a: string, b: string): boolean => a > b;
/** True when day `a` is strictly before day `b`. */
export const isBeforeDay = (a: string, b: string): boolean => a < b;
/** The later of two days. */
export const maxDay = <D extends string>(a: D, b: D): D => (a >= b ? a : b);

const toUtc = (d: string): number =>
  Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));

const fromUtc = (ms: number): CalendarDate => {
  const d = new Date(ms);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}` as CalendarDate;
};

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 *
 * @example daysBetween('2019-03-31', '2019-04-02') // 2
 */
export const daysBetween = (from: string, to: string): number =>
  Math.round((toUtc(to) - toUtc(from)) / DAY_MS);

/** The day `n` days after `d` (before, when negative). */
export const addDays = (d: string, n: number): CalendarDate => fromUtc(toUtc(d) + n * DAY_MS);

/**
 * The last day of the period of one month beginning with day `d` ("raised day + 1 month -
 * 1 day"), the way UK statutes count a month: the period ends the day before the day of the
 * same number in the next month; when the next month has no such day (a period beginning on
 * 29, 30 or 31 January, or 31 March, May, August, October), it ends on that month's last day.
 *
 * @example
 * oneMonthFrom('2019-03-15') // '2019-04-14'
 * oneMonthFrom('2019-01-31') // '2019-02-28'
 * oneMonthFrom('2019-01-28') // '2019-02-27'
 * oneMonthFrom('2019-12-01') // '2019-12-31'
 */
export function oneMonthFrom(d: string): CalendarDate {
  const year = Number(d.slice(0, 4));
  const month = Number(d.slice(5, 7));
  const day = Number(d.slice(8, 10));
  const nextYear = month === 12 ? year + 1 : year;
  const nextMonth = month === 12 ? 1 : month + 1;
  const last = daysInMonth(nextYear, nextMonth);
  const mm = String(nextMonth).padStart(2, '0');
  const yyyy = String(nextYear).padStart(4, '0');
  if (day > last) return `${yyyy}-${mm}-${String(last).padStart(2, '0')}` as CalendarDate;
  return addDays(`${yyyy}-${mm}-${String(day).padStart(2, '0')}`, -1);
}
