/**
 * Appends whose reply is lost: the connection drops, or the request times out, after the
 * request went out, with or without the server having written it. The adapter re-sends the
 * same events under the same expected revision; the double, like EventStoreDB, acknowledges
 * a batch it already wrote without writing it again. The caller sees one clear outcome.
 */
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import type { EventStore, ExpectedRevision, ProposedEvent } from '@assure/event-store';
import { createCommandHandler } from '@assure/event-store';
import { appendOk, collect, counterModel, numberedEvents, until } from '@assure/testing';
import { createEsdbStore, type EsdbStoreOptions } from '@assure/store-esdb';
import { useDoubleStore } from './support/double';
import type { AppendFault, EsdbDouble } from '@assure/store-esdb/testing';

const STREAM = 'risk-equal-pay';
const RETRY = { maxAttempts: 4, initialDelayMs: 10, maxDelayMs: 100 };

function open(double: EsdbDouble, options: EsdbStoreOptions = {}): EventStore {
  const store = createEsdbStore(double.connectionString, {
    appendRetry: RETRY,
    appendTimeoutMs: 1000,
    ...options,
  });
  if (E.isLeft(store)) throw new Error(store.left.message);
  return store.right;
}

/** Events with UUID ids, as the command handler makes them (stored as the event id itself). */
const events = (n: number): ProposedEvent[] =>
  numberedEvents(n).map((e) => ({ ...e, eventId: randomUUID() }));

const idsOf = (es: readonly { readonly eventId: string }[]) => es.map((e) => e.eventId);

/** How many records of the whole double (`$all`, system records included) carry each id. */
function copies(double: EsdbDouble, ids: readonly string[]): number[] {
  const all = double.allRecords();
  return ids.map((id) => all.filter((r) => r.id === id).length);
}

const DROP_AFTER_COMMIT: AppendFault = { commit: true, reply: 'drop' };
const TIMEOUT_AFTER_COMMIT: AppendFault = { commit: true, reply: 'timeout' };
const TIMEOUT_UNCOMMITTED: AppendFault = { commit: false, reply: 'timeout' };
const DROP_UNCOMMITTED: AppendFault = { commit: false, reply: 'drop' };

describe.each([
  ['BatchAppend advertised', true],
  ['Append only', false],
])('an append whose reply is lost (%s)', (_title, batchAppend) => {
  const env = useDoubleStore({ batchAppend }, (double) => open(double));

  /** Two events already in the stream, so that `{revision: 1}` and `any` have a tail. */
  async function seeded(expected: ExpectedRevision | 'none'): Promise<string[]> {
    if (expected === 'no-stream' || expected === 'none') return [];
    return idsOf((await appendOk(env().store, STREAM, events(2), 'no-stream')).events);
  }

  const DROPS = 'the connection drops after the server wrote it';
  const TIMES_OUT = 'it times out after the server wrote it';
  it.each<[string, string, AppendFault, ExpectedRevision]>([
    [DROPS, 'no-stream', DROP_AFTER_COMMIT, 'no-stream'],
    [DROPS, 'an exact revision', DROP_AFTER_COMMIT, { revision: 1 }],
    [DROPS, 'any', DROP_AFTER_COMMIT, 'any'],
    [TIMES_OUT, 'an exact revision', TIMEOUT_AFTER_COMMIT, { revision: 1 }],
    [TIMES_OUT, 'no-stream', TIMEOUT_AFTER_COMMIT, 'no-stream'],
  ])('%s (expected %s): success once, one copy of each event', async (_c, _e, fault, expected) => {
    const before = await seeded(expected);
    const proposed = events(3);
    env().double.failNextAppends(fault);

    const r = await env().store.append(STREAM, proposed, expected)();

    expect(E.isRight(r) && idsOf(r.right.events)).toEqual(idsOf(proposed));
    expect(E.isRight(r) && r.right.nextRevision).toBe(before.length + 2);
    const stream = await collect(env().store.readStream(STREAM));
    expect(idsOf(stream)).toEqual([...before, ...idsOf(proposed)]);
    expect(stream.map((e) => e.revision)).toEqual(stream.map((_e, i) => i));
    const all = idsOf(await collect(env().store.readAll()));
    expect(all).toEqual([...before, ...idsOf(proposed)]);
    expect(copies(env().double, idsOf(proposed))).toEqual([1, 1, 1]);
    // For the right reason: the first reply was lost after the write, and a re-send was
    // acknowledged by the double as a repeat of a batch already written.
    expect(env().double.calls.faulted).toBe(1);
    expect(env().double.calls.idempotent).toBeGreaterThanOrEqual(1);
  });

  it.each<[string, AppendFault]>([
    ['it times out before the server wrote it', TIMEOUT_UNCOMMITTED],
    ['the connection drops before the server wrote it', DROP_UNCOMMITTED],
  ])('%s: the re-send writes it, once', async (_c, fault) => {
    const before = await seeded({ revision: 1 });
    const proposed = events(2);
    env().double.failNextAppends(fault);

    const r = await env().store.append(STREAM, proposed, { revision: 1 })();

    expect(E.isRight(r) && idsOf(r.right.events)).toEqual(idsOf(proposed));
    expect(idsOf(await collect(env().store.readStream(STREAM)))).toEqual([
      ...before,
      ...idsOf(proposed),
    ]);
    expect(copies(env().double, idsOf(proposed))).toEqual([1, 1]);
    expect(env().double.calls.faulted).toBe(1);
  });

  it('a re-send that finds another writer first is a plain WrongExpectedRevision', async () => {
    await seeded({ revision: 1 });
    const proposed = events(1);
    const other = createEsdbStore(env().double.connectionString);
    if (E.isLeft(other)) throw new Error(other.left.message);
    env().double.failNextAppends(TIMEOUT_UNCOMMITTED);
    const pending = env().store.append(STREAM, proposed, { revision: 1 })();
    // While the first send waits for its deadline, another writer takes revision 2.
    await until(() => env().double.calls.faulted === 1);
    await appendOk(other.right, STREAM, events(1), { revision: 1 });

    const r = await pending;
    await other.right.close();

    expect(E.isLeft(r) && r.left).toMatchObject({
      _tag: 'WrongExpectedRevision',
      stream: STREAM,
      expected: '1',
      actual: '2',
    });
    expect(copies(env().double, idsOf(proposed))).toEqual([0]);
  });

  it('another client of the process closing meanwhile: re-sent, success once, one copy', async () => {
    // Client 6.2.1 rejects the pending BatchAppend requests of every client in the process
    // when any one is disposed ("Cancelled on client"): the request may have been written.
    await seeded({ revision: 1 });
    const proposed = events(2);
    const other = createEsdbStore(env().double.connectionString);
    if (E.isLeft(other)) throw new Error(other.left.message);
    await appendOk(other.right, 'risk-other', events(1), 'no-stream');
    env().double.failNextAppends(TIMEOUT_AFTER_COMMIT);
    const pending = env().store.append(STREAM, proposed, { revision: 1 })();
    await until(() => env().double.calls.faulted === 1);
    await other.right.close();

    const r = await pending;

    expect(E.isRight(r) && idsOf(r.right.events)).toEqual(idsOf(proposed));
    expect(copies(env().double, idsOf(proposed))).toEqual([1, 1]);
    expect(env().double.calls.idempotent).toBeGreaterThanOrEqual(1);
  });

  it('gives AppendOutcomeUnknown with the event ids when the server wrote it and stays away', async () => {
    const proposed = events(2);
    env().double.failNextAppends({ commit: true, reply: 'down' });

    const r = await env().store.append(STREAM, proposed, 'no-stream')();

    expect(E.isLeft(r) && r.left).toMatchObject({
      _tag: 'AppendOutcomeUnknown',
      stream: STREAM,
      expected: 'no-stream',
      eventIds: idsOf(proposed),
    });
    expect(E.isLeft(r) && r.left.message).toContain(proposed[0]?.eventId);
    // The server had written them: once. The caller can check by id when it is back, and
    // the same events re-sent under the same expectation are recognised, not written again.
    await env().double.restart();
    expect(copies(env().double, idsOf(proposed))).toEqual([1, 1]);
    const again = await env().store.append(STREAM, proposed, 'no-stream')();
    expect(E.isRight(again) && idsOf(again.right.events)).toEqual(idsOf(proposed));
    expect(copies(env().double, idsOf(proposed))).toEqual([1, 1]);
  });

  it('the connection drops as the acknowledged events are read back: read again, success once', async () => {
    const proposed = events(2);
    env().double.failNextReads(1, { afterNextWrite: true });

    const r = await env().store.append(STREAM, proposed, 'no-stream')();

    expect(E.isRight(r) && idsOf(r.right.events)).toEqual(idsOf(proposed));
    expect(copies(env().double, idsOf(proposed))).toEqual([1, 1]);
    expect(env().double.calls.faulted).toBe(1);
  });

  it('gives AppendOutcomeUnknown when the acknowledged events cannot be read back', async () => {
    const proposed = events(1);
    env().double.failNextReads(RETRY.maxAttempts, { afterNextWrite: true });

    const r = await env().store.append(STREAM, proposed, 'no-stream')();

    expect(E.isLeft(r) && r.left).toMatchObject({
      _tag: 'AppendOutcomeUnknown',
      eventIds: idsOf(proposed),
      cause: expect.stringContaining('acknowledged') as unknown,
    });
    expect(copies(env().double, idsOf(proposed))).toEqual([1]);
  });

  it('gives AppendOutcomeUnknown when every send times out, and nothing is written', async () => {
    const impatient = open(env().double, {
      appendRetry: { maxAttempts: 2, initialDelayMs: 1, maxDelayMs: 1 },
      appendTimeoutMs: 200,
    });
    const proposed = events(1);
    env().double.failNextAppends(TIMEOUT_UNCOMMITTED, TIMEOUT_UNCOMMITTED);

    const r = await impatient.append(STREAM, proposed, 'no-stream')();
    await impatient.close();

    expect(E.isLeft(r) && r.left).toMatchObject({
      _tag: 'AppendOutcomeUnknown',
      eventIds: idsOf(proposed),
    });
    expect(E.isLeft(r) && r.left._tag === 'AppendOutcomeUnknown' && r.left.cause).toMatch(
      /no reply to 2 sends/,
    );
    expect(env().double.calls.faulted).toBe(2);
    expect(copies(env().double, idsOf(proposed))).toEqual([0]);
  });
});

describe.each([
  ['BatchAppend advertised', true],
  ['Append only', false],
])('the command handler over an append whose reply is lost (%s)', (_title, batchAppend) => {
  const env = useDoubleStore({ batchAppend }, (double) =>
    open(double, { categories: ['counter'] }),
  );
  const open5 = { type: 'OpenCounter', data: { counterId: 'c1', limit: 5 } };
  const meta = { actor: 'ops', role: 'admin', occurredAt: '2020-01-01', commandId: 'cmd-1' };

  it('a drop after the write: the command succeeds once, its event stored once', async () => {
    const handler = createCommandHandler({ store: env().store, model: counterModel });
    env().double.failNextAppends(DROP_AFTER_COMMIT);

    const r = await handler.handleUnknown(open5, meta)();

    expect(E.isRight(r) && r.right.events.map((e) => e.type)).toEqual(['CounterOpened']);
    const stored = await collect(env().store.readAll());
    expect(stored.map((e) => e.type)).toEqual(['CounterOpened']);
    expect(E.isRight(r) && idsOf(r.right.events)).toEqual(idsOf(stored));
  });

  it('an unknown outcome is returned, not retried; a re-run with the same commandId writes nothing more', async () => {
    const handler = createCommandHandler({ store: env().store, model: counterModel });
    env().double.failNextAppends({ commit: true, reply: 'down' });

    const r = await handler.handleUnknown(open5, meta)();

    expect(E.isLeft(r) && r.left._tag).toBe('AppendOutcomeUnknown');
    // One append reached the server (the handler did not decide again with new event ids).
    expect(env().double.calls.faulted).toBe(1);
    await env().double.restart();
    const written = env()
      .double.allRecords()
      .filter((x) => x.stream === 'counter-c1');
    expect(written.map((x) => x.type)).toEqual(['CounterOpened']);
    expect(E.isLeft(r) && r.left._tag === 'AppendOutcomeUnknown' && r.left.eventIds).toEqual(
      written.map((x) => x.id),
    );

    const rerun = await handler.handleUnknown(open5, meta)();

    expect(E.isRight(rerun) && idsOf(rerun.right.events)).toEqual(written.map((x) => x.id));
    expect(
      env()
        .double.allRecords()
        .filter((x) => x.stream === 'counter-c1'),
    ).toHaveLength(1);
  });
});
