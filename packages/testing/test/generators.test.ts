import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import { domainModel } from '@assure/domain';
import { createCommandHandler, createMemoryStore, Envelope } from '@assure/event-store';
import {
  arbAppendBatches,
  arbBirminghamCommands,
  arbProposedEvent,
  birminghamCommands,
  birminghamHistory,
  collect,
  counterModel,
  sequentialIds,
} from '@assure/testing';

async function apply(commands: ReturnType<typeof birminghamCommands>): Promise<string[]> {
  const store = createMemoryStore();
  const handler = createCommandHandler({ store, model: domainModel, ids: sequentialIds('e') });
  const failures: string[] = [];
  for (const c of commands) {
    const r = await handler.handleUnknown(c.input, c.meta)();
    if (E.isLeft(r)) failures.push(`${c.meta.commandId} ${c.input.type}: ${r.left.message}`);
  }
  return failures;
}

describe('generators', () => {
  it('every generated Birmingham history is accepted by the domain, command by command', async () => {
    await fc.assert(
      fc.asyncProperty(arbBirminghamCommands({ maxSteps: 40 }), async (commands) => {
        expect(await apply(commands)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('birminghamCommands is deterministic and valid', async () => {
    const a = birminghamCommands(150, 7);
    expect(birminghamCommands(150, 7)).toEqual(a);
    expect(a.length).toBe(155);
    expect(await apply(a)).toEqual([]);
  });

  it('proposed events and append batches store as valid envelopes', async () => {
    await fc.assert(
      fc.asyncProperty(arbAppendBatches(), async (batches) => {
        const store = createMemoryStore();
        for (const b of batches) await store.append(b.stream, b.events, 'any')();
        for (const e of await collect(store.readAll()))
          expect(E.isRight(Envelope.decode(e))).toBe(true);
      }),
      { numRuns: 25 },
    );
    fc.assert(
      fc.property(arbProposedEvent(), (p) => {
        expect(JSON.parse(JSON.stringify(p.data))).toEqual(p.data);
        expect(p.meta.backfill === true).toBe(p.meta.recordedAt !== undefined);
      }),
    );
  });

  it('the Birmingham fixture history stores as valid envelopes', async () => {
    const store = createMemoryStore();
    for (const { stream, event } of birminghamHistory) await store.append(stream, [event], 'any')();
    const log = await collect(store.readAll());
    expect(log).toHaveLength(birminghamHistory.length);
    for (const e of log) expect(E.isRight(Envelope.decode(e))).toBe(true);
  });

  it('the counter model decodes what it decides', () => {
    const d = counterModel.decodeEvent('Incremented', 1, { counterId: 'a', by: 1, total: 2 });
    expect(E.isRight(d)).toBe(true);
    expect(
      E.isLeft(counterModel.decodeEvent('Incremented', 2, { counterId: 'a', by: 1, total: 2 })),
    ).toBe(true);
    expect(E.isLeft(counterModel.decodeEvent('Nope', 1, {}))).toBe(true);
  });
});
