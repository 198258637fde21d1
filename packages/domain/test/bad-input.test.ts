import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { CalendarDate, Id, Instant, domainModel } from '@assure/domain';
import { failingPaths, riskIdentified } from './fixtures';

// A valid IdentifyRisk: the data of the risk the decider tests identify.
const valid = riskIdentified.data;

/** Expects `codec` to accept each of `good` and refuse each of `bad`. */
const acceptsOnly = (
  codec: t.Decoder<unknown, unknown>,
  good: readonly unknown[],
  bad: readonly unknown[],
): void => {
  for (const value of good) expect(E.isRight(codec.decode(value))).toBe(true);
  for (const value of bad) expect(E.isLeft(codec.decode(value))).toBe(true);
};

describe('bad input is ValidationFailed naming the path, never an exception', () => {
  test('a valid command decodes', () => {
    expect(E.isRight(domainModel.decodeCommand({ type: 'IdentifyRisk', data: valid }))).toBe(true);
  });

  test('bad-input unknown command type: path type', () => {
    expect(failingPaths({ type: 'DeleteEverything', data: {} })).toEqual(['type']);
    expect(failingPaths({ type: 'constructor', data: {} })).toEqual(['type']);
    expect(failingPaths({ type: 42, data: {} })).toEqual(['type']);
    expect(failingPaths({ data: {} })).toEqual(['type']);
  });

  test('bad-input not an object: the root path', () => {
    for (const input of [null, 3, 'IdentifyRisk', [], undefined])
      expect(failingPaths(input)).toEqual(['']);
  });

  test('bad-input missing field: path of the field', () => {
    const { owner: _o, ...noOwner } = valid;
    expect(failingPaths({ type: 'IdentifyRisk', data: noOwner })).toEqual(['data.owner']);
    expect(failingPaths({ type: 'IdentifyRisk' })).toEqual(['data']);
  });

  test('bad-input extra field: path of the extra key, at any depth', () => {
    expect(failingPaths({ type: 'IdentifyRisk', data: { ...valid, colour: 'red' } })).toEqual([
      'data.colour',
    ]);
    expect(
      failingPaths({
        type: 'IdentifyRisk',
        data: { ...valid, inherent: { likelihood: 5, impact: 5, score: 25 } },
      }),
    ).toEqual(['data.inherent.score']);
    expect(failingPaths({ type: 'IdentifyRisk', data: valid, meta: {} })).toEqual(['meta']);
  });

  test('bad-input null or undefined optional: refused, never stored as null', () => {
    expect(failingPaths({ type: 'IdentifyRisk', data: { ...valid, areaId: null } })).toEqual([
      'data.areaId',
    ]);
  });

  test('bad-input wrong types: path of each field', () => {
    expect(
      failingPaths({
        type: 'IdentifyRisk',
        data: { ...valid, title: 7, inherent: 'high', nextReviewOn: 20190430 },
      }).sort(),
    ).toEqual(['data.inherent', 'data.nextReviewOn', 'data.title']);
  });

  test('bad-input impossible date 2019-02-30', () => {
    expect(
      failingPaths({ type: 'IdentifyRisk', data: { ...valid, nextReviewOn: '2019-02-30' } }),
    ).toEqual(['data.nextReviewOn']);
    acceptsOnly(
      CalendarDate,
      ['2020-02-29'],
      [
        '2019-02-29',
        '2019-13-01',
        '2019-00-10',
        '2019-04-31',
        '2019-4-1',
        '2019-04-01T00:00:00.000Z',
      ],
    );
  });

  test('bad-input ids with capitals or spaces', () => {
    expect(failingPaths({ type: 'IdentifyRisk', data: { ...valid, riskId: 'Equal-Pay' } })).toEqual(
      ['data.riskId'],
    );
    expect(
      failingPaths({ type: 'IdentifyRisk', data: { ...valid, owner: 'officer cfo' } }),
    ).toEqual(['data.owner']);
    acceptsOnly(
      Id,
      ['a'.repeat(64)],
      ['', '-leading-dash', 'a'.repeat(65), 'ünïcode', 'under_score'],
    );
    expect(
      failingPaths({
        type: 'PlanAction',
        data: {
          actionId: 'act-1',
          programmeId: 'bcc-improvement',
          areaId: 'area-finance',
          recommendationIds: ['rec-1', 'Rec 2'],
          title: 'x',
          lead: 'officer-cfo',
          dueOn: '2019-06-30',
        },
      }),
    ).toEqual(['data.recommendationIds[1]']);
  });

  test('bad-input scores of 0 or 6', () => {
    expect(
      failingPaths({
        type: 'IdentifyRisk',
        data: { ...valid, inherent: { likelihood: 0, impact: 6 } },
      }).sort(),
    ).toEqual(['data.inherent.impact', 'data.inherent.likelihood']);
    expect(
      failingPaths({
        type: 'RescoreRisk',
        data: { riskId: 'equal-pay', likelihood: 2.5, impact: 3, rationale: 'x' },
      }),
    ).toEqual(['data.likelihood']);
  });

  test('bad-input percent outside 0-99', () => {
    for (const percentComplete of [100, -1, 50.5, '50'])
      expect(
        failingPaths({
          type: 'RecordActionProgress',
          data: { actionId: 'act-1', percentComplete, narrative: 'x' },
        }),
      ).toEqual(['data.percentComplete']);
  });

  test('bad-input evidence items: uri required, sha256 lowercase hex', () => {
    expect(
      failingPaths({
        type: 'ClaimImplementation',
        data: {
          recommendationId: 'rec-1',
          summary: 'x',
          evidence: [{ uri: 'a' }, { title: 'no uri' }, { uri: 'b', sha256: 'ABC' }],
        },
      }).sort(),
    ).toEqual(['data.evidence[1].uri', 'data.evidence[2].sha256']);
  });

  test('bad-input free text: blank and over 200 characters for phase/body/category', () => {
    expect(
      failingPaths({ type: 'IdentifyRisk', data: { ...valid, category: 'x'.repeat(201) } }),
    ).toEqual(['data.category']);
    expect(failingPaths({ type: 'IdentifyRisk', data: { ...valid, title: '   ' } })).toEqual([
      'data.title',
    ]);
  });

  test('bad-input enumerations', () => {
    expect(
      failingPaths({
        type: 'ConstituteBody',
        data: { programmeId: 'bcc-improvement', bodyId: 'x', kind: 'parliament', name: 'x' },
      }),
    ).toEqual(['data.kind']);
  });

  test('bad-input duplicate ids in a list', () => {
    expect(
      failingPaths({
        type: 'ReassignAdviser',
        data: { adviserId: 'nea-1', areaIds: ['area-a', 'area-a'] },
      }),
    ).toEqual(['data.areaIds']);
  });

  test('Instant is the toISOString form only', () => {
    acceptsOnly(
      Instant,
      ['2019-03-12T00:00:00.000Z'],
      [
        '2019-03-12',
        '2019-03-12T00:00:00Z',
        '2019-02-30T00:00:00.000Z',
        '2019-03-12T24:00:00.000Z',
      ],
    );
  });
});

describe('decodeEvent', () => {
  const data = { riskId: 'equal-pay', reason: 'Settled' };
  test('decodes a current event', () => {
    expect(domainModel.decodeEvent('RiskClosed', 1, data)).toEqual(
      E.right({ type: 'RiskClosed', data }),
    );
  });
  test('unknown event type: path type', () => {
    expect(domainModel.decodeEvent('RiskExploded', 1, data)).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'ValidationFailed', errors: [{ path: 'type' }] },
    });
  });
  test('unsupported schema version: path schemaVersion', () => {
    for (const v of [0, 2, 1.5])
      expect(domainModel.decodeEvent('RiskClosed', v, data)).toMatchObject({
        _tag: 'Left',
        left: { errors: [{ path: 'schemaVersion' }] },
      });
    expect(domainModel.schemaVersionOf('RiskClosed')).toBe(1);
  });
  test('bad data: paths under data', () => {
    expect(domainModel.decodeEvent('RiskClosed', 1, { riskId: 'Equal Pay' })).toMatchObject({
      _tag: 'Left',
      left: { errors: [{ path: 'data.riskId' }, { path: 'data.reason' }] },
    });
  });
});
