// The text of an instant (`isoOf`), written from the text of its second for every
// millisecond after the first in that second: held equal to `toISOString` for any instant.
import fc from 'fast-check';
import { isoOf, isoOfNow } from '../src/store/recorded-at';

/** The least and greatest time values of a valid `Date`. */
const MAX_TIME = 8.64e15;

describe('isoOf', () => {
  it('is toISOString for any sequence of instants, jumps and steps within a second alike', () => {
    const step = fc.oneof(
      fc.integer({ min: -MAX_TIME, max: MAX_TIME }).map((at) => ({ at })),
      fc.integer({ min: -2500, max: 2500 }).map((by) => ({ by })),
    );
    fc.assert(
      fc.property(fc.integer({ min: -MAX_TIME, max: MAX_TIME }), fc.array(step), (first, steps) => {
        let ms = first;
        const seen = [ms];
        for (const s of steps) {
          ms = 'at' in s ? s.at : Math.min(MAX_TIME, Math.max(-MAX_TIME, ms + s.by));
          seen.push(ms);
        }
        for (const t of seen) expect(isoOf(new Date(t))).toBe(new Date(t).toISOString());
      }),
    );
  });

  it('around the epoch, the ends of years 0 and 9999, and the last valid instant', () => {
    const edges = [
      -1,
      0,
      1,
      999,
      1000,
      -1000,
      -1001,
      Date.UTC(0, 0, 1) - 1,
      Date.UTC(10000, 0, 1) - 1,
      Date.UTC(10000, 0, 1),
      MAX_TIME,
      -MAX_TIME,
    ];
    for (const t of edges.flatMap((e) => [e, e + 1, e - 1, e]))
      if (Math.abs(t) <= MAX_TIME) expect(isoOf(new Date(t))).toBe(new Date(t).toISOString());
  });

  it('throws on an invalid date, as toISOString does', () => {
    isoOf(new Date(0));
    expect(() => isoOf(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('isoOfNow is the text of the system clock at the call, mixed with isoOf calls', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -2500, max: 2500 }), { maxLength: 8 }), (offsets) => {
        for (const by of offsets) {
          // The caches isoOfNow shares, left at an instant near now (often the same second).
          const near = Date.now() + by;
          expect(isoOf(new Date(near))).toBe(new Date(near).toISOString());
          const before = Date.now();
          const text = isoOfNow();
          const after = Date.now();
          const at = Date.parse(text);
          expect(new Date(at).toISOString()).toBe(text);
          expect(at).toBeGreaterThanOrEqual(before);
          expect(at).toBeLessThanOrEqual(after);
        }
      }),
    );
  });
});
