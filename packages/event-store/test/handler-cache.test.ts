import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import {
  createMemoryStore,
  type Envelope,
  type EventStore,
  type HandleResult,
  type InMemoryEventStore,
} from '@assure/event-store';
import { portOnly } from '@assure/testing';
import { domainHandler } from './domain-handler';

const admin = { actor: 'pmo-admin', role: 'admin' } as const;
const cfo = { actor: 'officer-cfo', role: 'officer' } as const;

const identify = (riskId: string) => ({
  type: 'IdentifyRisk',
  data: {
    riskId,
    programmeId: 'bcc',
    areaId: 'area-finance',
    title: `Risk ${riskId}`,
    category: 'Financial',
    owner: 'officer-cfo',
    inherent: { likelihood: 5, impact: 5 },
    target: { likelihood: 2, impact: 5 },
    nextReviewOn: '2015-03-31',
  },
});

async function seeded(): Promise<InMemoryEventStore> {
  const store = createMemoryStore({ clock: () => new Date('2019-04-01T09:00:00.000Z') });
  const h = domainHandler(store, { prefix: 'seed', stateCacheEntries: 0 });
  const setup = [
    {
      type: 'EstablishProgramme',
      data: {
        programmeId: 'bcc',
        title: 'BCC',
        body: 'Birmingham City Council',
        phase: 'Kerslake',
      },
    },
    {
      type: 'DefinePriorityArea',
      data: { programmeId: 'bcc', areaId: 'area-finance', title: 'Finance' },
    },
  ];
  for (const c of setup) {
    const r = await h.handleUnknown(c, { ...admin, occurredAt: '2014-12-09' })();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
  const r = await h.handleUnknown(identify('equal-pay'), { ...cfo, occurredAt: '2014-12-09' })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return store;
}

/** One step of a random run: which handler, which command, which commandId. */
const stepArb = fc.record({
  by: fc.constantFrom(0, 1),
  kind: fc.constantFrom('rescore', 'rescore', 'rescore', 'rescore', 'close', 'reopen', 'identify'),
  risk: fc.constantFrom('equal-pay', 'equal-pay', 'equal-pay', 'amey'),
  likelihood: fc.integer({ min: 1, max: 5 }),
  impact: fc.integer({ min: 1, max: 5 }),
  commandId: fc.option(fc.constantFrom('c-1', 'c-2', 'c-3', 'c-4'), { nil: undefined, freq: 4 }),
  actor: fc.constantFrom(cfo, admin),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

function commandOf(s: Step): unknown {
  const riskId = s.risk;
  if (s.kind === 'identify') return identify(riskId);
  if (s.kind === 'close') return { type: 'CloseRisk', data: { riskId, reason: 'Settled.' } };
  if (s.kind === 'reopen') return { type: 'ReopenRisk', data: { riskId, reason: 'New claims.' } };
  return {
    type: 'RescoreRisk',
    data: { riskId, likelihood: s.likelihood, impact: s.impact, rationale: 'Reviewed.' },
  };
}

/** What a command gave, in a form to compare across stores. */
const outcome = (
  r: E.Either<{ readonly _tag: string; readonly message?: string }, HandleResult>,
) => (E.isLeft(r) ? { error: r.left._tag, message: r.left.message } : r.right);

/**
 * Runs the steps on two handlers over one store, the given cache size on both; `port`: over
 * the port alone (the store's streams read through promises, not at once).
 */
async function runSteps(steps: readonly Step[], cache: number, port = false) {
  const seededStore = await seeded();
  const store = port ? portOnly(seededStore) : seededStore;
  const handlers = [
    domainHandler(store, { prefix: 'a', stateCacheEntries: cache }),
    domainHandler(store, { prefix: 'b', stateCacheEntries: cache }),
  ];
  const out: unknown[] = [];
  for (const s of steps) {
    const meta = {
      ...s.actor,
      occurredAt: '2019-03-12',
      ...(s.commandId === undefined ? {} : { commandId: s.commandId }),
    };
    out.push(outcome(await handlers[s.by]!.handleUnknown(commandOf(s), meta)()));
  }
  const log: Envelope[] = [];
  for await (const e of store.readAll()) log.push(e);
  return { out, log };
}

/**
 * A store that, once armed, lets another writer append a rescore to the target stream just
 * before the handler's append: the handler's expected revision is then stale.
 */
function withWriterBehind(store: InMemoryEventStore): EventStore & { arm(): void } {
  let armed = false;
  const other = domainHandler(store, { prefix: 'other', stateCacheEntries: 0 });
  return {
    ...store,
    readStream: (s, o) => store.readStream(s, o),
    readAll: (o) => store.readAll(o),
    subscribe: (o) => store.subscribe(o),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
    append: (stream, events, expected) => async () => {
      if (armed) {
        armed = false;
        const r = await other.handleUnknown(
          {
            type: 'RescoreRisk',
            data: { riskId: 'equal-pay', likelihood: 1, impact: 1, rationale: 'Other.' },
          },
          { ...cfo, occurredAt: '2019-03-11', commandId: 'c-other' },
        )();
        if (E.isLeft(r)) throw new Error(r.left.message);
      }
      return store.append(stream, events, expected)();
    },
    arm: () => {
      armed = true;
    },
  };
}

describe('command handler: the cache of folded states', () => {
  it('gives the same results and log as a handler without it, over random runs of two handlers (streams read at once or through the port)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 5, maxLength: 40 }),
        fc.constantFrom(1, 2, 1000),
        async (steps, cache) => {
          const cached = await runSteps(steps, cache);
          const plain = await runSteps(steps, 0);
          const overPort = await runSteps(steps, cache, true);
          expect(cached.out).toEqual(plain.out);
          expect(cached.log).toEqual(plain.log);
          expect(overPort.out).toEqual(plain.out);
          expect(overPort.log).toEqual(plain.log);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('folds in what another writer appended behind its back, on a conflict', async () => {
    const results: unknown[] = [];
    for (const cache of [1000, 0]) {
      const store = await seeded();
      const wrapped = withWriterBehind(store);
      const h = domainHandler(wrapped, { prefix: 'a', stateCacheEntries: cache });
      const rescore = (l: number) => ({
        type: 'RescoreRisk',
        data: { riskId: 'equal-pay', likelihood: l, impact: 5, rationale: 'R.' },
      });
      const first = await h.handleUnknown(rescore(4), { ...cfo, occurredAt: '2019-03-12' })();
      wrapped.arm();
      const second = await h.handleUnknown(rescore(3), { ...cfo, occurredAt: '2019-03-13' })();
      const again = await h.handleUnknown(rescore(2), {
        ...cfo,
        occurredAt: '2019-03-11',
        commandId: 'c-other',
      })();
      results.push([first, second, again].map(outcome));
      if (E.isLeft(second)) throw new Error(second.left.message);
      // The decision saw the other writer's rescore (1,1) as the previous assessment.
      expect(second.right.events[0]?.data).toMatchObject({
        previous: { likelihood: 1, impact: 1 },
      });
      expect(again).toMatchObject({ _tag: 'Left', left: { _tag: 'CommandIdReused' } });
    }
    expect(results[0]).toEqual(results[1]);
  });

  it('reads only the events after the revision it folded to', async () => {
    const store = await seeded();
    let read = 0;
    const counting: EventStore = {
      ...store,
      readAll: (o) => store.readAll(o),
      subscribe: (o) => store.subscribe(o),
      headPosition: () => store.headPosition(),
      close: () => store.close(),
      append: (s, e, x) => store.append(s, e, x),
      readStream: (s, o) => ({
        async *[Symbol.asyncIterator]() {
          for await (const e of store.readStream(s, o)) {
            read++;
            yield e;
          }
        },
      }),
    };
    const h = domainHandler(counting, { prefix: 'a', stateCacheEntries: 1000 });
    const rescore = {
      type: 'RescoreRisk',
      data: { riskId: 'equal-pay', likelihood: 4, impact: 4, rationale: 'R.' },
    };
    for (let i = 0; i < 20; i++) {
      const r = await h.handleUnknown(rescore, { ...cfo, occurredAt: '2019-03-12' })();
      if (E.isLeft(r)) throw new Error(r.left.message);
    }
    read = 0;
    const r = await h.handleUnknown(rescore, { ...cfo, occurredAt: '2019-03-12' })();
    if (E.isLeft(r)) throw new Error(r.left.message);
    // The risk stream had 21 events and the programme stream (related) 2: only the one the
    // previous command appended is read (it had not been folded yet).
    expect(read).toBe(1);
  });
});
