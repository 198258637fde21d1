import * as E from 'fp-ts/Either';
import {
  createMemoryStore,
  hasBatchReader,
  hasDecodedBatchReader,
  hasHeadConditionalAppend,
  hasRetainedEnvelopes,
  hasSyncStreamReader,
  readAllInBatches,
  type EventStore,
} from '@assure/event-store';
import { portOnly } from '@assure/testing';

const proposed = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    eventId: `evt-${i}`,
    type: 'RiskRescored',
    schemaVersion: 1,
    data: { riskId: 'equal-pay', likelihood: 1 + (i % 5), impact: 5 },
    meta: { actor: 'officer-cfo', role: 'officer', occurredAt: '2019-03-12T00:00:00.000Z' },
  }));

describe('store capabilities beyond the port', () => {
  it('are detected on the memory store and absent from a store of the port alone', () => {
    const memory = createMemoryStore();
    expect(hasBatchReader(memory)).toBe(true);
    expect(hasDecodedBatchReader(memory)).toBe(true);
    expect(hasHeadConditionalAppend(memory)).toBe(true);
    expect(hasRetainedEnvelopes(memory)).toBe(true);
    expect(hasSyncStreamReader(memory)).toBe(true);
    const plain = portOnly(memory);
    expect(hasBatchReader(plain)).toBe(false);
    expect(hasDecodedBatchReader(plain)).toBe(false);
    expect(hasHeadConditionalAppend(plain)).toBe(false);
    expect(hasRetainedEnvelopes(plain)).toBe(false);
    expect(hasSyncStreamReader(plain)).toBe(false);
    expect(hasRetainedEnvelopes({ retainsEnvelopes: false })).toBe(false);
  });

  it('readAllInBatches takes the store batches when offered, and groups readAll otherwise', async () => {
    const memory = createMemoryStore({ readBatchSize: 4 });
    const r = await memory.append('risk-equal-pay', proposed(10), 'no-stream')();
    if (E.isLeft(r)) throw new Error(r.left.message);
    const sizes = async (store: EventStore, fallbackBatchSize?: number) => {
      const out: number[] = [];
      const options = fallbackBatchSize === undefined ? {} : { fallbackBatchSize };
      for await (const b of readAllInBatches(store, options)) out.push(b.length);
      return out;
    };
    expect(await sizes(memory, 3)).toEqual([4, 4, 2]);
    expect(await sizes(portOnly(memory), 3)).toEqual([3, 3, 3, 1]);
  });
});
