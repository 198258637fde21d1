import {
  bccCgipV1,
  bccCgipV2,
  countingV1,
  countingV2,
  defaultRagPolicy,
  percentCompleteV1,
  percentCompleteV2,
  ragPolicies,
  ragPolicyByName,
  slippageV1,
  slippageV2,
  workDue,
} from '@assure/domain';
import { ratedOn } from './policy-items';

const { D, rec, act } = ratedOn('2019-10-31', '2019-12-31');

describe('bcc-cgip@2', () => {
  test('rag@2: a recommendation past its original due date is red even when re-dated', () => {
    const redated = rec('agreed', '2019-12-31', '2019-03-31');
    expect(bccCgipV1.rate({ recommendations: [redated], actions: [] }, D)).toBe('amber');
    expect(bccCgipV2.rate({ recommendations: [redated], actions: [] }, D)).toBe('red');
  });
  test('rag@2: a reopened recommendation counts from its new baseline, not its first date', () => {
    const reopened = rec('agreed', '2020-03-31', '2015-12-31', '2020-03-31');
    expect(bccCgipV2.rate({ recommendations: [reopened], actions: [] }, D)).toBe('amber');
  });
  test('rag@2: a claim awaiting verification is not late', () => {
    const claimed = rec('implementation-claimed', '2019-12-31', '2019-03-31');
    expect(bccCgipV2.rate({ recommendations: [claimed], actions: [] }, D)).toBe('amber');
  });
  test('rag@2: an open risk at or above the threshold keeps an area from green', () => {
    const items = { recommendations: [rec('closed')], actions: [act('completed')] };
    expect(bccCgipV2.rate({ ...items, risks: [{ score: 8 }] }, D)).toBe('green');
    expect(bccCgipV2.rate({ ...items, risks: [{ score: 12 }] }, D)).toBe('amber');
    expect(bccCgipV1.rate({ ...items, risks: [{ score: 12 }] }, D)).toBe('green');
  });
  test('rag@2: cancelled or withdrawn work is neither done nor failed', () => {
    // Only cancelled and withdrawn items: nothing is counted, so not green (amber).
    expect(
      bccCgipV2.rate({ recommendations: [rec('withdrawn')], actions: [act('cancelled')] }, D),
    ).toBe('amber');
    expect(
      bccCgipV1.rate({ recommendations: [rec('withdrawn')], actions: [act('cancelled')] }, D),
    ).toBe('green');
    // A cancelled action past its date is not a failure either.
    const items = {
      recommendations: [rec('closed')],
      actions: [act('cancelled', 0, '2019-01-31')],
    };
    expect(bccCgipV2.rate(items, D)).toBe('green');
  });
  test('rag@2: an open action past its current due date is red', () => {
    expect(
      bccCgipV2.rate({ recommendations: [], actions: [act('planned', 50, '2019-10-30')] }, D),
    ).toBe('red');
  });
});

describe('percent-complete@2', () => {
  test('percent-complete@2: nothing due yet is green, not red', () => {
    const items = { recommendations: [], actions: [act('planned', 0, '2015-06-30')] };
    expect(percentCompleteV1.rate(items, '2015-01-31')).toBe('red');
    expect(percentCompleteV2.rate(items, '2015-01-31')).toBe('green');
  });
  test('percent-complete@2: compares work done with work due', () => {
    const due = act('planned', 80, '2019-09-30');
    const notYet = act('planned', 0, '2020-03-31');
    expect(workDue([due, notYet, act('completed', 0, '2019-06-30')], D)).toEqual({
      due: 2,
      percentOfDue: 90,
    });
    expect(percentCompleteV2.rate({ recommendations: [], actions: [due, notYet] }, D)).toBe(
      'amber',
    );
    expect(
      percentCompleteV2.rate(
        { recommendations: [], actions: [act('planned', 50, '2019-09-30')] },
        D,
      ),
    ).toBe('red');
    expect(
      percentCompleteV2.rate({ recommendations: [], actions: [act('completed'), notYet] }, D),
    ).toBe('green');
  });
  test('percent-complete@2: cancelled actions are left out; amber with none counted', () => {
    expect(percentCompleteV2.rate({ recommendations: [], actions: [act('cancelled')] }, D)).toBe(
      'amber',
    );
    expect(
      percentCompleteV2.rate(
        { recommendations: [], actions: [act('cancelled', 0, '2019-01-31'), act('completed')] },
        D,
      ),
    ).toBe('green');
  });
});

describe('slippage@2', () => {
  test('slippage@2: a reopened item starts anew', () => {
    const reopened = rec('agreed', '2020-03-31', '2015-12-31', '2020-03-31');
    expect(slippageV1.rate({ recommendations: [reopened], actions: [] }, D)).toBe('red');
    expect(slippageV2.rate({ recommendations: [reopened], actions: [] }, D)).toBe('green');
    // Reopened with no new date yet: the baseline is the reopening day.
    const waiting = rec('agreed', '2015-12-31', '2015-12-31', '2019-10-20');
    expect(slippageV2.rate({ recommendations: [waiting], actions: [] }, D)).toBe('amber');
  });
  test('slippage@2: items without a baseline count from the original due date', () => {
    const late = act('planned', 0, '2019-12-31', '2019-08-31');
    expect(slippageV2.rate({ recommendations: [], actions: [late] }, D)).toBe('red');
    expect(
      slippageV2.rate({ recommendations: [], actions: [act('cancelled', 0, '2015-01-01')] }, D),
    ).toBe('green');
  });
});

describe('counting rules and the registry', () => {
  test('done@2: one rule for done, with cancelled, withdrawn and rejected left out', () => {
    expect(countingV2.action('cancelled')).toBe('excluded');
    expect(countingV2.action('completed')).toBe('done');
    expect(countingV2.recommendation('withdrawn')).toBe('excluded');
    expect(countingV2.recommendation('rejected')).toBe('excluded');
    expect(countingV2.recommendation('verified')).toBe('done');
    expect(countingV2.recommendation('implementation-claimed')).toBe('open');
    expect(countingV1.action('cancelled')).toBe('done');
  });
  test('the @2 policies sit beside the @1 ones and bcc-cgip@2 is the default', () => {
    expect(Object.keys(ragPolicies)).toEqual([
      'bcc-cgip@1',
      'percent-complete@1',
      'slippage@1',
      'bcc-cgip@2',
      'percent-complete@2',
      'slippage@2',
    ]);
    expect(defaultRagPolicy).toBe(bccCgipV2);
    expect(ragPolicyByName('bcc-cgip@1')).toBe(bccCgipV1);
    expect(ragPolicyByName('slippage@2')?.counting).toBe(countingV2);
  });
});
