/** Calendar-day arithmetic on `YYYY-MM-DD` strings (UTC days). */

const MS_PER_DAY = 86_400_000;

const epochDay = (d: string): number => Date.parse(`${d}T00:00:00.000Z`) / MS_PER_DAY;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(epochDay(to) - epochDay(from));
}

/** Overdue rule of DOMAIN.md: the day `asAt` is strictly after the due day. */
export function isAfterDay(asAt: string, dueOn: string): boolean {
  return asAt > dueOn;
}

/** Adds whole days to a day. */
export function addDays(d: string, days: number): string {
  return new Date((epochDay(d) + days) * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The last day of the period of one month beginning with `d` (Local Audit and
 * Accountability Act 2014, Schedule 7): the day before the same day of the next month, or
 * the last day of the next month when it has no such day.
 */
export function endOfMonthBeginning(d: string): string {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7)); // 1-12
  const dd = Number(d.slice(8, 10));
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  const lastOfNext = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  if (dd > lastOfNext)
    return `${ny}-${String(nm).padStart(2, '0')}-${String(lastOfNext).padStart(2, '0')}`;
  return addDays(`${ny}-${String(nm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`, -1);
}
