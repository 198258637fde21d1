import { ENVELOPE_FIELDS, EventMeta, type Envelope } from './codec';

// The hot-path form of the envelope codec's guard, used by every store's integrity checks,
// by verify and by the read paths. A property test (test/fast.test.ts) holds it equal to
// `Envelope.is`. (The hot-path canonical JSON is in canonical.ts.)

/** The required and the optional fields of `meta`, as the `EventMeta` codec declares them. */
const META_REQUIRED: Readonly<Record<string, { is: (u: unknown) => boolean }>> = EventMeta.required;
const META_OPTIONAL: Readonly<Record<string, { is: (u: unknown) => boolean }>> = EventMeta.optional;
const META_REQUIRED_COUNT = Object.keys(META_REQUIRED).length;

const TOP_KEY_COUNT = ENVELOPE_FIELDS.length;

function isPlainObject(u: unknown): u is Record<string, unknown> {
  return typeof u === 'object' && u !== null && !Array.isArray(u);
}

/** The keys `for...in` visits (own and inherited enumerable ones). */
function enumerableKeyCount(o: Record<string, unknown>): number {
  let n = 0;
  for (const _k in o) n++;
  return n;
}

function filled(u: unknown): boolean {
  return typeof u === 'string' && u.length > 0;
}

function isWhole(u: unknown, min: number): boolean {
  return typeof u === 'number' && Number.isSafeInteger(u) && u >= min;
}

/** A decimal position string without leading zeros (the codec's `/^(0|[1-9][0-9]*)$/`). */
function isPositionString(u: unknown): boolean {
  if (typeof u !== 'string') return false;
  const n = u.length;
  if (n === 0 || (n > 1 && u.charCodeAt(0) === 48)) return false;
  for (let i = 0; i < n; i++) {
    const c = u.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A stream name (the codec's `/^[a-z][a-z0-9-]{0,127}$/`). */
function isStreamName(u: unknown): boolean {
  if (typeof u !== 'string') return false;
  const n = u.length;
  if (n === 0 || n > 128) return false;
  const first = u.charCodeAt(0);
  if (first < 97 || first > 122) return false;
  for (let i = 1; i < n; i++) {
    const c = u.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) return false;
  }
  return true;
}

/** 1 for lowercase hex digits, by character code below 128; 0 for every other one. */
const HEX_DIGIT = (() => {
  const t = new Uint8Array(128);
  for (const c of '0123456789abcdef') t[c.charCodeAt(0)] = 1;
  return t;
})();

/**
 * Both strings are 64 lowercase hex digits (the hot path's hottest check: `prevHash` and
 * `hash` of every envelope read). One loop over both, a table lookup per character and no
 * branch on the digit (digits and letters alternate at random in a hash, and a compare per
 * range mispredicts); a code unit of 128 or more sets a bit the final check sees.
 */
function areSha256Hex(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string' || a.length !== 64 || b.length !== 64)
    return false;
  let ok = 1;
  let high = 0;
  for (let i = 0; i < 64; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    high |= x | y;
    ok &= (HEX_DIGIT[x & 127] as number) & (HEX_DIGIT[y & 127] as number);
  }
  return ok === 1 && high < 128;
}

/** One string is 64 lowercase hex digits: {@link areSha256Hex} of one (`meta.commandHash`). */
function isSha256Hex(u: unknown): boolean {
  if (typeof u !== 'string' || u.length !== 64) return false;
  let ok = 1;
  let high = 0;
  for (let i = 0; i < 64; i++) {
    const x = u.charCodeAt(i);
    high |= x;
    ok &= HEX_DIGIT[x & 127] as number;
  }
  return ok === 1 && high < 128;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written by `n` ASCII digits of `s` from `at`, or -1 if one is not a digit. */
function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Same as the codec's instant: the exact text `toISOString()` gives for a real instant
 * (`YYYY-MM-DDTHH:mm:ss.sssZ`, a real calendar day, hours 0-23, minutes and seconds 0-59).
 */
function isIsoInstant(u: unknown): boolean {
  if (u === lastInstant || u === lastInstantBefore) return true;
  if (typeof u !== 'string' || u.length !== 24) return false;
  if (
    u.charCodeAt(4) !== 45 || // -
    u.charCodeAt(7) !== 45 ||
    u.charCodeAt(10) !== 84 || // T
    u.charCodeAt(13) !== 58 || // :
    u.charCodeAt(16) !== 58 ||
    u.charCodeAt(19) !== 46 || // .
    u.charCodeAt(23) !== 90 // Z
  )
    return false;
  const year = digits(u, 0, 4);
  const month = digits(u, 5, 2);
  const day = digits(u, 8, 2);
  const hour = digits(u, 11, 2);
  const minute = digits(u, 14, 2);
  const second = digits(u, 17, 2);
  if (year < 0 || digits(u, 20, 3) < 0 || month < 1 || month > 12 || day < 1) return false;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const last = month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number);
  if (day > last) return false;
  lastInstantBefore = lastInstant;
  lastInstant = u;
  return true;
}

/**
 * The two instants {@link isIsoInstant} found valid last (instants to begin with): the same
 * text again is valid without a second look. Events of one append or one commit, and an
 * event's `occurredAt` and `recordedAt` when it is recorded as it happens, share their
 * instants; two are kept because a meta's `occurredAt` and `recordedAt` are checked one after
 * the other: with one, an `occurredAt` older than the append alternated with the append's
 * `recordedAt`, and both were parsed for every event (1.9k of the 31k instructions an
 * in-memory append took outside SHA-256, callgrind).
 */
let lastInstant = '1970-01-01T00:00:00.000Z';
let lastInstantBefore = lastInstant;

/**
 * The envelope's `meta` in one pass over its keys: each key is one the codec knows, with a
 * value it accepts, and the required ones are there. (A `switch` on the key compares
 * interned strings; a lookup in a set, or an `in` test per optional key, cost more; a field
 * the switch does not name is checked by the codec.)
 */
function isMetaFast(m: Record<string, unknown>): boolean {
  let required = 0;
  for (const k in m) {
    const v = m[k];
    switch (k) {
      case 'actor':
      case 'role':
        if (!filled(v)) return false;
        required++;
        break;
      case 'occurredAt':
      case 'recordedAt':
        if (!isIsoInstant(v)) return false;
        required++;
        break;
      case 'commandId':
      case 'correlationId':
      case 'causationId':
        if (!filled(v)) return false;
        break;
      case 'commandHash':
        if (!isSha256Hex(v)) return false;
        break;
      case 'backfill':
        if (v !== true) return false;
        break;
      default:
        // A field the codec declares and this switch does not specialise: the codec's check.
        if (Object.hasOwn(META_OPTIONAL, k)) {
          if (META_OPTIONAL[k]?.is(v) !== true) return false;
        } else if (Object.hasOwn(META_REQUIRED, k)) {
          if (META_REQUIRED[k]?.is(v) !== true) return false;
          required++;
        } else return false;
    }
  }
  return required === META_REQUIRED_COUNT;
}

/**
 * True when a parsed JSON value is an envelope the normative `Envelope` codec accepts: a
 * fast guard, held equal to `Envelope.is` by a property test. A `false` is final only once
 * the codec agrees: callers decode with the codec to get the reasons. Its contract covers
 * what `JSON.parse` returns (plain objects with own, enumerable data properties); an object
 * built otherwise (a prototype with keys, accessors) is for the codec to judge.
 *
 * @example
 * const u: unknown = JSON.parse(line);
 * if (isEnvelopeFast(u)) use(u); else report(Envelope.decode(u));
 */
export function isEnvelopeFast(u: unknown): u is Envelope {
  // Every top-level key is required and each is checked below: counting the enumerable keys
  // then refuses an extra one without a lookup per key.
  if (!isPlainObject(u) || enumerableKeyCount(u) !== TOP_KEY_COUNT) return false;
  const meta = u['meta'];
  return (
    isPlainObject(meta) &&
    isMetaFast(meta) &&
    isPositionString(u['position']) &&
    isStreamName(u['stream']) &&
    isWhole(u['revision'], 0) &&
    filled(u['eventId']) &&
    filled(u['type']) &&
    isWhole(u['schemaVersion'], 1) &&
    isPlainObject(u['data']) &&
    areSha256Hex(u['prevHash'], u['hash'])
  );
}

/**
 * {@link isEnvelopeFast} for the fields of an envelope its caller gave a store (`eventId`,
 * `type`, `schemaVersion`, `data`, `meta`), and for its stream name: what a store that built
 * the envelope itself (an object literal of exactly its fields, with its own position,
 * revision, `prevHash` and a hash of the right form) need check. For such an envelope it
 * answers as {@link isEnvelopeFast} does, without re-checking what the store made; as
 * there, a `false` is for the codec to explain.
 */
export function isStoreBuiltEnvelopeFast(
  e: Readonly<Record<'stream' | 'eventId' | 'type' | 'schemaVersion' | 'data' | 'meta', unknown>>,
): boolean {
  const meta: unknown = e.meta;
  return (
    isPlainObject(meta) &&
    isMetaFast(meta) &&
    filled(e.eventId) &&
    filled(e.type) &&
    isWhole(e.schemaVersion, 1) &&
    isPlainObject(e.data) &&
    isStreamName(e.stream)
  );
}
