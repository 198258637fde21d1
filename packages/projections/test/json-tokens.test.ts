import fc from 'fast-check';
import {
  ByteReader,
  BytesInvalid,
  ByteWriter,
  StringTable,
  TokenWriter,
  UnencodableValue,
  type TokenPools,
} from '../src/storage/json-tokens';

// The journal's payload bytes give back exactly what JSON would: a value written then
// read equals `JSON.parse(JSON.stringify(value))`, for any JSON value and the awkward ones.

const pools = (): TokenPools => ({ strings: new StringTable(), shapes: [], numbers: [] });

function roundTrip(values: readonly unknown[]): unknown[] {
  const p = pools();
  const out = new ByteWriter();
  const w = new TokenWriter(p, out);
  for (const v of values) w.write(v);
  const bytes = out.bytes();
  const r = new ByteReader(bytes, p);
  const back = values.map(() => r.value(bytes.length));
  expect(r.at).toBe(bytes.length);
  return back;
}

const asJson = (v: unknown): unknown => JSON.parse(JSON.stringify(v) ?? 'null') as unknown;

describe('payload tokens', () => {
  it('any JSON value, many in a row, reads back as JSON would give it', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), (values) => {
        expect(roundTrip(values)).toEqual(values.map(asJson));
      }),
      { numRuns: 400 },
    );
  });

  it('numbers at every size, -0 and non-finite ones, as JSON holds them', () => {
    const numbers = [0, 1, -1, 2 ** 28 - 1, -(2 ** 28) + 1, 2 ** 28, -(2 ** 28), 2 ** 53, 0.1];
    const back = roundTrip([...numbers, -0, Number.NaN, Number.POSITIVE_INFINITY]);
    numbers.forEach((n, i) => expect(Object.is(back[i], n)).toBe(true));
    expect(Object.is(back[numbers.length], 0)).toBe(true);
    expect(back.slice(-2)).toEqual([null, null]);
    fc.assert(
      fc.property(fc.double(), fc.integer(), (d, i) => {
        expect(roundTrip([d, i])).toEqual([asJson(d), i]);
      }),
    );
  });

  it('what JSON leaves out or changes: undefined, functions, holes, toJSON, __proto__', () => {
    const proto = JSON.parse('{"__proto__":{"x":1},"a":2}') as unknown;
    const value = {
      keep: 1,
      gone: undefined,
      fn: () => 1,
      list: [undefined, () => 1, 3],
      when: new Date('2019-03-15T00:00:00.000Z'),
      proto,
    };
    const [back] = roundTrip([value]);
    expect(back).toEqual(asJson(value));
    const p = (back as { proto: object }).proto;
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(Object.keys(p)).toEqual(['__proto__', 'a']);
  });

  it('objects of many keys (built key by key) and of odd keys read back whole', () => {
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, i]));
    const odd = JSON.parse('{"":1,"a\\"b":2,"}":3,"1":4,"constructor":5}') as unknown;
    expect(roundTrip([wide, odd, [wide, odd]])).toEqual([wide, odd, [wide, odd]]);
  });

  it('a bigint is refused, as JSON refuses it', () => {
    const w = new TokenWriter(pools(), new ByteWriter());
    expect(() => w.write({ n: 1n })).toThrow(UnencodableValue);
  });

  it('bytes cut short or naming what is not in the pools do not read', () => {
    const p = pools();
    const out = new ByteWriter();
    new TokenWriter(p, out).write({ riskId: 'equal-pay', scores: [1, 2.5, 'x'] });
    const bytes = out.bytes();
    for (let cut = 0; cut < bytes.length; cut++)
      expect(() => new ByteReader(bytes, p).value(cut)).toThrow(BytesInvalid);
    // The same bytes over empty pools name strings, shapes and numbers that are not there.
    expect(() => new ByteReader(bytes, pools()).value(bytes.length)).toThrow(BytesInvalid);
    // A varint longer than 32 bits.
    const long = Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x7f);
    expect(() => new ByteReader(long, p).varint(long.length)).toThrow(/too large/);
  });
});
