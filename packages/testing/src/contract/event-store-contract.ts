import * as E from 'fp-ts/Either';
import { numberedEvents, proposedEvent } from '../fixtures';
import { appendOk } from './helpers';
import {
  declareAppendOrderTests,
  declareAppendProperty,
  describeExpectedRevision,
} from './appends';
import { declareStoredEnvelopeTests, describeHashChain } from './envelope';
import { describeHandlerOverStore } from './handler-contract';
import {
  describeConditionalAppend,
  describeSyncStreamReads,
  describeDecodedBatches,
  describeRetainedEnvelopes,
} from './optional-capabilities';
import { describeConcurrency } from './races';
import { declareReadTests, describeBatchedReads } from './reads';
import { declareRecordedAtGivenTests, declareRecordedAtOrderTests } from './recorded-at';
import { declareSubscriptionDeliveryTests, declareSubscriptionEndTests } from './subscriptions';
import { contractSuite, type ContractOptions, type StoreFactory } from './suite';

export type { ContractOptions, StoreFactory, StoreUnderTest } from './suite';

// The suite is cut by concern, one file each: appends (expected revision, order, the
// append property), reads (and batched reads), envelope (fields kept, codec, hash chain),
// recorded-at, races, subscriptions, optional capabilities, and the command handler over
// the store (handler-contract). This file only composes them, in the order of the report.

/**
 * The store contract: one jest suite every {@link EventStore} must pass (memory, file,
 * EventStoreDB, and any later store). `factory` is called once per test and must return
 * an empty store; `cleanup` is always called, after the store may already be closed, so
 * `close()` must be idempotent.
 *
 * Covered: the four expected-revision kinds (errors carry stream, expected and actual);
 * atomic, ordered appends; global positions strictly increasing; readStream from a
 * revision; readAll inclusive of its start and bounded by maxCount; batched reads
 * (`readAllInBatches`, native or grouped) equal to readAll, failing as it does; subscriptions
 * (catch-up then live, exclusive of their checkpoint, no gap and no duplicate while
 * appends race the catch-up, ending on abort, break, return and close); concurrent
 * appends to one stream (exactly one wins); hash chains across appends; recordedAt
 * filled or kept (backfill); envelopes that decode with the normative codec;
 * headPosition; close; the command handler over the store (`describeHandlerOverStore`:
 * idempotency only for the same command, backfill rules, a race of handlers on one stream
 * that applies every command); and each store's optional claims: `appendIfHead`,
 * `retainsEnvelopes` (the same deeply frozen objects on every read), `readStreamNow` (what
 * `readStream` hands out, at once) and `readDecodedBatches` (only for the decoder the store checks payloads with).
 *
 * @example
 * describeEventStoreContract('memory store', async () => {
 *   const store = createMemoryStore();
 *   return { store, cleanup: () => store.close() };
 * });
 */
export function describeEventStoreContract(
  name: string,
  factory: StoreFactory,
  options: ContractOptions = {},
): void {
  const suite = contractSuite(factory, options);
  const { describe, expect } = suite.jest;
  const { test } = suite;

  describe(`EventStore contract: ${name}`, () => {
    describeExpectedRevision(suite);
    describe('appending and reading', () => {
      declareStoredEnvelopeTests(suite);
      declareAppendOrderTests(suite);
      declareReadTests(suite);
      declareAppendProperty(suite);
    });
    describeConditionalAppend(suite);
    describeRetainedEnvelopes(suite);
    describeSyncStreamReads(suite);
    describeDecodedBatches(suite);
    describeBatchedReads(suite);
    describeHashChain(suite);
    describe('recordedAt', () => {
      declareRecordedAtGivenTests(suite);
      declareRecordedAtOrderTests(suite);
    });
    describeConcurrency(suite);
    describeHandlerOverStore(
      suite.jest,
      test,
      options.handlerRace ?? { handlers: 8, commands: 20 },
    );
    describe('subscriptions', () => {
      declareSubscriptionDeliveryTests(suite);
      declareSubscriptionEndTests(suite);
    });
    describe('close', () => {
      test('is idempotent, and a closed store refuses appends as unavailable', async (store) => {
        await appendOk(store, 'risk-equal-pay', numberedEvents(1), 'any');
        await store.close();
        await store.close();
        const r = await store.append('risk-equal-pay', [proposedEvent()], 'any')();
        expect(E.isLeft(r) && r.left._tag).toBe('StoreUnavailable');
      });
    });
  });
}
