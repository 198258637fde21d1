import fc from 'fast-check';
import type * as t from 'io-ts';
import * as domain from '@assure/domain';
import { compileGuard, eventCodecs, eventDataGuard, eventTypes } from '@assure/domain';
import { arbitraryOf } from './arbitraries';

/** Values near a valid one: each field dropped, replaced, duplicated, or one key added. */
function mutations(valid: unknown): fc.Arbitrary<unknown> {
  const odd = fc.oneof(
    fc.constantFrom<unknown>(
      undefined,
      null,
      '',
      ' ',
      0,
      -1,
      1.5,
      6,
      100,
      Number.NaN,
      true,
      [],
      {},
      'x',
      'A',
      '-a',
      'a--',
      'a'.repeat(65),
      '2019-02-29',
      '2020-02-29',
      '2019-13-01',
      '2019-03-12T24:00:00.000Z',
      '2019-03-12T23:59:60.000Z',
      '2019-03-12T00:00:00.000',
      '\u00a0x',
      '\u00a0',
      'x'.repeat(201),
      ['a', 'a'],
      ['a', 'B'],
      [{ uri: 'x' }],
      [{ uri: 'x', extra: 1 }],
    ),
    fc.anything(),
  );
  if (typeof valid !== 'object' || valid === null || Array.isArray(valid))
    return fc.oneof(fc.constant(valid), odd);
  const rec = valid as Record<string, unknown>;
  const keys = Object.keys(rec);
  const pick = keys.length === 0 ? fc.constant('extra') : fc.constantFrom(...keys);
  return fc.oneof(
    fc.constant(valid),
    pick.map((k) => {
      const { [k]: _dropped, ...rest } = rec;
      return rest;
    }),
    fc.tuple(pick, odd).map(([k, v]) => ({ ...rec, [k]: v })),
    fc.tuple(pick, odd).map(([k, v]) => ({ ...rec, [k]: mutateInner(rec[k], v) })),
    fc.tuple(fc.string(), odd).map(([k, v]) => ({ ...rec, [k]: v })),
    fc.constant([valid]),
  );
}

/** Mutates one level down: an array item or an object field. */
function mutateInner(inner: unknown, v: unknown): unknown {
  if (Array.isArray(inner)) return inner.length === 0 ? [v] : [...inner.slice(1), v];
  if (typeof inner === 'object' && inner !== null) {
    const keys = Object.keys(inner);
    return keys.length === 0 ? { x: v } : { ...inner, [keys[0] as string]: v };
  }
  return v;
}

describe('compileGuard', () => {
  test.each(eventTypes.map((type) => [type]))(
    '%s: the compiled guard agrees with the codec on valid and mutated data',
    (type) => {
      const codec = eventCodecs[type] as t.Mixed;
      const guard = eventDataGuard(type);
      fc.assert(
        fc.property(arbitraryOf(codec).chain(mutations), (u) => {
          expect(guard(u)).toBe(codec.is(u));
        }),
        { numRuns: 300 },
      );
      // Valid values are accepted by both.
      fc.assert(
        fc.property(arbitraryOf(codec), (u) => guard(u) && codec.is(u)),
        { numRuns: 100 },
      );
    },
  );

  /** Each primitive codec, by its exported name, with values near its edges. */
  const primitives = [
    ['Id', fc.stringMatching(/^[a-z0-9-]{0,66}$/)],
    ['CalendarDate', fc.stringMatching(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/)],
    [
      'Instant',
      fc.stringMatching(
        /^[0-9]{4}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-6][0-9]:[0-6][0-9]\.[0-9]{3}Z$/,
      ),
    ],
    ['Level', fc.oneof(fc.integer({ min: -2, max: 8 }), fc.double())],
    ['Percent', fc.oneof(fc.integer({ min: -2, max: 102 }), fc.double())],
    ['Count', fc.oneof(fc.integer(), fc.double(), fc.constant(2 ** 53))],
    ['ShortText', fc.oneof(fc.string({ maxLength: 210 }), fc.string({ unit: 'binary' }))],
    ['Text', fc.oneof(fc.string(), fc.constantFrom(' \t', '\u3000', '\ufeffa', ''))],
    ['IdList', fc.array(fc.stringMatching(/^[ab1-]{0,2}$/), { maxLength: 20 })],
  ] as const;
  test.each(primitives)('%s: the hand-written check agrees with the codec', (name, arb) => {
    const codec: t.Mixed = domain[name];
    const guard = compileGuard(codec);
    fc.assert(
      fc.property(fc.oneof(arb, fc.anything()), (u) => {
        expect(guard(u)).toBe(codec.is(u));
      }),
      { numRuns: 2000 },
    );
  });

  test('edge values agree with the codec', () => {
    const { Instant, CalendarDate, IdList, Text } = domain;
    const cases: [t.Mixed, unknown][] = [
      [Instant, '2019-03-12T24:00:00.000Z'],
      [Instant, '0000-01-01T00:00:00.000Z'],
      [Instant, '2000-02-29T23:59:59.999Z'],
      [Instant, '1900-02-29T00:00:00.000Z'],
      [CalendarDate, '2000-02-29'],
      [CalendarDate, '1900-02-29'],
      [CalendarDate, '2019-04-31'],
      [IdList, [, 'a']], // eslint-disable-line no-sparse-arrays
      [IdList, ['a', 'a']],
      [Text, '\u00a0'],
      [Text, '\u00a0x'],
    ];
    for (const [codec, u] of cases) expect(compileGuard(codec)(u)).toBe(codec.is(u));
  });

  test('a strict object: its keys in any order, and the unusual cases the key walk leaves to the exact guard', () => {
    const { strict, Id, Level } = domain;
    const codec = strict({ id: Id, level: Level }, { note: Id, other: Level });
    const guard = compileGuard(codec);
    const hidden = (note: unknown): object =>
      Object.defineProperty({ id: 'a', level: 1 }, 'note', { value: note, enumerable: false });
    const cases: [unknown, boolean][] = [
      [{ id: 'a', level: 1 }, true],
      [{ level: 1, id: 'a' }, true],
      [{ other: 2, level: 1, id: 'a', note: 'b' }, true],
      [{ id: 'a' }, false],
      [{ id: 'a', level: 1, extra: 1 }, false],
      [{ id: 'a', level: 9 }, false],
      [{ id: 'a', level: 1, note: 'B' }, false],
      // An optional key own but not enumerable: its value is still checked, and it is not
      // among the keys listed, so even a valid one is refused.
      [hidden('B'), false],
      [hidden('b'), false],
      // A required key inherited, not own.
      [Object.assign(Object.create({ level: 1 }) as object, { id: 'a' }), false],
      // An optional key inherited beside every own required one: absent, as its codec sees it.
      [Object.assign(Object.create({ note: 'B' }) as object, { id: 'a', level: 1 }), true],
    ];
    for (const [u, accepted] of cases) {
      expect(codec.is(u)).toBe(accepted);
      expect(guard(u)).toBe(accepted);
    }
  });
});
