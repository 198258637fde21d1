// The compiled guards (`compileGuard`) against each codec's own `is`: arbitrary JSON, near
// misses of valid data (a key missing, added, inherited, non-enumerable or `undefined`, a
// wrong or boundary value, a hole in an array), and codecs with awkward keys.
import fc from 'fast-check';
import * as t from 'io-ts';
import {
  Id,
  Level,
  Position,
  Sha256,
  StrictType,
  Text,
  Uri,
  compileGuard,
  eventCodecs,
  eventTypes,
  strict,
} from '@assure/domain';
import type { Guard } from '@assure/domain';
import type * as Domain from '../src';
import { arbitraryOf } from './arbitraries';
import { riskRescored } from './fixtures';

/** Values at and just past the domain's bounds, and of the wrong kinds. */
const boundary = fc.constantFrom<unknown>(
  undefined,
  null,
  0,
  -0,
  1,
  5,
  6,
  99,
  100,
  -1,
  0.5,
  2 ** 53 - 1,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  ' ',
  '\u3000',
  '0',
  '00',
  'a',
  'A',
  'a'.repeat(64),
  'a'.repeat(65),
  'x'.repeat(200),
  'x'.repeat(201),
  'x'.repeat(20000),
  'x'.repeat(20001),
  'f'.repeat(64),
  'F'.repeat(64),
  'http://x y',
  'http://x\u00a0y',
  'http://\u00e9',
  '2019-02-29',
  '2020-02-29',
  '2019-03-12T00:00:00.000Z',
  '2019-03-12T23:59:60.000Z',
  true,
  false,
  [],
  [undefined],
  {},
  'verified',
  'red',
);
const odd = fc.oneof(boundary, fc.jsonValue(), fc.anything());

type Rec = Record<string, unknown>;
const isRecord = (u: unknown): u is Rec => typeof u === 'object' && u !== null && !Array.isArray(u);

/** One near miss of `valid`, chosen by `kind` and `i` (a key index), with `v` as a bad value. */
function nearMiss(valid: unknown, kind: number, i: number, v: unknown, extra: string): unknown {
  if (!isRecord(valid)) return kind % 2 === 0 ? v : valid;
  const keys = Object.keys(valid);
  const k = keys.length === 0 ? extra : (keys[i % keys.length] as string);
  switch (kind) {
    case 0: {
      // a key missing
      const { [k]: _gone, ...rest } = valid;
      return rest;
    }
    case 1:
      return { ...valid, [extra]: v }; // an extra key (maybe a declared one, replaced)
    case 2:
      return { ...valid, [k]: v }; // a wrong value
    case 3: {
      // a key inherited, not own
      const { [k]: moved, ...rest } = valid;
      return Object.assign(Object.create({ [k]: moved }) as object, rest);
    }
    case 4:
      // every key inherited
      return Object.create(valid) as object;
    case 5:
      // an inherited extra key, beside all the own ones
      return Object.assign(Object.create({ [extra]: v }) as object, valid);
    case 6: {
      // a key own but not enumerable
      const copy = { ...valid };
      Object.defineProperty(copy, k, { value: valid[k], enumerable: false });
      return copy;
    }
    case 7: {
      // an own key (declared or not) that is not enumerable, holding undefined or a bad value
      const copy = { ...valid };
      Object.defineProperty(copy, extra, { value: i % 2 === 0 ? undefined : v, enumerable: false });
      return copy;
    }
    case 8:
      return { ...valid, [k]: undefined }; // own but undefined
    case 9: {
      // a hole in an array field, or an inner near miss one level down
      const inner = valid[k];
      if (Array.isArray(inner)) {
        // A sparse copy: item 0 left out (a hole), and one or two more holes at the end.
        const items = inner as unknown[];
        const holey = new Array<unknown>(items.length + 1 + (i % 2));
        for (let j = 1; j < items.length; j++) holey[j] = items[j];
        return { ...valid, [k]: holey };
      }
      return { ...valid, [k]: nearMiss(inner, (kind + i) % 9, i >> 1, v, extra) };
    }
    case 10: {
      // a near miss inside an array item
      const inner = valid[k];
      if (Array.isArray(inner) && inner.length > 0)
        return {
          ...valid,
          [k]: [...(inner as unknown[]).slice(1), nearMiss(inner[0], i % 9, i >> 1, v, extra)],
        };
      return { ...valid, [k]: [v] };
    }
    case 11:
      return [valid]; // an array, not an object
    default:
      return JSON.parse(JSON.stringify(valid)) as unknown; // as read from a store
  }
}

const guards: Record<string, Guard> = Object.fromEntries(
  eventTypes.map((type) => [type, compileGuard(eventCodecs[type])]),
);

describe.each(eventTypes.map((type) => [type]))('%s', (type) => {
  const codec = eventCodecs[type] as t.Mixed;
  const guard = guards[type] as Guard;
  const agree = (u: unknown) => {
    expect(guard(u)).toBe(codec.is(u));
  };
  const keys =
    codec instanceof StrictType ? Object.keys({ ...codec.required, ...codec.optional }) : [];
  const keyArb = fc.oneof(
    { arbitrary: fc.constantFrom('x', ...keys), weight: 3 },
    fc.constantFrom('__proto__', 'constructor'),
    fc.string(),
  );

  test('the guard agrees with the codec on near misses', () => {
    fc.assert(
      fc.property(
        arbitraryOf(codec),
        fc.nat({ max: 12 }),
        fc.nat(),
        odd,
        keyArb,
        (valid, kind, i, v, extra) => {
          agree(valid);
          agree(nearMiss(valid, kind, i, v, extra));
        },
      ),
      { numRuns: 400 },
    );
  });

  test('the guard agrees with the codec on arbitrary JSON', () => {
    const jsonObject = fc.dictionary(keyArb, fc.oneof(fc.jsonValue(), boundary), {
      maxKeys: keys.length + 2,
    });
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), jsonObject), agree), { numRuns: 300 });
  });
});

describe('awkward keys and unknown codec kinds', () => {
  const nasty = [
    '"',
    "'",
    '\\',
    '\\"',
    '\n',
    '\u2028',
    '\u2029',
    '`${1}`',
    '"]) || true; //',
    '}); throw new Error("injected"); (function(){',
    '*/ throw 1; /*',
    '__proto__',
    'constructor',
    'hasOwnProperty',
    'u',
    'n',
    'seen',
    '0',
    '',
  ];
  const Nasty = strict(
    Object.fromEntries(nasty.slice(0, 10).map((k) => [k, Id])),
    Object.fromEntries(
      nasty.slice(10).map((k, i) => [k, i % 2 === 0 ? t.literal(k) : t.keyof({ [k]: null })]),
    ),
  );
  const nastyGuard = compileGuard(Nasty);

  test('keys and literals that look like code or prototype names: the guard answers like the codec', () => {
    const valid: Rec = Object.fromEntries(nasty.slice(0, 10).map((k) => [k, 'a']));
    const arb = fc.tuple(
      fc.subarray(nasty.slice(10)),
      fc.nat({ max: 12 }),
      fc.nat(),
      odd,
      fc.constantFrom(...nasty, 'x'),
    );
    fc.assert(
      fc.property(arb, ([present, kind, i, v, extra]) => {
        const full: Rec = { ...valid };
        for (const k of present) full[k] = k;
        // JSON.parse makes `__proto__` an own key, as a store's reader would.
        for (const u of [full, JSON.parse(JSON.stringify(full)) as unknown]) {
          const miss = nearMiss(u, kind, i, v, extra);
          expect(nastyGuard(u)).toBe(Nasty.is(u));
          expect(nastyGuard(miss)).toBe(Nasty.is(miss));
        }
      }),
      { numRuns: 500 },
    );
    expect(nastyGuard(JSON.parse(JSON.stringify(valid)))).toBe(true);
  });

  test('a codec kind the compiler does not know falls back to its own is', () => {
    const Odd = strict({ n: t.union([Level, t.null]), s: t.unknown }, { p: Position });
    const guard = compileGuard(Odd);
    const cases: unknown[] = [
      { n: 1, s: undefined },
      { n: null, s: 1 },
      { n: 1 },
      { n: 0, s: 1 },
      { n: 1, s: 1, p: '0' },
      { n: 1, s: 1, p: '01' },
      Object.create({ s: 1 }, { n: { value: 1, enumerable: true } }) as object,
    ];
    for (const u of cases) expect(guard(u)).toBe(Odd.is(u));
  });
});

test.each([
  ['Uri', Uri, fc.oneof(fc.webUrl(), fc.string({ unit: 'binary', maxLength: 8 }))],
  ['Sha256', Sha256, fc.stringMatching(/^[0-9a-fA-F]{63,65}$/)],
  ['Position', Position, fc.oneof(fc.stringMatching(/^[0-9]{0,42}$/), fc.bigInt().map(String))],
  ['Text', Text, fc.string({ unit: 'binary', maxLength: 4 })],
] as [string, t.Mixed, fc.Arbitrary<unknown>][])(
  '%s: the hand-written check agrees with the codec',
  (_name, codec, arb) => {
    const guard = compileGuard(codec);
    fc.assert(
      fc.property(fc.oneof(arb, boundary, fc.anything()), (u) => {
        expect(guard(u)).toBe(codec.is(u));
      }),
      { numRuns: 2000 },
    );
  },
);

test('the domain evaluates no source text: its guards work where new Function is forbidden', () => {
  const saved = globalThis.Function;
  let domain: typeof Domain | undefined;
  let attempts = 0;
  try {
    // Code generation forbidden, as `unsafe-eval` is under a content security policy.
    globalThis.Function = function forbidden() {
      attempts += 1;
      throw new EvalError('code generation from strings disallowed');
    } as unknown as FunctionConstructor;
    jest.isolateModules(() => {
      domain = jest.requireActual<typeof Domain>('../src');
    });
    if (domain === undefined) throw new Error('not loaded');
    const valid = riskRescored.data;
    // The isolated module has its own codecs (its own StrictType): use them.
    const guard = domain.compileGuard(domain.eventCodecs.RiskRescored);
    expect(guard(valid)).toBe(true);
    expect(guard({ ...valid, x: 1 })).toBe(false);
    expect(domain.domainModel.decodeEvent('RiskRescored', 1, valid)._tag).toBe('Right');
    expect(attempts).toBe(0);
  } finally {
    globalThis.Function = saved;
  }
});
