import * as E from 'fp-ts/Either';
import {
  type Envelope,
  hasDecodedBatchReader,
  hasHeadConditionalAppend,
  hasRetainedEnvelopes,
  hasSyncStreamReader,
  readAllInBatches,
  type DecodedBatch,
  type EventStore,
  type ExpectedRevision,
  type PayloadDecoder,
  type ReadAllOptions,
  StoreFailure,
} from '@assure/event-store';
import { numberedEvents, proposedEvent } from '../fixtures';
import { deeplyFrozen } from './assertions';
import { appendOk, collect, take } from './helpers';
import { type ContractSuite } from './suite';

// The contract on each store's optional claims: appendIfHead, retainsEnvelopes,
// readStreamNow and readDecodedBatches. A store that does not claim one is checked not to offer it.

/**
 * Declares the tests of an optional claim under `title`: `tests` when the store's options
 * claim it, else the one test `unclaimed`, which checks the store does not offer it.
 */
function describeClaim(
  suite: ContractSuite,
  title: string,
  claim: {
    readonly claimed: boolean | undefined;
    readonly unclaimed: string;
    readonly offers: (store: EventStore) => boolean;
  },
  tests: () => void,
): void {
  const { describe, expect } = suite.jest;
  describe(title, () => {
    if (claim.claimed === true) tests();
    else
      suite.test(claim.unclaimed, (store) => {
        expect(claim.offers(store)).toBe(false);
        return Promise.resolve();
      });
  });
}

/** appendIfHead, when offered (else checked absent). */
export function describeConditionalAppend(suite: ContractSuite): void {
  const { expect } = suite.jest;
  const { test, writers } = suite;
  const claim = {
    claimed: suite.options.conditionalAppend,
    unclaimed: 'is not offered',
    offers: hasHeadConditionalAppend,
  };
  describeClaim(suite, 'conditional append on the head of the log (appendIfHead)', claim, () => {
    const ifHead = async (
      store: EventStore,
      stream: string,
      head: bigint | null,
      expected: ExpectedRevision = 'any',
    ) => {
      if (!hasHeadConditionalAppend(store)) throw new Error('appendIfHead is missing');
      return store.appendIfHead(stream, [proposedEvent()], expected, head)();
    };
    const headOf = async (store: EventStore) => {
      const h = await store.headPosition()();
      if (E.isLeft(h)) throw new Error(h.left.message);
      return h.right;
    };

    test('appends when the head is the one given (null: empty), else HeadMoved and nothing written', async (store) => {
      const first = await ifHead(store, 'ledger-seals', null);
      if (E.isLeft(first)) throw new Error(first.left.message);
      const head = BigInt(first.right.position);
      expect(await headOf(store)).toBe(head);
      const stale = await ifHead(store, 'risk-equal-pay', null);
      expect(E.isLeft(stale) && stale.left).toMatchObject({
        _tag: 'HeadMoved',
        expected: 'empty',
        actual: head.toString(),
      });
      const behind = await ifHead(store, 'risk-equal-pay', head - 1n);
      expect(E.isLeft(behind) && behind.left._tag).toBe('HeadMoved');
      expect(await collect(store.readAll())).toHaveLength(1);
      expect(await headOf(store)).toBe(head);
      const next = await ifHead(store, 'risk-equal-pay', head);
      expect(E.isRight(next)).toBe(true);
      expect(await collect(store.readAll())).toHaveLength(2);
    });

    test('the stream expectation still applies', async (store) => {
      await appendOk(store, 'ledger-seals', [proposedEvent()], 'no-stream');
      const r = await ifHead(store, 'ledger-seals', await headOf(store), 'no-stream');
      expect(E.isLeft(r) && r.left._tag).toBe('WrongExpectedRevision');
      expect(await collect(store.readAll())).toHaveLength(1);
    });

    test('of several issued together on the same head, exactly one lands', async (store) => {
      await appendOk(store, 'risk-equal-pay', numberedEvents(2), 'any');
      const head = await headOf(store);
      const results = await Promise.all(
        Array.from({ length: writers }, (_, i) => ifHead(store, `risk-${i}`, head)),
      );
      expect(results.filter(E.isRight)).toHaveLength(1);
      for (const r of results.filter(E.isLeft)) expect(r.left._tag).toBe('HeadMoved');
      expect(await collect(store.readAll())).toHaveLength(3);
    });
  });
}

/** retainsEnvelopes, when claimed (else checked unclaimed). */
export function describeRetainedEnvelopes(suite: ContractSuite): void {
  const { expect } = suite.jest;
  const { test } = suite;
  const claim = {
    claimed: suite.options.retainsEnvelopes,
    unclaimed: 'are not claimed',
    offers: hasRetainedEnvelopes,
  };
  describeClaim(suite, 'retained envelopes (retainsEnvelopes)', claim, () => {
    test('every read hands out the same deeply frozen envelope objects', async (store) => {
      await appendOk(store, 'risk-a', numberedEvents(3), 'any');
      await appendOk(store, 'risk-b', numberedEvents(2), 'any');
      const first = await collect(store.readAll());
      const reads: Envelope[][] = [
        await collect(store.readAll()),
        (await collect(readAllInBatches(store))).flat(),
        [
          ...(await collect(store.readStream('risk-a'))),
          ...(await collect(store.readStream('risk-b'))),
        ].sort((a, b) => (BigInt(a.position) < BigInt(b.position) ? -1 : 1)),
        await take(store.subscribe(), first.length),
      ];
      for (const read of reads) {
        expect(read).toHaveLength(first.length);
        read.forEach((e, i) => expect(e).toBe(first[i]));
      }
      for (const e of first) expect(deeplyFrozen(e)).toBe(true);
    });
  });
}

/** readStreamNow, when offered (else checked absent). */
export function describeSyncStreamReads(suite: ContractSuite): void {
  const { describe, expect } = suite.jest;
  const { test, options } = suite;
  describe('streams read at once (readStreamNow)', () => {
    if (options.syncStreamReads !== true) {
      test('is not offered', (store) => {
        expect(hasSyncStreamReader(store)).toBe(false);
        return Promise.resolve();
      });
      return;
    }
    const now = (store: EventStore, stream: string, from?: number): readonly Envelope[] => {
      if (!hasSyncStreamReader(store)) throw new Error('readStreamNow is missing');
      return store.readStreamNow(stream, from);
    };
    test('hands out what readStream does, from any revision; none for no stream', async (store) => {
      await appendOk(store, 'risk-a', numberedEvents(4), 'any');
      await appendOk(store, 'risk-b', numberedEvents(2), 'any');
      await appendOk(store, 'risk-a', numberedEvents(1), 'any');
      for (const stream of ['risk-a', 'risk-b', 'risk-none'])
        for (const from of [undefined, 0, 1, 3, 4, 5, 9, -1]) {
          const read = await collect(
            store.readStream(stream, from === undefined ? {} : { fromRevision: from }),
          );
          expect(now(store, stream, from)).toEqual(read);
        }
      expect(now(store, 'risk-none')).toEqual([]);
    });
    test('sees the appends made before the call, and throws StoreFailure once closed', async (store) => {
      expect(now(store, 'risk-a')).toEqual([]);
      await appendOk(store, 'risk-a', numberedEvents(2), 'any');
      expect(now(store, 'risk-a').map((e) => e.revision)).toEqual([0, 1]);
      await store.close();
      expect(() => now(store, 'risk-a')).toThrow(StoreFailure);
    });
  });
}

/** readDecodedBatches, only for the decoder the store checks payloads with. */
export function describeDecodedBatches(suite: ContractSuite): void {
  const { describe, expect } = suite.jest;
  const { test, options } = suite;
  describe('decoded batches (readDecodedBatches)', () => {
    const decoder = options.payloadDecoder;
    const other: PayloadDecoder = (type, _version, data) => E.right({ type, data });
    const decodedBy = (store: EventStore, d: PayloadDecoder, options?: ReadAllOptions) =>
      hasDecodedBatchReader(store) ? store.readDecodedBatches(d, options) : undefined;
    test('answer undefined for a decoder the store did not check its payloads with', (store) => {
      expect(decodedBy(store, other)).toBeUndefined();
      if (decoder === undefined) {
        const domainLike: PayloadDecoder = (type, _version, data) => E.right({ type, data });
        expect(decodedBy(store, domainLike)).toBeUndefined();
      }
      return Promise.resolve();
    });
    if (decoder === undefined) return;
    test('with its decoder: readAll for every from and maxCount, each payload decoded by it', async (store) => {
      await appendOk(store, 'risk-a', numberedEvents(4), 'any');
      await appendOk(store, 'risk-b', numberedEvents(3), 'any');
      const all = await collect(store.readAll());
      const at = (i: number) => BigInt((all[i] as Envelope).position);
      for (const from of [undefined, at(0), at(2) + 1n, at(6), at(6) + 1n])
        for (const maxCount of [undefined, 0, 1, 5]) {
          const options: ReadAllOptions = {
            ...(from === undefined ? {} : { from }),
            ...(maxCount === undefined ? {} : { maxCount }),
          };
          const batches = decodedBy(store, decoder, options);
          if (batches === undefined) throw new Error('no decoded batches for its own decoder');
          const got: DecodedBatch[] = await collect(batches);
          const expected = await collect(store.readAll(options));
          for (const b of got) {
            expect(b.envelopes.length).toBeGreaterThan(0);
            expect(b.events).toHaveLength(b.envelopes.length);
          }
          expect(got.flatMap((b) => b.envelopes)).toEqual(expected);
          expect(got.flatMap((b) => b.events)).toEqual(
            expected.map((e) => {
              const d = decoder(e.type, e.schemaVersion, e.data);
              if (E.isLeft(d)) throw new Error('a stored payload does not decode');
              return d.right;
            }),
          );
        }
    });
  });
}
