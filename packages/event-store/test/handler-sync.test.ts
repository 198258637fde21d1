import * as E from 'fp-ts/Either';
import type { DomainModel, ValidationFailed } from '@assure/domain';
import {
  createCommandHandler,
  createMemoryStore,
  InMemoryEventStore,
  type Envelope,
  type EventStore,
  type HandleResult,
} from '@assure/event-store';
import { domainHandler } from './domain-handler';

// The handler's synchronous way over the in-memory store (loads and appends at once, one
// promise per command) against its way through promises (the same store asked to yield on
// every append, which offers no synchronous append).

const admin = { actor: 'pmo-admin', role: 'admin', occurredAt: '2014-12-09' } as const;
const cfo = { actor: 'officer-cfo', role: 'officer' } as const;
const clock = () => new Date('2019-04-01T09:00:00.000Z');

const setup = [
  {
    type: 'EstablishProgramme',
    data: { programmeId: 'bcc', title: 'BCC', body: 'Birmingham City Council', phase: 'Kerslake' },
  },
  { type: 'DefinePriorityArea', data: { programmeId: 'bcc', areaId: 'area-finance', title: 'F' } },
  {
    type: 'IdentifyRisk',
    data: {
      riskId: 'equal-pay',
      programmeId: 'bcc',
      areaId: 'area-finance',
      title: 'Equal pay',
      category: 'Financial',
      owner: 'officer-cfo',
      inherent: { likelihood: 5, impact: 5 },
      target: { likelihood: 2, impact: 5 },
      nextReviewOn: '2015-03-31',
    },
  },
];

interface Add {
  readonly type: 'Add';
  readonly data: { readonly by: number };
}
interface Added {
  readonly type: 'Added';
  readonly data: { readonly by: number };
}

const hasBy = (u: unknown): u is { readonly by: number } =>
  typeof u === 'object' && u !== null && 'by' in u && typeof u.by === 'number';
const isAdd = (u: unknown): u is Add =>
  typeof u === 'object' &&
  u !== null &&
  'type' in u &&
  u.type === 'Add' &&
  'data' in u &&
  hasBy(u.data);
const notOurs: ValidationFailed = { _tag: 'ValidationFailed', errors: [], message: 'not ours' };

const rescore = (likelihood: number) => ({
  type: 'RescoreRisk',
  data: { riskId: 'equal-pay', likelihood, impact: 5, rationale: 'Reviewed.' },
});

async function logOf(store: EventStore): Promise<Envelope[]> {
  const log: Envelope[] = [];
  for await (const e of store.readAll()) log.push(e);
  return log;
}

/** Seeds the programme and one risk, then rescores it `n` times, all at once (not awaited in turn). */
async function concurrentRun(store: EventStore, n: number) {
  const h = domainHandler(store, { prefix: 'c' });
  for (const c of setup) {
    const r = await h.handleUnknown(c, admin)();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
  const meta = (i: number) => ({ ...cfo, occurredAt: '2019-03-12', commandId: `r-${i % 4}` });
  const results = await Promise.all(
    Array.from({ length: n }, (_, i) => h.handleUnknown(rescore(1 + (i % 4)), meta(i))()),
  );
  return { results, log: await logOf(store) };
}

describe('command handler: the synchronous way over the in-memory store', () => {
  it('writes the same log and answers the same as the way through promises, commands racing on one stream', async () => {
    const now = await concurrentRun(createMemoryStore({ clock }), 12);
    const later = await concurrentRun(createMemoryStore({ clock, yieldOnAppend: true }), 12);
    expect(now.results).toEqual(later.results);
    expect(now.log).toEqual(later.log);
    // Four distinct commandIds: four rescores written, the rest answered from their first run.
    expect(now.log.filter((e) => e.type === 'RiskRescored')).toHaveLength(4);
    const repeats = now.results.slice(4);
    for (const [i, r] of repeats.entries()) {
      const first = now.results[i % 4] as E.Either<unknown, HandleResult>;
      expect(r).toEqual(first);
    }
  });

  it("uses an append put in place of the store's own on the object", async () => {
    const store = createMemoryStore({ clock });
    const own = store.append.bind(store);
    let calls = 0;
    store.append = (stream, events, expected) => {
      calls++;
      return own(stream, events, expected);
    };
    const h = domainHandler(store, { prefix: 'p' });
    for (const c of setup) {
      const r = await h.handleUnknown(c, admin)();
      if (E.isLeft(r)) throw new Error(r.left.message);
    }
    expect(calls).toBe(setup.length);
  });

  it('uses the append of a subclass that overrides it', async () => {
    let calls = 0;
    class Counting extends InMemoryEventStore {
      override append(...args: Parameters<InMemoryEventStore['append']>) {
        calls++;
        return super.append(...args);
      }
    }
    const h = domainHandler(new Counting({ clock }), { prefix: 's' });
    for (const c of setup) {
      const r = await h.handleUnknown(c, admin)();
      if (E.isLeft(r)) throw new Error(r.left.message);
    }
    expect(calls).toBe(setup.length);
  });

  it('answers a throw of the decider with a rejected promise, and the stream takes the next command', async () => {
    let throws = true;
    const model: DomainModel<Add, Added, number, never> = {
      decodeCommand: (u) => (isAdd(u) ? E.right(u) : E.left(notOurs)),
      decodeEvent: (_type, _v, data) =>
        hasBy(data) ? E.right({ type: 'Added', data: { by: data.by } }) : E.left(notOurs),
      schemaVersionOf: () => 1,
      route: () => ({ stream: 'counter-a', related: [] }),
      authorize: () => E.right(undefined),
      initialState: () => 0,
      evolve: (s, e) => s + e.data.by,
      decide: (c) => {
        if (throws) throw new Error('decider down');
        return E.right([{ type: 'Added', data: { by: c.data.by } }]);
      },
    };
    const h = createCommandHandler({ store: createMemoryStore({ clock }), model });
    const add = { type: 'Add', data: { by: 2 } } as const;
    await expect(h.handle(add, cfo)()).rejects.toThrow('decider down');
    throws = false;
    const r = await h.handle(add, cfo)();
    expect(E.isRight(r) && r.right.nextRevision).toBe(0);
  });
});
