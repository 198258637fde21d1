import * as E from 'fp-ts/Either';
import {
  EventStoreDBClient,
  StreamDeletedError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  StoreFailure,
  computeEventHash,
  type Envelope,
  type EventStore,
  type StoreError,
} from '@assure/event-store';
import { appendErr, appendOk, collect, numberedEvents, proposedEvent } from '@assure/testing';
import {
  createEsdbStore,
  esdbEventId,
  isEsdbUrl,
  isTransient,
  mapClientError,
  positionToString,
  projectStreamRegex,
  revisionToNumber,
} from '@assure/store-esdb';
import { toEsdbEvent, toEsdbPosition } from '../src/esdb/recorded';
import { EsdbDouble } from '@assure/store-esdb/testing';

function open(connectionString: string): EventStore {
  const store = createEsdbStore(connectionString);
  if (E.isLeft(store)) throw new Error(store.left.message);
  return store.right;
}

async function failureOf(iterable: AsyncIterable<unknown>): Promise<StoreError> {
  try {
    await collect(iterable);
  } catch (e) {
    if (e instanceof StoreFailure) return e.error;
    throw e;
  }
  throw new Error('expected the read to fail');
}

const json = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));

describe('pure mapping', () => {
  it('positions are bigints rendered in decimal, exact beyond 2^53', () => {
    const big = 2n ** 53n + 1n;
    expect(positionToString(big)).toBe('9007199254740993');
    expect(positionToString(2n ** 64n - 1n)).toBe('18446744073709551615');
    expect(toEsdbPosition(big)).toEqual({ commit: big, prepare: big });
  });

  it('revisions become numbers only while safe', () => {
    expect(revisionToNumber(0n)).toBe(0);
    expect(revisionToNumber(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(revisionToNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toBeUndefined();
    expect(revisionToNumber(-1n)).toBeUndefined();
  });

  it('the $all filter admits exactly the project streams', () => {
    const re = new RegExp(projectStreamRegex());
    for (const s of [
      'programme-bcc',
      'adviser-kerslake',
      'recommendation-k-01',
      'action-waste-ir',
      'risk-equal-pay',
      'ledger-seals',
    ])
      expect(re.test(s)).toBe(true);
    for (const s of ['risk-', 'riskx-a', 'ledger-sealsx', '$$risk-a', '$stats-1', 'other-a'])
      expect(re.test(s)).toBe(false);
    const prefixed = new RegExp(projectStreamRegex(undefined, undefined, 'assure.'));
    expect(prefixed.test('assure.risk-a')).toBe(true);
    expect(prefixed.test('assureXrisk-a')).toBe(false);
    expect(prefixed.test('risk-a')).toBe(false);
  });

  it('a UUID eventId is the EventStoreDB id; any other id maps to a stable UUID', () => {
    const uuid = '0b9f5c1e-8d2a-4c3b-9e7f-1a2b3c4d5e6f';
    expect(esdbEventId(uuid)).toBe(uuid);
    const derived = esdbEventId('evt-00000001');
    expect(derived).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(esdbEventId('evt-00000001')).toBe(derived);
    expect(esdbEventId('evt-00000002')).not.toBe(derived);
    // Upper case is not what the server returns, so it is kept in the metadata.
    expect(esdbEventId(uuid.toUpperCase())).not.toBe(uuid.toUpperCase());
  });

  it('the hashed fields travel in data and metadata', () => {
    const e: Omit<Envelope, 'position'> = {
      stream: 'risk-equal-pay',
      revision: 0,
      eventId: 'evt-1',
      type: 'RiskRescored',
      schemaVersion: 2,
      data: { riskId: 'equal-pay' },
      meta: {
        actor: 'officer-cfo',
        role: 'officer',
        occurredAt: '2018-11-05T00:00:00.000Z',
        recordedAt: '2018-11-05T10:00:00.000Z',
        correlationId: 'corr-1',
      },
      prevHash: '0'.repeat(64),
      hash: 'a'.repeat(64),
    };
    const ev = toEsdbEvent(e);
    expect(ev.type).toBe('RiskRescored');
    expect(ev.contentType).toBe('application/json');
    expect(ev.data).toEqual({ riskId: 'equal-pay' });
    expect(ev.metadata).toEqual({
      schemaVersion: 2,
      meta: e.meta,
      prevHash: e.prevHash,
      hash: e.hash,
      eventId: 'evt-1',
      $correlationId: 'corr-1',
    });
  });

  it('client errors map to the port errors', () => {
    const wrong = new WrongExpectedVersionError(undefined, {
      streamName: 'risk-x',
      current: 4n,
      expected: 2n,
    });
    expect(mapClientError(wrong, { stream: 'risk-x', expected: '2' })).toMatchObject({
      _tag: 'WrongExpectedRevision',
      stream: 'risk-x',
      expected: '2',
      actual: '4',
    });
    const noStream = new WrongExpectedVersionError(undefined, {
      streamName: 'risk-x',
      current: 'no_stream',
      expected: 'stream_exists',
    });
    expect(mapClientError(noStream)).toMatchObject({
      _tag: 'WrongExpectedRevision',
      expected: 'stream-exists',
      actual: 'no-stream',
    });
    expect(mapClientError(StreamDeletedError.fromStreamName('risk-x'))).toMatchObject({
      _tag: 'StoreCorrupt',
      reason: expect.stringContaining('risk-x') as unknown,
    });
    const unavailable = new UnavailableError(undefined, 'connect ECONNREFUSED');
    expect(mapClientError(unavailable)).toMatchObject({
      _tag: 'StoreUnavailable',
      cause: expect.stringContaining('ECONNREFUSED') as unknown,
    });
    expect(mapClientError({ code: 14, details: 'No connection established' })).toMatchObject({
      _tag: 'StoreUnavailable',
      cause: expect.stringContaining('No connection established') as unknown,
    });
    expect(mapClientError(new Error('boom'))._tag).toBe('StoreUnavailable');
    expect(isTransient(unavailable)).toBe(true);
    expect(isTransient({ code: 14 })).toBe(true);
    expect(isTransient(wrong)).toBe(false);
    expect(isTransient(new Error('boom'))).toBe(false);
  });

  it('selects esdb:// and esdb+discover:// URLs only', async () => {
    expect(isEsdbUrl('esdb://localhost:2113?tls=false')).toBe(true);
    expect(isEsdbUrl('esdb+discover://a:2113,b:2113')).toBe(true);
    expect(isEsdbUrl('file:.assure/events.ndjson')).toBe(false);
    expect(E.isLeft(createEsdbStore('file:.assure/events.ndjson'))).toBe(true);
    expect(E.isLeft(createEsdbStore('esdb://localhost:2113?tls=maybe'))).toBe(true);
    const discover = createEsdbStore('esdb+discover://127.0.0.1:1?tls=false');
    expect(E.isRight(discover)).toBe(true);
    if (E.isRight(discover)) await discover.right.close();
  });
});

describe.each([
  ['BatchAppend advertised', true],
  ['Append only', false],
])('mapping through the client and the double (%s)', (_title, batchAppend) => {
  let double: EsdbDouble;
  let store: EventStore;
  let raw: EventStoreDBClient;
  beforeEach(async () => {
    double = await EsdbDouble.start({ batchAppend, firstPosition: 2n ** 53n + 1n });
    store = open(double.connectionString);
    raw = EventStoreDBClient.connectionString(double.connectionString);
  });
  afterEach(async () => {
    await store.close();
    await raw.dispose();
    await double.stop();
  });

  it('uses the append path the server advertises', async () => {
    await appendOk(store, 'risk-equal-pay', numberedEvents(2), 'no-stream');
    if (batchAppend) {
      expect(double.calls.batchAppend).toBeGreaterThan(0);
      expect(double.calls.append).toBe(0);
    } else {
      expect(double.calls.append).toBeGreaterThan(0);
      expect(double.calls.batchAppend).toBe(0);
    }
  });

  it('positions beyond 2^53 come back exact, and read, subscribe and head use them', async () => {
    const r = await appendOk(store, 'risk-equal-pay', numberedEvents(3), 'no-stream');
    expect(r.events[0]?.position).toBe('9007199254740993');
    const second = BigInt((r.events[1] as Envelope).position);
    expect(Number.isSafeInteger(Number(second))).toBe(false);
    expect(await collect(store.readAll({ from: second }))).toEqual(r.events.slice(1));
    const after: Envelope[] = [];
    for await (const e of store.subscribe({ after: second })) {
      after.push(e);
      break;
    }
    expect(after).toEqual(r.events.slice(2));
    expect(await store.headPosition()()).toEqual(E.right(BigInt(r.position)));
  });

  it('wrong expected version rejected by the server maps to WrongExpectedRevision', async () => {
    const other = open(double.connectionString);
    await appendOk(store, 'risk-equal-pay', [proposedEvent()], 'no-stream');
    // Another writer moves the stream on; this store still believes revision 0 is last.
    await appendOk(other, 'risk-equal-pay', numberedEvents(2), { revision: 0 });
    const before = batchAppend ? double.calls.batches : double.calls.append;
    const err = await appendErr(store, 'risk-equal-pay', [proposedEvent()], { revision: 0 });
    expect(err).toMatchObject({
      _tag: 'WrongExpectedRevision',
      stream: 'risk-equal-pay',
      expected: '0',
      actual: '2',
    });
    // The refusal came from the server through the advertised append path.
    expect(batchAppend ? double.calls.batches : double.calls.append).toBeGreaterThan(before);
    const created = await appendErr(other, 'risk-equal-pay', [proposedEvent()], 'no-stream');
    expect(created).toMatchObject({ expected: 'no-stream', actual: '2' });
    await other.close();
  });

  it("'any' resolves to the exact revision and retries a lost race", async () => {
    const other = open(double.connectionString);
    await appendOk(store, 'risk-equal-pay', [proposedEvent()], 'no-stream');
    const results = await Promise.all([
      store.append('risk-equal-pay', numberedEvents(2), 'any')(),
      other.append('risk-equal-pay', numberedEvents(2), 'any')(),
      store.append('risk-equal-pay', numberedEvents(2), 'stream-exists')(),
    ]);
    expect(results.every(E.isRight)).toBe(true);
    const stream = await collect(store.readStream('risk-equal-pay'));
    expect(stream.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    stream.forEach((e, i) => {
      expect(e.hash).toBe(computeEventHash(e));
      if (i > 0) expect(e.prevHash).toBe(stream[i - 1]?.hash);
    });
    await other.close();
  });

  it('a checkpoint inside a record (refused by the server) is anchored to the record before it', async () => {
    const r = await appendOk(store, 'risk-equal-pay', numberedEvents(4), 'no-stream');
    const second = BigInt((r.events[1] as Envelope).position);
    // Not a record's position: the double, like a server, refuses to start there.
    expect(await collect(store.readAll({ from: second + 1n }))).toEqual(r.events.slice(2));
    const got: Envelope[] = [];
    for await (const e of store.subscribe({ after: second + 1n })) {
      got.push(e);
      if (got.length === 2) break;
    }
    expect(got).toEqual(r.events.slice(2));
    const beyond = BigInt(r.position) + 1n;
    expect(await collect(store.readAll({ from: beyond }))).toEqual([]);
  });

  it('a missing stream reads empty and counts as no-stream', async () => {
    expect(await collect(store.readStream('risk-missing'))).toEqual([]);
    expect(await collect(store.readStream('risk-missing', { fromRevision: 3 }))).toEqual([]);
    const err = await appendErr(store, 'risk-missing', [proposedEvent()], 'stream-exists');
    expect(err).toMatchObject({ expected: 'stream-exists', actual: 'no-stream' });
  });

  it('a tombstoned stream is reported as StoreCorrupt (events removed outside Assure)', async () => {
    const r = await appendOk(store, 'risk-equal-pay', numberedEvents(2), 'no-stream');
    await raw.tombstoneStream('risk-equal-pay');
    const readErr = await failureOf(store.readStream('risk-equal-pay'));
    expect(readErr).toMatchObject({ _tag: 'StoreCorrupt' });
    expect(readErr.message).toContain('risk-equal-pay');
    const appendError = await appendErr(store, 'risk-equal-pay', [proposedEvent()], 'any');
    expect(appendError._tag).toBe('StoreCorrupt');
    // The `$streamDeleted` record in `$all` is a system event: the log skips it.
    expect(await collect(store.readAll())).toEqual(r.events);
  });

  it('a soft-deleted stream reads empty; writing to it again is refused as corrupt', async () => {
    const r = await appendOk(store, 'risk-equal-pay', numberedEvents(2), 'no-stream');
    await raw.deleteStream('risk-equal-pay');
    expect(await collect(store.readStream('risk-equal-pay'))).toEqual([]);
    // The server keeps numbering from 2 while the chain would restart at 0: refused.
    const fresh = open(double.connectionString);
    const err = await appendErr(fresh, 'risk-equal-pay', [proposedEvent()], 'no-stream');
    expect(err._tag).toBe('StoreCorrupt');
    await fresh.close();
    // Until a scavenge, `$all` still holds the deleted events.
    expect((await collect(store.readAll())).slice(0, 2)).toEqual(r.events);
  });

  it('an undecodable stored event is StoreCorrupt at its position', async () => {
    await appendOk(store, 'risk-equal-pay', numberedEvents(1), 'no-stream');
    const bad = double.inject('risk-broken', {
      type: 'RiskRescored',
      contentType: 'application/json',
      data: json({ riskId: 'broken' }),
      customMetadata: json({ not: 'an envelope' }),
    });
    const fromAll = await failureOf(store.readAll());
    expect(fromAll).toMatchObject({ _tag: 'StoreCorrupt', position: bad.position.toString() });
    const fromStream = await failureOf(store.readStream('risk-broken'));
    expect(fromStream).toMatchObject({ _tag: 'StoreCorrupt', position: bad.position.toString() });
    const notJson = double.inject('risk-binary', {
      type: 'RiskRescored',
      contentType: 'application/octet-stream',
      data: new Uint8Array([1, 2, 3]),
      customMetadata: new Uint8Array(),
    });
    const binErr = await failureOf(store.readStream('risk-binary'));
    expect(binErr).toMatchObject({ _tag: 'StoreCorrupt', position: notJson.position.toString() });
    const append = await appendErr(store, 'risk-broken', [proposedEvent()], 'any');
    expect(append._tag).toBe('StoreCorrupt');
  });

  it('foreign streams and system events stay out of the log', async () => {
    const mine = await appendOk(store, 'risk-equal-pay', numberedEvents(1), 'no-stream');
    await raw.appendToStream('orders-1', [
      {
        id: '6f7c3a52-1d1e-4a3b-8b4c-2d3e4f5a6b7c',
        contentType: 'application/json',
        type: 'OrderPlaced',
        data: {},
        metadata: undefined,
      },
    ]);
    double.inject('risk-equal-pay', {
      type: '$metadata-like',
      contentType: 'application/json',
      data: json({}),
      customMetadata: new Uint8Array(),
    });
    double.inject('$$risk-equal-pay', {
      type: '$metadata',
      contentType: 'application/json',
      data: json({ $maxAge: 1 }),
      customMetadata: new Uint8Array(),
    });
    expect(await collect(store.readAll())).toEqual(mine.events);
    expect(await store.headPosition()()).toEqual(E.right(BigInt(mine.position)));
  });

  it('non-UUID event ids round-trip through the metadata; UUIDs are the event id', async () => {
    const uuid = '0b9f5c1e-8d2a-4c3b-9e7f-1a2b3c4d5e6f';
    const r = await appendOk(
      store,
      'risk-equal-pay',
      [proposedEvent({ eventId: 'evt-custom' }), proposedEvent({ eventId: uuid })],
      'no-stream',
    );
    expect(r.events.map((e) => e.eventId)).toEqual(['evt-custom', uuid]);
    const records = double.allRecords().filter((x) => x.stream === 'risk-equal-pay');
    expect(records.map((x) => x.id)).toEqual([esdbEventId('evt-custom'), uuid]);
  });
});

describe('reads page by page and leave no call half-read', () => {
  it('breaking off reads and subscriptions still lets close() finish', async () => {
    const double = await EsdbDouble.start({ batchAppend: true, systemNoiseEvery: 1 });
    const created = createEsdbStore(double.connectionString, { readPageSize: 3 });
    if (E.isLeft(created)) throw new Error(created.left.message);
    const store = created.right;
    const written: Envelope[] = [];
    for (let i = 0; i < 6; i++)
      written.push(...(await appendOk(store, `risk-r${i % 2}`, numberedEvents(3), 'any')).events);
    expect(await collect(store.readAll())).toEqual(written);
    expect(await collect(store.readAll({ maxCount: 4 }))).toEqual(written.slice(0, 4));
    expect((await collect(store.readStream('risk-r0'))).map((e) => e.revision)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    for await (const _ of store.readAll()) break;
    for await (const _ of store.readStream('risk-r1')) break;
    for await (const _ of store.subscribe()) break;
    expect(await store.headPosition()()).toEqual(
      E.right(BigInt((written[written.length - 1] as Envelope).position)),
    );
    // close() waits for every call the client still holds: it must come back.
    await store.close();
    await double.stop();
  });
});

describe('an unreachable server', () => {
  it('is StoreUnavailable with the cause, on every operation', async () => {
    const double = await EsdbDouble.start({ batchAppend: true });
    const url = double.connectionString;
    await double.stop();
    const store = open(url);
    const append = await appendErr(store, 'risk-equal-pay', [proposedEvent()], 'no-stream');
    expect(append._tag).toBe('StoreUnavailable');
    expect(append).toMatchObject({ cause: expect.stringMatching(/.+/) as unknown });
    const stale = await appendErr(store, 'risk-equal-pay', [proposedEvent()], 'any');
    expect(stale._tag).toBe('StoreUnavailable');
    expect((await failureOf(store.readAll()))._tag).toBe('StoreUnavailable');
    expect((await failureOf(store.readStream('risk-equal-pay')))._tag).toBe('StoreUnavailable');
    const head = await store.headPosition()();
    expect(E.isLeft(head) && head.left._tag).toBe('StoreUnavailable');
    await store.close();
  });
});
