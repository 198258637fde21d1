import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
// Straight from the modules, not through the folders' index files: a value re-exported by
// `export *` is read through a getter at every use, on the append path too.
import { Envelope, GENESIS_HASH, type ProposedEvent } from '../envelope/codec';
import { isStoreBuiltEnvelopeFast } from '../envelope/fast';
import { computeBuiltEventHash } from '../envelope/hash';
import { describeEnvelopeErrors } from '../envelope/line';
import { frozenMetaWithRecordedAt } from '../envelope/meta-copy';
import type {
  BatchReader,
  DecodedBatch,
  DecodedBatchReader,
  HeadConditionalAppend,
  PayloadDecoder,
  RetainedEnvelopes,
  SyncStreamReader,
} from '../store/capabilities';
import { StoreErrors, StoreFailure, type StoreError, type StoreUnavailable } from '../store/errors';
import { checkExpected } from '../store/expected';
import { AppendNotifier } from '../store/notifier';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  SubscribeOptions,
} from '../store/port';
import { isoOf, isoOfNow, planRecordedAtText } from '../store/recorded-at';
import { catchUpThenLive } from '../store/subscription';
import { offerAppendNow } from './append-now';
import { PayloadDecodings } from './decodings';
import { chunkIterator, failing, sliceIterator } from './iterators';
import type { MemoryStoreOptions } from './options';
import { frozenJsonCopy, SharedStrings } from './shared-strings';

const DEFAULT_READ_BATCH_SIZE = 1024;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * One stream: the log indexes of its events, in revision order. Indexes, not envelopes: the
 * log is the only holder of the envelopes, so the garbage collector moves them in log order
 * and a read of the log walks memory in order (with a second holder per stream, envelopes
 * ended up grouped by stream, and a full read ran several times slower).
 */
interface StreamRecord {
  readonly indexes: number[];
}

/**
 * The in-memory {@link EventStore}: the whole log in an array (tests, examples, benchmarks).
 *
 * - Positions are bigints rendered as decimal strings: by default the first event is at
 *   position `0` and each next one is one higher (configurable, see
 *   {@link MemoryStoreOptions}); consumers must only rely on positions increasing.
 * - An append is checked and written in one synchronous step, so appends are atomic and
 *   a stream's expectation serialises its writers; `data` is copied and every stored
 *   envelope is frozen, so neither writers nor readers can alter the log afterwards.
 * - Reads see the log as it was when they started; subscriptions catch up then follow
 *   live appends.
 * - `meta.recordedAt` never goes backwards along the log (see `planRecordedAt`): the clock
 *   stamps the events that carry none, never earlier than the last event's.
 *
 * @example
 * const store = createMemoryStore({ clock: () => new Date('2019-03-20T10:15:02.311Z') });
 * await store.append('risk-equal-pay', [proposed], 'no-stream')();
 */
export class InMemoryEventStore
  implements
    EventStore,
    BatchReader,
    DecodedBatchReader,
    HeadConditionalAppend,
    RetainedEnvelopes,
    SyncStreamReader
{
  readonly #log: Envelope[] = [];
  readonly #streams = new Map<string, StreamRecord>();
  /** The clock given (none: the system clock, read without making a `Date` per append). */
  readonly #clock: (() => Date) | undefined;
  readonly #first: bigint;
  readonly #step: bigint;
  readonly #yieldOnAppend: boolean;
  readonly #readBatchSize: number;
  /** With `decodePayloads`: the payload checks and their decodings (see `decodings.ts`). */
  readonly #decodings: PayloadDecodings | undefined;
  /** Short strings of the stored payloads, shared (see `shared-strings.ts`); none: not shared. */
  readonly #strings: SharedStrings | undefined;
  #closed = false;
  /**
   * {@inheritDoc RetainedEnvelopes} Here: reads hand out the log's own frozen
   * envelopes.
   */
  readonly retainsEnvelopes = true as const;
  /** Notified after every append; subscriptions wait on it. */
  readonly notifier = new AppendNotifier();

  constructor(options: MemoryStoreOptions = {}) {
    this.#clock = options.clock;
    this.#first = options.firstPosition ?? 0n;
    this.#step = options.positionStep ?? 1n;
    if (this.#first < 0n) throw new RangeError('firstPosition must be >= 0');
    if (this.#step < 1n) throw new RangeError('positionStep must be >= 1');
    this.#yieldOnAppend = options.yieldOnAppend ?? false;
    this.#readBatchSize = options.readBatchSize ?? DEFAULT_READ_BATCH_SIZE;
    this.#decodings =
      options.decodePayloads === undefined
        ? undefined
        : new PayloadDecodings(options.decodePayloads, options.keepDecodings ?? true);
    this.#strings = (options.shareStrings ?? true) ? new SharedStrings(new Map()) : undefined;
    if (!Number.isInteger(this.#readBatchSize) || this.#readBatchSize < 1)
      throw new RangeError('readBatchSize must be an integer >= 1');
    // Not for a subclass: it may append otherwise.
    if (!this.#yieldOnAppend && this.append === InMemoryEventStore.prototype.append)
      offerAppendNow(this, (stream, events, expected) => this.#appendNow(stream, events, expected));
  }

  /** Number of events in the log. */
  get size(): number {
    return this.#log.length;
  }

  /** {@inheritDoc EventStore.append} */
  append(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
  ): TE.TaskEither<StoreError, AppendResult> {
    // No yield: appended in the task's call, handed back settled (cheaper than an async frame),
    // a throw as the rejection, as an async function gives it. One closure per append.
    if (!this.#yieldOnAppend)
      return () => {
        try {
          return Promise.resolve(this.#appendNow(stream, events, expected));
        } catch (e) {
          // The reason thrown, as it is (what an async function rejects with).
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
          return Promise.reject(e);
        }
      };
    return async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      return this.#appendNow(stream, events, expected);
    };
  }

  /** {@inheritDoc HeadConditionalAppend} */
  appendIfHead(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
    head: bigint | null,
  ): TE.TaskEither<StoreError, AppendResult> {
    return async () => {
      if (this.#yieldOnAppend) await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.#closed) return E.left(StoreErrors.unavailable('the in-memory store is closed'));
      // Checked and appended in one synchronous step: no other append can come between.
      const n = this.#log.length;
      const actual = n === 0 ? null : this.#positionAt(n - 1);
      if (actual !== head) return E.left(StoreErrors.headMoved(head, actual));
      return this.#appendNow(stream, events, expected);
    };
  }

  #appendNow(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
  ): E.Either<StoreError, AppendResult> {
    if (this.#closed) return E.left(StoreErrors.unavailable('the in-memory store is closed'));
    const record = this.#streams.get(stream);
    const last =
      record === undefined ? undefined : this.#log[record.indexes[record.indexes.length - 1] ?? -1];
    const current = last === undefined ? null : last.revision;
    const check = checkExpected(stream, expected, current);
    if (E.isLeft(check)) return check;
    if (events.length === 0) {
      return E.right({
        stream,
        nextRevision: current ?? -1,
        position: last?.position ?? '-1',
        events: [],
      });
    }
    const tail = this.#log[this.#log.length - 1];
    const clock = this.#clock;
    const now = clock === undefined ? isoOfNow() : isoOf(clock());
    const times = planRecordedAtText(stream, events, tail?.meta.recordedAt ?? null, now);
    if (E.isLeft(times)) return times;
    const stored: Envelope[] = [];
    // Strings met for the first time in this append: shared from now on only if it lands.
    const strings = this.#strings;
    strings?.begin();
    try {
      const recordedAt = times.right.stamp;
      const first = current === null ? 0 : current + 1;
      const index = this.#log.length;
      let prevHash = last?.hash ?? GENESIS_HASH;
      for (let i = 0; i < events.length; i++) {
        const proposed = events[i] as ProposedEvent;
        // One object, hashed then frozen: the hash covers every field but position and hash.
        const envelope: Mutable<Envelope> = {
          position: this.#positionText(index + i),
          stream,
          revision: first + i,
          eventId: proposed.eventId,
          type: proposed.type,
          schemaVersion: proposed.schemaVersion,
          data: frozenJsonCopy(proposed.data, 'data', strings),
          meta: frozenMetaWithRecordedAt(proposed.meta, recordedAt),
          prevHash,
          // A placeholder of the hash's form while the envelope is checked.
          hash: GENESIS_HASH,
        };
        // The normative codec, as the durable stores check (a caller outside the types).
        const refused = unstorable(envelope, i, stream);
        if (refused !== undefined) return E.left(refused);
        envelope.hash = computeBuiltEventHash(envelope);
        prevHash = envelope.hash;
        stored.push(Object.freeze(envelope));
      }
    } catch (e) {
      // The data is not plain JSON (a function, a Date, a cycle, a non-finite number...): the
      // event is the first not yet stored.
      const why = e instanceof Error ? e.message : String(e);
      return E.left(StoreErrors.cannotStore(stream, stored.length, why));
    }
    // Every payload is checked before anything is written.
    const checked = this.#decodings?.check(stream, stored, this.#log.length);
    if (checked !== undefined && E.isLeft(checked)) return checked;
    checked?.right();
    strings?.commit();
    const target = record ?? { indexes: [] };
    if (record === undefined) this.#streams.set(stream, target);
    for (const e of stored) target.indexes.push(this.#log.push(e) - 1);
    this.notifier.notify();
    const written = stored[stored.length - 1] as Envelope;
    return E.right({
      stream,
      nextRevision: written.revision,
      position: written.position,
      events: stored,
    });
  }

  /** {@inheritDoc EventStore.readStream} */
  readStream(
    stream: string,
    options: { readonly fromRevision?: number } = {},
  ): AsyncIterable<Envelope> {
    return { [Symbol.asyncIterator]: () => this.#streamEvents(stream, options.fromRevision ?? 0) };
  }

  /** {@inheritDoc SyncStreamReader} Here: the log's own frozen envelopes, in a fresh array. */
  readStreamNow(stream: string, fromRevision = 0): readonly Envelope[] {
    if (this.#closed)
      throw new StoreFailure(StoreErrors.unavailable('the in-memory store is closed'));
    const indexes = this.#streams.get(stream)?.indexes;
    if (indexes === undefined) return [];
    const out: Envelope[] = [];
    for (let i = Math.max(0, fromRevision); i < indexes.length; i++)
      out.push(this.#log[indexes[i] as number] as Envelope);
    return out;
  }

  /** {@inheritDoc EventStore.readAll} */
  readAll(options: ReadAllOptions = {}): AsyncIterable<Envelope> {
    return {
      [Symbol.asyncIterator]: () =>
        this.#logEvents(options.from, options.maxCount ?? Number.POSITIVE_INFINITY),
    };
  }

  /**
   * {@inheritDoc BatchReader} Here: copies of slices of the log, at most
   * `readBatchSize` events each (one resolved promise per slice).
   */
  readAllBatches(options: ReadAllOptions = {}): AsyncIterable<readonly Envelope[]> {
    return {
      [Symbol.asyncIterator]: () =>
        this.#logBatches(options.from, options.maxCount ?? Number.POSITIVE_INFINITY),
    };
  }

  /**
   * {@inheritDoc DecodedBatchReader} Here: when `decoder` is the store's
   * `decodePayloads`, the slices of `readAllBatches` with their decodings.
   */
  readDecodedBatches(
    decoder: PayloadDecoder,
    options: ReadAllOptions = {},
  ): AsyncIterable<DecodedBatch> | undefined {
    const decodings = this.#decodings;
    if (decodings === undefined || !decodings.kept || decoder !== decodings.decoder)
      return undefined;
    return {
      [Symbol.asyncIterator]: () => {
        if (this.#closed) return failing(StoreErrors.unavailable('the in-memory store is closed'));
        const start = this.#indexFrom(options.from);
        const end = Math.min(this.#log.length, start + (options.maxCount ?? Infinity));
        return decodings.batches(chunkIterator(this.#log, start, end, this.#readBatchSize), start);
      },
    };
  }

  #streamEvents(stream: string, fromRevision: number): AsyncIterator<Envelope> {
    if (this.#closed) return failing(StoreErrors.unavailable('the in-memory store is closed'));
    const indexes = this.#streams.get(stream)?.indexes ?? [];
    const log = this.#log;
    return sliceIterator(
      (i) => log[indexes[i] as number] as Envelope,
      Math.max(0, fromRevision),
      indexes.length,
    );
  }

  #logEvents(from: bigint | undefined, max: number): AsyncIterator<Envelope> {
    if (this.#closed) return failing(StoreErrors.unavailable('the in-memory store is closed'));
    const start = this.#indexFrom(from);
    const end = Math.min(this.#log.length, start + max);
    const log = this.#log;
    return sliceIterator((i) => log[i] as Envelope, start, end);
  }

  #logBatches(from: bigint | undefined, max: number): AsyncIterator<readonly Envelope[]> {
    if (this.#closed) return failing(StoreErrors.unavailable('the in-memory store is closed'));
    const start = this.#indexFrom(from);
    const end = Math.min(this.#log.length, start + max);
    return chunkIterator(this.#log, start, end, this.#readBatchSize);
  }

  /** {@inheritDoc EventStore.subscribe} */
  subscribe(options: SubscribeOptions = {}): AsyncIterable<Envelope> {
    return catchUpThenLive(this, options);
  }

  /** {@inheritDoc EventStore.headPosition} */
  headPosition(): TE.TaskEither<StoreError, bigint | null> {
    return TE.fromIO(() =>
      this.#log.length === 0 ? null : this.#positionAt(this.#log.length - 1),
    );
  }

  /** {@inheritDoc EventStore.close} Ends live subscriptions; later calls fail with `StoreUnavailable`. */
  close(): Promise<void> {
    this.#closed = true;
    this.notifier.close();
    return Promise.resolve();
  }

  #positionAt(index: number): bigint {
    return this.#first + BigInt(index) * this.#step;
  }

  /** The position of log index `index` as text (no bigint arithmetic by default). */
  #positionText(index: number): string {
    return this.#first === 0n && this.#step === 1n
      ? String(index)
      : this.#positionAt(index).toString();
  }

  /** Index of the first event at or after a position. */
  #indexFrom(from: bigint | undefined): number {
    if (from === undefined || from <= this.#first) return 0;
    const offset = from - this.#first;
    const index = (offset + this.#step - 1n) / this.#step;
    return index > BigInt(this.#log.length) ? this.#log.length : Number(index);
  }
}

/**
 * Creates an empty {@link InMemoryEventStore}.
 *
 * @example
 * const store = createMemoryStore({ clock: () => new Date('2019-04-01T09:00:00.000Z') });
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): InMemoryEventStore {
  return new InMemoryEventStore(options);
}

/**
 * Why an envelope about to be stored (the `i`th of its append) is refused by the normative
 * codec, naming the field; undefined when it is accepted: nothing of the append is written.
 */
function unstorable(envelope: Envelope, i: number, stream: string): StoreUnavailable | undefined {
  // The store made the position, revision, prevHash and hash: the caller's fields are checked.
  if (isStoreBuiltEnvelopeFast(envelope)) return undefined;
  const decoded = Envelope.decode(envelope);
  return E.isLeft(decoded)
    ? StoreErrors.cannotStore(stream, i, describeEnvelopeErrors(decoded.left))
    : undefined;
}
