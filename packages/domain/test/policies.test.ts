// Calendar days and the status rules of items.
import {
  addDays,
  dayOf,
  daysBetween,
  isActionOverdue,
  isAfterDay,
  isRecommendationOverdue,
  isReviewOverdue,
  isSlipped,
} from '@assure/domain';
// Risk scores and the RAG policies of version 1.
import {
  bccCgipV1,
  meanPercentComplete,
  percentCompleteV1,
  ragPolicies,
  ragPolicyByName,
  riskBandsV1,
  riskFlags,
  riskTrend,
  score,
  slippageV1,
  worstRating,
} from '@assure/domain';
import { ratedOn } from './policy-items';

const { D, rec, act } = ratedOn('2019-03-31', '2019-06-30');
const none = { recommendations: [], actions: [] };

describe('calendar days', () => {
  test('dayOf is the UTC day of an instant', () => {
    expect(dayOf('2019-03-12T23:59:59.999Z')).toBe('2019-03-12');
    expect(dayOf('2019-03-12')).toBe('2019-03-12');
  });
  test('overdue-strictly-after: overdue when D is after the due date, not on it', () => {
    expect(isAfterDay('2019-03-31', '2019-03-31')).toBe(false);
    expect(isRecommendationOverdue(rec('agreed', D), D)).toBe(false);
    expect(isRecommendationOverdue(rec('agreed', D), '2019-04-01')).toBe(true);
    expect(isActionOverdue(act('planned', 0, D), D)).toBe(false);
    expect(isActionOverdue(act('planned', 0, D), '2019-04-01')).toBe(true);
  });
  test('daysBetween and addDays across months and leap years', () => {
    expect(daysBetween('2019-02-28', '2019-03-01')).toBe(1);
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2);
    expect(daysBetween('2019-04-01', '2019-03-31')).toBe(-1);
    expect(addDays('2019-12-31', 1)).toBe('2020-01-01');
  });
});

describe('status rules', () => {
  test('recommendation-overdue: only raised or agreed recommendations are overdue', () => {
    for (const s of ['raised', 'agreed'] as const)
      expect(isRecommendationOverdue(rec(s, '2019-01-01'), D)).toBe(true);
    for (const s of [
      'implementation-claimed',
      'verified',
      'closed',
      'withdrawn',
      'rejected',
    ] as const)
      expect(isRecommendationOverdue(rec(s, '2019-01-01'), D)).toBe(false);
  });
  test('action-overdue: only open actions (planned, reopened) are overdue', () => {
    for (const s of ['planned', 'reopened'] as const)
      expect(isActionOverdue(act(s, 0, '2019-01-01'), D)).toBe(true);
    for (const s of ['completed', 'cancelled'] as const)
      expect(isActionOverdue(act(s, 0, '2019-01-01'), D)).toBe(false);
  });
  test('slipped: current due date after the original', () => {
    expect(isSlipped(rec('agreed', '2019-07-01', '2019-06-30'))).toBe(true);
    expect(isSlipped(rec('agreed', '2019-06-30', '2019-06-30'))).toBe(false);
  });
  test('review-overdue: open risk with D after nextReviewOn', () => {
    expect(isReviewOverdue({ status: 'open', nextReviewOn: '2019-03-30' }, D)).toBe(true);
    expect(isReviewOverdue({ status: 'open', nextReviewOn: D }, D)).toBe(false);
    expect(isReviewOverdue({ status: 'closed', nextReviewOn: '2019-03-30' }, D)).toBe(false);
  });
});

describe('risk-bands@1', () => {
  test('risk-bands@1: 1-4 low green, 5-10 medium amber, 12-25 high red', () => {
    expect(riskBandsV1.name).toBe('risk-bands@1');
    for (const s of [1, 2, 3, 4]) expect(riskBandsV1.band(s)).toBe('low');
    for (const s of [5, 6, 8, 9, 10]) expect(riskBandsV1.band(s)).toBe('medium');
    for (const s of [12, 15, 16, 20, 25]) expect(riskBandsV1.band(s)).toBe('high');
    expect(riskBandsV1.colour('low')).toBe('green');
    expect(riskBandsV1.colour('medium')).toBe('amber');
    expect(riskBandsV1.colour('high')).toBe('red');
  });
  test('score is likelihood x impact; 14 possible values', () => {
    const values = new Set<number>();
    for (let l = 1; l <= 5; l++)
      for (let i = 1; i <= 5; i++) values.add(score({ likelihood: l, impact: i }));
    expect(values.size).toBe(14);
  });
  test('risk-trend: new before any rescore, then up/down/steady', () => {
    expect(riskTrend(20, undefined)).toBe('new');
    expect(riskTrend(20, 16)).toBe('up');
    expect(riskTrend(12, 16)).toBe('down');
    expect(riskTrend(16, 16)).toBe('steady');
  });
  test('risk-flags: target above current, current above inherent', () => {
    const a = (likelihood: number, impact: number) => ({ likelihood, impact });
    expect(riskFlags({ inherent: a(3, 3), current: a(4, 4), target: a(5, 5) })).toEqual([
      'target-above-current',
      'current-above-inherent',
    ]);
    expect(riskFlags({ inherent: a(5, 5), current: a(4, 4), target: a(2, 2) })).toEqual([]);
  });
});

describe('bcc-cgip@1', () => {
  test('bcc-cgip@1: red when any item is overdue', () => {
    expect(bccCgipV1.rate({ recommendations: [rec('agreed', '2019-01-01')], actions: [] }, D)).toBe(
      'red',
    );
    expect(
      bccCgipV1.rate(
        { recommendations: [rec('closed')], actions: [act('planned', 90, '2019-01-01')] },
        D,
      ),
    ).toBe('red');
  });
  test('bcc-cgip@1: green when there are items and all are done', () => {
    expect(
      bccCgipV1.rate(
        {
          recommendations: [rec('verified'), rec('withdrawn'), rec('rejected'), rec('closed')],
          actions: [act('completed'), act('cancelled')],
        },
        D,
      ),
    ).toBe('green');
  });
  test('bcc-cgip@1: amber otherwise, and for an empty area', () => {
    expect(bccCgipV1.rate(none, D)).toBe('amber');
    expect(bccCgipV1.rate({ recommendations: [rec('closed')], actions: [act('planned')] }, D)).toBe(
      'amber',
    );
    expect(
      bccCgipV1.rate(
        { recommendations: [rec('implementation-claimed', '2019-01-01')], actions: [] },
        D,
      ),
    ).toBe('amber');
  });
});

describe('percent-complete@1', () => {
  test('percent-complete@1: mean over non-cancelled actions, completed counts 100', () => {
    expect(
      meanPercentComplete([act('completed', 0), act('planned', 50), act('cancelled', 0)]),
    ).toBe(75);
    expect(meanPercentComplete([act('cancelled')])).toBeNull();
  });
  test('percent-complete@1: red if m <= 25', () => {
    expect(percentCompleteV1.rate({ recommendations: [], actions: [act('planned', 25)] }, D)).toBe(
      'red',
    );
  });
  test('percent-complete@1: red if m < 50 and an action is overdue, amber if none overdue', () => {
    expect(
      percentCompleteV1.rate(
        { recommendations: [], actions: [act('planned', 49, '2019-01-01')] },
        D,
      ),
    ).toBe('red');
    expect(percentCompleteV1.rate({ recommendations: [], actions: [act('planned', 49)] }, D)).toBe(
      'amber',
    );
    expect(
      percentCompleteV1.rate(
        { recommendations: [], actions: [act('planned', 50, '2019-01-01')] },
        D,
      ),
    ).toBe('amber');
  });
  test('percent-complete@1: green if m > 75, amber at 75, amber with no actions', () => {
    expect(percentCompleteV1.rate({ recommendations: [], actions: [act('planned', 76)] }, D)).toBe(
      'green',
    );
    expect(percentCompleteV1.rate({ recommendations: [], actions: [act('planned', 75)] }, D)).toBe(
      'amber',
    );
    expect(
      percentCompleteV1.rate(
        { recommendations: [rec('agreed', '2019-01-01')], actions: [act('cancelled')] },
        D,
      ),
    ).toBe('amber');
  });
});

describe('slippage@1', () => {
  test('slippage@1: worst open item past its original due date decides', () => {
    expect(slippageV1.rate(none, D)).toBe('green');
    expect(
      slippageV1.rate({ recommendations: [rec('agreed', '2019-12-31', D)], actions: [] }, D),
    ).toBe('green');
    expect(
      slippageV1.rate(
        { recommendations: [rec('agreed', '2019-12-31', '2019-03-30')], actions: [] },
        D,
      ),
    ).toBe('amber');
    expect(
      slippageV1.rate(
        { recommendations: [], actions: [act('planned', 0, '2019-12-31', '2019-02-28')] },
        D,
      ),
    ).toBe('amber');
    expect(
      slippageV1.rate(
        { recommendations: [], actions: [act('reopened', 0, '2019-12-31', '2019-02-27')] },
        D,
      ),
    ).toBe('red');
  });
  test('slippage@1: done items do not count', () => {
    expect(
      slippageV1.rate(
        {
          recommendations: [rec('closed', '2018-01-01')],
          actions: [act('completed', 0, '2018-01-01')],
        },
        D,
      ),
    ).toBe('green');
  });
});

describe('policy lookup', () => {
  test('RAG policies are named and found by name; worst rating', () => {
    expect(Object.keys(ragPolicies).filter((k) => k.endsWith('@1'))).toEqual([
      'bcc-cgip@1',
      'percent-complete@1',
      'slippage@1',
    ]);
    expect(ragPolicyByName('slippage@1')).toBe(slippageV1);
    expect(ragPolicyByName('constructor')).toBeUndefined();
    expect(worstRating(['green', 'amber', 'green'])).toBe('amber');
    expect(worstRating(['green', 'red', 'amber'])).toBe('red');
    expect(worstRating([])).toBeNull();
  });
});
