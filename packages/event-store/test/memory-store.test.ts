import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import {
  AppendNotifier,
  ChainTracker,
  checkExpected,
  computeEventHash,
  createMemoryStore,
  type Envelope,
  type ExpectedRevision,
  type PayloadDecoder,
} from '@assure/event-store';
import { appendOk, collect, numberedEvents, proposedEvent } from '@assure/testing';

const fixedClock = () => new Date('2019-03-20T10:15:02.311Z');

describe('in-memory store', () => {
  it('numbers positions from 0 by default, or from a chosen start and step', async () => {
    const plain = createMemoryStore();
    const a = await appendOk(plain, 'risk-a', numberedEvents(3));
    expect(a.events.map((e) => e.position)).toEqual(['0', '1', '2']);
    const spaced = createMemoryStore({ firstPosition: 100n, positionStep: 10n });
    const b = await appendOk(spaced, 'risk-a', numberedEvents(3));
    expect(b.events.map((e) => e.position)).toEqual(['100', '110', '120']);
    expect(await collect(spaced.readAll({ from: 101n }))).toEqual(b.events.slice(1));
    expect(await collect(spaced.readAll({ from: 50n }))).toEqual(b.events);
    expect(() => createMemoryStore({ positionStep: 0n })).toThrow(RangeError);
  });

  it('stamps recordedAt from its clock', async () => {
    const store = createMemoryStore({ clock: () => new Date('2019-03-20T10:15:02.311Z') });
    const r = await appendOk(store, 'risk-a', [proposedEvent()]);
    expect(r.events[0]?.meta.recordedAt).toBe('2019-03-20T10:15:02.311Z');
  });

  it('keeps the meta as proposed (keys in order), a given recordedAt kept, an absent one added', async () => {
    const store = createMemoryStore({ clock: () => new Date('2019-03-20T10:15:02.311Z') });
    const given = proposedEvent({
      meta: {
        actor: 'officer-cfo',
        role: 'officer',
        occurredAt: '2019-03-12T00:00:00.000Z',
        recordedAt: '2019-03-19T09:00:00.000Z',
        correlationId: 'c-7',
      },
    });
    const absent = proposedEvent({
      meta: { role: 'officer', actor: 'officer-cfo', occurredAt: '2019-03-12T00:00:00.000Z' },
    });
    const r = await appendOk(store, 'risk-a', [given, absent]);
    expect(Object.keys(r.events[0]?.meta ?? {})).toEqual(Object.keys(given.meta));
    expect(r.events[0]?.meta).toEqual(given.meta);
    expect(Object.keys(r.events[1]?.meta ?? {})).toEqual([
      ...Object.keys(absent.meta),
      'recordedAt',
    ]);
    expect(r.events[1]?.meta.recordedAt).toBe('2019-03-20T10:15:02.311Z');
    const read = await collect(store.readStream('risk-a', { fromRevision: 1 }));
    expect(read).toEqual([r.events[1]]);
  });

  it('hands out frozen envelopes, so readers cannot alter the log', async () => {
    const store = createMemoryStore();
    await appendOk(store, 'risk-a', [proposedEvent({ data: { list: [1, { x: 1 }] } })]);
    const [e] = await collect(store.readAll());
    expect(Object.isFrozen(e)).toBe(true);
    expect(Object.isFrozen(e?.meta)).toBe(true);
    expect(Object.isFrozen(e?.data['list'])).toBe(true);
    expect(() => {
      (e as { data: Record<string, unknown> }).data['x'] = 1;
    }).toThrow(TypeError);
  });

  it.each([
    ['a Date', { when: new Date() }],
    ['undefined', { x: undefined }],
    ['a non-finite number', { x: Number.NaN }],
    ['a function', { f: () => 1 }],
  ])('refuses data holding %s, writing nothing', async (_what, data) => {
    const store = createMemoryStore();
    const r = await store.append('risk-a', [proposedEvent({ data })], 'any')();
    expect(E.isLeft(r) && r.left._tag).toBe('StoreUnavailable');
    expect(await collect(store.readAll())).toEqual([]);
  });

  it.each([
    [{ riskId: 'r', nested: { when: undefined } }, 'data.nested.when: undefined is not JSON'],
    [{ riskId: 'r', scores: [1, Number.NaN] }, 'data.scores[1]: NaN is not a JSON number'],
    [{ riskId: 'r', at: new Date(0) }, 'data.at: not a plain object'],
    [{ riskId: 'r', f: () => 1 }, 'data.f: a function is not JSON'],
  ])(
    'refuses data that is not plain JSON, naming its path, and writes nothing',
    async (data, why) => {
      const store = createMemoryStore();
      await appendOk(store, 'risk-a', numberedEvents(1));
      const r = await store.append('risk-a', [proposedEvent({ data })], { revision: 0 })();
      expect(E.isLeft(r) && r.left._tag).toBe('StoreUnavailable');
      expect(E.isLeft(r) && r.left.message).toContain(why);
      expect(store.size).toBe(1);
    },
  );

  it('an empty append checks the expectation and writes nothing', async () => {
    const store = createMemoryStore();
    await appendOk(store, 'risk-a', numberedEvents(2));
    const r = await store.append('risk-a', [], { revision: 1 })();
    expect(r).toEqual(E.right({ stream: 'risk-a', nextRevision: 1, position: '1', events: [] }));
    const bad = await store.append('risk-a', [], 'no-stream')();
    expect(E.isLeft(bad)).toBe(true);
  });
});

describe('in-memory store checking payloads (decodePayloads)', () => {
  let calls = 0;
  /** Rejects a payload with a `bad` key; version 1 decodes as itself, older ones upcast. */
  const decoder: PayloadDecoder = (type, schemaVersion, data) => {
    calls++;
    if (typeof data === 'object' && data !== null && 'bad' in data)
      return E.left({ errors: [{ path: 'bad', message: 'not allowed here' }] });
    return E.right(
      schemaVersion === 1 ? { type, data } : { type: `${type}V2`, data: { upcast: data } },
    );
  };

  it('rejects an append with a payload its decoder rejects: PayloadRejected, nothing written', async () => {
    const store = createMemoryStore({ decodePayloads: decoder });
    await appendOk(store, 'risk-a', numberedEvents(2));
    const events = [
      proposedEvent({ eventId: 'ok-1' }),
      proposedEvent({ eventId: 'bad-1', data: { riskId: 'equal-pay', bad: true } }),
    ];
    const r = await store.append('risk-a', events, { revision: 1 })();
    expect(E.isLeft(r) && r.left).toMatchObject({
      _tag: 'PayloadRejected',
      stream: 'risk-a',
      index: 1,
      eventId: 'bad-1',
      errors: [{ path: 'bad', message: 'not allowed here' }],
    });
    expect(E.isLeft(r) && r.left.message).toContain('bad: not allowed here');
    expect(store.size).toBe(2);
    expect(await collect(store.readStream('risk-a'))).toHaveLength(2);
  });

  it('hands its decodings to a reader with the same decoder, without decoding again', async () => {
    const store = createMemoryStore({ decodePayloads: decoder, readBatchSize: 2 });
    await appendOk(store, 'risk-a', numberedEvents(3));
    await appendOk(store, 'risk-b', [proposedEvent({ eventId: 'other', schemaVersion: 2 })]);
    const before = calls;
    const batches = store.readDecodedBatches(decoder);
    if (batches === undefined) throw new Error('no decoded batches');
    const got = await collect(batches);
    expect(calls).toBe(before);
    expect(got.map((b) => b.envelopes.length)).toEqual([2, 2]);
    const all = await collect(store.readAll());
    expect(got.flatMap((b) => b.envelopes)).toEqual(all);
    expect(got.flatMap((b) => b.events)).toEqual([
      ...all.slice(0, 3).map((e) => ({ type: e.type, data: e.data })),
      { type: `${all[3]?.type ?? ''}V2`, data: { upcast: all[3]?.data } },
    ]);
    // A kept decoding (the upcast) is frozen, like the envelopes.
    expect(Object.isFrozen(got[1]?.events[1])).toBe(true);
    expect(Object.isFrozen((got[1]?.events[1] as { data: object }).data)).toBe(true);
    // Each decoding is the stored payload itself, not a copy.
    expect((got[0]?.events[0] as { data: unknown }).data).toBe(all[0]?.data);
    expect(store.readDecodedBatches((t, v, d) => decoder(t, v, d))).toBeUndefined();
    expect(createMemoryStore().readDecodedBatches(decoder)).toBeUndefined();
  });

  it('with keepDecodings: false, still rejects a bad payload but keeps no decodings for readers', async () => {
    const store = createMemoryStore({ decodePayloads: decoder, keepDecodings: false });
    await appendOk(store, 'risk-a', numberedEvents(2));
    await appendOk(store, 'risk-b', [proposedEvent({ eventId: 'other', schemaVersion: 2 })]);
    const bad = proposedEvent({ eventId: 'bad-1', data: { riskId: 'equal-pay', bad: true } });
    const r = await store.append('risk-a', [bad], { revision: 1 })();
    expect(E.isLeft(r) && r.left._tag).toBe('PayloadRejected');
    expect(store.size).toBe(3);
    expect(store.readDecodedBatches(decoder)).toBeUndefined();
    // The log itself is the same as with the decodings kept.
    const kept = createMemoryStore({ decodePayloads: decoder, clock: fixedClock });
    const plain = createMemoryStore({
      decodePayloads: decoder,
      keepDecodings: false,
      clock: fixedClock,
    });
    const three = numberedEvents(3);
    for (const s of [kept, plain]) await appendOk(s, 'risk-a', three);
    expect(await collect(plain.readAll())).toEqual(await collect(kept.readAll()));
  });

  it('a closed store fails a decoded read with StoreUnavailable', async () => {
    const store = createMemoryStore({ decodePayloads: decoder });
    await appendOk(store, 'risk-a', numberedEvents(1));
    await store.close();
    const batches = store.readDecodedBatches(decoder);
    if (batches === undefined) throw new Error('no decoded batches');
    await expect(collect(batches)).rejects.toMatchObject({
      error: { _tag: 'StoreUnavailable' },
    });
  });
});

describe('in-memory store sharing payload strings (shareStrings)', () => {
  /** Two events whose payloads hold equal strings in distinct string objects. */
  const twoEvents = () => [
    proposedEvent({ eventId: 'a', data: { riskId: ['equal', 'pay'].join('-'), n: 1 } }),
    proposedEvent({ eventId: 'b', data: { riskId: ['equal', 'pay'].join('-'), n: 2 } }),
  ];

  it.each([true, false])(
    'stores and reads the same values with shareStrings: %s, hashes included',
    async (shareStrings) => {
      const store = createMemoryStore({ shareStrings, clock: fixedClock });
      const other = createMemoryStore({ shareStrings: !shareStrings, clock: fixedClock });
      const two = twoEvents();
      const three = numberedEvents(3);
      for (const s of [store, other]) {
        await appendOk(s, 'risk-a', two);
        await appendOk(s, 'risk-b', three);
      }
      const read = await collect(store.readAll());
      expect(read).toEqual(await collect(other.readAll()));
      for (const e of read) expect(e.hash).toBe(computeEventHash(e));
      expect(read[0]?.data).toEqual({ riskId: 'equal-pay', n: 1 });
      expect(Object.isFrozen(read[0]?.data)).toBe(true);
    },
  );
});

describe('checkExpected', () => {
  const cases: [ExpectedRevision, number | null, boolean][] = [
    ['any', null, true],
    ['any', 3, true],
    ['no-stream', null, true],
    ['no-stream', 0, false],
    ['stream-exists', null, false],
    ['stream-exists', 0, true],
    [{ revision: 2 }, 2, true],
    [{ revision: 2 }, 3, false],
    [{ revision: 0 }, null, false],
  ];
  it.each(cases)('%p against %p: %p', (expected, current, passes) => {
    const r = checkExpected('risk-a', expected, current);
    expect(E.isRight(r)).toBe(passes);
    if (E.isLeft(r)) {
      expect(r.left.stream).toBe('risk-a');
      expect(r.left.actual).toBe(current === null ? 'no-stream' : String(current));
    }
  });
});

describe('AppendNotifier', () => {
  it('wakes a waiter on notify, answers at once when news came earlier, ends on close or abort', async () => {
    const n = new AppendNotifier();
    const seen = n.version;
    const waiting = n.wait(seen);
    n.notify();
    expect(await waiting).toBe(true);
    expect(await n.wait(seen)).toBe(true);
    const controller = new AbortController();
    const aborted = n.wait(n.version, controller.signal);
    controller.abort();
    expect(await aborted).toBe(false);
    const closing = n.wait(n.version);
    n.close();
    expect(await closing).toBe(false);
    expect(await n.wait(n.version)).toBe(false);
  });
});

describe('ChainTracker', () => {
  async function log(): Promise<Envelope[]> {
    const store = createMemoryStore();
    await appendOk(store, 'risk-a', numberedEvents(3));
    await appendOk(store, 'risk-b', numberedEvents(2));
    await appendOk(store, 'risk-a', numberedEvents(2));
    return collect(store.readAll());
  }

  it('passes an intact log', async () => {
    const tracker = new ChainTracker();
    for (const e of await log()) expect(tracker.check(e)).toBeUndefined();
    expect(tracker.head('risk-a')?.revision).toBe(4);
  });

  it('names the position of any edited, dropped or reordered event', async () => {
    const events = await log();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: events.length - 1 }),
        fc.constantFrom('edit', 'drop', 'swap'),
        (i, how) => {
          const copy = events.map((e) => ({ ...e }));
          const target = copy[i] as Envelope;
          if (how === 'edit') copy[i] = { ...target, data: { ...target.data, seq: 99 } };
          if (how === 'drop') copy.splice(i, 1);
          if (how === 'swap') {
            const j = copy.findIndex((e, k) => k > i && e.stream === target.stream);
            if (j < 0) return; // nothing after it in its stream to swap with
            copy[i] = copy[j] as Envelope;
            copy[j] = target;
          }
          const tracker = new ChainTracker();
          const problems = copy.map((e) => tracker.check(e)).filter((p) => p !== undefined);
          // Dropping a stream's last event is invisible to chains alone (seals catch it).
          const lastOfStream = !events.slice(i + 1).some((e) => e.stream === target.stream);
          if (how === 'drop' && lastOfStream) return;
          expect(problems.length).toBeGreaterThan(0);
          expect(problems[0]?._tag).toBe('Tampered');
        },
      ),
    );
  });

  it('reports a hash that does not match the content', async () => {
    const [first] = await log();
    const forged = {
      ...(first as Envelope),
      hash: computeEventHash({ ...(first as Envelope), type: 'X' }),
    };
    expect(new ChainTracker().check(forged)?.reason).toMatch(/^hash-mismatch/);
  });
});
