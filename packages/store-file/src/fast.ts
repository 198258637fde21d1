// Hot-path equivalents of the event-store's `Envelope.is` and `computeEventHash`, for the
// store's reads, its integrity check on open and its appends. Property tests
// (test/fast.test.ts) hold them equal to the normative codec and to the library hash;
// wherever the guard says no, callers ask the codec itself (which has the last word and
// the reasons). Candidates to move into @assure/event-store (audit has similar ones).
import { hash as oneShotHash } from 'node:crypto';
import type { Envelope, EventMeta, HashedEnvelope } from '@assure/event-store';

const POSITION_RE = /^(?:0|[1-9]\d*)$/;
const STREAM_RE = /^[a-z][a-z0-9-]{0,127}$/;

const TOP_KEYS: ReadonlySet<string> = new Set([
  'position',
  'stream',
  'revision',
  'eventId',
  'type',
  'schemaVersion',
  'data',
  'meta',
  'prevHash',
  'hash',
]);
const META_REQUIRED = ['actor', 'role'] as const;
const META_OPTIONAL = ['commandId', 'correlationId', 'causationId'] as const;
const META_KEYS: ReadonlySet<string> = new Set([
  ...META_REQUIRED,
  ...META_OPTIONAL,
  'occurredAt',
  'recordedAt',
  'backfill',
]);
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isPlainObject(u: unknown): u is Record<string, unknown> {
  return typeof u === 'object' && u !== null && !Array.isArray(u);
}

function onlyKeys(o: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const k in o) if (!allowed.has(k)) return false;
  return true;
}

function filled(u: unknown): boolean {
  return typeof u === 'string' && u.length > 0;
}

function isWhole(u: unknown, min: number): boolean {
  return typeof u === 'number' && Number.isSafeInteger(u) && u >= min;
}

/** 64 lowercase hex digits, checked by char codes (the hot path's hottest check). */
function isSha256Hex(u: unknown): boolean {
  if (typeof u !== 'string' || u.length !== 64) return false;
  for (let i = 0; i < 64; i++) {
    const c = u.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

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
  return day <= last;
}

/**
 * True when a parsed JSON value is an envelope the normative `Envelope` codec accepts: a
 * fast guard, held equal to `Envelope.is` by a property test. A `false` is final only once
 * the codec agrees: callers decode with the codec to get the reasons.
 *
 * @example
 * const u: unknown = JSON.parse(line);
 * if (isEnvelopeFast(u)) use(u); else report(Envelope.decode(u));
 */
export function isEnvelopeFast(u: unknown): u is Envelope {
  if (!isPlainObject(u) || !onlyKeys(u, TOP_KEYS)) return false;
  const meta = u['meta'];
  if (!isPlainObject(meta) || !onlyKeys(meta, META_KEYS)) return false;
  for (const k of META_REQUIRED) if (!filled(meta[k])) return false;
  for (const k of META_OPTIONAL) if (k in meta && !filled(meta[k])) return false;
  if ('backfill' in meta && meta['backfill'] !== true) return false;
  const position = u['position'];
  const stream = u['stream'];
  return (
    typeof position === 'string' &&
    POSITION_RE.test(position) &&
    typeof stream === 'string' &&
    STREAM_RE.test(stream) &&
    isWhole(u['revision'], 0) &&
    filled(u['eventId']) &&
    filled(u['type']) &&
    isWhole(u['schemaVersion'], 1) &&
    isPlainObject(u['data']) &&
    isSha256Hex(u['prevHash']) &&
    isSha256Hex(u['hash']) &&
    isIsoInstant(meta['occurredAt']) &&
    isIsoInstant(meta['recordedAt'])
  );
}

// Characters JSON.stringify escapes in a string: quote, backslash, controls, and surrogates
// (a lone surrogate is escaped; a pair is not, but it is rare enough to take the slow path).
// eslint-disable-next-line no-control-regex
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A JSON string literal, as `JSON.stringify` writes it (which is what JCS prescribes). */
function quote(s: string): string {
  return ESCAPED.test(s) ? JSON.stringify(s) : `"${s}"`;
}

/**
 * RFC 8785 canonical JSON of a value parsed from JSON (objects, arrays, strings, finite
 * numbers, booleans, null): keys sorted by UTF-16 code units, primitives as ECMAScript's
 * `JSON.stringify` writes them, which is what JCS prescribes. Not for values that did not
 * come from `JSON.parse` (no `undefined`, `toJSON`, non-finite numbers or class instances).
 */
export function canonicalParsedJson(v: unknown): string {
  if (typeof v === 'string') return quote(v);
  // Finite numbers: the same text as JSON.stringify (-0 gives "0").
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null) return 'null';
  if (Array.isArray(v)) return canonicalArray(v);
  if (typeof v === 'object') return canonicalObject(v as Record<string, unknown>);
  return JSON.stringify(v);
}

function canonicalArray(a: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < a.length; i++) out += (i === 0 ? '' : ',') + canonicalParsedJson(a[i]);
  return `${out}]`;
}

function canonicalObject(o: Record<string, unknown>): string {
  const keys = Object.keys(o).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out += `${i === 0 ? '' : ','}${quote(k)}:${canonicalParsedJson(o[k])}`;
  }
  return `${out}}`;
}

/** Canonical JSON of `meta`, whose keys the codec fixes, written in JCS (sorted) order. */
function canonicalMeta(m: EventMeta): string {
  let out = `{"actor":${quote(m.actor)}`;
  if (m.backfill !== undefined) out += `,"backfill":${m.backfill ? 'true' : 'false'}`;
  if (m.causationId !== undefined) out += `,"causationId":${quote(m.causationId)}`;
  if (m.commandId !== undefined) out += `,"commandId":${quote(m.commandId)}`;
  if (m.correlationId !== undefined) out += `,"correlationId":${quote(m.correlationId)}`;
  return `${out},"occurredAt":${quote(m.occurredAt)},"recordedAt":${quote(m.recordedAt)},"role":${quote(m.role)}}`;
}

/**
 * The event hash (`computeEventHash` of @assure/event-store) of an envelope parsed from
 * JSON: SHA-256 of the canonical JSON of everything but `position` and `hash`, written
 * field by field in JCS order (data, eventId, meta, prevHash, revision, schemaVersion,
 * stream, type).
 */
export function parsedEnvelopeHash(e: Envelope | HashedEnvelope): string {
  const text =
    `{"data":${canonicalObject(e.data)},"eventId":${quote(e.eventId)}` +
    `,"meta":${canonicalMeta(e.meta)},"prevHash":${quote(e.prevHash)}` +
    `,"revision":${String(e.revision)},"schemaVersion":${String(e.schemaVersion)}` +
    `,"stream":${quote(e.stream)},"type":${quote(e.type)}}`;
  return oneShotHash('sha256', text, 'hex');
}
