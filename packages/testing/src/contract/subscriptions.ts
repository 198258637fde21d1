import { type Envelope, StoreFailure } from '@assure/event-store';
import { numberedEvents, proposedEvent } from '../fixtures';
import { appendOk, collect, take, turns, until } from './helpers';
import { type ContractSuite } from './suite';

// The contract on subscriptions: catch-up then live, exclusive of their checkpoint, no gap
// and no duplicate while appends race the catch-up; ending on abort, return and close.

/** What a subscription delivers: catch-up, then live, from after its checkpoint, no gap, no duplicate. */
export function declareSubscriptionDeliveryTests(suite: ContractSuite): void {
  const { expect } = suite.jest;
  const { test } = suite;
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
    for (let i = 0; i < 10; i++) await appendOk(store, `risk-r${i % 3}`, numberedEvents(20), 'any');
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
      Array.from({ length: 8 }, (_, i) => appendOk(store, `risk-c${i}`, numberedEvents(5), 'any')),
    );
    const subA = take(store.subscribe(), 40);
    const subB = take(store.subscribe(), 40);
    await appends;
    const all = await collect(store.readAll());
    expect(await subA).toEqual(all);
    expect(await subB).toEqual(all);
  });
}

/** How a subscription ends: abort, an aborted signal, return(), close(). */
export function declareSubscriptionEndTests(suite: ContractSuite): void {
  const { expect } = suite.jest;
  const { test } = suite;
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
}
