import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import { Envelope, type ProposedEvent } from '@assure/event-store';
import { numberedEvents, proposedEvent } from '../fixtures';
import { arbAppendBatches } from '../generators';
import {
  expectWrongExpected,
  chainProblems,
  expectStrictlyIncreasing,
  expectStoredFrom,
} from './assertions';
import { appendErr, appendOk, collect, positionsOf } from './helpers';
import { type ContractSuite, withStore } from './suite';

// The contract on appends: expected revisions, append order, global positions, and a
// property over any sequence of appends.

/** The four expected-revision kinds; errors carry stream, expected and actual; a refused append writes nothing. */
export function describeExpectedRevision(suite: ContractSuite): void {
  const { describe, expect } = suite.jest;
  const { test } = suite;
  describe('expected revision', () => {
    test('no-stream creates a stream with revisions from 0', async (store) => {
      const r = await appendOk(store, 'risk-equal-pay', numberedEvents(3), 'no-stream');
      expect(r.stream).toBe('risk-equal-pay');
      expect(r.nextRevision).toBe(2);
      expect(r.events.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(r.position).toBe(r.events[2]?.position);
    });

    test('no-stream on an existing stream fails with the actual revision', async (store) => {
      await appendOk(store, 'risk-equal-pay', numberedEvents(2), 'no-stream');
      const err = await appendErr(store, 'risk-equal-pay', [proposedEvent()], 'no-stream');
      expectWrongExpected(err, 'risk-equal-pay', 'no-stream', '1');
    });

    test('stream-exists fails on a missing stream and passes on an existing one', async (store) => {
      const err = await appendErr(store, 'risk-amey-contract', [proposedEvent()], 'stream-exists');
      expectWrongExpected(err, 'risk-amey-contract', 'stream-exists', 'no-stream');
      await appendOk(store, 'risk-amey-contract', [proposedEvent()], 'no-stream');
      const r = await appendOk(store, 'risk-amey-contract', [proposedEvent()], 'stream-exists');
      expect(r.nextRevision).toBe(1);
    });

    test('an exact revision passes only when it is the last revision', async (store) => {
      await appendOk(store, 'risk-paradise-circus', numberedEvents(3), 'no-stream');
      const ok = await appendOk(store, 'risk-paradise-circus', [proposedEvent()], {
        revision: 2,
      });
      expect(ok.nextRevision).toBe(3);
      const behind = await appendErr(store, 'risk-paradise-circus', [proposedEvent()], {
        revision: 2,
      });
      expectWrongExpected(behind, 'risk-paradise-circus', '2', '3');
      const ahead = await appendErr(store, 'risk-paradise-circus', [proposedEvent()], {
        revision: 7,
      });
      expectWrongExpected(ahead, 'risk-paradise-circus', '7', '3');
    });

    test('an exact revision on a missing stream fails with actual no-stream', async (store) => {
      const err = await appendErr(store, 'action-waste-ir', [proposedEvent()], { revision: 0 });
      expectWrongExpected(err, 'action-waste-ir', '0', 'no-stream');
    });

    test('any appends whether or not the stream exists', async (store) => {
      const first = await appendOk(store, 'risk-equal-pay', [proposedEvent()], 'any');
      expect(first.nextRevision).toBe(0);
      const second = await appendOk(store, 'risk-equal-pay', numberedEvents(2), 'any');
      expect(second.nextRevision).toBe(2);
    });

    test('a refused append writes nothing', async (store) => {
      await appendOk(store, 'risk-equal-pay', numberedEvents(2), 'no-stream');
      const head = await store.headPosition()();
      await appendErr(store, 'risk-equal-pay', numberedEvents(3), { revision: 0 });
      await appendErr(store, 'risk-other', numberedEvents(3), 'stream-exists');
      expect(await store.headPosition()()).toEqual(head);
      expect(await collect(store.readStream('risk-equal-pay'))).toHaveLength(2);
      expect(await collect(store.readStream('risk-other'))).toHaveLength(0);
      expect(await collect(store.readAll())).toHaveLength(2);
    });
  });
}

/** Streams apart, append order in the stream and the log, strictly increasing positions. */
export function declareAppendOrderTests(suite: ContractSuite): void {
  const { expect } = suite.jest;
  const { test } = suite;
  test('streams are separate, even with similar names', async (store) => {
    await appendOk(store, 'risk-a', numberedEvents(2), 'no-stream');
    await appendOk(store, 'risk-ab', numberedEvents(3), 'no-stream');
    await appendOk(store, 'risk-a', numberedEvents(1), { revision: 1 });
    expect((await collect(store.readStream('risk-a'))).map((e) => e.revision)).toEqual([0, 1, 2]);
    expect((await collect(store.readStream('risk-ab'))).map((e) => e.stream)).toEqual([
      'risk-ab',
      'risk-ab',
      'risk-ab',
    ]);
  });

  test('events keep their append order in the stream and in the global log', async (store) => {
    const a = await appendOk(store, 'risk-equal-pay', numberedEvents(2), 'any');
    const b = await appendOk(store, 'risk-amey-contract', numberedEvents(3), 'any');
    const c = await appendOk(store, 'risk-equal-pay', numberedEvents(2), 'any');
    const all = await collect(store.readAll());
    expect(all).toEqual([...a.events, ...b.events, ...c.events]);
    const stream = await collect(store.readStream('risk-equal-pay'));
    expect(stream).toEqual([...a.events, ...c.events]);
    expect(stream.map((e) => e.data['seq'])).toEqual([0, 1, 0, 1]);
  });

  test('global positions strictly increase and the result names the last one', async (store) => {
    const results = [];
    for (let i = 0; i < 5; i++)
      results.push(await appendOk(store, `risk-r${i % 2}`, numberedEvents(1 + (i % 3)), 'any'));
    const all = await collect(store.readAll());
    expectStrictlyIncreasing(positionsOf(all));
    for (const r of results) expect(r.position).toBe(r.events[r.events.length - 1]?.position);
    expect(new Set(all.map((e) => e.position)).size).toBe(all.length);
  });
}

/** Property: any sequence of appends reads back in order, with intact chains, and recordedAt never going back. */
export function declareAppendProperty(suite: ContractSuite): void {
  const { expect, it } = suite.jest;
  const { numRuns, factory } = suite;
  it('property: any sequence of appends reads back in order with intact chains', async () => {
    await fc.assert(
      fc.asyncProperty(arbAppendBatches(), async (batches) => {
        await withStore(factory, async (store) => {
          const expected: Envelope[] = [];
          // The model of transaction time: an append giving a recordedAt before the
          // last one is refused and writes nothing.
          // (The generated ones are years before the clock, which stamps the others.)
          let last: string | null = null;
          for (const b of batches) {
            const now = new Date().toISOString();
            const stamp = last !== null && last > now ? last : now;
            let running = last;
            const regresses = b.events.some((p) => {
              const at = p.meta.recordedAt ?? stamp;
              const before = running !== null && at < running;
              running = at;
              return before;
            });
            if (regresses) {
              const e = await appendErr(store, b.stream, b.events, 'any');
              expect(e._tag).toBe('RecordedAtRegressed');
              last = expected[expected.length - 1]?.meta.recordedAt ?? null;
              continue;
            }
            const r = await appendOk(store, b.stream, b.events, 'any');
            r.events.forEach((e, i) => expectStoredFrom(e, b.events[i] as ProposedEvent));
            expected.push(...r.events);
            last = r.events[r.events.length - 1]?.meta.recordedAt ?? last;
          }
          const all = await collect(store.readAll());
          expect(all).toEqual(expected);
          expectStrictlyIncreasing(positionsOf(all));
          expect(chainProblems(all)).toEqual([]);
          for (const e of all) expect(E.isRight(Envelope.decode(e))).toBe(true);
        });
      }),
      { numRuns },
    );
  });
}
