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

// The canonical form defines every stored hash: the current writer (strings written as
// they are, one check of the whole output, the exact path when it finds something) must be
// byte for byte RFC 8785 as the json-canonicalize library writes it, which is what the
// writer it replaced (each string checked one by one) was defined to equal. Inputs reach both paths: plain strings, and strings
// with quotes, backslashes, control characters, lone and paired surrogates, in values and
// in keys, beside numbers of every kind and nesting.

/** Code units that are escaped, or sit at the edge of what is. */
const awkward = fc.constantFrom(
  '"',
  '\\',
  '\u0000',
  '\u0008',
  '\n',
  '\u001f',
  ' ',
  '\u007f',
  '\u2028',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
  '\ud83d\ude00',
  'é',
  '/',
  '\ufeff',
);
const oddText = fc
  .array(fc.oneof(fc.string({ maxLength: 6 }), awkward), { maxLength: 8 })
  .map((parts) => parts.join(''));
const anyText = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ maxLength: 80, unit: 'binary' }),
  fc.string({ maxLength: 80, unit: 'grapheme' }),
  oddText,
);
const anyKey = fc.oneof(anyText, fc.constantFrom('__proto__', 'constructor', 'toString', '1', ''));
const anyNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, 0, 1e21, 1e-7, 5e-324, Number.MAX_VALUE, 2 ** 53, -(2 ** 53) - 2, 0.1),
);
const { json } = fc.letrec((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    anyText,
    anyNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('json'), { maxLength: 5 }),
    tie('object'),
  ),
  // Own keys, `__proto__` among them, as JSON.parse makes them.
  object: fc
    .array(fc.tuple(anyKey, tie('json')), { maxLength: 20 })
    .map((entries) => JSON.parse(JSON.stringify(Object.fromEntries(entries))) as unknown),
}));
const instant = arbInstantBetween('1970-01-01T00:00:00.000Z', '2999-12-31T23:59:59.999Z');
const envelope = fc.record({
  position: fc.nat().map(String),
  stream: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), anyText),
  revision: fc.nat(),
  eventId: anyText,
  type: anyText,
  schemaVersion: fc.integer({ min: 1, max: 5 }),
  data: fc.dictionary(anyKey, json, { maxKeys: 10 }),
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
  prevHash: fc.oneof(arbHash, fc.constant(GENESIS_HASH), anyText),
  hash: arbHash,
});

describe('the canonical JSON against the writer it replaced', () => {
  it('canonicalJson writes any JSON value as before', () => {
    fc.assert(
      fc.property(json, (v) => {
        expect(canonicalJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 3000 },
    );
  });

  it('canonicalEnvelopeJson and the hash write any envelope as before', () => {
    fc.assert(
      fc.property(envelope, (built) => {
        const e = JSON.parse(JSON.stringify(built)) as Envelope;
        const reference = canonicalize(hashedPart(e));
        expect(canonicalEnvelopeJson(e)).toBe(reference);
        expect(computeEventHash(e)).toBe(sha256Hex(reference));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes the awkward cases as before', () => {
    const cases: unknown[] = [
      'a"b',
      'a\\b',
      '\ud800',
      'x\udc00y',
      '\ud83d\ude00',
      '\u0000\u001f',
      -0,
      [-0, 1e21, 1e-7, 5e-324],
      JSON.parse('{"__proto__":{"a\\"":1},"\\u0000":"\\ud800","é":[{"b":"\\\\"}]}'),
      { 'k"': 'v', k: 'v"' },
    ];
    for (const c of cases) expect(canonicalJson(c)).toBe(canonicalize(c));
  });
});
