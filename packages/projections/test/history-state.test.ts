import fc from 'fast-check';
import { isAfterDay } from '@assure/domain';
import {
  freshItemFacts,
  HistoryState,
  TRACKED_TYPES,
  trackedTypeIndex,
} from '../src/models/history-state';
import type { ItemHistory } from '../src/models/history';
import { dayNumber, dayString } from '../src/models/trail-columns';

// The history state's packed updates and scores: a day packs when it prints back unchanged,
// anything else (a day that is not a real one, a type of another kind, a score that is not
// a whole number below SCORE_SPAN) is kept as it came.

const canonicalDay = fc
  .integer({
    min: new Date('0000-01-01T00:00:00.000Z').getTime(),
    max: Date.UTC(9999, 11, 31, 23, 59, 59, 999),
  })
  .map((ms) => new Date(ms).toISOString());
const nearDay = fc.oneof(
  canonicalDay,
  fc
    .tuple(canonicalDay, fc.nat({ max: 11 }), fc.constantFrom(...'0123456789-T x'.split('')))
    .map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1)),
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '2019-02-29',
    '2020-02-29',
    '2019-04-31',
    '2019-13-01',
    '2019-00-01',
    '2019-3-12',
  ),
);

/** Scores: whole ones that pack, and any other number (kept as they came). */
const anyScore = fc.oneof(
  fc.integer({ min: -3, max: 600 }),
  fc.double({ noNaN: true }),
  fc.constantFrom(-0, 0, 25, 511, 512, 2.5),
);

/** The reference: a day string Date prints back unchanged (first ten characters), else NaN. */
const referenceDay = (s: string): number => {
  const d = s.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return Number.NaN;
  const ms = Date.parse(`${d}T00:00:00.000Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d
    ? ms / 86_400_000
    : Number.NaN;
};

describe('history state', () => {
  it('dayNumber is the day Date reads, and prints back with dayString', () => {
    fc.assert(
      fc.property(nearDay, (s) => {
        const d = dayNumber(s);
        expect(d).toEqual(referenceDay(s));
        if (!Number.isNaN(d)) expect(dayString(d)).toBe(s.slice(0, 10));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back every update and score as folded or given, in order, item by item', () => {
    const update = fc.record({
      item: fc.constantFrom('recommendation-a', 'action-b', 'risk-c', 'risk-d'),
      at: nearDay,
      type: fc.oneof(fc.constantFrom(...TRACKED_TYPES), fc.string({ maxLength: 8 })),
      score: fc.option(anyScore, { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(update, { maxLength: 60 }), (updates) => {
        const s = new HistoryState();
        const expected = new Map<string, ItemHistory>();
        for (const u of updates) {
          s.fold(u.item, u.type, u.at, freshItemFacts);
          const h = expected.get(u.item) ?? { ...freshItemFacts(), updates: [], scores: [] };
          expected.set(u.item, h);
          h.updates.push({ on: u.at.slice(0, 10), event: u.type });
          if (u.score !== undefined) {
            s.scored(u.item, u.at, u.score);
            h.scores.push({ on: u.at.slice(0, 10), score: u.score });
          }
        }
        expect([...s]).toEqual([...expected]);
        expect(s.size).toBe(expected.size);
        // A state made from the read-out holds the same (a snapshot's load).
        expect([...HistoryState.of(s)]).toEqual([...expected]);
        for (const [key, h] of expected) {
          expect(s.get(key)).toEqual(h);
          const { updates: _u, scores, ...facts } = h;
          expect(s.facts(key)).toEqual(facts);
          // The score at the end of each day a score names, and of a day before them all.
          for (const day of [...scores.map((x) => x.on), '']) {
            const then = scores.filter((x) => !isAfterDay(x.on, day)).pop();
            expect(s.scoreAt(key, day)).toBe(then === undefined ? null : then.score);
          }
        }
        expect(s.get('risk-none')).toBeUndefined();
        expect(s.facts('risk-none')).toBeUndefined();
        expect(s.scoreAt('risk-none', '2020-01-01')).toBeUndefined();
        s.scored('risk-none', '2020-01-01', 1);
        expect(s.has('risk-none')).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('folds by item number (found by id, else by key) as it folds by key', () => {
    const kinds = ['recommendation', 'action', 'risk'] as const;
    const step = fc.record({
      kind: fc.nat({ max: 2 }),
      id: fc.constantFrom('a', 'b', 'c-d', 'kerslake-2014-01'),
      byId: fc.boolean(),
      at: nearDay,
      type: fc.oneof(fc.constantFrom(...TRACKED_TYPES), fc.string({ maxLength: 8 })),
      score: fc.option(anyScore, { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.nat({ max: 40 }), (steps, cut) => {
        const byKey = new HistoryState();
        // Part folded, then carried over as a snapshot's load does: a new state has no ids.
        let s = new HistoryState();
        steps.forEach((u, i) => {
          if (i === cut) s = HistoryState.of(s);
          // And carried over as columns (a snapshot's section): items of keys, not ids.
          if (i === cut + 1 && i % 2 === 0) s = HistoryState.ofColumns(s.columns());
          const key = `${kinds[u.kind]}-${u.id}`;
          byKey.fold(key, u.type, u.at, freshItemFacts);
          if (u.score !== undefined) byKey.scored(key, u.at, u.score);
          const item = u.byId
            ? (s.itemById(u.kind, u.id) ?? s.itemFor(u.kind, u.id, key, freshItemFacts))
            : s.itemOfKey(key, freshItemFacts);
          s.foldItem(item, u.type, trackedTypeIndex(u.type), u.at);
          expect(s.facts(key)).toEqual(freshItemFacts());
          if (u.score !== undefined) s.scoredItem(item, u.at, u.score);
        });
        expect([...s]).toEqual([...byKey]);
      }),
      { numRuns: 300 },
    );
  });

  it('makes an item facts only when an event sets one; reads the others as fresh ones', () => {
    const s = new HistoryState();
    const idle = s.itemFor(1, 'idle', 'action-idle', freshItemFacts);
    const busy = s.itemFor(0, 'busy', 'recommendation-busy', freshItemFacts);
    s.foldItem(
      idle,
      'ActionProgressRecorded',
      trackedTypeIndex('ActionProgressRecorded'),
      '2020-01-02T00:00:00.000Z',
    );
    s.foldItem(
      busy,
      'ImplementationClaimed',
      trackedTypeIndex('ImplementationClaimed'),
      '2020-01-02T00:00:00.000Z',
    );
    // Only a caller that sets a fact makes the item's facts.
    expect(s.setFacts(idle)).toBeUndefined();
    s.itemFacts(busy).claimedOn = '2020-01-02';
    expect(s.setFacts(busy)).toBe(s.itemFacts(busy));
    // The facts read of an item without any are fresh ones, read-only (frozen, arrays too).
    const idleFacts = s.facts('action-idle');
    expect(idleFacts).toEqual(freshItemFacts());
    expect(Object.isFrozen(idleFacts)).toBe(true);
    expect(Object.isFrozen(idleFacts?.revisionApprovers)).toBe(true);
    expect(s.facts('recommendation-busy')).toEqual({
      ...freshItemFacts(),
      claimedOn: '2020-01-02',
    });
    // A history read out has arrays of its own; columns have facts of their own.
    const h = s.get('action-idle');
    h?.revisionApprovers.push('someone');
    expect(s.get('action-idle')?.revisionApprovers).toEqual([]);
    const c = s.columns();
    expect(c.facts).toEqual([freshItemFacts(), { ...freshItemFacts(), claimedOn: '2020-01-02' }]);
    expect(Object.isFrozen(c.facts[0])).toBe(false);
    // A state of those columns folds into them: nothing is shared with this one.
    const t = HistoryState.ofColumns(c);
    t.itemFacts(t.itemOfKey('action-idle', freshItemFacts)).revisionApprovers.push('x');
    expect(s.facts('action-idle')?.revisionApprovers).toEqual([]);
    expect(t.facts('action-idle')?.revisionApprovers).toEqual(['x']);
  });

  it('finds by key an item of a state of columns when named by its id', () => {
    const s = new HistoryState();
    const item = s.itemFor(2, 'equal-pay', 'risk-equal-pay', freshItemFacts);
    s.foldItem(item, 'RiskRescored', trackedTypeIndex('RiskRescored'), '2020-01-02T00:00:00.000Z');
    for (const t of [HistoryState.ofColumns(s.columns()), HistoryState.of(s)]) {
      expect(t.itemById(2, 'equal-pay')).toBeUndefined();
      const again = t.itemFor(2, 'equal-pay', 'risk-equal-pay', freshItemFacts);
      expect(again).toBe(0);
      expect(t.itemById(2, 'equal-pay')).toBe(0);
      expect(t.itemFor(2, 'equal-pay', 'risk-equal-pay', freshItemFacts)).toBe(0);
      expect(t.size).toBe(1);
      expect([...t.keys()]).toEqual(['risk-equal-pay']);
    }
  });
});
