import type * as JestGlobals from '@jest/globals';
import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import {
  computeEventHash,
  Envelope,
  GENESIS_HASH,
  hasDecodedBatchReader,
  hasHeadConditionalAppend,
  hasRetainedEnvelopes,
  Instant,
  readAllInBatches,
  StoreFailure,
  type DecodedBatch,
  type EventStore,
  type ExpectedRevision,
  type PayloadDecoder,
  type ProposedEvent,
  type ReadAllOptions,
  type StoreError,
} from '@assure/event-store';
import { numberedEvents, proposedEvent } from '../fixtures';
import { arbAppendBatches } from '../generators';
import { describeHandlerOverStore } from './handler-contract';
import { appendErr, appendOk, collect, positionsOf, take, turns, until } from './helpers';

/** A store made for one test, and how to dispose of it (close it, remove its files). */
export interface StoreUnderTest {
  readonly store: EventStore;
  readonly cleanup: () => Promise<void>;
}

/** Makes a fresh, empty store for each test. */
export type StoreFactory = () => Promise<StoreUnderTest>;

/** Options of {@link describeEventStoreContract}. */
export interface ContractOptions {
  /** Runs of each property test (default 20). Lower it for slow stores. */
  readonly numRuns?: number;
  /** Concurrent writers in the concurrency tests (default 10). */
  readonly writers?: number;
  /**
   * Whether the store offers `appendIfHead` (default false: then the suite checks it is
   * absent, so a store cannot claim it by accident).
   */
  readonly conditionalAppend?: boolean;
  /**
   * Whether the store claims `retainsEnvelopes` (default false: then the suite checks it
   * does not, for the same reason).
   */
  readonly retainsEnvelopes?: boolean;
  /**
   * The payload decoder the factory's stores check every append with, if any: the suite
   * then holds `readDecodedBatches` to it. Without one, `readDecodedBatches` (when offered)
   * must answer `undefined` for every decoder.
   */
  readonly payloadDecoder?: PayloadDecoder;
  /** The command handler race on one stream: handlers, and commands each (default 8 x 20). */
  readonly handlerRace?: { readonly handlers: number; readonly commands: number };
}

/**
 * jest's functions, loaded only when a suite is declared: `@jest/globals` throws when
 * imported outside jest, and this package's fixtures and generators also serve benchmarks.
 */
function jestGlobals(): typeof JestGlobals {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@jest/globals') as typeof JestGlobals;
}

async function withStore(factory: StoreFactory, body: (store: EventStore) => Promise<void>) {
  const { store, cleanup } = await factory();
  try {
    await body(store);
  } finally {
    await cleanup();
  }
}

function expectWrongExpected(
  error: StoreError,
  stream: string,
  expected: string,
  actual: string,
): void {
  const { expect } = jestGlobals();
  expect(error).toMatchObject({ _tag: 'WrongExpectedRevision', stream, expected, actual });
  expect(typeof error.message).toBe('string');
}

/** A proposed event backfilled with its own transaction time. */
function backfilledAt(recordedAt: string): ProposedEvent {
  return proposedEvent({
    meta: { recordedAt, backfill: true, occurredAt: '2016-04-30T00:00:00.000Z' },
  });
}

/** Whether a value and everything reachable from it is frozen. */
function deeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  return Object.isFrozen(value) && Object.values(value).every(deeplyFrozen);
}

/** Checks every stream's chain in a log read in position order; returns the problems. */
function chainProblems(log: readonly Envelope[]): string[] {
  const heads = new Map<string, Envelope>();
  const problems: string[] = [];
  for (const e of log) {
    const prev = heads.get(e.stream);
    const where = `${e.stream}@${e.revision} (position ${e.position})`;
    if (e.revision !== (prev === undefined ? 0 : prev.revision + 1))
      problems.push(`${where}: revision does not follow ${prev?.revision ?? 'nothing'}`);
    if (e.prevHash !== (prev === undefined ? GENESIS_HASH : prev.hash))
      problems.push(`${where}: prevHash is not the previous event's hash`);
    if (e.hash !== computeEventHash(e)) problems.push(`${where}: hash does not match its content`);
    heads.set(e.stream, e);
  }
  return problems;
}

function expectStrictlyIncreasing(positions: readonly bigint[]): void {
  const { expect } = jestGlobals();
  for (let i = 1; i < positions.length; i++) {
    expect((positions[i] as bigint) > (positions[i - 1] as bigint)).toBe(true);
  }
}

/** Flattens a batched read, checking that no batch is empty. */
async function flatten(batches: AsyncIterable<readonly Envelope[]>): Promise<Envelope[]> {
  const { expect } = jestGlobals();
  const out: Envelope[] = [];
  for await (const batch of batches) {
    expect(batch.length).toBeGreaterThan(0);
    out.push(...batch);
  }
  return out;
}

/** The error an iteration ends with (undefined when it ends normally). */
async function failureOf(iterable: AsyncIterable<unknown>): Promise<unknown> {
  try {
    await collect(iterable);
  } catch (e) {
    return e;
  }
  return undefined;
}

/**
 * `readAllInBatches` both ways: through the store's own `readAllBatches` (when it has one)
 * and grouping its `readAll` (the fallback, in small batches so groups split the log).
 */
function batchedReads(
  store: EventStore,
  options: ReadAllOptions,
): readonly AsyncIterable<readonly Envelope[]>[] {
  const plain = { readAll: (o?: ReadAllOptions) => store.readAll(o) };
  return [
    readAllInBatches(store, options),
    readAllInBatches(plain, { ...options, fallbackBatchSize: 3 }),
  ];
}

/** What a stored envelope must keep of the proposed event it came from. */
function expectStoredFrom(stored: Envelope, proposed: ProposedEvent): void {
  const { expect } = jestGlobals();
  expect(stored.eventId).toBe(proposed.eventId);
  expect(stored.type).toBe(proposed.type);
  expect(stored.schemaVersion).toBe(proposed.schemaVersion);
  expect(stored.data).toEqual(proposed.data);
  const { recordedAt, ...meta } = proposed.meta;
  expect(stored.meta).toMatchObject(meta);
  if (recordedAt !== undefined) expect(stored.meta.recordedAt).toBe(recordedAt);
}

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
 * `retainsEnvelopes` (the same deeply frozen objects on every read) and
 * `readDecodedBatches` (only for the decoder the store checks payloads with).
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
  const { describe, expect, it } = jestGlobals();
  const numRuns = options.numRuns ?? 20;
  const writers = options.writers ?? 10;
  const test = (title: string, body: (store: EventStore) => Promise<void>) =>
    it(title, () => withStore(factory, body));

  describe(`EventStore contract: ${name}`, () => {
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
        const err = await appendErr(
          store,
          'risk-amey-contract',
          [proposedEvent()],
          'stream-exists',
        );
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

    describe('appending and reading', () => {
      test('keeps every field of the proposed events and decodes with the normative codec', async (store) => {
        const proposed = [
          proposedEvent({
            data: {
              riskId: 'equal-pay',
              nested: { list: [1, 'two', null, true], text: 'Ünïcødé ✓' },
            },
            meta: { commandId: 'cmd-1', correlationId: 'corr-1', causationId: 'cause-1' },
          }),
          proposedEvent({ type: 'RiskReviewed', schemaVersion: 2, data: {} }),
        ];
        const r = await appendOk(store, 'risk-equal-pay', proposed, 'no-stream');
        const read = await collect(store.readStream('risk-equal-pay'));
        expect(read).toEqual(r.events);
        read.forEach((e, i) => {
          expectStoredFrom(e, proposed[i] as ProposedEvent);
          const decoded = Envelope.decode(e);
          expect(E.isRight(decoded)).toBe(true);
          expect(e.stream).toBe('risk-equal-pay');
        });
      });

      test('the store keeps its own copy of the data', async (store) => {
        const data: Record<string, unknown> = { riskId: 'equal-pay', tags: ['finance'] };
        await appendOk(store, 'risk-equal-pay', [proposedEvent({ data })], 'no-stream');
        data['riskId'] = 'changed';
        (data['tags'] as string[]).push('changed');
        const [e] = await collect(store.readStream('risk-equal-pay'));
        expect(e?.data).toEqual({ riskId: 'equal-pay', tags: ['finance'] });
      });

      test('streams are separate, even with similar names', async (store) => {
        await appendOk(store, 'risk-a', numberedEvents(2), 'no-stream');
        await appendOk(store, 'risk-ab', numberedEvents(3), 'no-stream');
        await appendOk(store, 'risk-a', numberedEvents(1), { revision: 1 });
        expect((await collect(store.readStream('risk-a'))).map((e) => e.revision)).toEqual([
          0, 1, 2,
        ]);
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
    });

    describe('conditional append on the head of the log (appendIfHead)', () => {
      if (options.conditionalAppend !== true) {
        test('is not offered', (store) => {
          expect(hasHeadConditionalAppend(store)).toBe(false);
          return Promise.resolve();
        });
        return;
      }
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

    describe('retained envelopes (retainsEnvelopes)', () => {
      if (options.retainsEnvelopes !== true) {
        test('are not claimed', (store) => {
          expect(hasRetainedEnvelopes(store)).toBe(false);
          return Promise.resolve();
        });
        return;
      }
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
        for (const options of [
          {},
          { from: mid },
          { from: mid, maxCount: 530 },
          { maxCount: 1030 },
        ]) {
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

    describe('hash chain', () => {
      test('each stream chains from GENESIS across appends', async (store) => {
        await appendOk(store, 'risk-equal-pay', numberedEvents(2), 'no-stream');
        await appendOk(store, 'risk-commonwealth-games', numberedEvents(1), 'no-stream');
        await appendOk(store, 'risk-equal-pay', numberedEvents(3), { revision: 1 });
        await appendOk(store, 'risk-commonwealth-games', numberedEvents(2), 'stream-exists');
        const stream = await collect(store.readStream('risk-equal-pay'));
        expect(stream[0]?.prevHash).toBe(GENESIS_HASH);
        for (let i = 1; i < stream.length; i++)
          expect(stream[i]?.prevHash).toBe(stream[i - 1]?.hash);
        for (const e of stream) {
          expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(e.hash).toBe(computeEventHash(e));
        }
        expect(chainProblems(await collect(store.readAll()))).toEqual([]);
      });
    });

    describe('recordedAt', () => {
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
    });

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

    describeHandlerOverStore(
      jestGlobals(),
      test,
      options.handlerRace ?? { handlers: 8, commands: 20 },
    );

    describe('subscriptions', () => {
      test('catch up, then follow live appends', async (store) => {
        const first = await appendOk(store, 'risk-equal-pay', numberedEvents(3), 'any');
        const seen: Envelope[] = [];
        const done = (async () => {
          for await (const e of store.subscribe()) {
            seen.push(e);
            if (seen.length === 5) break;
          }
        })();
        await until(() => seen.length === 3);
        const second = await appendOk(store, 'risk-amey-contract', numberedEvents(2), 'any');
        await done;
        expect(seen).toEqual([...first.events, ...second.events]);
      });

      test('start after the checkpoint (exclusive)', async (store) => {
        const r = await appendOk(store, 'risk-equal-pay', numberedEvents(5), 'any');
        const checkpoint = BigInt((r.events[2] as Envelope).position);
        const got = await take(store.subscribe({ after: checkpoint }), 2);
        expect(got).toEqual(r.events.slice(3));
      });

      test('a subscription after the head sees only new events', async (store) => {
        const r = await appendOk(store, 'risk-equal-pay', numberedEvents(2), 'any');
        const sub = take(store.subscribe({ after: BigInt(r.position) }), 1);
        await turns(3);
        const next = await appendOk(store, 'risk-equal-pay', [proposedEvent()], 'any');
        expect(await sub).toEqual(next.events);
      });

      test('no gap and no duplicate while appends race the catch-up', async (store) => {
        for (let i = 0; i < 10; i++)
          await appendOk(store, `risk-r${i % 3}`, numberedEvents(20), 'any');
        const sizes = Array.from({ length: 40 }, (_, i) => 1 + (i % 3));
        const total = 200 + sizes.reduce((a, b) => a + b, 0);
        const seen: Envelope[] = [];
        const writer = (async () => {
          for (const [i, size] of sizes.entries()) {
            await appendOk(store, `action-w${i % 4}`, numberedEvents(size), 'any');
            if (i % 5 === 0) await turns(1);
          }
        })();
        const reader = (async () => {
          for await (const e of store.subscribe()) {
            seen.push(e);
            if (seen.length % 7 === 0) await turns(1);
            if (seen.length >= total) break;
          }
        })();
        await writer;
        await reader;
        const all = await collect(store.readAll());
        expect(all).toHaveLength(total);
        expect(seen.map((e) => e.position)).toEqual(all.map((e) => e.position));
        expect(seen).toEqual(all);
      });

      test('two subscriptions started while appends are in flight both see everything once', async (store) => {
        const appends = Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            appendOk(store, `risk-c${i}`, numberedEvents(5), 'any'),
          ),
        );
        const subA = take(store.subscribe(), 40);
        const subB = take(store.subscribe(), 40);
        await appends;
        const all = await collect(store.readAll());
        expect(await subA).toEqual(all);
        expect(await subB).toEqual(all);
      });

      test('ends when its signal aborts', async (store) => {
        await appendOk(store, 'risk-equal-pay', numberedEvents(2), 'any');
        const controller = new AbortController();
        const seen: Envelope[] = [];
        const done = (async () => {
          for await (const e of store.subscribe({ signal: controller.signal })) seen.push(e);
        })();
        await until(() => seen.length === 2);
        controller.abort();
        await done;
        expect(seen).toHaveLength(2);
      });

      test('an already aborted signal ends at once', async (store) => {
        await appendOk(store, 'risk-equal-pay', numberedEvents(2), 'any');
        const controller = new AbortController();
        controller.abort();
        const seen = await collect(store.subscribe({ signal: controller.signal }));
        expect(seen.length).toBeLessThanOrEqual(2);
      });

      test('return() ends it even while it waits for live events', async (store) => {
        await appendOk(store, 'risk-equal-pay', numberedEvents(1), 'any');
        const iterator = store.subscribe()[Symbol.asyncIterator]();
        const first = await iterator.next();
        expect(first.done).toBe(false);
        const pending = iterator.next();
        await turns(3);
        await iterator.return?.();
        expect((await pending).done).toBe(true);
      });

      test('close() ends live subscriptions', async (store) => {
        await appendOk(store, 'risk-equal-pay', numberedEvents(1), 'any');
        const seen: Envelope[] = [];
        const done = (async () => {
          try {
            for await (const e of store.subscribe()) seen.push(e);
          } catch (e) {
            // Ending with a StoreFailure is allowed; anything else is not.
            if (!(e instanceof StoreFailure)) throw e;
          }
        })();
        await until(() => seen.length === 1);
        await store.close();
        await done;
        expect(seen).toHaveLength(1);
      });
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
