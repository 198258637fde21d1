import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import {
  canonicalEnvelopeJson,
  canonicalJson,
  computeEventHash,
  GENESIS_HASH,
  hashedPart,
  sha256Hex,
  type Envelope,
} from '@assure/event-store';
import { arbHash, arbInstantBetween } from '@assure/testing';
import { canonicalBuiltEnvelopeJson } from '../src/envelope/canonical';
import { computeBuiltEventHash } from '../src/envelope/hash';

// The hash chain's serializers against their references, on inputs that reach every branch
// of the fast paths: strings short and long, with and without characters to escape; objects
// with few keys and with many (the key sort's two paths), keys that look like array indexes.

const instant = arbInstantBetween('1970-01-01T00:00:00.000Z', '2999-12-31T23:59:59.999Z');
/** One UTF-16 code unit, a surrogate half one time in four. */
const codeUnit = fc
  .oneof(
    fc.integer({ min: 0, max: 0xffff }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
    fc.nat(127),
    fc.nat(127),
  )
  .map((c) => String.fromCharCode(c));
/** Strings either side of the short-string limit, plain or with escapes and surrogates. */
const anyText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 120 }),
  fc.string({ minLength: 1, maxLength: 120, unit: 'binary' }),
  fc.string({ minLength: 40, maxLength: 200, unit: 'grapheme-ascii' }),
  // Any UTF-16 code units: lone surrogates (escaped) and pairs (written as they are).
  fc.string({ minLength: 1, maxLength: 60, unit: codeUnit }),
);
const key = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.nat(200).map(String),
  anyText,
  // Keys a writer reading by name must not mistake for something else.
  fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'length', ''),
);
const payload = fc.oneof(
  fc.dictionary(key, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 8 }),
  fc.dictionary(key, fc.oneof(anyText, fc.integer(), fc.boolean()), {
    minKeys: 17,
    maxKeys: 40,
  }),
);

const envelope = fc.record({
  position: fc.nat().map(String),
  stream: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,127}$/), anyText),
  revision: fc.nat(),
  eventId: anyText,
  type: anyText,
  schemaVersion: fc.integer({ min: 1, max: 5 }),
  data: payload,
  meta: fc.record(
    {
      actor: anyText,
      role: anyText,
      occurredAt: instant,
      recordedAt: instant,
      commandId: anyText,
      correlationId: anyText,
      causationId: anyText,
      commandHash: arbHash,
      credentialId: anyText,
      backfill: fc.constant(true as const),
    },
    { requiredKeys: ['actor', 'role', 'occurredAt', 'recordedAt'] },
  ),
  prevHash: fc.oneof(arbHash, anyText),
  hash: arbHash,
});

describe('the canonical JSON of the hash chain', () => {
  it('canonicalEnvelopeJson is byte for byte the general canonical JSON of the hashed part', () => {
    fc.assert(
      fc.property(envelope, (built) => {
        const e = JSON.parse(JSON.stringify(built)) as Envelope;
        const reference = canonicalize(hashedPart(e));
        expect(canonicalEnvelopeJson(e)).toBe(reference);
        expect(canonicalJson(hashedPart(e))).toBe(reference);
        expect(computeEventHash(e)).toBe(sha256Hex(reference));
      }),
      { numRuns: 1000 },
    );
  });

  it('canonicalJson sorts objects of any number of keys as the library does', () => {
    fc.assert(
      fc.property(payload, fc.array(payload, { maxLength: 3 }), (o, list) => {
        expect(canonicalJson(o)).toBe(canonicalize(o));
        expect(canonicalJson({ list, o })).toBe(canonicalize({ list, o }));
      }),
      { numRuns: 400 },
    );
  });

  it('is exact for envelopes whose fields repeat, with and without escapes (remembered raw strings)', () => {
    // Few values per field, so the same text comes back at the same field, raw or not.
    const few = fc.constantFrom('a', 'b\\', 'c"', 'd\n', '\ud800', 'é', 'a'.repeat(3), '');
    const repeated = envelope.chain((e) =>
      fc.record({ stream: few, type: few, actor: few, role: few }).map((f) => ({
        ...e,
        stream: f.stream,
        type: f.type,
        meta: { ...e.meta, actor: f.actor, role: f.role },
      })),
    );
    fc.assert(
      fc.property(fc.array(repeated, { minLength: 2, maxLength: 8 }), (list) => {
        for (const e of list)
          expect(computeEventHash(e)).toBe(sha256Hex(canonicalize(hashedPart(e))));
      }),
      { numRuns: 300 },
    );
  });

  it('is exact when one text comes at different fields (a lineage), with and without escapes', () => {
    // The lineage ids mostly one string, new with each command, or another field's text.
    const few = fc.constantFrom('a', 'b\\', 'c"', 'd\n', '\ud800', 'é', '');
    const shared = envelope.chain((e) =>
      fc
        .record({ id: fc.oneof(few, anyText), other: few, pick: fc.nat(7) })
        .map(({ id, other, pick }) => {
          const at = (bit: number): string => ((pick >> bit) & 1 ? other : id);
          return {
            ...e,
            meta: {
              ...e.meta,
              actor: other,
              commandId: id,
              correlationId: at(0),
              causationId: at(1),
              ...(pick & 4 ? { credentialId: id } : {}),
            },
          };
        }),
    );
    fc.assert(
      fc.property(fc.array(shared, { minLength: 2, maxLength: 8 }), (list) => {
        for (const e of list)
          expect(computeEventHash(e)).toBe(sha256Hex(canonicalize(hashedPart(e))));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out undefined members as the library does, objects of one shape met again', () => {
    // The same keys each time, some values undefined: the writer made for the shape hands
    // such an object to the member-by-member path.
    const value = fc.oneof(
      fc.constant(undefined),
      anyText,
      fc.integer(),
      fc.jsonValue({ maxDepth: 1 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value, value), { maxLength: 6 }), (rows) => {
        for (const [a, b, c] of rows) {
          const o = { z: a, a: b, m: c };
          expect(canonicalJson(o)).toBe(canonicalize(o));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same text for the same keys met again (the cached key prefixes)', () => {
    const keys = ['b', 'a', '10', '9', 'é', '"q"', 'k'.repeat(80)];
    for (let round = 0; round < 3; round++) {
      const o = Object.fromEntries(keys.map((k, i) => [k, i + round]));
      expect(canonicalJson(o)).toBe(canonicalize(o));
    }
  });
});

describe('the canonical JSON of an envelope a store built', () => {
  // What a store hands `canonicalBuiltEnvelopeJson`: a checked stream name, and a prevHash it
  // wrote (or the genesis hash). Every other field as any caller may give it.
  const built = envelope.chain((e) =>
    fc
      .record({
        stream: fc.stringMatching(/^[a-z][a-z0-9-]{0,127}$/),
        prevHash: fc.oneof(arbHash, fc.constant(GENESIS_HASH)),
        // Versions inside and outside the table of written pieces, the revision any.
        schemaVersion: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.nat()),
        revision: fc.oneof(fc.nat(), fc.constant(2 ** 53 - 1)),
      })
      .map((f) => ({ ...e, ...f })),
  );

  it('is byte for byte the general canonical JSON of the hashed part', () => {
    fc.assert(
      fc.property(built, (b) => {
        const e = JSON.parse(JSON.stringify(b)) as Envelope;
        const reference = canonicalize(hashedPart(e));
        expect(canonicalBuiltEnvelopeJson(e)).toBe(reference);
        expect(computeBuiltEventHash(e)).toBe(sha256Hex(reference));
      }),
      { numRuns: 1000 },
    );
  });

  it('is exact for payloads of one shape whose values repeat, raw or not (each member remembers its last raw string)', () => {
    // One payload shape, few values per member: the same text comes back at the same member,
    // after a raw string or another kind of value, as the first member or a later one.
    const few = fc.constantFrom<unknown>(
      'a',
      'b\\',
      'c"',
      'd\n',
      '\ud800',
      '\ud83d\ude00',
      'é',
      '',
      7,
      -0,
      0.5,
      true,
      null,
      { x: 'a' },
      ['a', 'b"'],
    );
    const repeated = built.chain((e) =>
      fc
        .record({ z: few, a: few, m: few, n: few, stream: few, type: few, actor: few })
        .map(({ z, a, m, n, type, actor }) => ({
          ...e,
          type: typeof type === 'string' ? type : e.type,
          data: { z, a, m, n },
          meta: { ...e.meta, ...(typeof actor === 'string' ? { actor } : {}) },
        })),
    );
    fc.assert(
      fc.property(fc.array(repeated, { minLength: 2, maxLength: 10 }), (list) => {
        for (const e of list) {
          const reference = canonicalize(hashedPart(e));
          expect(canonicalBuiltEnvelopeJson(e)).toBe(reference);
          expect(canonicalEnvelopeJson(e)).toBe(reference);
        }
      }),
      { numRuns: 300 },
    );
  });
});
