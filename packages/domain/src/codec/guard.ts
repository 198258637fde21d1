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

/** {@link Id}: `^[a-z0-9][a-z0-9-]{0,63}$`. */
function isIdFast(u: unknown): boolean {
  if (typeof u !== 'string') return false;
  const n = u.length;
  if (n < 1 || n > 64) return false;
  for (let i = 0; i < n; i++) {
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
  if (typeof u !== 'string') return false;
  const n = u.length;
  if (n < 1 || n > max) return false;
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
  if (typeof u !== 'string') return false;
  const n = u.length;
  if (n < 1 || n > 2048) return false;
  for (let i = 0; i < n; i++) {
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
  if (typeof u !== 'string') return false;
  const n = u.length;
  if (n < 1 || n > 40) return false;
  if (u.charCodeAt(0) === C0) return n === 1;
  for (let i = 0; i < n; i++) if (!isDigit(u.charCodeAt(i))) return false;
  return true;
}

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
]);

/** The io-ts codec kinds the compiler reads (by their `_tag`). */
interface Tagged {
  readonly _tag?: unknown;
}

const tagOf = (codec: t.Mixed): unknown => (codec as Tagged)._tag;
const isArrayCodec = (codec: t.Mixed): boolean => {
  const tag = tagOf(codec);
  return tag === 'ArrayType' || tag === 'ReadonlyArrayType';
};

// ---------------------------------------------------------------------------------------
// Closure guards: the fallback when code generation is not allowed.

function strictGuard(codec: StrictType<t.Props, t.Props>): Guard {
  const reqKeys = Object.keys(codec.required);
  const reqGuards = reqKeys.map((k) => closureGuard(codec.required[k] as t.Mixed));
  const optKeys = Object.keys(codec.optional);
  const optGuards = optKeys.map((k) => closureGuard(codec.optional[k] as t.Mixed));
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

// ---------------------------------------------------------------------------------------
// Generated guards: one function (and its own nested helpers) per compiled codec, so that
// V8 gives each event type its own feedback: property loads and calls stay monomorphic
// instead of sharing the one megamorphic closure above among every event type.

/**
 * A string literal of JavaScript source for `s`: JSON's escaping (quotes, backslashes,
 * control characters), plus U+2028/U+2029, so that no codec key or literal can end the
 * string or inject code.
 */
const sourceString = (s: string): string =>
  JSON.stringify(s)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/** The shared checks a generated guard calls, passed in as the factory's parameters. */
const helperNames = [
  'isId',
  'isCalendarDate',
  'isInstant',
  'isIdList',
  'isText',
  'isUri',
  'isSha256',
  'isPosition',
  'fb',
] as const;
const helperValues = [
  isIdFast,
  isCalendarDateFast,
  isInstantFast,
  isIdListFast,
  isTextFast,
  isUriFast,
  isSha256Fast,
  isPositionFast,
];

/**
 * By primitive codec: the source of an expression over the identifier `v` (evaluated more
 * than once, so always a local) that is true when the codec accepts it.
 */
const primitiveSource = new Map<unknown, (v: string) => string>([
  [Id, (v) => `isId(${v})`],
  [CalendarDate, (v) => `isCalendarDate(${v})`],
  [Instant, (v) => `isInstant(${v})`],
  [IdList, (v) => `isIdList(${v})`],
  [Uri, (v) => `isUri(${v})`],
  [Sha256, (v) => `isSha256(${v})`],
  [Position, (v) => `isPosition(${v})`],
  [Level, (v) => `(typeof ${v} === "number" && Number.isInteger(${v}) && ${v} >= 1 && ${v} <= 5)`],
  [
    Percent,
    (v) => `(typeof ${v} === "number" && Number.isInteger(${v}) && ${v} >= 0 && ${v} <= 99)`,
  ],
  [Count, (v) => `(typeof ${v} === "number" && Number.isSafeInteger(${v}) && ${v} >= 0)`],
  [ShortText, (v) => `isText(${v}, 200)`],
  [Text, (v) => `isText(${v}, 20000)`],
]);

/** The state of one generation: helper function declarations and fallback guards. */
interface Generation {
  /** Declarations of the nested functions (`g1`, `g2`...), in order. */
  readonly functions: string[];
  /** Guards the generated code calls as `fb0`, `fb1`... (the codecs' own `is`). */
  readonly fallbacks: Guard[];
}

/** Adds a fallback guard and returns the name the generated code calls it by. */
function fallback(gen: Generation, guard: Guard): string {
  gen.fallbacks.push(guard);
  return `fb${gen.fallbacks.length - 1}`;
}

/** Reserves the next nested function (`g0`, `g1`...), so nested ones take later numbers. */
function reserve(gen: Generation): number {
  gen.functions.push('');
  return gen.functions.length - 1;
}

/** Declares reserved function `index` with `body` (over its parameter `u`); returns its name. */
function define(gen: Generation, index: number, body: string): string {
  gen.functions[index] = `function g${index}(u) {\n${body}}\n`;
  return `g${index}`;
}

/** Source of a literal value, or `undefined` when it has none that `===` compares alike. */
function literalSource(value: unknown): string | undefined {
  if (typeof value === 'string') return sourceString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Source of an expression over the local `v` that is true when `codec` accepts it. */
function expressionOf(codec: t.Mixed, v: string, gen: Generation): string {
  const primitive = primitiveSource.get(codec);
  if (primitive !== undefined) return primitive(v);
  if (codec instanceof StrictType)
    return `${strictFunction(codec as StrictType<t.Props, t.Props>, gen)}(${v})`;
  const tag = tagOf(codec);
  switch (tag) {
    case 'StringType':
      return `(typeof ${v} === "string")`;
    case 'NumberType':
      return `(typeof ${v} === "number")`;
    case 'BooleanType':
      return `(typeof ${v} === "boolean")`;
    case 'LiteralType': {
      const literal = literalSource((codec as t.LiteralC<string | number | boolean>).value);
      if (literal !== undefined) return `(${v} === ${literal})`;
      break;
    }
    case 'KeyofType': {
      const keys = Object.keys((codec as t.KeyofC<Record<string, unknown>>).keys);
      if (keys.length > 0 && keys.length <= 32)
        return `(typeof ${v} === "string" && (${keys.map((k) => `${v} === ${sourceString(k)}`).join(' || ')}))`;
      break;
    }
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return `${arrayFunction(codec, gen)}(${v})`;
    default:
      break;
  }
  return `${fallback(gen, closureGuard(codec))}(${v})`;
}

/**
 * Declares the check of a `strict()` object; returns its function's name.
 *
 * The generated check answers as the closure guard does (see strictGuard), but proves
 * own-ness with one `for...in` pass instead of an `Object.hasOwn` call per key (a builtin
 * call each, the bulk of the cost), and hands any doubt to the exact closure guard:
 * 1. each required key is read once: a value its check refuses is refused whether or not
 *    the key is own; an optional key's value is checked when it is not `undefined`, and an
 *    `undefined` one must not be own (`Object.hasOwn`, the absent-optional case only);
 * 2. then every key `for...in` visits must be own (`hasOwnProperty` on the loop's key, which
 *    V8 reduces to a map check), declared, and not `undefined`, and there must be as many as
 *    the required keys plus the optional ones read above. Those visited keys are then exactly
 *    the declared keys read with a value, so each is own, each own enumerable key is one of
 *    them, and the answer is the closure guard's.
 * Anything else (a refused optional value, an own `undefined`, an extra or inherited key)
 * goes to the closure guard, which decides exactly.
 */
function strictFunction(codec: StrictType<t.Props, t.Props>, gen: Generation): string {
  const index = reserve(gen);
  const exact = fallback(gen, strictGuard(codec));
  const reqKeys = Object.keys(codec.required);
  const optKeys = Object.keys(codec.optional);
  let body =
    '  if (typeof u !== "object" || u === null || Array.isArray(u)) return false;\n' +
    `  var n = ${reqKeys.length};\n`;
  let local = 0;
  for (const k of reqKeys) {
    const key = sourceString(k);
    const v = `v${local++}`;
    body +=
      `  var ${v} = u[${key}];\n` +
      `  if (!${expressionOf(codec.required[k] as t.Mixed, v, gen)}) return false;\n`;
  }
  for (const k of optKeys) {
    const key = sourceString(k);
    const v = `v${local++}`;
    body +=
      `  var ${v} = u[${key}];\n` +
      `  if (${v} !== undefined) {\n` +
      `    if (!${expressionOf(codec.optional[k] as t.Mixed, v, gen)}) return ${exact}(u);\n` +
      '    n++;\n' +
      `  } else if (Object.hasOwn(u, ${key})) return ${exact}(u);\n`;
  }
  const cases = [...reqKeys, ...optKeys].map((k) => `    case ${sourceString(k)}:\n`).join('');
  body +=
    '  var seen = 0;\n' +
    '  for (var k in u) {\n' +
    `    if (!hop.call(u, k) || u[k] === undefined) return ${exact}(u);\n` +
    '    switch (k) {\n' +
    cases +
    '      break;\n' +
    '    default:\n' +
    `      return ${exact}(u);\n` +
    '    }\n' +
    '    seen++;\n' +
    '  }\n' +
    `  return seen === n || ${exact}(u);\n`;
  return define(gen, index, body);
}

/** Declares the check of an (readonly) array; returns its function's name. */
function arrayFunction(codec: t.Mixed, gen: Generation): string {
  const index = reserve(gen);
  const whole = fallback(gen, (u) => codec.is(u));
  const body =
    '  if (!Array.isArray(u)) return false;\n' +
    '  for (var i = 0; i < u.length; i++) {\n' +
    '    var v = u[i];\n' +
    // A hole (or an undefined item) is left to the codec, which skips holes.
    `    if (v === undefined) return ${whole}(u);\n` +
    `    if (!${expressionOf((codec as t.ArrayC<t.Mixed>).type, 'v', gen)}) return false;\n` +
    '  }\n' +
    '  return true;\n';
  return define(gen, index, body);
}

/** The generated source of a guard of `codec` (a strict object or an array) and its fallbacks. */
function generateSource(codec: t.Mixed): { source: string; fallbacks: Guard[] } {
  const gen: Generation = { functions: [], fallbacks: [] };
  const root =
    codec instanceof StrictType
      ? strictFunction(codec as StrictType<t.Props, t.Props>, gen)
      : arrayFunction(codec, gen);
  const hoisted = gen.fallbacks.map((_, i) => `var fb${i} = fb[${i}];\n`).join('');
  const source = `"use strict";\nvar hop = Object.prototype.hasOwnProperty;\n${hoisted}${gen.functions.join('')}return ${root};\n`;
  return { source, fallbacks: gen.fallbacks };
}

/** A factory built by `new Function` from generated source. */
type Factory = (...helpers: unknown[]) => unknown;

/** Builds a factory from source, or `undefined` when the runtime forbids code generation. */
function factoryOf(source: string): Factory | undefined {
  try {
    // Code generation from source the generator wrote, every key and literal quoted with
    // sourceString, is the point here (per-type monomorphic guards); a CSP runtime that
    // forbids it throws EvalError and the closure guards are used instead.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function(...helperNames, source) as Factory;
  } catch {
    return undefined;
  }
}

/**
 * Whether this runtime allows the guards to be generated as code (`new Function`), tried
 * once at module load; when false (e.g. a CSP forbidding `unsafe-eval`), {@link compileGuard}
 * builds its guards from closures, which accept the same values, only slower.
 */
export const guardCodegenAvailable: boolean = (() => {
  const probe = factoryOf('return 1;');
  try {
    return probe !== undefined && probe() === 1;
  } catch {
    return false;
  }
})();

/** The generated guard of a strict object or array codec, or `undefined` if it cannot be built. */
function generatedGuard(codec: t.Mixed): Guard | undefined {
  const { source, fallbacks } = generateSource(codec);
  const factory = factoryOf(source);
  if (factory === undefined) return undefined;
  const guard = factory(...helperValues, fallbacks);
  return typeof guard === 'function' ? (guard as Guard) : undefined;
}

/** How {@link compileGuard} builds a guard. */
export interface GuardOptions {
  /**
   * Generate the guard's source and compile it with `new Function` (the default where
   * {@link guardCodegenAvailable}); `false` builds it from shared closures. Both accept
   * exactly the values the codec's `is` accepts.
   */
  readonly generate?: boolean;
}

/**
 * Compiles a codec's `is` into a specialised guard that accepts exactly the same values:
 * `strict()` objects, `keyof`, literals, strings, numbers, booleans, (readonly) arrays, and
 * the domain's refined primitives (ids, days, instants, levels, texts...) get hand-written
 * checks without allocation; any other codec kind falls back to its own `is`.
 *
 * A `strict()` object or array codec gets a guard generated as source for it alone and
 * compiled with `new Function` (the shared primitive checks and the fallbacks passed in as
 * parameters, keys embedded as quoted string literals), so V8 specialises each one to its
 * own shape. Where code generation is forbidden ({@link guardCodegenAvailable} is false),
 * or with `{ generate: false }`, the guard is built from closures shared by every codec:
 * the same values accepted, more slowly (see the domain README, Performance).
 *
 * @example
 * const isRiskClosed = compileGuard(RiskClosed);
 * isRiskClosed({ riskId: 'equal-pay', reason: 'Settled' }); // true, like RiskClosed.is
 */
export function compileGuard(codec: t.Mixed, options?: GuardOptions): Guard {
  const known = primitives.get(codec);
  if (known !== undefined) return known;
  const generate = (options?.generate ?? true) && guardCodegenAvailable;
  if (generate && (codec instanceof StrictType || isArrayCodec(codec))) {
    const guard = generatedGuard(codec);
    if (guard !== undefined) return guard;
  }
  return closureGuard(codec);
}
