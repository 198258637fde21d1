import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  canonicalJson,
  commandHashOf,
  createCommandHandler,
  createMemoryStore,
  sha256Hex,
  type EventStore,
  type HandleResult,
} from '@assure/event-store';
import { collect, counterModel, portOnly } from '@assure/testing';
import { randomUuid } from '../src/handler/ids';

const officer = { actor: 'officer-cfo', role: 'officer' } as const;
const admin = { actor: 'admin-bcc', role: 'admin' } as const;
const open = (counterId: string) => ({ type: 'OpenCounter', data: { counterId, limit: 1000 } });
const inc = (counterId: string, by = 1) => ({ type: 'Increment', data: { counterId, by } });

/** A version 4 UUID in lowercase (RFC 9562: version nibble 4, variant bits 10). */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function ok(task: () => Promise<E.Either<unknown, HandleResult>>): Promise<HandleResult> {
  const r = await task();
  if (E.isLeft(r)) throw new Error(`expected success, got ${JSON.stringify(r.left)}`);
  return r.right;
}

describe('the handler default ids', () => {
  it('are distinct version 4 UUIDs, across many batches', () => {
    const ids = Array.from({ length: 1000 }, () => randomUuid());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
    // Every hex digit turns up in the random places (not a fixed or short alphabet).
    const seen = new Set(ids.join('').replace(/-/g, ''));
    expect([...seen].sort().join('')).toBe('0123456789abcdef');
  });

  it('name the events and commands of a handler given no ids', async () => {
    const store = createMemoryStore();
    const handler = createCommandHandler({ store, model: counterModel });
    await ok(handler.handleUnknown(open('c'), admin));
    for (let i = 0; i < 300; i++) await ok(handler.handleUnknown(inc('c'), officer));
    const log = await collect(store.readAll());
    expect(log).toHaveLength(301);
    const eventIds = log.map((e) => e.eventId);
    const commandIds = log.map((e) => e.meta.commandId ?? '');
    for (const id of [...eventIds, ...commandIds]) expect(id).toMatch(UUID_V4);
    expect(new Set([...eventIds, ...commandIds]).size).toBe(602);
  });
});

describe('commandHashOf', () => {
  it('is the SHA-256 of the canonical JSON of {type, data}', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.jsonValue(), { nil: undefined }), (type, data) => {
        expect(commandHashOf({ type, data })).toBe(sha256Hex(canonicalJson({ type, data })));
      }),
    );
    expect(commandHashOf({ type: 'T', data: undefined })).toBe(sha256Hex('{"type":"T"}'));
    expect(commandHashOf({ type: 'T', data: { b: 1, a: 'x' } })).toBe(
      sha256Hex('{"data":{"a":"x","b":1},"type":"T"}'),
    );
  });
});

describe.each([
  ['the in-memory store (read at once)', (s: EventStore): EventStore => s],
  ['the store port alone (read through promises)', portOnly],
])('a commandId given after commands without one, over %s', (_name, over) => {
  it('finds the earlier commands of the stream (a cached state kept without ids is refolded)', async () => {
    const memory = createMemoryStore();
    const handler = createCommandHandler({ store: over(memory), model: counterModel });
    await ok(handler.handleUnknown(open('c'), admin));
    // Commands without a commandId: the handler's cached state keeps no commandIds.
    const generated: HandleResult[] = [];
    for (let i = 0; i < 5; i++)
      generated.push(await ok(handler.handleUnknown(inc('c', i + 1), officer)));
    const third = generated[2] as HandleResult;
    const thirdId = third.events[0]?.meta.commandId ?? '';
    expect(thirdId).toMatch(UUID_V4);
    const size = memory.size;

    // The same command again under the id it was given: its first run, nothing written.
    const again = await ok(handler.handleUnknown(inc('c', 3), { ...officer, commandId: thirdId }));
    expect(again.events).toEqual(third.events);
    expect(memory.size).toBe(size);

    // Another command under that id: refused, naming the first run's event.
    const reused = await handler.handleUnknown(inc('c', 9), { ...officer, commandId: thirdId })();
    if (E.isRight(reused)) throw new Error('expected CommandIdReused');
    expect(reused.left).toMatchObject({
      _tag: 'CommandIdReused',
      differs: ['command'],
      position: third.events[0]?.position,
    });
    expect(memory.size).toBe(size);

    // Commands without an id after that, then one of their ids: the ids are kept up.
    const later = await ok(handler.handleUnknown(inc('c', 7), officer));
    await ok(handler.handleUnknown(inc('c', 8), officer));
    const laterId = later.events[0]?.meta.commandId ?? '';
    const repeated = await ok(
      handler.handleUnknown(inc('c', 7), { ...officer, commandId: laterId }),
    );
    expect(repeated.events).toEqual(later.events);
    expect(memory.size).toBe(size + 2);

    // A new given id is written once, and found again.
    const mine = await ok(handler.handleUnknown(inc('c', 4), { ...officer, commandId: 'mine-1' }));
    expect(mine.events).toHaveLength(1);
    expect(
      await ok(handler.handleUnknown(inc('c', 4), { ...officer, commandId: 'mine-1' })),
    ).toEqual(mine);
    expect(memory.size).toBe(size + 3);

    // The state folded on through all of it: 1+2+3+4+5, then 7, 8 and 4.
    const last = await ok(handler.handleUnknown(inc('c', 1), officer));
    expect(last.events[0]?.data).toEqual({ counterId: 'c', by: 1, total: 35 });
  });
});
