import * as t from 'io-ts';

/**
 * Builds a branded codec from a base codec and a check. The failure carries a readable
 * message, which `toFieldErrors` reports with the path of the bad value.
 *
 * @example
 * const Even = refined<number & { readonly Even: unique symbol }, number>(
 *   t.number, (n) => n % 2 === 0, 'Even', 'expected an even number');
 */
export function refined<A extends B, B>(
  base: t.Type<B, B, unknown>,
  check: (b: B) => boolean,
  name: string,
  message: string,
): t.Type<A, B, unknown> {
  const accept = (b: B): b is A => check(b);
  return new t.Type<A, B, unknown>(
    name,
    (u): u is A => base.is(u) && accept(u),
    (u, c) => {
      if (!base.is(u)) return t.failure(u, c, message);
      return accept(u) ? t.success(u) : t.failure(u, c, message);
    },
    (a) => a,
  );
}

const ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Brand of {@link Id}. */
export interface IdBrand {
  readonly Id: unique symbol;
}
/** An identifier: `^[a-z0-9][a-z0-9-]{0,63}$`, e.g. `rec-2018-s24-03`, `area-finance`, `officer-cfo`. */
export type Id = t.Branded<string, IdBrand>;
/** Codec of {@link Id}. @example Id.decode('equal-pay') // right */
export const Id: t.Type<Id, string, unknown> = refined<Id, string>(
  t.string,
  (s) => ID_RE.test(s),
  'Id',
  'expected an id: 1-64 lowercase letters, digits or hyphens, starting with a letter or digit',
);

/** True when the string is a valid {@link Id}. */
export const isId = (s: string): s is Id => ID_RE.test(s);

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The number of days in a month (1-12) of a (proleptic Gregorian) year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? 29 : 28;
  }
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isCalendarDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (m === null) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Brand of {@link CalendarDate}. */
export interface CalendarDateBrand {
  readonly CalendarDate: unique symbol;
}
/** A real calendar day `YYYY-MM-DD` (a UTC day); `2019-02-30` is refused. */
export type CalendarDate = t.Branded<string, CalendarDateBrand>;
/** Codec of {@link CalendarDate}. @example CalendarDate.decode('2019-03-31') // right */
export const CalendarDate: t.Type<CalendarDate, string, unknown> = refined<CalendarDate, string>(
  t.string,
  isCalendarDate,
  'CalendarDate',
  'expected a real calendar date YYYY-MM-DD',
);

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
function isInstant(s: string): boolean {
  if (!INSTANT_RE.test(s)) return false;
  const d = new Date(s);
  return !Number.isNaN(d.getTime()) && d.toISOString() === s;
}

/** Brand of {@link Instant}. */
export interface InstantBrand {
  readonly Instant: unique symbol;
}
/** An instant in `Date.prototype.toISOString()` form, e.g. `2019-03-12T00:00:00.000Z`. */
export type Instant = t.Branded<string, InstantBrand>;
/** Codec of {@link Instant}. */
export const Instant: t.Type<Instant, string, unknown> = refined<Instant, string>(
  t.string,
  isInstant,
  'Instant',
  'expected an instant like 2019-03-12T00:00:00.000Z',
);

const isIntegerIn =
  (min: number, max: number) =>
  (n: number): boolean =>
    Number.isInteger(n) && n >= min && n <= max;

/** Brand of {@link Level}. */
export interface LevelBrand {
  readonly Level: unique symbol;
}
/** A likelihood or impact: an integer 1-5. */
export type Level = t.Branded<number, LevelBrand>;
/** Codec of {@link Level}. */
export const Level: t.Type<Level, number, unknown> = refined<Level, number>(
  t.number,
  isIntegerIn(1, 5),
  'Level',
  'expected an integer from 1 to 5',
);
/** A risk likelihood, an integer 1-5 (codec). */
export const Likelihood = Level;
/** A risk likelihood, an integer 1-5. */
export type Likelihood = Level;
/** A risk impact, an integer 1-5 (codec). */
export const Impact = Level;
/** A risk impact, an integer 1-5. */
export type Impact = Level;

/** Brand of {@link Percent}. */
export interface PercentBrand {
  readonly Percent: unique symbol;
}
/** Percent complete of an open action: an integer 0-99 (completion is a separate event). */
export type Percent = t.Branded<number, PercentBrand>;
/** Codec of {@link Percent}. */
export const Percent: t.Type<Percent, number, unknown> = refined<Percent, number>(
  t.number,
  isIntegerIn(0, 99),
  'Percent',
  'expected an integer from 0 to 99',
);

/** Brand of {@link Count}. */
export interface CountBrand {
  readonly Count: unique symbol;
}
/** A non-negative safe integer (tree sizes). */
export type Count = t.Branded<number, CountBrand>;
/** Codec of {@link Count}. */
export const Count: t.Type<Count, number, unknown> = refined<Count, number>(
  t.number,
  (n) => Number.isSafeInteger(n) && n >= 0,
  'Count',
  'expected an integer >= 0',
);

/** Brand of {@link ShortText}. */
export interface ShortTextBrand {
  readonly ShortText: unique symbol;
}
/** Free text of 1-200 characters, not blank (phase, body, risk category, names). */
export type ShortText = t.Branded<string, ShortTextBrand>;
/** Codec of {@link ShortText}. */
export const ShortText: t.Type<ShortText, string, unknown> = refined<ShortText, string>(
  t.string,
  (s) => s.length >= 1 && s.length <= 200 && s.trim().length > 0,
  'ShortText',
  'expected text of 1-200 characters, not blank',
);

/** Brand of {@link Text}. */
export interface TextBrand {
  readonly Text: unique symbol;
}
/** Free text of 1-20000 characters, not blank (titles, reasons, narratives, summaries). */
export type Text = t.Branded<string, TextBrand>;
/** Codec of {@link Text}. */
export const Text: t.Type<Text, string, unknown> = refined<Text, string>(
  t.string,
  (s) => s.length >= 1 && s.length <= 20000 && s.trim().length > 0,
  'Text',
  'expected non-blank text (at most 20000 characters)',
);

/** Brand of {@link Uri}. */
export interface UriBrand {
  readonly Uri: unique symbol;
}
/** A URI or path: 1-2048 characters without whitespace. */
export type Uri = t.Branded<string, UriBrand>;
/** Codec of {@link Uri}. */
export const Uri: t.Type<Uri, string, unknown> = refined<Uri, string>(
  t.string,
  (s) => s.length >= 1 && s.length <= 2048 && !/\s/.test(s),
  'Uri',
  'expected a URI: 1-2048 characters without whitespace',
);

/** Brand of {@link Sha256}. */
export interface Sha256Brand {
  readonly Sha256: unique symbol;
}
/** A lowercase hex SHA-256 digest. */
export type Sha256 = t.Branded<string, Sha256Brand>;
/** Codec of {@link Sha256}. */
export const Sha256: t.Type<Sha256, string, unknown> = refined<Sha256, string>(
  t.string,
  (s) => /^[0-9a-f]{64}$/.test(s),
  'Sha256',
  'expected a lowercase hex sha-256 (64 characters)',
);

/** Brand of {@link Position}. */
export interface PositionBrand {
  readonly Position: unique symbol;
}
/** A global log position: a decimal string without leading zeros. */
export type Position = t.Branded<string, PositionBrand>;
/** Codec of {@link Position}. */
export const Position: t.Type<Position, string, unknown> = refined<Position, string>(
  t.string,
  (s) => /^(0|[1-9][0-9]{0,39})$/.test(s),
  'Position',
  'expected a decimal position string',
);

/** Brand of {@link IdList}. */
export interface IdListBrand {
  readonly IdList: unique symbol;
}
/** A list of distinct ids. */
export type IdList = t.Branded<readonly Id[], IdListBrand>;
const IdArray = t.readonlyArray(Id);
/** Codec of {@link IdList}: an array of {@link Id} without duplicates. */
export const IdList = new t.Type<IdList, readonly string[], unknown>(
  'IdList',
  (u): u is IdList => IdArray.is(u) && new Set(u).size === u.length,
  (u, c) => {
    const res = IdArray.validate(u, c);
    if (res._tag === 'Left') return res;
    const ids = res.right;
    const unique = (v: readonly Id[]): v is IdList => new Set(v).size === v.length;
    return unique(ids) ? t.success(ids) : t.failure(u, c, 'expected distinct ids (no duplicates)');
  },
  (a) => a,
);
