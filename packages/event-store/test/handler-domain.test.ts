import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { domainModel } from '@assure/domain';
import { riskIdentifiedSample } from '@assure/domain/testing';
import {
  ChainTracker,
  createCommandHandler,
  createMemoryStore,
  type CommandMeta,
  type InMemoryEventStore,
} from '@assure/event-store';
import { collect, proposedEvent, sequentialIds } from '@assure/testing';
import { domainHandler } from './domain-handler';

const admin = { actor: 'pmo-admin', role: 'admin' } as const;
const cfo = { actor: 'officer-cfo', role: 'officer' } as const;

const setup = [
  {
    type: 'EstablishProgramme',
    data: {
      programmeId: 'bcc',
      title: 'Birmingham City Council improvement programme',
      body: 'Birmingham City Council',
      phase: 'Kerslake review response',
    },
  },
  {
    type: 'DefinePriorityArea',
    data: {
      programmeId: 'bcc',
      areaId: 'area-finance',
      title: 'Financial planning and resilience',
    },
  },
] as const;

const identifyEqualPay = {
  type: 'IdentifyRisk',
  data: riskIdentifiedSample({
    programmeId: 'bcc',
    areaId: 'area-finance',
    target: { likelihood: 2, impact: 5 },
    nextReviewOn: '2015-03-31',
  }),
};
const rescore = (likelihood: number, impact: number) => ({
  type: 'RescoreRisk',
  data: { riskId: 'equal-pay', likelihood, impact, rationale: 'Settlements progressing.' },
});

async function seeded(store: InMemoryEventStore) {
  const handler = domainHandler(store, { prefix: 'seed' });
  for (const command of setup) {
    const r = await handler.handle(command, { ...admin, occurredAt: '2014-12-09' })();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
  const r = await handler.handleUnknown(identifyEqualPay, { ...cfo, occurredAt: '2014-12-09' })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return store;
}

describe('command handler with the domain model', () => {
  it('writes the decided events with the domain schema version', async () => {
    const store = await seeded(createMemoryStore());
    const r = await domainHandler(store).handleUnknown(rescore(4, 5), {
      ...cfo,
      occurredAt: '2019-03-12',
      commandId: 'cmd-1',
    })();
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect(r.right.stream).toBe('risk-equal-pay');
    expect(r.right.events.map((e) => e.type)).toEqual(['RiskRescored']);
    expect(r.right.events[0]?.schemaVersion).toBe(domainModel.schemaVersionOf('RiskRescored'));
    expect(r.right.events[0]?.meta.occurredAt).toBe('2019-03-12T00:00:00.000Z');
  });

  it('a repeated commandId returns the first result and writes nothing', async () => {
    const store = await seeded(createMemoryStore());
    const handler = domainHandler(store);
    const meta: CommandMeta = { ...cfo, occurredAt: '2019-03-12', commandId: 'cmd-rescore' };
    const first = await handler.handleUnknown(rescore(4, 5), meta)();
    const size = store.size;
    const again = await handler.handleUnknown(rescore(4, 5), meta)();
    expect(again).toEqual(first);
    expect(store.size).toBe(size);
  });

  it('retries on conflict: two officers rescoring one risk at once both land, in order', async () => {
    const store = await seeded(createMemoryStore({ yieldOnAppend: true }));
    const a = domainHandler(store, { prefix: 'a' });
    const b = domainHandler(store, { prefix: 'b' });
    const [ra, rb] = await Promise.all([
      a.handleUnknown(rescore(4, 5), { ...cfo, occurredAt: '2019-03-12' })(),
      b.handleUnknown(rescore(3, 4), {
        actor: 'officer-ceo',
        role: 'officer',
        occurredAt: '2019-03-13',
      })(),
    ]);
    expect(E.isRight(ra) && E.isRight(rb)).toBe(true);
    const stream = await collect(store.readStream('risk-equal-pay'));
    expect(stream.map((e) => e.type)).toEqual(['RiskIdentified', 'RiskRescored', 'RiskRescored']);
    // The later decision saw the earlier one: its `previous` is the first rescore's `current`.
    expect(stream[2]?.data['previous']).toEqual(stream[1]?.data['current']);
  });

  describe('a rejected command writes nothing', () => {
    it.each([
      [
        'NotFound',
        { ...rescore(4, 5), data: { ...rescore(4, 5).data, riskId: 'paradise-circus' } },
        cfo,
      ],
      ['AlreadyExists', identifyEqualPay, cfo],
      ['Forbidden', rescore(4, 5), { actor: 'auditor-gt', role: 'auditor' }],
      [
        'RuleViolated',
        {
          ...identifyEqualPay,
          data: { ...identifyEqualPay.data, riskId: 'amey', areaId: 'area-missing' },
        },
        cfo,
      ],
    ] as const)('%s', async (tag, command, issuer) => {
      const store = await seeded(createMemoryStore());
      const before = await collect(store.readAll());
      const r = await domainHandler(store).handleUnknown(command, {
        ...issuer,
        occurredAt: '2019-03-12',
      })();
      expect(E.isLeft(r) && r.left._tag).toBe(tag);
      expect(await collect(store.readAll())).toEqual(before);
    });
  });

  it('bad input is ValidationFailed naming the path, and writes nothing', async () => {
    const store = await seeded(createMemoryStore());
    const size = store.size;
    const r = await domainHandler(store).handleUnknown(rescore(6, 5), cfo)();
    expect(E.isLeft(r) && r.left._tag).toBe('ValidationFailed');
    if (E.isLeft(r) && r.left._tag === 'ValidationFailed')
      expect(r.left.errors.map((e) => e.path).join(' ')).toContain('likelihood');
    expect(store.size).toBe(size);
  });

  it('an undecodable stored event is StoreCorrupt at its position', async () => {
    const store = await seeded(createMemoryStore());
    const bad = await store.append(
      'risk-equal-pay',
      [proposedEvent({ type: 'RiskRescored', data: { riskId: 'equal-pay' } })],
      'any',
    )();
    if (E.isLeft(bad)) throw new Error('set-up failed');
    const r = await domainHandler(store).handleUnknown(rescore(4, 5), cfo)();
    expect(r).toEqual(
      E.left(expect.objectContaining({ _tag: 'StoreCorrupt', position: bad.right.position })),
    );
  });

  it('replays the Birmingham story (examples/birmingham) as a backfill, then again idempotently', async () => {
    const file = join(__dirname, '..', '..', '..', 'examples', 'birmingham', 'commands.ndjson');
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as { type: string; data: unknown; meta: CommandMeta });
    // Seals need the audit package to compute their checkpoint: not this package's business.
    const commands = lines.filter((c) => c.type !== 'SealLedger');
    const store = createMemoryStore();
    // History loaded by the system, keeping the roles of the people who issued it.
    const handler = createCommandHandler({
      store,
      model: domainModel,
      ids: sequentialIds('id'),
      backfillBy: { actor: 'loader-bcc', role: 'system' },
    });
    for (const [i, c] of commands.entries()) {
      const r = await handler.handleUnknown({ type: c.type, data: c.data }, c.meta)();
      if (E.isLeft(r)) throw new Error(`line ${i + 1} (${c.type}): ${r.left.message}`);
    }
    const log = await collect(store.readAll());
    expect(log.length).toBeGreaterThanOrEqual(commands.length);
    expect(log.every((e) => e.meta.backfill === true)).toBe(true);
    const chains = new ChainTracker();
    expect(log.map((e) => chains.check(e)).filter((p) => p !== undefined)).toEqual([]);
    for (const c of commands) {
      const r = await handler.handleUnknown({ type: c.type, data: c.data }, c.meta)();
      expect(E.isRight(r)).toBe(true);
    }
    expect(store.size).toBe(log.length);
  });
});
