import * as E from 'fp-ts/Either';
import type { Envelope, EventStore } from '@assure/event-store';
import { appendOk, collect, numberedEvents, until } from '@assure/testing';
import { createEsdbStore } from '@assure/store-esdb';
import { useDoubleStore } from './support/double';

function open(connectionString: string): EventStore {
  const store = createEsdbStore(connectionString, {
    reconnect: { initialDelayMs: 10, maxDelayMs: 200 },
  });
  if (E.isLeft(store)) throw new Error(store.left.message);
  return store.right;
}

describe.each([
  ['BatchAppend advertised', true],
  ['Append only', false],
])('a subscription survives a dropped connection (%s)', (_title, batchAppend) => {
  const env = useDoubleStore({ batchAppend, systemNoiseEvery: 2 }, (double) =>
    open(double.connectionString),
  );

  it('resumes after the last delivered position: no gap, no duplicate', async () => {
    const before = await appendOk(env().store, 'risk-equal-pay', numberedEvents(6), 'no-stream');
    const checkpoint = BigInt((before.events[1] as Envelope).position);
    const delivered: Envelope[] = [];
    const controller = new AbortController();
    const handler = (async () => {
      for await (const e of env().store.subscribe({
        after: checkpoint,
        signal: controller.signal,
      })) {
        delivered.push(e);
      }
    })();
    await until(() => delivered.length === 4);

    // The server goes away mid-subscription, and comes back on the same port.
    await env().double.stop();
    await env().double.restart();

    // New events on both sides of the restart's reconnect; the subscription must pick them
    // up after the last position it delivered.
    await appendOk(env().store, 'risk-equal-pay', numberedEvents(3), { revision: 5 });
    await appendOk(env().store, 'action-waste-ir', numberedEvents(2), 'no-stream');
    await until(() => delivered.length === 9);

    // A second drop while live.
    await env().double.stop();
    await env().double.restart();
    await appendOk(env().store, 'risk-equal-pay', numberedEvents(2), 'stream-exists');
    await until(() => delivered.length === 11);
    controller.abort();
    await handler;

    const all = await collect(env().store.readAll({ from: checkpoint + 1n }));
    expect(all).toHaveLength(11);
    expect(delivered).toEqual(all);
    expect(new Set(delivered.map((e) => e.position)).size).toBe(delivered.length);
    // It really reconnected: the first subscription and one per restart.
    expect(env().double.calls.subscribe).toBeGreaterThanOrEqual(3);
  });

  it('resumes when the server was already down at subscribe time', async () => {
    const r = await appendOk(env().store, 'risk-equal-pay', numberedEvents(3), 'no-stream');
    await env().double.stop();
    const delivered: Envelope[] = [];
    const controller = new AbortController();
    const handler = (async () => {
      for await (const e of env().store.subscribe({ signal: controller.signal })) delivered.push(e);
    })();
    await env().double.restart();
    await until(() => delivered.length === 3);
    controller.abort();
    await handler;
    expect(delivered).toEqual(r.events);
  });

  it('gives up with StoreUnavailable after maxAttempts when the server stays away', async () => {
    await appendOk(env().store, 'risk-equal-pay', numberedEvents(1), 'no-stream');
    const impatient = createEsdbStore(env().double.connectionString, {
      reconnect: { initialDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 },
    });
    if (E.isLeft(impatient)) throw new Error(impatient.left.message);
    await env().double.stop();
    const failure = await collect(impatient.right.subscribe()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({ error: { _tag: 'StoreUnavailable' } });
    await impatient.right.close();
  });
});
