import { canonicalize } from 'json-canonicalize';
import { EventMeta, type Envelope, type HashedEnvelope } from './codec';
import { isRaw, isRawAt, keyPrefix, text } from './raw-text';
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
  const written = writer === null ? null : writer(o);
  return written ?? membersJson(o, sortKeys(keys));
}

/**
 * Writes an object of one shape (its own enumerable keys, in their order): its members in
 * JCS order, each key's text fixed in the function's code and each value read by name;
 * null when a value is undefined (left out of JSON: written member by member).
 */
type ObjectWriter = (o: Readonly<Record<string, unknown>>) => string | null;

/**
 * The writers of the object shapes met (see `ShapeCache`): a payload type repeats its
 * shape. In place of sorting each object's keys and looking each key's text up in a map
 * (and reading each value by a computed key), one call of the shape's function. None for an
 * empty object. (A key `__proto__` of a shape is an own property: read by name, it is that
 * property, which hides the prototype's accessor.)
 *
 * A string value that JSON writes as it is goes between the quotes of the fixed text around
 * it (`{"a":"` + value + `","b":` ...): two string joins per member where a quoted value
 * took three, and fewer pieces for the hash to flatten. Each member remembers the last
 * string it found raw, so a value that repeats (a status, a code, a fixed text) is not
 * searched again; a long text searched costs some 15 instructions a character.
 */
const OBJECT_WRITERS = new ShapeCache<ObjectWriter | null>((keys) => {
  if (keys.length === 0) return null;
  const sorted = [...keys].sort();
  const reads = sorted.map((k, i) => `const v${i} = o[${JSON.stringify(k)}];`).join(' ');
  const missing = sorted.map((_, i) => `v${i} === undefined`).join(' || ');
  const members = sorted
    .map((k, i) => {
      const key = JSON.stringify(k);
      const raw = `typeof v${i} === 'string' && (v${i} === last[${i}] || rawAt(last, ${i}, v${i}))`;
      if (i === 0)
        return (
          `if (${raw}) { s = ${JSON.stringify(`{${key}:"`)} + v${i}; open = true; } ` +
          `else { s = ${JSON.stringify(`{${key}:`)} + value(v${i}); open = false; }`
        );
      return (
        `if (${raw}) { s = s + (open ? ${JSON.stringify(`",${key}:"`)} : ${JSON.stringify(`,${key}:"`)}) + v${i}; open = true; } ` +
        `else { s = s + (open ? ${JSON.stringify(`",${key}:`)} : ${JSON.stringify(`,${key}:`)}) + value(v${i}); open = false; }`
      );
    })
    .join(' ');
  // Code generation from strings refused (--disallow-code-generation-from-strings, a policy):
  // `new Function` throws, and the cache writes such objects member by member.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- keys are quoted JSON strings
  const make = new Function(
    'value',
    'rawAt',
    'last',
    `return function (o) { ${reads} if (${missing}) return null; let s; let open; ${members} return open ? s + '"}' : s + '}'; };`,
  ) as (
    value: (v: unknown) => string,
    rawAt: (last: string[], i: number, v: string) => boolean,
    last: string[],
  ) => ObjectWriter;
  return make(
    valueJson,
    rawAt,
    sorted.map(() => ''),
  );
});

/** {@link isRaw} of `v`, kept as `last[i]` when it is (a writer's member `i`). */
function rawAt(last: string[], i: number, v: string): boolean {
  if (!isRaw(v)) return false;
  last[i] = v;
  return true;
}

/** The members of `o` in the order of `keys` (sorted), undefined values left out. */
function membersJson(o: Record<string, unknown>, keys: readonly string[]): string {
  let s = '';
  // A raw string value is written without its closing quote, which goes before what comes
  // next (as in the writers made per shape).
  let open = false;
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    const prefix = keyPrefix(k);
    if (isRaw(v)) {
      s = s + (s === '' ? prefix.firstText : open ? prefix.afterTextText : prefix.nextText) + v;
      open = true;
    } else {
      s = s + (s === '' ? prefix.first : open ? prefix.afterText : prefix.next) + valueJson(v);
      open = false;
    }
  }
  return s === '' ? '{}' : open ? s + '"}' : s + '}';
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
  return envelopeJson(e, false);
}

/**
 * {@link canonicalEnvelopeJson} of an envelope a store built and checked before hashing it:
 * its `prevHash` is the `hash` of an envelope it stored (64 hex digits, as `sha256Hex`
 * writes them) or `GENESIS_HASH`, and its `stream` is a stream name
 * (`StreamName`, checked). Neither is searched for characters to escape, which they cannot
 * have: 1.3k fewer instructions per event (callgrind), a hash's 64 characters the most
 * searched text of an event. Inside this package only (not exported from its index).
 */
export function canonicalBuiltEnvelopeJson(e: HashedEnvelope | Envelope): string {
  return envelopeJson(e, true);
}

function envelopeJson(e: HashedEnvelope | Envelope, built: boolean): string {
  // JCS order: data, eventId, meta, prevHash, revision, schemaVersion, stream, type.
  const { eventId, prevHash, stream, type, revision, schemaVersion } = e;
  if (
    isRaw(eventId) &&
    (built || (isRaw(prevHash) && isRawAt(0, stream))) &&
    isRawAt(1, type) &&
    Number.isSafeInteger(revision)
  ) {
    // The usual case: each string field goes between the quotes of the literal text
    // around it, and meta's end joins the text after it (fewer pieces to join and for the
    // hash to flatten; each piece costs some 90 instructions).
    const data = valueJson(e.data);
    const meta = metaMembers(e.meta);
    const afterMeta =
      meta === '' ? '{},"prevHash":"' : metaOpen ? '"},"prevHash":"' : '},"prevHash":"';
    return (
      '{"data":' +
      data +
      ',"eventId":"' +
      eventId +
      '","meta":' +
      meta +
      afterMeta +
      prevHash +
      '","revision":' +
      // A safe integer: `+` writes it as `String` does.
      revision +
      schemaVersionAndStream(schemaVersion) +
      stream +
      '","type":"' +
      type +
      '"}'
    );
  }
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

/** The required and the optional fields of `meta`, as the `EventMeta` codec declares them. */
const META_REQUIRED: Readonly<Record<string, { is: (u: unknown) => boolean }>> = EventMeta.required;
const META_OPTIONAL: Readonly<Record<string, { is: (u: unknown) => boolean }>> = EventMeta.optional;
/** Every field of `meta` in JCS order (UTF-16 code units: the default sort's). */
const META_KEYS: readonly string[] = [
  ...Object.keys(META_REQUIRED),
  ...Object.keys(META_OPTIONAL),
].sort();

/**
 * What comes before each member of meta: for the field at `i` of {@link META_KEYS}, the
 * entry at `6 * i + 2 * state + (raw ? 1 : 0)`, where `state` is 0 for the first member
 * (after `{`), 1 after a member and 2 after a raw string left open (its closing quote goes
 * first), and `raw` says the value is a raw string written without quotes around it (its
 * opening quote goes last). See {@link metaMember}.
 */
const META_PREFIXES: readonly string[] = META_KEYS.flatMap((k) => {
  const key = `${JSON.stringify(k)}:`;
  return [`{${key}`, `{${key}"`, `,${key}`, `,${key}"`, `",${key}`, `",${key}"`];
});

/**
 * The canonical JSON of a valid `meta`: its fields in JCS order, taken from the codec's
 * declaration, so a field added to `EventMeta` is hashed without a change here. While the
 * codec declares exactly {@link NAMED_META_KEYS}, each field is read by name (a load the
 * engine caches per object shape); a read by a computed key went through the engine's
 * generic lookup for every field of every event hashed.
 */
function metaJson(m: EventMeta): string {
  return metaEnd(metaMembers(m));
}

/**
 * {@link metaJson} without its end: `{` and the members, the last raw string left open
 * ({@link metaOpen}); empty when there are none.
 */
function metaMembers(m: EventMeta): string {
  return META_NAMED ? namedMetaMembers(m) : keyedMetaMembers(m);
}

/** The fields of `meta` {@link namedMetaMembers} reads by name, in JCS order. */
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
 * Meta's members so far (`s`, empty before the first) followed by the field at `i` of
 * {@link META_KEYS} with value `v`. A raw string is written without its closing quote,
 * which goes before the next member or the end: two string joins per member where a
 * quoted value took four (an event's meta was about 20 of the 48 pieces of its canonical
 * JSON, each a string the hash flattens and the collector frees).
 */
function metaMember(s: string, i: number, v: unknown, slot: number): string {
  const at = 6 * i + (s === '' ? 0 : metaOpen ? 4 : 2);
  if (typeof v === 'string' && isRawAt(slot, v)) {
    metaOpen = true;
    return s + (META_PREFIXES[at + 1] as string) + v;
  }
  const json = valueJson(v);
  metaOpen = false;
  return s + (META_PREFIXES[at] as string) + json;
}

/**
 * Whether the last member {@link metaMember} wrote is a raw string still open. Meta is not
 * nested in meta, so no other meta is written between a member and the next.
 */
let metaOpen = false;

/** Meta's members, its end written: `{}` when there are none. */
function metaEnd(s: string): string {
  return s === '' ? '{}' : metaOpen ? s + '"}' : s + '}';
}

/**
 * `,"schemaVersion":<v>,"stream":"` (what comes between the revision and the stream name
 * in the usual case): one piece for the versions up to {@link SCHEMA_VERSION_PIECES}' length.
 */
function schemaVersionAndStream(v: number): string {
  const known =
    Number.isInteger(v) && v >= 0 && v < SCHEMA_VERSION_PIECES.length
      ? SCHEMA_VERSION_PIECES[v]
      : undefined;
  return known ?? ',"schemaVersion":' + valueJson(v) + ',"stream":"';
}

const SCHEMA_VERSION_PIECES: readonly string[] = Array.from(
  { length: 32 },
  (_, v) => `,"schemaVersion":${v},"stream":"`,
);

/** {@link keyedMetaMembers} with each field read by name (the keys of {@link NAMED_META_KEYS}). */
function namedMetaMembers(m: EventMeta): string {
  let s = '';
  if (m.actor !== undefined) s = metaMember(s, 0, m.actor, 2);
  if (m.backfill !== undefined) s = metaMember(s, 1, m.backfill, 3);
  if (m.causationId !== undefined) s = metaMember(s, 2, m.causationId, 4);
  if (m.commandHash !== undefined) s = metaMember(s, 3, m.commandHash, 5);
  if (m.commandId !== undefined) s = metaMember(s, 4, m.commandId, 6);
  if (m.correlationId !== undefined) s = metaMember(s, 5, m.correlationId, 7);
  if (m.credentialId !== undefined) s = metaMember(s, 6, m.credentialId, 8);
  if (m.occurredAt !== undefined) s = metaMember(s, 7, m.occurredAt, 9);
  if (m.recordedAt !== undefined) s = metaMember(s, 8, m.recordedAt, 10);
  if (m.role !== undefined) s = metaMember(s, 9, m.role, 11);
  return s;
}

/** Meta's members, each field of {@link META_KEYS} read by its key (see {@link metaMembers}). */
function keyedMetaMembers(m: EventMeta): string {
  const rec: Readonly<Record<string, unknown>> = m;
  let s = '';
  for (let i = 0; i < META_KEYS.length; i++) {
    const v = rec[META_KEYS[i] as string];
    if (v !== undefined) s = metaMember(s, i, v, 2 + i);
  }
  return s;
}
