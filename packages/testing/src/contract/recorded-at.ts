import * as E from 'fp-ts/Either';
import { computeEventHash, type Envelope, Instant } from '@assure/event-store';
import { proposedEvent } from '../fixtures';
import { backfilledAt } from './assertions';
import { appendErr, appendOk, collect } from './helpers';
import { type ContractSuite } from './suite';

// The contract on transaction time (meta.recordedAt).

/** recordedAt filled when absent, kept when given (backfill). */
export function declareRecordedAtGivenTests(suite: ContractSuite): void {
  const { expect } = suite.jest;
  const { test } = suite;
  test('is filled with an instant when absent', async (store) => {
    const r = await appendOk(store, 'risk-equal-pay', [proposedEvent()], 'no-stream');
    const e = r.events[0] as Envelope;
    expect(Instant.is(e.meta.recordedAt)).toBe(true);
    expect(e.meta.backfill).toBeUndefined();
    expect(e.hash).toBe(computeEventHash(e));
  });

  test('is kept when given (backfill)', async (store) => {
    const backfilled = proposedEvent({
      meta: {
        recordedAt: '2016-05-01T12:00:00.000Z',
        backfill: true,
        occurredAt: '2016-04-30T00:00:00.000Z',
      },
    });
    await appendOk(store, 'risk-equal-pay', [backfilled], 'no-stream');
    const [e] = await collect(store.readStream('risk-equal-pay'));
    expect(e?.meta.recordedAt).toBe('2016-05-01T12:00:00.000Z');
    expect(e?.meta.occurredAt).toBe('2016-04-30T00:00:00.000Z');
    expect(e?.meta.backfill).toBe(true);
    expect(e?.hash).toBe(computeEventHash(e as Envelope));
  });
}

/** recordedAt never goes backwards, counting appends not yet acknowledged. */
export function declareRecordedAtOrderTests(suite: ContractSuite): void {
  const { expect } = suite.jest;
  const { test } = suite;
  test('never goes backwards: an earlier one given is RecordedAtRegressed, nothing written', async (store) => {
    const first = await appendOk(store, 'risk-equal-pay', [proposedEvent()], 'no-stream');
    const last = first.events[0]?.meta.recordedAt as string;
    const rewrite = backfilledAt('2016-05-01T12:00:00.000Z');
    const e = await appendErr(store, 'risk-commonwealth-games', [rewrite], 'any');
    expect(e).toMatchObject({
      _tag: 'RecordedAtRegressed',
      stream: 'risk-commonwealth-games',
      index: 0,
      last,
      given: '2016-05-01T12:00:00.000Z',
    });
    expect(e.message).toContain('meta.recordedAt');
    expect(await collect(store.readAll())).toEqual(first.events);
  });

  test('one equal to the last is kept; within an append they must not go back either', async (store) => {
    await appendOk(store, 'risk-equal-pay', [backfilledAt('2016-05-01T12:00:00.000Z')], 'any');
    await appendOk(store, 'risk-equal-pay', [backfilledAt('2016-05-01T12:00:00.000Z')], 'any');
    const e = await appendErr(
      store,
      'risk-equal-pay',
      [backfilledAt('2016-06-01T00:00:00.000Z'), backfilledAt('2016-05-31T00:00:00.000Z')],
      'any',
    );
    expect(e).toMatchObject({ _tag: 'RecordedAtRegressed', index: 1 });
    expect(await collect(store.readAll())).toHaveLength(2);
  });

  test('a stamped one is never before the last, even one given in the future', async (store) => {
    // A clock behind the log (stepped back, or behind a backfill) must not fail appends.
    const future = '2999-01-01T00:00:00.000Z';
    await appendOk(store, 'risk-equal-pay', [backfilledAt(future)], 'no-stream');
    const r = await appendOk(store, 'risk-equal-pay', [proposedEvent()], { revision: 0 });
    expect(r.events[0]?.meta.recordedAt).toBe(future);
    expect(r.events[0]?.meta.backfill).toBeUndefined();
  });

  test('counts appends issued before it and not yet acknowledged', async (store) => {
    const ordinary = store.append('risk-equal-pay', [proposedEvent()], 'no-stream')();
    const late = store.append(
      'risk-commonwealth-games',
      [backfilledAt('2016-05-01T12:00:00.000Z')],
      'no-stream',
    )();
    const [a, b] = await Promise.all([ordinary, late]);
    expect(E.isRight(a)).toBe(true);
    expect(E.isLeft(b) && b.left._tag).toBe('RecordedAtRegressed');
    expect(await collect(store.readStream('risk-commonwealth-games'))).toEqual([]);
    const times = (await collect(store.readAll())).map((x) => x.meta.recordedAt);
    expect([...times].sort()).toEqual(times);
  });
}
