import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { freshItemFacts, HistoryState, TRACKED_TYPES } from '../src/models/history-state';
import { decodeHistorySection, HistoryStateCodec, historyView } from '../src/models/history';
import { int32sOf } from '../src/models/history-columns';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  decodeProjectionEvent,
  fileSnapshotStore,
  loadOrBuild,
  Projector,
  readModelViews,
} from '@assure/projections';
import { birminghamJourney } from './fixtures';
import { resealSnapshot, snapshotParts } from './snapshot-edit';
import { tempDirPerTest } from './temp-dir';

// The history view's snapshot section (version 4): packed update codes and packed score
// codes as base64, each item's update and score counts, the updates and the scores that do
// not pack kept as they came. Encode then decode
// must read out every item's history as the original does; a damaged section is refused
// with a tagged error naming its field.

const canonical = fc
  .integer({ min: Date.UTC(0, 0, 1) - 1900 * 0, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) })
  .map((ms) => new Date(ms).toISOString());
const anyDay = fc.oneof(
  canonical,
  fc.constantFrom('2019-02-29', '2019-13-01', '2019-3-12', '', 'x'),
  fc.string({ maxLength: 12 }),
);
const update = fc.record({
  item: fc.constantFrom('recommendation-a', 'action-b', 'risk-c', 'risk-d', 'action-e'),
  at: anyDay,
  type: fc.oneof(fc.constantFrom(...TRACKED_TYPES), fc.string({ maxLength: 8 })),
  approver: fc.option(fc.string({ maxLength: 4 }), { nil: undefined }),
  // Scores JSON holds (not -0): whole ones that pack, others kept as they came.
  score: fc.option(
    fc.oneof(
      fc.integer({ min: -3, max: 600 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
    ),
    { nil: undefined },
  ),
});
type Update = typeof update extends fc.Arbitrary<infer U> ? U : never;

function folded(updates: readonly Update[], into = new HistoryState()): HistoryState {
  for (const u of updates) {
    const f = into.fold(u.item, u.type, u.at, freshItemFacts);
    if (u.approver !== undefined) f.revisionApprovers.push(u.approver);
    if (u.score !== undefined) into.scored(u.item, u.at, u.score);
  }
  return into;
}

/** The section's JSON as a snapshot writes and parses it. */
const sectionOf = (s: HistoryState): Record<string, unknown> =>
  JSON.parse(JSON.stringify(HistoryStateCodec.encode(s))) as Record<string, unknown>;

function decoded(u: unknown): HistoryState {
  const r = decodeHistorySection(u);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

describe('history snapshot section', () => {
  it('encode then decode reads out every item history as the original', () => {
    fc.assert(
      fc.property(
        fc.array(update, { maxLength: 80 }),
        fc.array(update, { maxLength: 10 }),
        (updates, later) => {
          const s = folded(updates);
          const d = decoded(sectionOf(s));
          expect([...d]).toEqual([...s]);
          expect(d.size).toBe(s.size);
          for (const key of s.keys()) expect(d.get(key)).toEqual(s.get(key));
          // The codec's own decode agrees, and folding on after a load is as folding on.
          const c = HistoryStateCodec.decode(sectionOf(s));
          expect(E.isRight(c) && [...c.right]).toEqual([...s]);
          expect([...folded(later, d)]).toEqual([...folded(later, s)]);
          // Encoding again gives the same section.
          expect(sectionOf(d)).toEqual(sectionOf(s));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads codes as little-endian 32-bit integers, at any byte offset', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 })),
        fc.nat(7),
        (xs, at) => {
          const bytes = Buffer.alloc(at + xs.length * 4);
          xs.forEach((x, i) => bytes.writeInt32LE(x, at + i * 4));
          expect(Array.from(int32sOf(bytes.subarray(at)))).toEqual(xs);
        },
      ),
    );
  });

  it('is version 4 of the view', () => {
    expect(historyView.version).toBe(4);
  });

  const base = (): Record<string, unknown> =>
    sectionOf(
      folded([
        {
          item: 'risk-c',
          at: '2020-01-02T00:00:00.000Z',
          type: 'RiskRescored',
          approver: 'x',
          score: 12,
        },
        {
          item: 'action-b',
          at: 'not a day',
          type: 'ActionCreated',
          approver: undefined,
          score: undefined,
        },
        {
          item: 'risk-c',
          at: '2020-01-03T00:00:00.000Z',
          type: 'Other',
          approver: undefined,
          score: 2.5,
        },
      ]),
    );
  const refused: [string, (s: Record<string, unknown>) => void, string][] = [
    ['bad base64', (s) => (s['codes'] = '!!!!'), 'codes'],
    ['base64 of a wrong length', (s) => (s['codes'] = 'AAAAAA=='), 'codes'],
    ['a code not a day and a type', (s) => (s['codes'] = 'AAAAAP///38AAACA'), 'codes[1]'],
    ['counts too few', (s) => (s['counts'] = [2]), 'counts'],
    ['a negative count', (s) => (s['counts'] = [3, -1]), 'counts[1]'],
    ['a count not an integer', (s) => (s['counts'] = [1.5, 1.5]), 'counts[0]'],
    ['facts too few', (s) => (s['facts'] = []), 'facts'],
    ['keys repeated', (s) => (s['keys'] = ['risk-c', 'risk-c']), 'keys'],
    [
      'a verbatim place out of range',
      (s) =>
        (s['verbatim'] = [
          [7, 'x', 'y'],
          [2, 'a', 'b'],
        ]),
      'verbatim[0]',
    ],
    [
      'a verbatim place at a packed code',
      (s) =>
        (s['verbatim'] = [
          [0, 'x', 'y'],
          [2, 'a', 'b'],
        ]),
      'verbatim[0]',
    ],
    ['a verbatim code left out', (s) => (s['verbatim'] = [[2, 'x', 'y']]), 'verbatim'],
    ['a malformed fact', (s) => (s['facts'] = [{}, {}]), 'facts.0.baselineDueOn'],
    ['codes not a string', (s) => (s['codes'] = [1, 2, 3]), 'codes'],
    ['bad base64 of scores', (s) => (s['scoreCodes'] = '!!!!'), 'scoreCodes'],
    ['score codes of a wrong length', (s) => (s['scoreCodes'] = 'AAAAAA=='), 'scoreCodes'],
    [
      'a score code not a day and a score',
      (s) => (s['scoreCodes'] = 'AAAAAP///38='),
      'scoreCodes[1]',
    ],
    ['score counts too few', (s) => (s['scoreCounts'] = [2]), 'scoreCounts'],
    ['a negative score count', (s) => (s['scoreCounts'] = [3, -1]), 'scoreCounts[1]'],
    ['a score count not an integer', (s) => (s['scoreCounts'] = [0.5, 1.5]), 'scoreCounts[0]'],
    [
      'a verbatim score at a packed code',
      (s) => (s['scoreVerbatim'] = [[0, '2020-01-03', 2.5]]),
      'scoreVerbatim[0]',
    ],
    [
      'a verbatim score place repeated',
      (s) =>
        (s['scoreVerbatim'] = [
          [1, '2020-01-03', 2.5],
          [1, '2020-01-03', 2.5],
        ]),
      'scoreVerbatim[1]',
    ],
    ['a verbatim score left out', (s) => (s['scoreVerbatim'] = []), 'scoreVerbatim'],
    [
      'a verbatim score not a number',
      (s) => (s['scoreVerbatim'] = [[1, '2020-01-03', '2.5']]),
      'scoreVerbatim.0.2',
    ],
    ['score codes missing', (s) => delete s['scoreCodes'], 'scoreCodes'],
    [
      'a fact holding scores as before',
      (s) => (s['facts'] = [{ scores: [] }, {}]),
      'facts.0.baselineDueOn',
    ],
  ];
  it.each(refused)('refuses %s with the tagged error naming the field', (_, damage, field) => {
    const good = base();
    expect(E.isRight(decodeHistorySection(good))).toBe(true);
    damage(good);
    const r = decodeHistorySection(good);
    expect(E.isLeft(r) && r.left).toEqual({
      _tag: 'HistorySectionInvalid',
      field,
      message: expect.stringContaining(field) as unknown,
    });
    expect(E.isLeft(HistoryStateCodec.decode(good))).toBe(true);
  });

  const dir = tempDirPerTest('assure-history-snapshot-');
  it.each([
    ['bad base64', (h: Record<string, unknown>) => (h['codes'] = '!!!!')],
    ['counts that do not agree', (h: Record<string, unknown>) => (h['counts'] = [1])],
    ['bad base64 of scores', (h: Record<string, unknown>) => (h['scoreCodes'] = '!!!!')],
    ['score counts that do not agree', (h: Record<string, unknown>) => (h['scoreCounts'] = [1])],
  ])('a snapshot with %s in its history section is rebuilt over', async (_, damage) => {
    const h = await birminghamJourney();
    const decode = decodeProjectionEvent;
    const rebuilt = await new Projector(readModelViews, { decode }).catchUp(h.store)();
    if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message);
    const parts = snapshotParts(
      await readFile(join(__dirname, 'golden', 'read-models-snapshot.json')),
    );
    damage(parts.states['history'] as Record<string, unknown>);
    const path = join(dir(), 'read-models.json');
    await writeFile(path, resealSnapshot(parts));
    const r = await loadOrBuild(h.store, readModelViews, fileSnapshotStore(path), { decode })();
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect(r.right.snapshotProblem).toBe('view history: its state does not decode');
    expect(r.right.source).not.toBe('snapshot');
    expect(r.right.result.states).toEqual(rebuilt.right.states);
  });
});
