import * as E from 'fp-ts/Either';
import {
  createCommandHandler,
  createMemoryStore,
  toInstant,
  type EventStore,
  type InMemoryEventStore,
} from '@assure/event-store';
import {
  collect,
  counterModel,
  portOnly,
  proposedEvent,
  runHandlerRace,
  sequentialIds,
} from '@assure/testing';

const officer = { actor: 'officer-cfo', role: 'officer' } as const;
const admin = { actor: 'admin-bcc', role: 'admin' } as const;
const NOW = '2019-04-01T09:30:00.000Z';

function setup(store: InMemoryEventStore = createMemoryStore(), maxRetries = 3) {
  const handler = createCommandHandler({
    store,
    model: counterModel,
    clock: () => new Date(NOW),
    ids: sequentialIds('id'),
    maxRetries,
  });
  return { store, handler };
}

const open = (counterId: string, limit = 100) => ({
  type: 'OpenCounter',
  data: { counterId, limit },
});
const inc = (counterId: string, by = 1) => ({ type: 'Increment', data: { counterId, by } });

async function ok<A, B>(task: () => Promise<E.Either<A, B>>): Promise<B> {
  const r = await task();
  if (E.isLeft(r)) throw new Error(`expected success, got ${JSON.stringify(r.left)}`);
  return r.right;
}
async function err<A, B>(task: () => Promise<E.Either<A, B>>): Promise<A> {
  const r = await task();
  if (E.isRight(r)) throw new Error(`expected failure, got ${JSON.stringify(r.right)}`);
  return r.left;
}

describe('command handler', () => {
  it('decides, wraps the events in envelopes and appends them', async () => {
    const { store, handler } = setup();
    const r = await ok(
      handler.handleUnknown(open('equal-pay'), { ...admin, occurredAt: '2019-03-12' }),
    );
    expect(r.stream).toBe('counter-equal-pay');
    expect(r.nextRevision).toBe(0);
    expect(r.events).toHaveLength(1);
    const [e] = r.events;
    expect(r.position).toBe(e?.position);
    expect(e).toMatchObject({
      stream: 'counter-equal-pay',
      revision: 0,
      eventId: 'id-2',
      type: 'CounterOpened',
      schemaVersion: 1,
      data: { counterId: 'equal-pay', limit: 100 },
      meta: {
        actor: 'admin-bcc',
        role: 'admin',
        occurredAt: '2019-03-12T00:00:00.000Z',
        commandId: 'id-1',
        correlationId: 'id-1',
        causationId: 'id-1',
      },
    });
    expect(e?.meta.backfill).toBeUndefined();
    expect(await collect(store.readAll())).toEqual(r.events);
  });

  it('defaults occurredAt to the clock, converts offsets to UTC and keeps given lineage ids', async () => {
    const { handler } = setup();
    const a = await ok(handler.handleUnknown(open('a'), admin));
    expect(a.events[0]?.meta.occurredAt).toBe(NOW);
    const b = await ok(
      handler.handleUnknown(open('b'), {
        ...admin,
        occurredAt: '2019-03-12T10:00:00+01:00',
        commandId: 'cmd-b',
        correlationId: 'corr-1',
        causationId: 'cause-1',
      }),
    );
    expect(b.events[0]?.meta).toMatchObject({
      occurredAt: '2019-03-12T09:00:00.000Z',
      commandId: 'cmd-b',
      correlationId: 'corr-1',
      causationId: 'cause-1',
    });
  });

  it('a backfill keeps the given recordedAt and marks the events', async () => {
    const { handler } = setup();
    const r = await ok(
      handler.handleUnknown(open('equal-pay'), {
        ...admin,
        occurredAt: '2015-01-13',
        recordedAt: '2015-01-14T08:00:00.000Z',
      }),
    );
    expect(r.events[0]?.meta).toMatchObject({
      occurredAt: '2015-01-13T00:00:00.000Z',
      recordedAt: '2015-01-14T08:00:00.000Z',
      backfill: true,
    });
  });

  it('records the credential a command was authenticated with on every event, hashed', async () => {
    const { store, handler } = setup();
    const r = await ok(
      handler.handleUnknown(open('equal-pay'), { ...officer, credentialId: 'key-7f3a' }),
    );
    expect(r.events[0]?.meta.credentialId).toBe('key-7f3a');
    const stored = await collect(store.readStream('counter-equal-pay'));
    expect(stored[0]?.meta.credentialId).toBe('key-7f3a');
    const plain = await ok(handler.handleUnknown(open('other'), officer));
    expect(plain.events[0]?.meta).not.toHaveProperty('credentialId');
  });

  it('a repeated commandId returns the first result and writes nothing', async () => {
    const { store, handler } = setup();
    await ok(handler.handleUnknown(open('equal-pay'), admin));
    const first = await ok(
      handler.handleUnknown(inc('equal-pay', 2), { ...officer, commandId: 'cmd-42' }),
    );
    const head = await store.headPosition()();
    const again = await ok(
      handler.handleUnknown(inc('equal-pay', 2), { ...officer, commandId: 'cmd-42' }),
    );
    expect(again).toEqual(first);
    expect(await store.headPosition()()).toEqual(head);
    // Even a command that would now be refused is answered from the log.
    const opened = await ok(
      handler.handleUnknown(open('amey'), { ...admin, commandId: 'cmd-open' }),
    );
    expect(
      await ok(handler.handleUnknown(open('amey'), { ...admin, commandId: 'cmd-open' })),
    ).toEqual(opened);
    expect(await collect(store.readAll())).toHaveLength(3);
  });

  it('reads related streams for the decision', async () => {
    const { store, handler } = setup();
    await ok(handler.handleUnknown(open('equal-pay'), admin));
    await ok(handler.handle({ type: 'SetPolicy', data: { maxBy: 2 } }, admin));
    const refused = await err(handler.handleUnknown(inc('equal-pay', 3), officer));
    expect(refused).toMatchObject({ _tag: 'RuleViolated', rule: 'max-by' });
    await ok(handler.handleUnknown(inc('equal-pay', 2), officer));
    expect(await collect(store.readAll())).toHaveLength(3);
  });

  it('a command that needs no event writes nothing and reports the stream as it is', async () => {
    const { store, handler } = setup();
    const opened = await ok(handler.handleUnknown(open('equal-pay'), admin));
    const r = await ok(
      handler.handle({ type: 'Touch', data: { counterId: 'equal-pay' } }, officer),
    );
    expect(r).toEqual({
      stream: 'counter-equal-pay',
      nextRevision: 0,
      position: opened.position,
      events: [],
    });
    expect(await collect(store.readAll())).toHaveLength(1);
  });

  describe('a rejected command writes nothing', () => {
    it.each([
      ['NotFound', inc('missing'), officer],
      ['RuleViolated', inc('equal-pay', 11), officer],
      ['AlreadyExists', open('equal-pay'), admin],
      ['Forbidden', inc('equal-pay'), { actor: 'member-public', role: 'viewer' }],
      ['Forbidden', { type: 'SetPolicy', data: { maxBy: 1 } }, officer],
    ] as const)('%s', async (tag, command, issuer) => {
      const { store, handler } = setup();
      await ok(handler.handleUnknown(open('equal-pay', 10), admin));
      const before = await collect(store.readAll());
      const e = await err(handler.handleUnknown(command, issuer));
      expect(e._tag).toBe(tag);
      expect(await collect(store.readAll())).toEqual(before);
    });
  });

  describe('bad input is ValidationFailed and writes nothing', () => {
    it.each([
      ['an unknown command', { type: 'Explode', data: {} }, admin, ''],
      ['a missing field', { type: 'OpenCounter', data: { counterId: 'x' } }, admin, 'limit'],
      [
        'an extra field',
        { type: 'OpenCounter', data: { counterId: 'x', limit: 1, y: 1 } },
        admin,
        'y',
      ],
      ['not an object', 'OpenCounter x', admin, ''],
      ['an impossible day', open('x'), { ...admin, occurredAt: '2019-02-30' }, 'meta.occurredAt'],
      [
        'a local time',
        open('x'),
        { ...admin, occurredAt: '2019-02-03T10:00:00' },
        'meta.occurredAt',
      ],
      ['an empty actor', open('x'), { actor: '', role: 'admin' }, 'meta.actor'],
      ['a bad recordedAt', open('x'), { ...admin, recordedAt: '2019-02-03' }, 'meta.recordedAt'],
    ] as const)('%s', async (_what, command, meta, path) => {
      const { store, handler } = setup();
      const e = await err(handler.handleUnknown(command, meta));
      expect(e._tag).toBe('ValidationFailed');
      if (e._tag !== 'ValidationFailed') return;
      expect(e.errors.length).toBeGreaterThan(0);
      if (path !== '')
        expect(e.errors.map((f) => f.path)).toContainEqual(expect.stringContaining(path));
      expect(await collect(store.readAll())).toEqual([]);
    });
  });

  it('a stored event that fails its codec is StoreCorrupt at its position, never skipped', async () => {
    const { store, handler } = setup();
    await ok(handler.handleUnknown(open('equal-pay'), admin));
    const bad = await store.append(
      'counter-equal-pay',
      [proposedEvent({ type: 'Incremented', data: { counterId: 'equal-pay', by: 1 } })],
      'any',
    )();
    if (E.isLeft(bad)) throw new Error('set-up failed');
    const head = await store.headPosition()();
    const e = await err(handler.handleUnknown(inc('equal-pay'), officer));
    expect(e).toMatchObject({ _tag: 'StoreCorrupt', position: bad.right.position });
    if (e._tag === 'StoreCorrupt') expect(e.reason).toContain('total');
    expect(await store.headPosition()()).toEqual(head);
  });

  it('a store failure while reading is returned, not thrown', async () => {
    const { store, handler } = setup();
    await store.close();
    const e = await err(handler.handleUnknown(open('equal-pay'), admin));
    expect(e._tag).toBe('StoreUnavailable');
  });

  describe('conflicts', () => {
    /**
     * A handler allowed `maxRetries` over a store where, once the counter is open, a rival
     * increments it just before each of the handler's next `rivals` appends; `appends()`
     * counts the appends made since the counter was opened.
     */
    async function contested(maxRetries: number, rivals: number) {
      const inner = createMemoryStore();
      const rival = createCommandHandler({
        store: inner,
        model: counterModel,
        ids: sequentialIds('rival'),
      });
      let appends = 0;
      let rivalsLeft = 0;
      const store: EventStore = {
        ...portOnly(inner),
        append: (stream, events, expected) => async () => {
          appends++;
          if (rivalsLeft > 0 && stream === 'counter-equal-pay') {
            rivalsLeft--;
            await ok(rival.handleUnknown(inc('equal-pay', 5), officer));
          }
          return inner.append(stream, events, expected)();
        },
      };
      const handler = createCommandHandler({ store, model: counterModel, maxRetries });
      await ok(handler.handleUnknown(open('equal-pay'), admin));
      rivalsLeft = rivals;
      appends = 0;
      return { inner, handler, appends: () => appends };
    }

    it('reloads and retries, deciding on the new state', async () => {
      const { inner, handler, appends } = await contested(3, 2);
      const r = await ok(handler.handleUnknown(inc('equal-pay', 1), officer));
      expect(appends()).toBe(3);
      expect(r.events[0]?.data).toEqual({ counterId: 'equal-pay', by: 1, total: 11 });
      const stream = await collect(inner.readStream('counter-equal-pay'));
      expect(stream.map((e) => e.data['total'])).toEqual([undefined, 5, 10, 11]);
    });

    it('ends in WrongExpectedRevision after its retries, writing nothing of its own', async () => {
      const { inner, handler, appends } = await contested(2, 100);
      const e = await err(
        handler.handleUnknown(inc('equal-pay', 1), { ...officer, commandId: 'mine' }),
      );
      expect(e).toMatchObject({ _tag: 'WrongExpectedRevision', stream: 'counter-equal-pay' });
      expect(appends()).toBe(3);
      const stream = await collect(inner.readStream('counter-equal-pay'));
      expect(stream.filter((x) => x.meta.commandId === 'mine')).toEqual([]);
      expect(stream).toHaveLength(4);
    });

    it('8 concurrent handlers x 500 commands on 5 streams: each command once, or a conflict', async () => {
      const store = createMemoryStore({ yieldOnAppend: true });
      const report = await runHandlerRace(store);
      expect(report.problems).toEqual([]);
      expect(report.commands).toBe(4000);
      expect(report.succeeded + report.conflicted).toBe(4000);
      expect(report.eventsInLog).toBe(report.succeeded);
      expect(report.succeeded).toBeGreaterThan(0);
    }, 300_000); // a generous bound for a loaded 2-core machine, not a timing assertion
  });
});

describe('toInstant', () => {
  it.each([
    ['2019-03-12', '2019-03-12T00:00:00.000Z'],
    ['2019-03-12T00:00:00.000Z', '2019-03-12T00:00:00.000Z'],
    ['2019-03-12T10:15Z', '2019-03-12T10:15:00.000Z'],
    ['2019-03-12T00:30:00-02:00', '2019-03-12T02:30:00.000Z'],
    ['2020-02-29', '2020-02-29T00:00:00.000Z'],
  ])('%s -> %s', (input, expected) => expect(toInstant(input)).toBe(expected));
  it.each([
    '2019-02-29',
    '2019-13-01',
    '12/03/2019',
    '2019-03-12T10:00:00',
    '',
    '2019-03-12 10:00Z',
  ])('refuses %p', (input) => expect(toInstant(input)).toBeUndefined());
});
