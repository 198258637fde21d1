import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import {
  canonicalEnvelopeJson,
  EventMeta,
  canonicalJson,
  computeEventHash,
  Envelope,
  ENVELOPE_FIELDS,
  hashedPart,
  isEnvelopeFast,
  sha256Hex,
} from '@assure/event-store';
import { arbHash, arbInstantBetween } from '@assure/testing';

const instant = arbInstantBetween('0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z');
const text = fc.string({ minLength: 1, maxLength: 12, unit: 'binary' });

const validEnvelope = fc.record({
  position: fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
  stream: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
  revision: fc.nat(),
  eventId: text,
  type: text,
  schemaVersion: fc.integer({ min: 1, max: 5 }),
  data: fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue({ maxDepth: 3 })),
  meta: fc.record(
    {
      actor: text,
      role: text,
      occurredAt: instant,
      recordedAt: instant,
      commandId: text,
      correlationId: text,
      causationId: text,
      commandHash: arbHash,
      credentialId: text,
      backfill: fc.constant(true as const),
    },
    { requiredKeys: ['actor', 'role', 'occurredAt', 'recordedAt'] },
  ),
  prevHash: arbHash,
  hash: arbHash,
});

// Values a hand edit might leave in a field: near misses of every rule of the codec.
const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    '',
    '-1',
    '01',
    '2019-02-29T00:00:00.000Z',
    '2020-02-29T00:00:00.000Z',
    '2019-04-31T10:00:00.000Z',
    '2019-03-12T24:00:00.000Z',
    '2019-03-12T23:60:00.000Z',
    '2019-03-12T23:59:60.000Z',
    '2019-13-01T00:00:00.000Z',
    '2019-00-10T00:00:00.000Z',
    '2019-03-12T00:00:00Z',
    '+02019-03-12T00:00:00.000Z',
    'A'.repeat(64),
    '0'.repeat(63),
    'Risk-equal-pay',
    `r${'a'.repeat(128)}`,
    `r${'a'.repeat(127)}`,
    'risk-',
    'risk_equal-pay',
    'risk-\u00e9',
    '1risk',
    '\u0663',
    '1e3',
    ' 1',
    '10\u0000',
    -0,
    1.5,
    0,
    2 ** 53,
    false,
    null,
    [],
    {},
  ),
);

const mutated = fc
  .tuple(
    validEnvelope,
    fc.constantFrom('top', 'meta'),
    fc.constantFrom(
      ...ENVELOPE_FIELDS,
      'actor',
      'role',
      'occurredAt',
      'recordedAt',
      'commandId',
      'commandHash',
      'credentialId',
      'backfill',
      'extra',
    ),
    fc.option(oddValue, { nil: undefined }),
  )
  .map(([e, where, key, value]) => {
    const copy = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
    const target =
      where === 'top' ? copy : ((copy['meta'] as Record<string, unknown> | undefined) ?? copy);
    if (value === undefined) delete target[key];
    else target[key] = value;
    return copy;
  });

describe('fast paths equal the normative codec and the reference canonical JSON', () => {
  it('isEnvelopeFast agrees with Envelope.is on valid and hand-edited envelopes', () => {
    fc.assert(
      fc.property(fc.oneof(validEnvelope, mutated), (e) => {
        const parsed: unknown = JSON.parse(JSON.stringify(e));
        expect(isEnvelopeFast(parsed)).toBe(Envelope.is(parsed));
      }),
      { numRuns: 1500 },
    );
  });

  it('isEnvelopeFast agrees with Envelope.is on swapped keys and odd hash digits', () => {
    fc.assert(
      fc.property(
        validEnvelope,
        fc.constantFrom('position', 'revision', 'data', 'meta', 'hash', 'prevHash', 'type'),
        fc.constantFrom('hash', 'prevHash'),
        fc.nat({ max: 63 }),
        fc.constantFrom(
          'A',
          'F',
          'g',
          'G',
          ' ',
          '\u00e9',
          '\u0130',
          '\u0661',
          '\uff10',
          '\u0130'.toLowerCase(),
          String.fromCharCode(48 + 128),
          '0',
        ),
        (e, missing, which, at, digit) => {
          // One required key traded for an unknown one: the key count stays the same.
          const swapped = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
          swapped['extra'] = swapped[missing];
          delete swapped[missing];
          expect(isEnvelopeFast(swapped)).toBe(Envelope.is(swapped));
          expect(isEnvelopeFast(swapped)).toBe(false);
          // One digit of a hash replaced (upper case, non-hex, non-ASCII such as a digit's
          // code plus 128, or still a digit).
          const odd = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
          const hash = String(odd[which]);
          odd[which] = hash.slice(0, at) + digit + hash.slice(at + 1);
          expect(isEnvelopeFast(odd)).toBe(Envelope.is(odd));
          // The same digit in the meta's commandHash.
          const oddMeta = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
          const meta = oddMeta['meta'] as Record<string, unknown>;
          const commandHash = hash;
          meta['commandHash'] = commandHash.slice(0, at) + digit + commandHash.slice(at + 1);
          expect(isEnvelopeFast(oddMeta)).toBe(Envelope.is(oddMeta));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('isEnvelopeFast agrees with Envelope.is on instants met again (the last valid one remembered)', () => {
    const nearMisses = [
      '2019-02-29T00:00:00.000Z',
      '2019-03-12T24:00:00.000Z',
      '2019-03-12T00:00:00Z',
      '+02019-03-12T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      '2020-02-29T00:00:00.000Z',
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(validEnvelope, fc.constantFrom(...nearMisses), fc.constantFrom(0, 1, 2, 3)),
          { minLength: 1, maxLength: 6 },
        ),
        (list) => {
          for (const [e, at, how] of list) {
            const copy = JSON.parse(JSON.stringify(e)) as Envelope;
            // The same text at both times, at one of them, or neither.
            const meta = {
              ...copy.meta,
              ...(how & 1 ? { occurredAt: at } : {}),
              ...(how & 2 ? { recordedAt: at } : {}),
            };
            const u: unknown = { ...copy, meta };
            expect(isEnvelopeFast(u)).toBe(Envelope.is(u));
            // Twice: the second look may be answered from what the first remembered.
            expect(isEnvelopeFast(u)).toBe(Envelope.is(u));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('isEnvelopeFast refuses what is not an object', () => {
    for (const u of [null, 1, 'x', [], true]) expect(isEnvelopeFast(u)).toBe(Envelope.is(u));
  });

  it('canonicalJson equals the json-canonicalize library for any JSON value and number', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.jsonValue({ stringUnit: 'binary' })),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (v, n) => {
          expect(canonicalJson(v)).toBe(canonicalize(v));
          expect(canonicalJson(n)).toBe(canonicalize(n));
          expect(canonicalJson({ n, v, nested: [v, { n }] })).toBe(
            canonicalize({ n, v, nested: [v, { n }] }),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('canonicalJson follows the library for values that are not plain JSON data', () => {
    const odd: unknown[] = [
      { a: undefined, b: 1 },
      [undefined, 1],
      -0,
      1e21,
      0.1,
      { toJSON: () => 'x' },
      '\ud800',
      'é\u2028',
    ];
    for (const v of odd) expect(canonicalJson(v)).toBe(canonicalize(v));
  });

  it('computeEventHash is SHA-256 of the canonical JSON of the hashed part', () => {
    fc.assert(
      fc.property(validEnvelope, (e) => {
        const parsed = JSON.parse(JSON.stringify(e)) as Envelope;
        expect(canonicalEnvelopeJson(parsed)).toBe(canonicalize(hashedPart(parsed)));
        expect(computeEventHash(parsed)).toBe(sha256Hex(canonicalize(hashedPart(parsed))));
      }),
      { numRuns: 1000 },
    );
  });

  it('the RFC 8785 key order example: keys sorted by UTF-16 code units', () => {
    expect(
      canonicalJson({
        '\u20ac': 'Euro',
        '\r': 'CR',
        '\ufb33': 'Hebrew',
        '1': 'One',
        '\ud83d\ude00': 'Smiley',
        '\u0080': 'Control',
        '\u00f6': 'Latin',
      }),
    ).toBe(
      '{"\\r":"CR","1":"One","\u0080":"Control","\u00f6":"Latin","\u20ac":"Euro","\ud83d\ude00":"Smiley","\ufb33":"Hebrew"}',
    );
  });
});

describe('the meta fields of the fast paths', () => {
  it('are the codec’s: the arbitrary above sets every field EventMeta declares', () => {
    const declared = [...Object.keys(EventMeta.required), ...Object.keys(EventMeta.optional)];
    const sample = fc.sample(validEnvelope, 200);
    const seen = new Set(sample.flatMap((e) => Object.keys(e.meta)));
    expect([...seen].sort()).toEqual(declared.sort());
  });
});
