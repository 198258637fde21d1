import type * as t from 'io-ts';
import {
  CalendarDate,
  Count,
  Id,
  IdList,
  Instant,
  Level,
  Percent,
  Position,
  Sha256,
  ShortText,
  Text,
  Uri,
  daysInMonth,
} from './primitives';
import { StrictType } from './strict';
import { CriteriaSetRef } from './vocabulary';

/** A type guard over unknown input, without the io-ts type attached. */
export type Guard = (u: unknown) => boolean;

// Character codes used by the hand-written checks below.
const C0 = 48; // '0'
const C9 = 57; // '9'
const CA = 97; // 'a'
const CZ = 122; // 'z'
const DASH = 45; // '-'
const COLON = 58; // ':'
const DOT = 46; // '.'
const T = 84; // 'T'
const Z = 90; // 'Z'

const isDigit = (c: number): boolean => c >= C0 && c <= C9;
/** Two decimal digits at `i`, or -1. */
function two(s: string, i: number): number {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  return isDigit(a) && isDigit(b) ? (a - C0) * 10 + (b - C0) : -1;
}
/** Four decimal digits at `i`, or -1. */
function four(s: string, i: number): number {
  const hi = two(s, i);
  const lo = two(s, i + 2);
  return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
}
/** A real `YYYY-MM-DD` at the start of `s` (its length is the caller's business). */
function dayAt(s: string): boolean {
  if (s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH) return false;
  const year = four(s, 0);
  const month = two(s, 5);
  const day = two(s, 8);
  return year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A string of 1 to `max` characters: the length check the string guards below share. */
const isStringOf = (u: unknown, max: number): u is string =>
  typeof u === 'string' && u.length >= 1 && u.length <= max;

/** {@link Id}: `^[a-z0-9][a-z0-9-]{0,63}$`. */
function isIdFast(u: unknown): boolean {
  if (!isStringOf(u, 64)) return false;
  for (let i = 0, n = u.length; i < n; i++) {
    const c = u.charCodeAt(i);
    if ((c >= CA && c <= CZ) || (c >= C0 && c <= C9)) continue;
    if (c === DASH && i > 0) continue;
    return false;
  }
  return true;
}

/** {@link CalendarDate}: a real day `YYYY-MM-DD`. */
const isCalendarDateFast = (u: unknown): boolean =>
  typeof u === 'string' && u.length === 10 && dayAt(u);

/**
 * {@link Instant}: `YYYY-MM-DDTHH:mm:ss.sssZ` that `Date` prints back unchanged, i.e. a
 * real day, hours 0-23, minutes and seconds 0-59 (any milliseconds).
 */
function isInstantFast(u: unknown): boolean {
  if (typeof u !== 'string' || u.length !== 24) return false;
  if (
    u.charCodeAt(10) !== T ||
    u.charCodeAt(13) !== COLON ||
    u.charCodeAt(16) !== COLON ||
    u.charCodeAt(19) !== DOT ||
    u.charCodeAt(23) !== Z
  )
    return false;
  const hh = two(u, 11);
  const mm = two(u, 14);
  const ss = two(u, 17);
  const msHi = two(u, 20);
  return (
    hh >= 0 &&
    hh <= 23 &&
    mm >= 0 &&
    mm <= 59 &&
    ss >= 0 &&
    ss <= 59 &&
    msHi >= 0 &&
    isDigit(u.charCodeAt(22)) &&
    dayAt(u)
  );
}

const integerIn =
  (min: number, max: number): Guard =>
  (u) =>
    typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max;

/** Non-blank text of `1..max` characters: a printable ASCII first character settles it. */
function isTextFast(u: unknown, max: number): boolean {
  if (!isStringOf(u, max)) return false;
  const c = u.charCodeAt(0);
  return (c > 32 && c < 127) || u.trim().length > 0;
}

/** {@link isTextFast} with its bound fixed. */
const textOf =
  (max: number): Guard =>
  (u) =>
    isTextFast(u, max);

/** {@link IdList}: distinct ids (a small list is checked pairwise, a holey one by the codec). */
function isIdListFast(u: unknown): boolean {
  if (!Array.isArray(u)) return false;
  const list = u as readonly unknown[];
  const n = list.length;
  if (n > 16) return IdList.is(u);
  for (let i = 0; i < n; i++) {
    const v = list[i];
    if (v === undefined) return IdList.is(u);
    if (!isIdFast(v)) return false;
    for (let j = 0; j < i; j++) if (list[j] === v) return false;
  }
  return true;
}

/** Any whitespace, as in {@link Uri}'s own check (used once a non-ASCII character is seen). */
const WHITESPACE = /\s/;

/** {@link Uri}: 1-2048 characters, no whitespace (`\s` of a regular expression). */
function isUriFast(u: unknown): boolean {
  if (!isStringOf(u, 2048)) return false;
  for (let i = 0, n = u.length; i < n; i++) {
    const c = u.charCodeAt(i);
    if (c > 32 && c < 127) continue;
    // Beyond ASCII, the regular expression decides (over the whole string).
    if (c >= 127) return !WHITESPACE.test(u);
    // ASCII whitespace: tab, line feed, vertical tab, form feed, carriage return, space.
    if (c === 32 || (c >= 9 && c <= 13)) return false;
  }
  return true;
}

/** {@link Sha256}: 64 lowercase hex digits. */
function isSha256Fast(u: unknown): boolean {
  if (typeof u !== 'string' || u.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = u.charCodeAt(i);
    if (!isDigit(c) && !(c >= CA && c <= 102)) return false; // 102: 'f'
  }
  return true;
}

/** {@link Position}: `0`, or up to 40 decimal digits without a leading zero. */
function isPositionFast(u: unknown): boolean {
  if (!isStringOf(u, 40)) return false;
  const n = u.length;
  if (u.charCodeAt(0) === C0) return n === 1;
  for (let i = 0; i < n; i++) if (!isDigit(u.charCodeAt(i))) return false;
  return true;
}

/** {@link CriteriaSetRef}: `name@N` (the pattern is short; its test is the guard). */
const isCriteriaSetRefFast = (u: unknown): boolean => CriteriaSetRef.is(u);

/** Hand-written guards of the domain's refined primitives, by codec identity. */
const primitives = new Map<unknown, Guard>([
  [Id, isIdFast],
  [CalendarDate, isCalendarDateFast],
  [Instant, isInstantFast],
  [Level, integerIn(1, 5)],
  [Percent, integerIn(0, 99)],
  [Count, (u) => typeof u === 'number' && Number.isSafeInteger(u) && u >= 0],
  [ShortText, textOf(200)],
  [Text, textOf(20000)],
  [IdList, isIdListFast],
  [Uri, isUriFast],
  [Sha256, isSha256Fast],
  [Position, isPositionFast],
  [CriteriaSetRef, isCriteriaSetRefFast],
]);

/** The io-ts codec kinds the compiler reads (by their `_tag`). */
interface Tagged {
  readonly _tag?: unknown;
}

const tagOf = (codec: t.Mixed): unknown => (codec as Tagged)._tag;

// ---------------------------------------------------------------------------------------
// Closure guards: one closure per codec node, composed; no code generation (the domain
// evaluates no source text).

function strictGuard(codec: StrictType<t.Props, t.Props>): Guard {
  const reqKeys = Object.keys(codec.required);
  const optKeys = Object.keys(codec.optional);
  const reqGuards = reqKeys.map((k) => closureGuard(codec.required[k] as t.Mixed));
  const optGuards = optKeys.map((k) => closureGuard(codec.optional[k] as t.Mixed));
  const exact = strictGuardByKeys(reqKeys, reqGuards, optKeys, optGuards);
  const keys = [...reqKeys, ...optKeys];
  const guards = [...reqGuards, ...optGuards];
  const n = keys.length;
  // Each declared key is a bit of a 32-bit mask below: more keys take the exact guard only.
  if (n > 30) return exact;
  const nReq = reqKeys.length;
  const place = new Map(keys.map((k, i) => [k, i]));
  const required = (1 << nReq) - 1;
  const every = (1 << n) - 1;
  return (u) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return false;
    const rec = u as Record<string, unknown>;
    // The keys as `for...in` visits them: the engine reads each value by the object's own
    // layout (no lookup by name for every shape of every event type, as `rec[k]` of a
    // declared key is), and they mostly come in the declared order. Anything unusual (a key
    // not declared, not own, a required key not visited) is left to the exact guard.
    let next = 0;
    let seen = 0;
    for (const k in rec) {
      let i: number;
      if (next < n && keys[next] === k) i = next++;
      else {
        const at = place.get(k);
        if (at === undefined) return exact(u);
        i = at;
      }
      if (!Object.prototype.hasOwnProperty.call(rec, k)) return exact(u);
      // A declared own key whose value its codec refuses: refused by the exact guard too.
      if (!(guards[i] as Guard)(rec[k])) return false;
      seen |= 1 << i;
    }
    if ((seen & required) !== required) return exact(u);
    // An optional key own but not enumerable (not visited) is one the exact guard reads.
    if (seen !== every)
      for (let i = nReq; i < n; i++)
        if ((seen & (1 << i)) === 0 && Object.prototype.hasOwnProperty.call(rec, keys[i] as string))
          return exact(u);
    return true;
  };
}

/** The exact strict guard: each declared key looked up by name, then the own keys counted. */
function strictGuardByKeys(
  reqKeys: readonly string[],
  reqGuards: readonly Guard[],
  optKeys: readonly string[],
  optGuards: readonly Guard[],
): Guard {
  const nReq = reqKeys.length;
  const nOpt = optKeys.length;
  return (u) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return false;
    const rec = u as Record<string, unknown>;
    for (let i = 0; i < nReq; i++) {
      const k = reqKeys[i] as string;
      if (!Object.hasOwn(rec, k) || !(reqGuards[i] as Guard)(rec[k])) return false;
    }
    let count = nReq;
    for (let i = 0; i < nOpt; i++) {
      const k = optKeys[i] as string;
      if (!Object.hasOwn(rec, k)) continue;
      if (!(optGuards[i] as Guard)(rec[k])) return false;
      count++;
    }
    // Own enumerable keys beyond the declared ones are refused, counted without allocating
    // an array. `for...in` visits the own enumerable keys (those `Object.keys` lists) and any
    // inherited enumerable ones: when it visits exactly `count` keys, all of them own (each
    // one counted above was checked own), nothing else is there.
    let seen = 0;
    for (const _k in rec) seen++;
    if (seen === count) return true;
    let own = 0;
    for (const k in rec) if (Object.hasOwn(rec, k)) own++;
    return own === count;
  };
}

function arrayGuard(item: Guard, codec: t.Mixed): Guard {
  return (u) => {
    if (!Array.isArray(u)) return false;
    const list = u as readonly unknown[];
    for (let i = 0; i < list.length; i++) {
      const v = list[i];
      // A hole (or an undefined item) is left to the codec, which skips holes.
      if (v === undefined) return codec.is(u);
      if (!item(v)) return false;
    }
    return true;
  };
}

/** The closure-built guard of a codec (every strict object shares the same closure code). */
function closureGuard(codec: t.Mixed): Guard {
  const known = primitives.get(codec);
  if (known !== undefined) return known;
  if (codec instanceof StrictType) return strictGuard(codec as StrictType<t.Props, t.Props>);
  const tag = tagOf(codec);
  switch (tag) {
    case 'StringType':
      return (u) => typeof u === 'string';
    case 'NumberType':
      return (u) => typeof u === 'number';
    case 'BooleanType':
      return (u) => typeof u === 'boolean';
    case 'LiteralType': {
      const value = (codec as t.LiteralC<string | number | boolean>).value;
      return (u) => u === value;
    }
    case 'KeyofType': {
      const keys = new Set(Object.keys((codec as t.KeyofC<Record<string, unknown>>).keys));
      return (u) => typeof u === 'string' && keys.has(u);
    }
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return arrayGuard(closureGuard((codec as t.ArrayC<t.Mixed>).type), codec);
    default:
      return (u) => codec.is(u);
  }
}

/**
 * Compiles a codec's `is` into a specialised guard that accepts exactly the same values:
 * `strict()` objects, `keyof`, literals, strings, numbers, booleans, (readonly) arrays, and
 * the domain's refined primitives (ids, days, instants, levels, texts...) get hand-written
 * checks without allocation, composed from closures; any other codec kind falls back to its
 * own `is`.
 *
 * @example
 * const isRiskClosed = compileGuard(RiskClosed);
 * isRiskClosed({ riskId: 'equal-pay', reason: 'Settled' }); // true, like RiskClosed.is
 */
export function compileGuard(codec: t.Mixed): Guard {
  return closureGuard(codec);
}
