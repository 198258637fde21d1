import * as E from 'fp-ts/Either';
import { numberedEvents, proposedEvent } from '../fixtures';
import { expectWrongExpected, chainProblems, expectStrictlyIncreasing } from './assertions';
import { appendOk, collect, positionsOf } from './helpers';
import { type ContractSuite } from './suite';

// The contract under concurrent appends.

/** Concurrent appends: exactly one wins at one revision; appends to different streams all land, atomically. */
export function describeConcurrency(suite: ContractSuite): void {
  const { describe, expect } = suite.jest;
  const { test, writers } = suite;
  describe('concurrency', () => {
    test('of concurrent appends at one exact revision, exactly one wins', async (store) => {
      await appendOk(store, 'risk-equal-pay', [proposedEvent()], 'no-stream');
      const results = await Promise.all(
        Array.from({ length: writers }, (_, i) =>
          store.append('risk-equal-pay', numberedEvents(2, { data: { writer: i } }), {
            revision: 0,
          })(),
        ),
      );
      const wins = results.filter(E.isRight);
      const losses = results.filter(E.isLeft);
      expect(wins).toHaveLength(1);
      expect(losses).toHaveLength(writers - 1);
      for (const l of losses) expectWrongExpected(l.left, 'risk-equal-pay', '0', '2');
      const stream = await collect(store.readStream('risk-equal-pay'));
      expect(stream).toHaveLength(3);
      expect(chainProblems(stream)).toEqual([]);
    });

    test('of concurrent no-stream appends, exactly one creates the stream', async (store) => {
      const results = await Promise.all(
        Array.from({ length: writers }, () =>
          store.append('programme-bcc', [proposedEvent()], 'no-stream')(),
        ),
      );
      expect(results.filter(E.isRight)).toHaveLength(1);
      for (const r of results.filter(E.isLeft))
        expectWrongExpected(r.left, 'programme-bcc', 'no-stream', '0');
      expect(await collect(store.readAll())).toHaveLength(1);
    });

    test('concurrent appends to different streams all succeed, in one order', async (store) => {
      const results = await Promise.all(
        Array.from({ length: writers }, (_, i) =>
          store.append(`action-a${i}`, numberedEvents(3), 'no-stream')(),
        ),
      );
      expect(results.every(E.isRight)).toBe(true);
      const all = await collect(store.readAll());
      expect(all).toHaveLength(writers * 3);
      expectStrictlyIncreasing(positionsOf(all));
      expect(chainProblems(all)).toEqual([]);
      // Each append's events are contiguous in the global log (appends are atomic).
      for (const r of results) {
        if (E.isLeft(r)) continue;
        const first = all.findIndex((e) => e.eventId === r.right.events[0]?.eventId);
        expect(all.slice(first, first + 3)).toEqual(r.right.events);
      }
    });
  });
}
