import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import fc from 'fast-check';
import { PathReporter } from 'io-ts/PathReporter';
import { mapOf } from '@assure/projections';
import { plainMapOf } from '../src/models/map-codec';

const Item = t.type({
  on: t.string,
  score: t.union([t.number, t.null]),
  tags: t.array(t.keyof({ a: null, b: null })),
});
const plain = plainMapOf(Item);
const checked = mapOf(Item);

/** JSON values shaped like entries, some of them wrong in one field or another. */
const entries = fc.array(
  fc.tuple(
    fc.oneof(fc.string(), fc.integer()),
    fc.record({
      on: fc.oneof(fc.string(), fc.constant(null)),
      score: fc.oneof(fc.integer(), fc.constant(null), fc.string()),
      tags: fc.array(fc.constantFrom('a', 'b', 'c')),
    }),
  ),
  { maxLength: 5 },
);

describe('plainMapOf', () => {
  it('decodes exactly what mapOf decodes, to the same map, with the same errors', () => {
    fc.assert(
      fc.property(fc.oneof(entries, fc.anything()), (u) => {
        const a = plain.decode(u);
        const b = checked.decode(u);
        expect(a._tag).toBe(b._tag);
        if (E.isRight(a) && E.isRight(b)) expect([...a.right]).toEqual([...b.right]);
        else expect(PathReporter.report(a)).toEqual(PathReporter.report(b));
      }),
      { numRuns: 500 },
    );
  });

  it('encodes as mapOf does', () => {
    const m = new Map([['x', { on: '2019-01-01', score: 3, tags: ['a' as const] }]]);
    expect(plain.encode(m)).toEqual(checked.encode(m));
    expect(plain.is(m)).toBe(true);
  });
});
