import { createHash } from 'node:crypto';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { decodeEvent } from '@assure/domain';
import { generateHistory, type GenerateOptions } from '@assure/testing';

/** The creation event of each kind of item, by the prefix of its ids. */
const CREATIONS: Readonly<Record<string, string>> = {
  RecommendationRaised: 'rec',
  ActionPlanned: 'act',
  RiskIdentified: 'risk',
  AdviserAppointed: 'nea',
};
/** The fields through which an event refers to existing items. */
const REFERENCE_FIELDS = ['recommendationId', 'actionId', 'riskId', 'adviserId'];
const ITEM_ID = /^(rec|act|risk|nea)-([1-9]\d*)$/;

/**
 * For every reference to an existing item (not its creation): how many items of that kind
 * were created after the one it names (0 = the newest), and whether the item existed.
 */
function ages(options: GenerateOptions, n: number): { age: number; existed: boolean }[] {
  const created = new Map<string, number>();
  const out: { age: number; existed: boolean }[] = [];
  for (const { event } of generateHistory(n, options)) {
    const kind = CREATIONS[event.type];
    if (kind !== undefined) {
      created.set(kind, (created.get(kind) ?? 0) + 1);
      continue;
    }
    const linked = event.data['recommendationIds'];
    const refs = [
      ...REFERENCE_FIELDS.map((f) => event.data[f]),
      ...(Array.isArray(linked) ? linked : []),
    ].filter((v): v is string => typeof v === 'string');
    for (const ref of refs) {
      const m = ITEM_ID.exec(ref);
      const count = created.get(m?.[1] ?? '') ?? 0;
      const k = Number(m?.[2]);
      out.push({ age: count - k, existed: m !== null && k <= count });
    }
  }
  return out;
}

describe('generateHistory', () => {
  it('is deterministic by seed, and every payload passes the domain codecs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.oneof(fc.constant<'all'>('all'), fc.integer({ min: 1, max: 50 })),
        (seed, active) => {
          const a = [...generateHistory(400, { seed, active })];
          const b = [...generateHistory(400, { seed, active })];
          expect(a).toEqual(b);
          expect(a).toHaveLength(400);
          for (const { event } of a) {
            const d = decodeEvent(event.type, event.schemaVersion, event.data);
            if (E.isLeft(d)) throw new Error(`${event.type} does not decode`);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('with `active: n`, refers only to items that exist and are among the n newest of their kind', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 40 }),
        (seed, active) => {
          const seen = ages({ seed, active }, 1500);
          expect(seen.length).toBeGreaterThan(0);
          for (const { age, existed } of seen) {
            expect(existed).toBe(true);
            expect(age).toBeLessThan(active);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it("by default ('all') refers to items of any age, and keeps the history it always made", () => {
    const seen = ages({}, 20_000);
    expect(seen.every((s) => s.existed)).toBe(true);
    // Uniform over every item: many references reach far back.
    expect(seen.filter((s) => s.age >= 500).length).toBeGreaterThan(seen.length / 4);
    expect(ages({ active: 50 }, 20_000).every((s) => s.age < 50)).toBe(true);
    // The default is the same stream of events as asking for 'all', and the one the
    // generator made before `active` existed (figures measured on it stay comparable).
    expect([...generateHistory(2000, { seed: 7 })]).toEqual([
      ...generateHistory(2000, { seed: 7, active: 'all' }),
    ]);
    const digest = createHash('sha256')
      .update(JSON.stringify([...generateHistory(3000, { seed: 11 })]))
      .digest('hex');
    expect(digest).toBe('1c79b913b9e575ed4a5155087634f309ea198a1b5c73132ab3d418e1a6b145fa');
  });

  it('refuses an `active` that is not a positive integer', () => {
    for (const bad of [0, -3, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => [...generateHistory(10, { active: bad })]).toThrow(
        /active: expected 'all' or a positive integer/,
      );
  });
});
