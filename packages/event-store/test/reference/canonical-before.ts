import { canonicalize } from 'json-canonicalize';
import { EventMeta, type Envelope, type HashedEnvelope } from '@assure/event-store';

// The canonical JSON as src/envelope/canonical.ts wrote it before strings were written
// optimistically and checked once in the whole output (every string checked one by one
// here): kept unchanged as the reference test/canonical-before.test.ts holds the current
// form byte-identical to, since it defines every stored hash.

/**
 * RFC 8785 (JCS) canonical JSON of any JSON value: keys sorted by UTF-16 code units,
 * strings and numbers as ECMAScript's `JSON.stringify` writes them. Plain data (strings,
 * safe integers, booleans, null, plain objects, arrays) is written here; any other number
 * and anything that is not plain data goes to the json-canonicalize library, so the output
 * is always the library's.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null, 'x'] }); // '{"a":[true,null,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && !Object.is(value, -0)
      ? String(value)
      : canonicalize(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  if (Array.isArray(value)) return arrayJson(value as readonly unknown[]);
  if (
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype &&
    !('toJSON' in value)
  )
    return objectJson(value as Record<string, unknown>);
  return canonicalize(value);
}

// Characters JSON.stringify escapes, plus surrogates (a lone one is escaped; pairs take the slow path too).
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const quote = (s: string): string =>
  (s.length <= SHORT_STRING ? shortNeedsEscape(s) : NEEDS_ESCAPE.test(s))
    ? JSON.stringify(s)
    : '"' + s + '"';

/** Up to this length a loop over the characters beats a call of the regular expression. */
const SHORT_STRING = 48;

/** {@link NEEDS_ESCAPE}'s test, by a loop over the code units. */
function shortNeedsEscape(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return true;
  }
  return false;
}

function arrayJson(a: readonly unknown[]): string {
  let s = '[';
  for (let i = 0; i < a.length; i++) {
    if (i > 0) s += ',';
    const v = a[i];
    s += v === undefined ? 'null' : canonicalJson(v);
  }
  return s + ']';
}

function objectJson(o: Record<string, unknown>): string {
  const keys = sortedKeys(o);
  let s = '{';
  let first = true;
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    const prefix = keyPrefix(k);
    s += (first ? prefix.first : prefix.next) + canonicalJson(v);
    first = false;
  }
  return s + '}';
}

/** What comes before a member's value: `"key":` first in its object, `,"key":` after. */
interface KeyPrefix {
  readonly first: string;
  readonly next: string;
}

/**
 * The prefixes of the keys met so far (payloads repeat a few keys in every event), so that
 * a member costs one string append rather than building its quoted key each time. Bounded:
 * once full, further keys are quoted on each use.
 */
const KEY_PREFIXES = new Map<string, KeyPrefix>();
const KEY_PREFIXES_MAX = 4096;
const KEY_PREFIX_MAX_LENGTH = 64;

function keyPrefix(k: string): KeyPrefix {
  const known = KEY_PREFIXES.get(k);
  if (known !== undefined) return known;
  const first = quote(k) + ':';
  const made = { first, next: ',' + first };
  if (KEY_PREFIXES.size < KEY_PREFIXES_MAX && k.length <= KEY_PREFIX_MAX_LENGTH)
    KEY_PREFIXES.set(k, made);
  return made;
}

/** Up to this many keys an insertion sort beats `Array.prototype.sort` (see below). */
const INSERTION_SORT_MAX = 16;

/**
 * The own enumerable keys of `o` in JCS order (UTF-16 code units, the order of `<` on
 * strings and of the default `sort`). A payload has a handful of keys: an insertion sort
 * of them allocates nothing, where the built-in sort sets up a work area per call.
 */
function sortedKeys(o: Record<string, unknown>): string[] {
  const keys = Object.keys(o);
  const n = keys.length;
  if (n > INSERTION_SORT_MAX) return keys.sort();
  for (let i = 1; i < n; i++) {
    const k = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[j] as string) > k) {
      keys[j + 1] = keys[j] as string;
      j--;
    }
    keys[j + 1] = k;
  }
  return keys;
}

/**
 * The canonical JSON of an envelope's hashed part (everything but `position` and `hash`),
 * written field by field in JCS key order. Equal to `canonicalJson(hashedPart(e))`.
 */
export function canonicalEnvelopeJson(e: HashedEnvelope | Envelope): string {
  // JCS order: data, eventId, meta, prevHash, revision, schemaVersion, stream, type.
  const { eventId, prevHash, stream, type } = e;
  if (isPlainText(eventId) && isPlainText(prevHash) && isPlainText(stream) && isPlainText(type))
    // The usual case: no string field needs escaping, so each goes between its quotes
    // within the literal text around it (fewer pieces to join).
    return (
      '{"data":' +
      canonicalJson(e.data) +
      ',"eventId":"' +
      eventId +
      '","meta":' +
      metaJson(e.meta) +
      ',"prevHash":"' +
      prevHash +
      '","revision":' +
      canonicalJson(e.revision) +
      ',"schemaVersion":' +
      canonicalJson(e.schemaVersion) +
      ',"stream":"' +
      stream +
      '","type":"' +
      type +
      '"}'
    );
  return (
    '{"data":' +
    canonicalJson(e.data) +
    ',"eventId":' +
    quote(eventId) +
    ',"meta":' +
    metaJson(e.meta) +
    ',"prevHash":' +
    quote(prevHash) +
    ',"revision":' +
    canonicalJson(e.revision) +
    ',"schemaVersion":' +
    canonicalJson(e.schemaVersion) +
    ',"stream":' +
    quote(stream) +
    ',"type":' +
    quote(type) +
    '}'
  );
}

/** A string JSON writes between quotes as it is (nothing to escape). */
function isPlainText(u: unknown): u is string {
  return (
    typeof u === 'string' &&
    !(u.length <= SHORT_STRING ? shortNeedsEscape(u) : NEEDS_ESCAPE.test(u))
  );
}

/** The required and the optional fields of `meta`, as the `EventMeta` codec declares them. */
const META_REQUIRED: Readonly<Record<string, { is: (u: unknown) => boolean }>> = EventMeta.required;
const META_OPTIONAL: Readonly<Record<string, { is: (u: unknown) => boolean }>> = EventMeta.optional;
/** Every field of `meta` in JCS order (UTF-16 code units: the default sort's). */
const META_KEYS: readonly string[] = [
  ...Object.keys(META_REQUIRED),
  ...Object.keys(META_OPTIONAL),
].sort();
/** `,"<key>":` for each of {@link META_KEYS}, and `{"<key>":` for the first one present. */
const META_PREFIXES: readonly string[] = META_KEYS.map((k) => `,${JSON.stringify(k)}:`);
const META_FIRST_PREFIXES: readonly string[] = META_KEYS.map((k) => `{${JSON.stringify(k)}:`);

/**
 * The canonical JSON of a valid `meta`: its fields in JCS order, taken from the codec's
 * declaration, so a field added to `EventMeta` is hashed without a change here. While the
 * codec declares exactly {@link NAMED_META_KEYS}, each field is read by name (a load the
 * engine caches per object shape); a read by a computed key went through the engine's
 * generic lookup for every field of every event hashed.
 */
function metaJson(m: EventMeta): string {
  return META_NAMED ? namedMetaJson(m) : keyedMetaJson(m);
}

/** The fields of `meta` {@link namedMetaJson} reads by name, in JCS order. */
const NAMED_META_KEYS = [
  'actor',
  'backfill',
  'causationId',
  'commandHash',
  'commandId',
  'correlationId',
  'credentialId',
  'occurredAt',
  'recordedAt',
  'role',
] as const satisfies readonly (keyof EventMeta)[];
const META_NAMED =
  META_KEYS.length === NAMED_META_KEYS.length &&
  META_KEYS.every((k, i) => k === NAMED_META_KEYS[i]);

/**
 * Meta's members so far (`s`, empty before the first) followed by one more: `first` or
 * `next` (its key as the first member or after another) and its value.
 */
function metaMember(s: string, first: string, next: string, v: unknown): string {
  return (s === '' ? first : s + next) + (typeof v === 'string' ? quote(v) : canonicalJson(v));
}

/** {@link keyedMetaJson} with each field read by name (the keys of {@link NAMED_META_KEYS}). */
function namedMetaJson(m: EventMeta): string {
  let s = '';
  if (m.actor !== undefined) s = metaMember(s, '{"actor":', ',"actor":', m.actor);
  if (m.backfill !== undefined) s = metaMember(s, '{"backfill":', ',"backfill":', m.backfill);
  if (m.causationId !== undefined)
    s = metaMember(s, '{"causationId":', ',"causationId":', m.causationId);
  if (m.commandHash !== undefined)
    s = metaMember(s, '{"commandHash":', ',"commandHash":', m.commandHash);
  if (m.commandId !== undefined) s = metaMember(s, '{"commandId":', ',"commandId":', m.commandId);
  if (m.correlationId !== undefined)
    s = metaMember(s, '{"correlationId":', ',"correlationId":', m.correlationId);
  if (m.credentialId !== undefined)
    s = metaMember(s, '{"credentialId":', ',"credentialId":', m.credentialId);
  if (m.occurredAt !== undefined)
    s = metaMember(s, '{"occurredAt":', ',"occurredAt":', m.occurredAt);
  if (m.recordedAt !== undefined)
    s = metaMember(s, '{"recordedAt":', ',"recordedAt":', m.recordedAt);
  if (m.role !== undefined) s = metaMember(s, '{"role":', ',"role":', m.role);
  return s === '' ? '{}' : s + '}';
}

/** The canonical JSON of meta, each field of {@link META_KEYS} read by its key. */
function keyedMetaJson(m: EventMeta): string {
  const rec: Readonly<Record<string, unknown>> = m;
  let s = '';
  for (let i = 0; i < META_KEYS.length; i++) {
    const v = rec[META_KEYS[i] as string];
    if (v === undefined) continue;
    const prefix = (s === '' ? META_FIRST_PREFIXES[i] : META_PREFIXES[i]) as string;
    s += prefix + (typeof v === 'string' ? quote(v) : canonicalJson(v));
  }
  return s === '' ? '{}' : s + '}';
}
