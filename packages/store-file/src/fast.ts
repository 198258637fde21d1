// Hot-path equivalents of the event-store's `Envelope.is` and `computeEventHash`, for the
// store's reads, its integrity check on open and its appends. Property tests
// (test/fast.test.ts) hold them equal to the normative codec and to the library hash;
// wherever the guard says no, callers ask the codec itself (which has the last word and
// the reasons). Candidates to move into @assure/event-store (audit has similar ones).
import { hash as oneShotHash } from 'node:crypto';
import type { Envelope, HashedEnvelope } from '@assure/event-store';

const POSITION_RE = /^(?:0|[1-9]\d*)$/;
const STREAM_RE = /^[a-z][a-z0-9-]{0,127}$/;
const SHA256_RE = /^[0-9a-f]{64}$/;
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z$/;

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
  for (const k of Object.keys(o)) if (!allowed.has(k)) return false;
  return true;
}

function filled(u: unknown): boolean {
  return typeof u === 'string' && u.length > 0;
}

function isWhole(u: unknown, min: number): boolean {
  return typeof u === 'number' && Number.isSafeInteger(u) && u >= min;
}

/** Same as the codec's instant: the exact text `toISOString()` gives for a real instant. */
function isIsoInstant(u: unknown): boolean {
  if (typeof u !== 'string') return false;
  const m = INSTANT_RE.exec(u);
  if (m === null) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const last = month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number);
  return day <= last && Number(m[4]) <= 23 && Number(m[5]) <= 59 && Number(m[6]) <= 59;
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
  const prevHash = u['prevHash'];
  const hash = u['hash'];
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
    typeof prevHash === 'string' &&
    SHA256_RE.test(prevHash) &&
    typeof hash === 'string' &&
    SHA256_RE.test(hash) &&
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

/**
 * The event hash (`computeEventHash` of @assure/event-store) of an envelope parsed from
 * JSON: SHA-256 of the canonical JSON of everything but `position` and `hash`, written
 * field by field in JCS order (data, eventId, meta, prevHash, revision, schemaVersion,
 * stream, type).
 */
export function parsedEnvelopeHash(e: Envelope | HashedEnvelope): string {
  const text =
    `{"data":${canonicalObject(e.data)},"eventId":${quote(e.eventId)}` +
    `,"meta":${canonicalObject(e.meta)},"prevHash":${quote(e.prevHash)}` +
    `,"revision":${String(e.revision)},"schemaVersion":${String(e.schemaVersion)}` +
    `,"stream":${quote(e.stream)},"type":${quote(e.type)}}`;
  return oneShotHash('sha256', text, 'hex');
}
