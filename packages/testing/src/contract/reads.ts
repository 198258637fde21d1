import * as E from 'fp-ts/Either';
import { type Envelope, StoreFailure, type ReadAllOptions } from '@assure/event-store';
import { numberedEvents } from '../fixtures';
import { flatten, failureOf, batchedReads } from './assertions';
import { appendOk, collect } from './helpers';
import { type ContractSuite } from './suite';

// The contract on reads: readStream, readAll, headPosition, and batched reads of the log.

/** readStream from a revision, readAll from a position and bounded by maxCount, headPosition, a long log. */
export function declareReadTests(suite: ContractSuite): void {
  const { expect } = suite.jest;
  const { test } = suite;
  test('readStream starts at a revision (inclusive); a missing stream reads empty', async (store) => {
    await appendOk(store, 'recommendation-kerslake-01', numberedEvents(5), 'no-stream');
    const from2 = await collect(
      store.readStream('recommendation-kerslake-01', { fromRevision: 2 }),
    );
    expect(from2.map((e) => e.revision)).toEqual([2, 3, 4]);
    expect(
      await collect(store.readStream('recommendation-kerslake-01', { fromRevision: 5 })),
    ).toEqual([]);
    expect(await collect(store.readStream('recommendation-missing'))).toEqual([]);
  });

  test('readAll starts at its position (inclusive) and honours maxCount', async (store) => {
    await appendOk(store, 'risk-a', numberedEvents(3), 'any');
    await appendOk(store, 'risk-b', numberedEvents(3), 'any');
    const all = await collect(store.readAll());
    expect(all).toHaveLength(6);
    const third = all[2] as Envelope;
    const fromThird = await collect(store.readAll({ from: BigInt(third.position) }));
    expect(fromThird).toEqual(all.slice(2));
    const afterThird = await collect(store.readAll({ from: BigInt(third.position) + 1n }));
    expect(afterThird).toEqual(all.slice(3));
    expect(await collect(store.readAll({ from: BigInt(third.position), maxCount: 2 }))).toEqual(
      all.slice(2, 4),
    );
    const last = all[5] as Envelope;
    expect(await collect(store.readAll({ from: BigInt(last.position) + 1n }))).toEqual([]);
    expect(await collect(store.readAll({ from: 0n }))).toEqual(all);
  });

  test('an empty store reads empty and has no head', async (store) => {
    expect(await collect(store.readAll())).toEqual([]);
    expect(await store.headPosition()()).toEqual(E.right(null));
  });

  test('headPosition is the position of the last event', async (store) => {
    await appendOk(store, 'risk-a', numberedEvents(2), 'any');
    const r = await appendOk(store, 'risk-b', numberedEvents(2), 'any');
    expect(await store.headPosition()()).toEqual(E.right(BigInt(r.position)));
  });

  test('reads stream a long log in order', async (store) => {
    for (let i = 0; i < 20; i++)
      await appendOk(store, `action-a${i % 4}`, numberedEvents(50), 'any');
    let count = 0;
    let previous = -1n;
    for await (const e of store.readAll()) {
      const p = BigInt(e.position);
      expect(p > previous).toBe(true);
      previous = p;
      count++;
    }
    expect(count).toBe(1000);
  });
}

/** `readAllInBatches` (native or grouped) equal to readAll, failing as it does. */
export function describeBatchedReads(suite: ContractSuite): void {
  const { describe, expect } = suite.jest;
  const { test } = suite;
  describe('batched reads of the global log (readAllInBatches)', () => {
    test('flattened, they are readAll for every from and maxCount; no batch is empty', async (store) => {
      await appendOk(store, 'risk-a', numberedEvents(4), 'any');
      await appendOk(store, 'risk-b', numberedEvents(3), 'any');
      await appendOk(store, 'risk-a', numberedEvents(3), 'any');
      const all = await collect(store.readAll());
      expect(all).toHaveLength(10);
      const at = (i: number) => BigInt((all[i] as Envelope).position);
      const froms = [undefined, 0n, at(0), at(3), at(3) + 1n, at(9), at(9) + 1n];
      const maxCounts = [undefined, 0, 1, 4, 100];
      for (const from of froms)
        for (const maxCount of maxCounts) {
          const options: ReadAllOptions = {
            ...(from === undefined ? {} : { from }),
            ...(maxCount === undefined ? {} : { maxCount }),
          };
          const expected = await collect(store.readAll(options));
          for (const batches of batchedReads(store, options))
            expect(await flatten(batches)).toEqual(expected);
        }
      for (const batches of batchedReads(store, {})) expect(await flatten(batches)).toEqual(all);
    });

    test('an empty store reads no batch', async (store) => {
      for (const batches of batchedReads(store, {})) expect(await flatten(batches)).toEqual([]);
    });

    test('a long log reads in order across batch boundaries', async (store) => {
      for (let i = 0; i < 11; i++)
        await appendOk(store, `action-a${i % 3}`, numberedEvents(100), 'any');
      const all = await collect(store.readAll());
      expect(all).toHaveLength(1100);
      const mid = BigInt((all[517] as Envelope).position);
      for (const options of [{}, { from: mid }, { from: mid, maxCount: 530 }, { maxCount: 1030 }]) {
        const expected = await collect(store.readAll(options));
        for (const batches of batchedReads(store, options))
          expect(await flatten(batches)).toEqual(expected);
      }
    });

    test('a closed store fails them as it fails readAll', async (store) => {
      await appendOk(store, 'risk-equal-pay', numberedEvents(3), 'any');
      await store.close();
      const errorOf = (e: unknown) => (e instanceof StoreFailure ? e.error : e);
      const expected = await failureOf(store.readAll());
      expect(expected).toBeInstanceOf(StoreFailure);
      for (const batches of batchedReads(store, {}))
        expect(errorOf(await failureOf(batches))).toEqual(errorOf(expected));
    });
  });
}
