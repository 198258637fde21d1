/**
 * Before each append the adapter looks backwards through `$all` for the newest event of the
 * project (the transaction-time rule), and `headPosition()` does the same. The scan starts
 * with a small page and widens it: it must find an event behind many foreign records, and
 * must not pull a full page over the wire when the answer is the newest record.
 */
import * as E from 'fp-ts/Either';
import { appendOk, numberedEvents, proposedEvent } from '@assure/testing';
import { createEsdbStore } from '@assure/store-esdb';
import { EsdbDouble } from '@assure/store-esdb/testing';

const json = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));

function open(url: string, clock: () => Date, readPageSize?: number) {
  const store = createEsdbStore(url, {
    clock,
    ...(readPageSize === undefined ? {} : { readPageSize }),
  });
  if (E.isLeft(store)) throw new Error(store.left.message);
  return store.right;
}

function foreign(double: EsdbDouble, count: number): void {
  for (let i = 0; i < count; i++)
    double.inject(`orders-${i % 7}`, {
      type: 'OrderPlaced',
      contentType: 'application/json',
      data: json({ i }),
      customMetadata: new Uint8Array(),
    });
}

describe('the backwards scan of $all', () => {
  it.each([undefined, 10])(
    'finds the newest project event behind 300 foreign records (page size %s)',
    async (readPageSize) => {
      const double = await EsdbDouble.start({ batchAppend: true });
      const later = open(double.connectionString, () => new Date('2020-06-01T00:00:00Z'));
      const first = await appendOk(later, 'risk-equal-pay', numberedEvents(2), 'no-stream');
      foreign(double, 300);
      const early = open(
        double.connectionString,
        () => new Date('2019-01-01T00:00:00Z'),
        readPageSize,
      );
      const newest = first.events[1];
      expect(await early.headPosition()()).toEqual(E.right(BigInt(newest?.position ?? '')));
      // The earlier clock is lifted to the newest event's transaction time, found by the scan.
      const next = await appendOk(early, 'risk-other', [proposedEvent()], 'no-stream');
      expect(next.events[0]?.meta.recordedAt).toBe(newest?.meta.recordedAt);
      await later.close();
      await early.close();
      await double.stop();
    },
  );

  it('an append to a long log reads a handful of records, not a page', async () => {
    const double = await EsdbDouble.start({ batchAppend: true });
    const store = open(double.connectionString, () => new Date('2020-06-01T00:00:00Z'));
    for (let i = 0; i < 12; i++) await appendOk(store, `risk-r${i}`, numberedEvents(50), 'any');
    const before = double.calls.recordsRead;
    await appendOk(store, 'risk-r0', numberedEvents(1), 'any');
    // The scan's first page (8), the stream's tail and the read-back of the one event.
    expect(double.calls.recordsRead - before).toBeLessThanOrEqual(10);
    await store.close();
    await double.stop();
  });

  it('an empty log ends the scan at its start', async () => {
    const double = await EsdbDouble.start({ batchAppend: true });
    foreign(double, 30);
    const store = open(double.connectionString, () => new Date('2020-06-01T00:00:00Z'), 4);
    expect(await store.headPosition()()).toEqual(E.right(null));
    await store.close();
    await double.stop();
  });
});
