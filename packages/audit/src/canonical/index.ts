import { canonicalJson, type Envelope, type HashedEnvelope } from '@assure/event-store';

/**
 * A fast RFC 8785 (JCS) serializer for the JSON values an envelope holds (strings, safe
 * integers, booleans, null, plain objects and arrays). Any other number, and anything that
 * is not plain JSON data, is handed to the library serializer (`canonicalJson` of
 * `@assure/event-store`, json-canonicalize), so the output is always the library's; a
 * property test proves them equal. Like the library, object properties holding `undefined`
 * are skipped and `undefined` array items become `null`.
 *
 * @example
 * fastCanonicalJson({ b: 1, a: [true, null, 'x'] }); // '{"a":[true,null,"x"],"b":1}'
 */
export function fastCanonicalJson(value: unknown): string {
  if (typeof value === 'string') return str(value);
  if (typeof value === 'number')
    return Number.isSafeInteger(value) && !Object.is(value, -0)
      ? String(value)
      : canonicalJson(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  if (Array.isArray(value)) return arrayJson(value as readonly unknown[]);
  if (
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype &&
    !('toJSON' in value)
  )
    return objectJson(value as Record<string, unknown>);
  // bigint, functions, symbols, undefined, class instances: whatever the library does.
  return canonicalJson(value);
}

// Characters JSON.stringify (and so JCS) escapes, plus surrogates (lone ones are escaped).
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/** A JSON string literal: the text in quotes when nothing needs escaping, else JSON.stringify. */
const str = (s: string): string => (NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : '"' + s + '"');

function arrayJson(a: readonly unknown[]): string {
  let s = '[';
  for (let i = 0; i < a.length; i++) {
    if (i > 0) s += ',';
    const v = a[i];
    s += v === undefined ? 'null' : fastCanonicalJson(v);
  }
  return s + ']';
}

function objectJson(o: Record<string, unknown>): string {
  const keys = Object.keys(o).sort();
  let s = '{';
  let first = true;
  for (const k of keys) {
    const v = o[k];
    if (v === undefined) continue;
    if (!first) s += ',';
    first = false;
    s += str(k) + ':' + fastCanonicalJson(v);
  }
  return s + '}';
}

/**
 * The RFC 8785 canonical JSON of an envelope's hashed part (everything but `position` and
 * `hash`), written field by field in JCS key order; `data` goes through
 * {@link fastCanonicalJson}. Equal to `canonicalJson(hashedPart(e))` of `@assure/event-store`
 * for every envelope the codec accepts (proved by a property test).
 */
export function canonicalEnvelopeJson(e: HashedEnvelope | Envelope): string {
  const m = e.meta;
  // JCS sorts keys by UTF-16 code units: data, eventId, meta, prevHash, revision,
  // schemaVersion, stream, type; meta: actor, backfill, causationId, commandId,
  // correlationId, occurredAt, recordedAt, role.
  let meta = '{"actor":' + str(m.actor);
  if (m.backfill !== undefined) meta += ',"backfill":' + fastCanonicalJson(m.backfill);
  if (m.causationId !== undefined) meta += ',"causationId":' + str(m.causationId);
  if (m.commandId !== undefined) meta += ',"commandId":' + str(m.commandId);
  if (m.correlationId !== undefined) meta += ',"correlationId":' + str(m.correlationId);
  meta +=
    ',"occurredAt":' +
    str(m.occurredAt) +
    ',"recordedAt":' +
    str(m.recordedAt) +
    ',"role":' +
    str(m.role) +
    '}';
  return (
    '{"data":' +
    fastCanonicalJson(e.data) +
    ',"eventId":' +
    str(e.eventId) +
    ',"meta":' +
    meta +
    ',"prevHash":' +
    str(e.prevHash) +
    ',"revision":' +
    fastCanonicalJson(e.revision) +
    ',"schemaVersion":' +
    fastCanonicalJson(e.schemaVersion) +
    ',"stream":' +
    str(e.stream) +
    ',"type":' +
    str(e.type) +
    '}'
  );
}
