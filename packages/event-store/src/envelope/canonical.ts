import { canonicalize } from 'json-canonicalize';
import { EventMeta, type Envelope, type HashedEnvelope } from './codec';
import { ShapeCache } from './shapes';

// RFC 8785 (JCS) canonical JSON on the hot path: what every event's hash covers, written
// by every store's appends and integrity checks and by verify. Property tests
// (test/fast.test.ts, test/canonical.test.ts) hold it byte-identical to the
// json-canonicalize library.

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
  return valueJson(value);
}

/**
 * A string value as JSON: between quotes as it is when {@link isRaw} (no character of it is
 * escaped), else as `JSON.stringify` writes it. Exact either way, so the output needs no
 * check afterwards.
 */
function text(s: string): string {
  return isRaw(s) ? '"' + s + '"' : JSON.stringify(s);
}

/** {@link canonicalJson} of one value (called for every member and element). */
function valueJson(value: unknown): string {
  if (typeof value === 'string') return text(value);
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

function arrayJson(a: readonly unknown[]): string {
  let s = '[';
  for (let i = 0; i < a.length; i++) {
    if (i > 0) s += ',';
    const v = a[i];
    s += v === undefined ? 'null' : valueJson(v);
  }
  return s + ']';
}

function objectJson(o: Record<string, unknown>): string {
  const keys = Object.keys(o);
  const writer = OBJECT_WRITERS.of(keys);
  const written = writer === null ? null : writer(o, valueJson);
  return written ?? membersJson(o, sortKeys(keys));
}

/**
 * Writes an object of one shape (its own enumerable keys, in their order): its members in
 * JCS order, each key's text fixed in the function's code and each value read by name;
 * null when a value is undefined (left out of JSON: written member by member).
 */
type ObjectWriter = (
  o: Readonly<Record<string, unknown>>,
  value: (v: unknown) => string,
) => string | null;

/**
 * The writers of the object shapes met (see `ShapeCache`): a payload type repeats its
 * shape. In place of sorting each object's keys and looking each key's text up in a map
 * (and reading each value by a computed key), one call of the shape's function. None for an
 * empty object. (A key `__proto__` of a shape is an own property: read by name, it is that
 * property, which hides the prototype's accessor.)
 */
const OBJECT_WRITERS = new ShapeCache<ObjectWriter | null>((keys) => {
  if (keys.length === 0) return null;
  const sorted = [...keys].sort();
  const reads = sorted.map((k, i) => `const v${i} = o[${JSON.stringify(k)}];`).join(' ');
  const missing = sorted.map((_, i) => `v${i} === undefined`).join(' || ');
  const members = sorted
    .map(
      (k, i) => `${JSON.stringify(`${i === 0 ? '{' : ','}${JSON.stringify(k)}:`)} + value(v${i})`,
    )
    .join(' + ');
  // Code generation from strings refused (--disallow-code-generation-from-strings, a policy):
  // `new Function` throws, and the cache writes such objects member by member.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- keys are quoted JSON strings
  return new Function(
    'o',
    'value',
    `${reads} if (${missing}) return null; return ${members} + '}';`,
  ) as ObjectWriter;
});

/** The members of `o` in the order of `keys` (sorted), undefined values left out. */
function membersJson(o: Record<string, unknown>, keys: readonly string[]): string {
  let s = '{';
  let first = true;
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    const prefix = keyPrefix(k);
    s += (first ? prefix.first : prefix.next) + valueJson(v);
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
  const first = text(k) + ':';
  const made = { first, next: ',' + first };
  if (KEY_PREFIXES.size < KEY_PREFIXES_MAX && k.length <= KEY_PREFIX_MAX_LENGTH)
    KEY_PREFIXES.set(k, made);
  return made;
}

/** Up to this many keys an insertion sort beats `Array.prototype.sort` (see below). */
const INSERTION_SORT_MAX = 16;

/**
 * An object's own enumerable keys, sorted in place in JCS order (UTF-16 code units, the
 * order of `<` on strings and of the default `sort`). A payload has a handful of keys: an insertion sort
 * of them allocates nothing, where the built-in sort sets up a work area per call.
 */
function sortKeys(keys: string[]): string[] {
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
  if (isRaw(eventId) && isRaw(prevHash) && isRawAt(0, stream) && isRawAt(1, type))
    // The usual case: each string field goes between the quotes of the literal text
    // around it (fewer pieces to join than with text()).
    return (
      '{"data":' +
      valueJson(e.data) +
      ',"eventId":"' +
      eventId +
      '","meta":' +
      metaJson(e.meta) +
      ',"prevHash":"' +
      prevHash +
      '","revision":' +
      valueJson(e.revision) +
      ',"schemaVersion":' +
      valueJson(e.schemaVersion) +
      ',"stream":"' +
      stream +
      '","type":"' +
      type +
      '"}'
    );
  return (
    '{"data":' +
    valueJson(e.data) +
    ',"eventId":' +
    text(eventId) +
    ',"meta":' +
    metaJson(e.meta) +
    ',"prevHash":' +
    text(prevHash) +
    ',"revision":' +
    valueJson(e.revision) +
    ',"schemaVersion":' +
    valueJson(e.schemaVersion) +
    ',"stream":' +
    text(stream) +
    ',"type":' +
    text(type) +
    '}'
  );
}

/**
 * A string that JSON writes as it is between quotes: no `"`, backslash or control character
 * (one match of {@link RAW_TEXT} over the whole string, a tight loop of the engine's) and no
 * lone surrogate (`isWellFormed`, native, at once for a string of one-byte characters; a
 * surrogate pair is written as it is, as `JSON.stringify` does).
 *
 * Checked string by string. Before, the strings were written unchecked but for `"` and the
 * whole output was searched once for the other characters: that search had to flatten the
 * output (some 25 pieces joined, copied into one string) before hashing it, which the hash
 * does not need (it reads the pieces as they are); with checks of the strings alone, the
 * hash of an event's canonical JSON took about 6% less time, the JSON alone 40% less.
 */
function isRaw(u: unknown): u is string {
  return typeof u === 'string' && RAW_TEXT.test(u) && wellFormed(u);
}

/**
 * {@link isRaw}, remembering the last string found raw at each of a few fields whose values
 * repeat from event to event (slot 0 the stream, 1 the type, then meta's fields): the same
 * string again (the same object, or equal text) is found raw by one comparison, where the
 * check costs 25-40 ns a string. Only a string found raw is kept, so a hit is exact.
 */
function isRawAt(slot: number, u: unknown): u is string {
  if (u === LAST_RAW[slot] || u === lastRaw || u === lastRawBefore) return true;
  if (!isRaw(u)) return false;
  LAST_RAW[slot] = u;
  lastRawBefore = lastRaw;
  lastRaw = u;
  return true;
}

/** The strings {@link isRawAt} found raw last, by slot (the empty string is raw). */
const LAST_RAW: string[] = Array.from({ length: 12 }, () => '');

/**
 * The last two strings {@link isRawAt} checked and found raw, whatever their slot: the ids
 * of a command's lineage are mostly one string (`correlationId` and `causationId` default to
 * the `commandId`), new with every command, and `commandHash` comes between them in JCS
 * order (`causationId`, `commandHash`, `commandId`, `correlationId`).
 */
let lastRaw = '';
let lastRawBefore = '';

/** Text without `"`, backslash or control character (U+0000 to U+001F), as a whole. */
// eslint-disable-next-line no-control-regex
const RAW_TEXT = /^[^"\\\u0000-\u001f]*$/;

/** `String.prototype.isWellFormed` (ES2024; the compiler's library here is ES2022). */
const IS_WELL_FORMED = (String.prototype as { isWellFormed?: (this: string) => boolean })
  .isWellFormed;

/** No lone surrogate in `s` (without `isWellFormed`: no surrogate at all, a stricter test). */
const wellFormed: (s: string) => boolean =
  IS_WELL_FORMED === undefined ? (s) => !SURROGATE.test(s) : (s) => IS_WELL_FORMED.call(s);

const SURROGATE = /[\ud800-\udfff]/;

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
function metaMember(s: string, first: string, next: string, v: unknown, slot: number): string {
  return (
    (s === '' ? first : s + next) +
    (typeof v === 'string' && isRawAt(slot, v) ? '"' + v + '"' : valueJson(v))
  );
}

/** {@link keyedMetaJson} with each field read by name (the keys of {@link NAMED_META_KEYS}). */
function namedMetaJson(m: EventMeta): string {
  let s = '';
  if (m.actor !== undefined) s = metaMember(s, '{"actor":', ',"actor":', m.actor, 2);
  if (m.backfill !== undefined) s = metaMember(s, '{"backfill":', ',"backfill":', m.backfill, 3);
  if (m.causationId !== undefined)
    s = metaMember(s, '{"causationId":', ',"causationId":', m.causationId, 4);
  if (m.commandHash !== undefined)
    s = metaMember(s, '{"commandHash":', ',"commandHash":', m.commandHash, 5);
  if (m.commandId !== undefined)
    s = metaMember(s, '{"commandId":', ',"commandId":', m.commandId, 6);
  if (m.correlationId !== undefined)
    s = metaMember(s, '{"correlationId":', ',"correlationId":', m.correlationId, 7);
  if (m.credentialId !== undefined)
    s = metaMember(s, '{"credentialId":', ',"credentialId":', m.credentialId, 8);
  if (m.occurredAt !== undefined)
    s = metaMember(s, '{"occurredAt":', ',"occurredAt":', m.occurredAt, 9);
  if (m.recordedAt !== undefined)
    s = metaMember(s, '{"recordedAt":', ',"recordedAt":', m.recordedAt, 10);
  if (m.role !== undefined) s = metaMember(s, '{"role":', ',"role":', m.role, 11);
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
    s += prefix + valueJson(v);
  }
  return s === '' ? '{}' : s + '}';
}
