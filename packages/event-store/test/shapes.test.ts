import fc from 'fast-check';
import { canonicalize } from 'json-canonicalize';
import * as E from 'fp-ts/Either';
import { createMemoryStore, hashedPart, sha256Hex, type ProposedEvent } from '@assure/event-store';
import { metaWithRecordedAt } from '../src/envelope/meta-copy';

// The copies made by one object literal per shape (src/envelope/shapes.ts) against the plain
// key-by-key copy: same keys in the same order, same values, `__proto__` an own key, for
// shapes of few and of many keys (past the literal's limit) and more shapes than are kept.

/** The plain copy: every own enumerable key defined on a fresh object, in order. */
function plainCopy(u: unknown): unknown {
  if (Array.isArray(u)) return u.map(plainCopy);
  if (typeof u !== 'object' || u === null) return u;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(u))
    Object.defineProperty(out, k, {
      value: plainCopy(v),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/** Keys, values and prototypes, deeply, in key order. */
function sameTree(a: unknown, b: unknown): void {
  if (typeof a !== 'object' || a === null) return void expect(a).toBe(b);
  expect(Array.isArray(a)).toBe(Array.isArray(b));
  expect(Object.getPrototypeOf(a)).toBe(Object.getPrototypeOf(b));
  const bo = b as Record<string, unknown>;
  expect(Object.keys(a)).toEqual(Object.keys(bo));
  for (const [k, v] of Object.entries(a)) sameTree(v, bo[k]);
}

const key = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', '0', '10', '9', 'recordedAt', '"q"'),
  fc.nat(300).map(String),
);
const leaf = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 90 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const { tree } = fc.letrec<{ tree: unknown; node: Record<string, unknown> }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small' },
    leaf,
    tie('node'),
    fc.array(tie('tree'), { maxLength: 4 }),
  ),
  node: fc.oneof(
    fc.dictionary(key, tie('tree'), { maxKeys: 6 }),
    fc.dictionary(key, leaf, { minKeys: 30, maxKeys: 40 }),
  ),
}));
const payload = tree.filter(
  (u): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u),
);

function proposed(data: Record<string, unknown>, i: number): ProposedEvent {
  return {
    eventId: `e-${i}`,
    type: 'T',
    schemaVersion: 1,
    data,
    meta: { actor: 'a', role: 'r', occurredAt: '2019-03-12T00:00:00.000Z' },
  };
}

describe('copies by object shape', () => {
  it('the stored payload is the plain copy of the proposed one, hashed as it is', async () => {
    const store = createMemoryStore();
    let i = 0;
    await fc.assert(
      fc.asyncProperty(payload, async (data) => {
        const r = await store.append('s', [proposed(data, i++)], 'any')();
        if (E.isLeft(r)) throw new Error(r.left.message);
        const stored = r.right.events[0];
        if (stored === undefined) throw new Error('nothing stored');
        sameTree(stored.data, plainCopy(data));
        expect(Object.isFrozen(stored.data)).toBe(true);
        expect(canonicalize(stored.data)).toBe(canonicalize(plainCopy(data)));
        expect(stored.hash).toBe(sha256Hex(canonicalize(hashedPart(stored))));
      }),
      { numRuns: 500 },
    );
  });

  it('copies shapes past the number kept (key by key) as it copies the first ones', async () => {
    const store = createMemoryStore();
    for (let n = 0; n < 1200; n++) {
      // JSON.parse makes `__proto__` an own key (an object literal would set the prototype).
      const again = JSON.parse(`{"k${n}":${n},"__proto__":[${n}],"z${n % 7}":"x"}`) as Record<
        string,
        unknown
      >;
      expect(Object.keys(again)).toContain('__proto__');
      const r = await store.append('s', [proposed(again, n)], 'any')();
      if (E.isLeft(r)) throw new Error(r.left.message);
      sameTree(r.right.events[0]?.data, plainCopy(again));
    }
  });

  it('metaWithRecordedAt keeps the keys in order and fills a missing or undefined recordedAt', () => {
    const extra = fc.dictionary(key, fc.option(fc.string(), { nil: undefined }), { maxKeys: 40 });
    const meta = fc.tuple(fc.string(), extra).map(([who, more]) => {
      const m: ProposedEvent['meta'] = {
        actor: who,
        role: 'r',
        occurredAt: '2019-03-12T00:00:00.000Z',
      };
      for (const [k, v] of Object.entries(more))
        Object.defineProperty(m, k, {
          value: v,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return m;
    });
    fc.assert(
      fc.property(meta, fc.constantFrom('2020-01-01T00:00:00.000Z'), (m, at) => {
        const expected = plainCopy(m) as Record<string, unknown>;
        if (expected['recordedAt'] === undefined) expected['recordedAt'] = at;
        const actual = metaWithRecordedAt(m, at);
        sameTree(actual, expected);
        // Twice: the second copy uses the shape made by the first.
        sameTree(metaWithRecordedAt(m, at), expected);
      }),
      { numRuns: 1000 },
    );
  });
});
