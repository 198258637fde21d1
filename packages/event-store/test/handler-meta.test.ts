import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { CommandMeta, decodeCommandMeta } from '@assure/event-store';

// decodeCommandMeta answers a valid meta without decoding it (a one-pass guard): it must
// accept exactly what the CommandMeta codec accepts, and hand back the same meta.

/** Values for any field: valid and invalid ids, days, instants, and other JSON. */
const value = fc.oneof(
  fc.constantFrom('officer-cfo', 'admin', 'cmd-1', 'x'.repeat(200), 'x'.repeat(201), ''),
  fc.constantFrom('a\u0000b', 'tab\there', '\ud800', 'é'),
  fc.constantFrom('2019-03-12', '2019-02-30', '1899-12-31', '2199-12-31', '2200-01-01'),
  fc.constantFrom('2019-03-12T10:00:00+01:00', '2019-03-12T00:00:00.000Z', '2019-03-12T25:00Z'),
  fc.constantFrom(undefined, null, 7, true, {}, []),
  fc.string({ maxLength: 8 }),
);
const field = fc.constantFrom(
  'actor',
  'role',
  'occurredAt',
  'recordedAt',
  'commandId',
  'correlationId',
  'causationId',
  'credentialId',
  'backfill',
  'other',
  '__proto__',
  'constructor',
);
/** Objects of some of the fields (own data properties, as JSON.parse makes them). */
const meta = fc
  .array(fc.tuple(field, value), { maxLength: 6 })
  .chain((pairs) =>
    fc.record({ actor: value, role: value }, { requiredKeys: [] }).map((base) => ({ base, pairs })),
  )
  .map(({ base, pairs }) => {
    const o: Record<string, unknown> = {};
    for (const [k, v] of [...Object.entries(base), ...pairs])
      Object.defineProperty(o, k, {
        value: v,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return o;
  });

describe('decodeCommandMeta', () => {
  it('accepts exactly what the CommandMeta codec accepts, handing back the same meta', () => {
    fc.assert(
      fc.property(fc.oneof(meta, value), (u) => {
        const ours = decodeCommandMeta(u);
        const codec = CommandMeta.decode(u);
        expect(E.isRight(ours)).toBe(E.isRight(codec));
        if (E.isRight(ours)) expect(ours.right).toBe(u);
      }),
      { numRuns: 3000 },
    );
  });

  it('answers as the codec does for a field inherited rather than own, and a non-enumerable one', () => {
    const inherited: unknown = Object.create(
      { actor: 'officer-cfo' },
      {
        role: { value: 'officer', enumerable: true },
      },
    );
    expect(E.isRight(decodeCommandMeta(inherited))).toBe(E.isRight(CommandMeta.decode(inherited)));
    const hidden: unknown = Object.defineProperty({ actor: 'officer-cfo', role: 'officer' }, 'x', {
      value: 1,
      enumerable: false,
    });
    expect(E.isRight(decodeCommandMeta(hidden))).toBe(E.isRight(CommandMeta.decode(hidden)));
  });
});
