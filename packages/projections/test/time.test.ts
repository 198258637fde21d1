import fc from 'fast-check';
import { atOrBefore, comparePositions } from '@assure/projections';

const position = fc.bigInt({ min: 0n, max: 2n ** 80n });

describe('position and instant comparisons', () => {
  test('comparePositions orders decimal positions as numbers', () => {
    fc.assert(
      fc.property(position, position, (a, b) => {
        const got = Math.sign(comparePositions(String(a), String(b)));
        expect(got).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
      { numRuns: 2000 },
    );
    expect(comparePositions('999', '1000')).toBeLessThan(0);
    expect(comparePositions('1000', '1000')).toBe(0);
  });

  test('atOrBefore is the string order <=', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(atOrBefore(a, b)).toBe(a <= b);
      }),
      { numRuns: 2000 },
    );
  });
});
