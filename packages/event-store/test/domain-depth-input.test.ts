// The commands of issue 24's domain depth through the command handler: bad input is
// ValidationFailed naming the field, a refused rule is RuleViolated, and in both cases
// nothing is written; the good command writes its one event.
import * as E from 'fp-ts/Either';
import { createMemoryStore, type CommandMeta } from '@assure/event-store';
import { collect } from '@assure/testing';
import { domainHandler } from './domain-handler';

const admin = { actor: 'pmo-admin', role: 'admin' } as const;
const officer = { actor: 'officer-cfo', role: 'officer' } as const;
const on = (day: string) => ({ occurredAt: `${day}T00:00:00.000Z` });

async function setup() {
  const store = createMemoryStore();
  const handler = domainHandler(store);
  const run = (input: unknown, meta: Record<string, unknown>) =>
    handler.handleUnknown(input, meta as unknown as CommandMeta)();
  for (const c of [
    {
      type: 'EstablishProgramme',
      data: { programmeId: 'bcc', title: 'Improvement', body: 'BCC', phase: 'Panel' },
    },
    {
      type: 'DefinePriorityArea',
      data: { programmeId: 'bcc', areaId: 'area-finance', title: 'Finance' },
    },
    {
      type: 'ConstituteBody',
      data: { programmeId: 'bcc', bodyId: 'biip', kind: 'improvement-panel', name: 'BIIP' },
    },
  ]) {
    const r = await run(c, { ...admin, ...on('2015-01-05') });
    expect(E.isRight(r)).toBe(true);
  }
  const count = async () => (await collect(store.readAll())).length;
  return { run, count };
}

const stocktake = {
  programmeId: 'bcc',
  stocktakeId: 'stocktake-2019-03',
  heldOn: '2019-03-26',
  periodStart: '2018-06-01',
  periodEnd: '2019-03-31',
  assessor: 'self-assessment',
  criteriaSet: 'lga-effective-organisation@1',
  findings: 'Finance and industrial relations remain critical',
  rating: 'amber',
};

describe('issue 24 commands through the handler', () => {
  test('RecordStocktake: a period out of order is RuleViolated, nothing written', async () => {
    const { run, count } = await setup();
    const before = await count();
    const r = await run(
      { type: 'RecordStocktake', data: { ...stocktake, periodEnd: '2018-01-01' } },
      { ...officer, ...on('2019-03-27') },
    );
    expect(r).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'RuleViolated', rule: 'stocktake-period' },
    });
    expect(await count()).toBe(before);
    const ok = await run(
      { type: 'RecordStocktake', data: stocktake },
      { ...officer, ...on('2019-03-27') },
    );
    expect(E.isRight(ok)).toBe(true);
    expect(await count()).toBe(before + 1);
  });

  test.each([
    {
      type: 'RecordStocktake',
      data: { ...stocktake, rating: 'purple' },
      path: 'data.rating',
      meta: { ...officer, ...on('2019-03-27') },
    },
    {
      type: 'IssueBodyOutput',
      data: {
        programmeId: 'bcc',
        outputId: 'letter-1',
        from: 'biip',
        to: 'the-press',
        kind: 'letter',
        issuedOn: '2015-06-10',
        title: 'Letter',
        summary: 'Progress',
      },
      path: 'data.to',
      meta: { ...admin, ...on('2019-07-30') },
    },
    {
      type: 'LinkMitigatingAction',
      data: { riskId: 'equal-pay', actionId: 7 },
      path: 'data.actionId',
      meta: { ...admin, ...on('2019-07-30') },
    },
    {
      type: 'HandOverRecommendations',
      data: {
        programmeId: 'bcc',
        fromBodyId: 'biip',
        toBodyId: 'board-spb',
        recommendationIds: ['rec-1'],
        handedOverOn: '2019-13-01',
      },
      path: 'data.handedOverOn',
      meta: { ...admin, ...on('2019-07-30') },
    },
  ])(
    '$type: bad input is ValidationFailed naming $path, nothing written',
    async ({ path, meta, ...c }) => {
      const { run, count } = await setup();
      const before = await count();
      const r = await run(c, meta);
      expect(r).toMatchObject({ _tag: 'Left', left: { _tag: 'ValidationFailed' } });
      if (E.isLeft(r) && r.left._tag === 'ValidationFailed')
        expect(r.left.errors.map((e) => e.path)).toEqual([path]);
      expect(await count()).toBe(before);
    },
  );
});
