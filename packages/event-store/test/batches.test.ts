import * as fc from 'fast-check';
import {
  createMemoryStore,
  FALLBACK_BATCH_SIZE,
  readAllInBatches,
  StoreFailure,
  StoreErrors,
  type Envelope,
  type InMemoryEventStore,
  type ReadAllOptions,
} from '@assure/event-store';
import { appendOk, collect, numberedEvents, readBatches } from '@assure/testing';

/** A memory store holding `sizes.length` appends, of those sizes, over three streams. */
async function storeWith(
  sizes: readonly number[],
  options: Parameters<typeof createMemoryStore>[0] = {},
) {
  const store = createMemoryStore(options);
  for (const [i, n] of sizes.entries()) await appendOk(store, `risk-r${i % 3}`, numberedEvents(n));
  return store;
}

const arbLog = fc.record({
  appends: fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 12 }),
  firstPosition: fc.bigInt({ min: 0n, max: 50n }),
  positionStep: fc.bigInt({ min: 1n, max: 4n }),
});
/** A `from` around and inside the log's positions, or none. */
const arbFrom = fc.option(fc.bigInt({ min: -2n, max: 500n }), { nil: undefined });
const arbMaxCount = fc.option(fc.integer({ min: -1, max: 120 }), { nil: undefined });

function optionsOf(from: bigint | undefined, maxCount: number | undefined): ReadAllOptions {
  return {
    ...(from === undefined ? {} : { from }),
    ...(maxCount === undefined ? {} : { maxCount }),
  };
}

/**
 * Over 200 generated logs, reads (`from`, `maxCount`) and batch sizes drawn from `arbSize`:
 * the batches `batches` reads from a memory store holding the log (made with the log's
 * positions and `storeOptions`), flattened, are what readAll gives for the same options;
 * each batch holds 1 to `full` events, and all but the last are full.
 */
async function batchesCoverReadAll<S>(
  arbSize: fc.Arbitrary<S>,
  by: {
    readonly storeOptions: (size: S) => Parameters<typeof createMemoryStore>[0];
    readonly batches: (
      store: InMemoryEventStore,
      size: S,
      options: ReadAllOptions,
    ) => AsyncIterable<readonly Envelope[]>;
    readonly full: (size: S) => number;
  },
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbLog, arbSize, arbFrom, arbMaxCount, async (log, size, from, maxCount) => {
      const store = await storeWith(log.appends, {
        firstPosition: log.firstPosition,
        positionStep: log.positionStep,
        ...by.storeOptions(size),
      });
      const options = optionsOf(from, maxCount);
      const expected = await collect(store.readAll(options));
      const got = await readBatches(by.batches(store, size, options));
      const full = by.full(size);
      expect(got.error).toBeUndefined();
      expect(got.events).toEqual(expected);
      for (const n of got.sizes) {
        expect(n).toBeGreaterThan(0);
        expect(n).toBeLessThanOrEqual(full);
      }
      expect(got.sizes.slice(0, -1).every((n) => n === full)).toBe(true);
    }),
    { numRuns: 200 },
  );
}

describe('memory store: readAllBatches', () => {
  it('property: flattened, the batches are readAll; each holds 1 to readBatchSize events', () =>
    batchesCoverReadAll(fc.integer({ min: 1, max: 8 }), {
      storeOptions: (readBatchSize) => ({ readBatchSize }),
      batches: (store, _readBatchSize, options) => store.readAllBatches(options),
      // All but the last batch are full: the store hands out whole slices.
      full: (readBatchSize) => readBatchSize,
    }));

  it('hands out slices of 1024 by default, copies the store cannot be altered through', async () => {
    const store = await storeWith([1000, 1000, 500]);
    const got = await readBatches(store.readAllBatches());
    expect(got.sizes).toEqual([1024, 1024, 452]);
    const [first] = await collect(store.readAllBatches({ maxCount: 3 }));
    expect(first).toHaveLength(3);
    (first as Envelope[]).length = 0;
    expect(await collect(store.readAll({ maxCount: 3 }))).toHaveLength(3);
  });

  it('sees the log as it was when iteration started', async () => {
    const store = await storeWith([3], { readBatchSize: 2 });
    const iterator = store.readAllBatches()[Symbol.asyncIterator]();
    const first = await iterator.next();
    await appendOk(store, 'risk-late', numberedEvents(4));
    const second = await iterator.next();
    const third = await iterator.next();
    expect([first.value, second.value].map((b) => (b as Envelope[] | undefined)?.length)).toEqual([
      2, 1,
    ]);
    expect(third.done).toBe(true);
  });

  it('fails with StoreUnavailable once closed, like readAll', async () => {
    const store = await storeWith([2]);
    await store.close();
    const plain = await readBatches(
      readAllInBatches({ readAll: (o?: ReadAllOptions) => store.readAll(o) }),
    );
    const native = await readBatches(store.readAllBatches());
    expect(native.error).toBeInstanceOf(StoreFailure);
    expect(native.error instanceof StoreFailure && native.error.error).toEqual(
      StoreErrors.unavailable('the in-memory store is closed'),
    );
    expect(native).toEqual(plain);
  });

  it('refuses a readBatchSize below 1 or not an integer', () => {
    expect(() => createMemoryStore({ readBatchSize: 0 })).toThrow(RangeError);
    expect(() => createMemoryStore({ readBatchSize: 1.5 })).toThrow(RangeError);
  });
});

describe('readAllInBatches', () => {
  it("uses the store's own readAllBatches when it has one", async () => {
    const store = await storeWith([5], { readBatchSize: 2 });
    const got = await readBatches(readAllInBatches(store, { from: 1n, fallbackBatchSize: 4 }));
    expect(got.sizes).toEqual([2, 2]);
    expect(got.events).toEqual(await collect(store.readAll({ from: 1n })));
  });

  it('property: without it, groups readAll into batches of fallbackBatchSize (the last may be short)', () =>
    batchesCoverReadAll(fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }), {
      storeOptions: () => ({}),
      batches: (store, size, options) =>
        readAllInBatches(
          { readAll: (o?: ReadAllOptions) => store.readAll(o) },
          { ...options, ...(size === undefined ? {} : { fallbackBatchSize: size }) },
        ),
      full: (size) => size ?? FALLBACK_BATCH_SIZE,
    }));

  it('hands out the events read before a failure, then throws that failure', async () => {
    const store = await storeWith([7]);
    const events = await collect(store.readAll());
    const failure = new StoreFailure(StoreErrors.corrupt('5', 'bad line'));
    const failing = {
      readAll: (): AsyncIterable<Envelope> => ({
        async *[Symbol.asyncIterator]() {
          yield* events.slice(0, 5);
          throw failure;
        },
      }),
    };
    const got = await readBatches(readAllInBatches(failing, { fallbackBatchSize: 3 }));
    expect(got).toEqual({ events: events.slice(0, 5), sizes: [3, 2], error: failure });
    const atABoundary = await readBatches(readAllInBatches(failing, { fallbackBatchSize: 5 }));
    expect(atABoundary).toEqual({ events: events.slice(0, 5), sizes: [5], error: failure });
  });

  it("stops the store's read when the consumer stops", async () => {
    let returned = false;
    let pulled = 0;
    const endless = {
      readAll: (): AsyncIterable<Envelope> => ({
        [Symbol.asyncIterator]: () => ({
          next: async () => {
            pulled++;
            const [e] = await collect((await storeWith([1])).readAll());
            return { done: false as const, value: e as Envelope };
          },
          return: () => {
            returned = true;
            return Promise.resolve({ done: true as const, value: undefined });
          },
        }),
      }),
    };
    for await (const batch of readAllInBatches(endless, { fallbackBatchSize: 4 })) {
      expect(batch).toHaveLength(4);
      break;
    }
    expect(returned).toBe(true);
    expect(pulled).toBe(4);
  });

  it('refuses a fallbackBatchSize below 1 or not an integer', () => {
    const plain = { readAll: () => createMemoryStore().readAll() };
    expect(() => readAllInBatches(plain, { fallbackBatchSize: 0 })).toThrow(RangeError);
    expect(() => readAllInBatches(plain, { fallbackBatchSize: Number.NaN })).toThrow(RangeError);
  });
});
