import type * as JestGlobals from '@jest/globals';
import * as E from 'fp-ts/Either';
import { createCommandHandler, type EventStore } from '@assure/event-store';
import { runHandlerRace } from '../concurrency';
import { counterModel } from '../models';
import { collect } from './helpers';
import type { StoreTest } from './suite';

const admin = { actor: 'admin-bcc', role: 'admin' } as const;
const officer = { actor: 'officer-cfo', role: 'officer' } as const;
const open = (counterId: string) => ({ type: 'OpenCounter', data: { counterId, limit: 100 } });
const inc = (counterId: string, by: number) => ({ type: 'Increment', data: { counterId, by } });
const handlerOver = (store: EventStore) => createCommandHandler({ store, model: counterModel });

/**
 * The command handler's promises that rest on its store, checked over each store of the
 * contract suite: idempotency of a commandId only for the same command, backfill rules,
 * and a race of handlers on one stream that ends with every command applied.
 */
export function describeHandlerOverStore(
  jest: typeof JestGlobals,
  test: StoreTest,
  runs: { readonly handlers: number; readonly commands: number },
): void {
  jest.describe('command handler over this store', () => {
    declareIdempotencyTests(jest, test);
    declareBackfillTests(jest, test);
    declareHandlerRace(jest, test, runs);
  });
}

/** A commandId is idempotent for the same command only. */
function declareIdempotencyTests(jest: typeof JestGlobals, test: StoreTest): void {
  const { expect } = jest;
  test('a repeated commandId of the same command returns its first events, writes nothing', async (store) => {
    const h = handlerOver(store);
    const first = await h.handleUnknown(open('equal-pay'), { ...admin, commandId: 'c-1' })();
    // Same type and payload (keys in another order), same actor and role.
    const again = await h.handle(
      { data: { limit: 100, counterId: 'equal-pay' }, type: 'OpenCounter' },
      { ...admin, commandId: 'c-1' },
    )();
    expect(E.isRight(first) && E.isRight(again)).toBe(true);
    if (E.isRight(first) && E.isRight(again)) expect(again.right).toEqual(first.right);
    expect(await collect(store.readStream('counter-equal-pay'))).toHaveLength(1);
  });

  test('a used commandId with another payload, type, actor or role is CommandIdReused, nothing written', async (store) => {
    const h = handlerOver(store);
    await h.handleUnknown(open('equal-pay'), admin)();
    const first = await h.handleUnknown(inc('equal-pay', 2), { ...officer, commandId: 'c-7' })();
    if (E.isLeft(first)) throw new Error(first.left.message);
    const position = first.right.events[0]?.position;
    const attempts: [unknown, { actor: string; role: string }, string[]][] = [
      [inc('equal-pay', 3), officer, ['command']],
      [{ type: 'Touch', data: { counterId: 'equal-pay' } }, officer, ['command']],
      [inc('equal-pay', 2), { actor: 'officer-ceo', role: 'officer' }, ['actor']],
      [inc('equal-pay', 2), { actor: 'officer-cfo', role: 'admin' }, ['role']],
    ];
    for (const [command, who, differs] of attempts) {
      const r = await h.handleUnknown(command, { ...who, commandId: 'c-7' })();
      expect(r).toEqual(
        E.left(
          expect.objectContaining({
            _tag: 'CommandIdReused',
            commandId: 'c-7',
            stream: 'counter-equal-pay',
            position,
            differs,
          }),
        ),
      );
    }
    expect(await collect(store.readStream('counter-equal-pay'))).toHaveLength(2);
  });
}

/** A backfill: admin and system only, never recorded before it happened. */
function declareBackfillTests(jest: typeof JestGlobals, test: StoreTest): void {
  const { expect } = jest;
  test('a backfill is open to admin and system only, and never records before it happened', async (store) => {
    const h = handlerOver(store);
    const backfill = { occurredAt: '2016-04-30', recordedAt: '2016-05-01T12:00:00.000Z' };
    const byOfficer = await h.handleUnknown(open('equal-pay'), { ...officer, ...backfill })();
    expect(E.isLeft(byOfficer) && byOfficer.left._tag).toBe('Forbidden');
    const early = await h.handleUnknown(open('equal-pay'), {
      ...admin,
      occurredAt: '2016-05-02',
      recordedAt: backfill.recordedAt,
    })();
    expect(early).toEqual(
      E.left(
        expect.objectContaining({
          _tag: 'ValidationFailed',
          errors: [expect.objectContaining({ path: 'meta.occurredAt' })],
        }),
      ),
    );
    const future = await h.handleUnknown(open('equal-pay'), {
      ...admin,
      occurredAt: '2999-01-01',
    })();
    expect(E.isLeft(future) && future.left._tag).toBe('ValidationFailed');
    expect(await collect(store.readStream('counter-equal-pay'))).toEqual([]);
    const bySystem = await h.handleUnknown(open('equal-pay'), {
      actor: 'loader',
      role: 'system',
      ...backfill,
    })();
    expect(E.isRight(bySystem)).toBe(true);
    // Loaded by the system on behalf of an officer, who keeps the officer's role.
    const loaded = createCommandHandler({
      store,
      model: counterModel,
      backfillBy: { actor: 'loader', role: 'system' },
    });
    const r = await loaded.handleUnknown(inc('equal-pay', 1), { ...officer, ...backfill })();
    expect(E.isRight(r) && r.right.events[0]?.meta).toMatchObject({ ...officer, backfill: true });
  });
}

/** Handlers racing on one stream apply every command. */
function declareHandlerRace(
  jest: typeof JestGlobals,
  test: StoreTest,
  runs: { readonly handlers: number; readonly commands: number },
): void {
  const { expect } = jest;
  test(`${runs.handlers} handlers x ${runs.commands} commands on one stream: every command applied (default retries)`, async (store) => {
    const report = await runHandlerRace(store, {
      handlers: runs.handlers,
      commandsPerHandler: runs.commands,
      streams: 1,
    });
    expect(report.problems).toEqual([]);
    expect(report.conflicted).toBe(0);
    expect(report.succeeded).toBe(runs.handlers * runs.commands);
    expect(report.eventsInLog).toBe(runs.handlers * runs.commands);
  });
}
