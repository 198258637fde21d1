// The stocktakes document (stocktakes as records, the latest judgement per criterion with
// its narrative and trend, phases with start and end days, the letters and reports bodies
// issued) and the risk register's mitigating actions with their state.
import * as E from 'fp-ts/Either';
import { decodeProjectionEvent, fullReadModels, judgementTrend } from '@assure/projections';
import { riskScore } from '@assure/testing';
import { History, d, on } from './fixtures';

async function models(h: History, asAt: string) {
  const r = await fullReadModels(h.store, { decode: decodeProjectionEvent, asAt })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right.models;
}

async function programme(): Promise<History> {
  const h = new History();
  await h.add(
    'ProgrammeEstablished',
    { programmeId: 'bcc', title: 'T', body: 'BCC', phase: 'Panel' },
    { on: '2015-01-05' },
  );
  await h.add(
    'OversightBodyConstituted',
    { programmeId: 'bcc', bodyId: 'biip', kind: 'improvement-panel', name: 'BIIP' },
    { on: '2015-01-05' },
  );
  return h;
}

const judge = (stocktakeId: string, rating: string, narrative: string) =>
  d('CriterionAssessed', {
    programmeId: 'bcc',
    stocktakeId,
    criterion: 'long-term-financial-plan',
    rating,
    narrative,
  });

describe('stocktakes document', () => {
  it('stocktake-view: the latest judgement per criterion with its narrative and trend', async () => {
    const h = await programme();
    await h.play(
      on('2018-06-26').stocktakeRecorded(
        ['bcc', 'st-2018'],
        ['2018-06-26', '2017-07-01', '2018-06-30'],
        {
          assessor: 'self-assessment',
          criteriaSet: 'lga-effective-organisation@1',
          findings: 'A candid assessment',
          rating: 'red',
        },
      ),
    );
    await h.add('CriterionAssessed', judge('st-2018', 'red', 'No robust plan yet'), {
      on: '2018-06-26',
    });
    await h.add('CriterionAssessed', judge('st-2019', 'amber', 'A four year plan'), {
      on: '2019-03-26',
    });
    const before = (await models(h, '2018-12-31')).stocktakes();
    expect(before.programmes[0]?.criteria).toEqual([
      expect.objectContaining({ rating: 'red', trend: 'new', narrative: 'No robust plan yet' }),
    ]);
    expect(before.programmes[0]?.criteria[0]?.title).toContain('financial plan');
    const doc = (await models(h, '2019-10-31')).stocktakes();
    const p = doc.programmes[0];
    expect(p?.stocktakes.map((s) => [s.stocktakeId, s.assessor, s.rating])).toEqual([
      ['st-2018', 'self-assessment', 'red'],
    ]);
    expect(p?.criteria).toEqual([
      expect.objectContaining({
        criterion: 'long-term-financial-plan',
        stocktakeId: 'st-2019',
        rating: 'amber',
        previousRating: 'red',
        trend: 'improved',
        narrative: 'A four year plan',
      }),
    ]);
  });

  it('phases and outputs: a phase ends when the next starts; a letter has from and to', async () => {
    const h = await programme();
    await h.play(
      on('2019-07-30').programmePhaseChanged(
        'bcc',
        ['Panel', 'Progressive assurance'],
        'The Panel stepped down',
        { startsOn: '2019-07-30', exitCriteria: 'The board judges the areas on track' },
      ),
      on('2015-06-10').bodyOutputIssued(
        ['bcc', 'biip-letter'],
        { from: 'biip', to: 'secretary-of-state', kind: 'letter', issuedOn: '2015-06-10' },
        ['Assessment', 'Pace must increase'],
      ),
    );
    const p = (await models(h, '2019-10-31')).stocktakes().programmes[0];
    expect(p?.phases.map((ph) => [ph.phase, ph.startsOn, ph.endsOn])).toEqual([
      ['Panel', null, '2019-07-29'],
      ['Progressive assurance', '2019-07-30', null],
    ]);
    expect(p?.outputs.map((o) => [o.from, o.to, o.kind])).toEqual([
      ['biip', 'secretary-of-state', 'letter'],
    ]);
  });

  it('judgement trend: better, worse, the same, or new', () => {
    expect(judgementTrend('green', 'amber')).toBe('improved');
    expect(judgementTrend('red', 'amber')).toBe('declined');
    expect(judgementTrend('amber', 'amber')).toBe('unchanged');
    expect(judgementTrend('amber', null)).toBe('new');
  });
});

describe('risk register: mitigating actions', () => {
  it('register-mitigating-actions: each linked action with its state at the as-at day', async () => {
    const h = await programme();
    await h.play(
      on('2019-04-01').actionPlanned(
        { actionId: 'act-ir', programmeId: 'bcc', areaId: 'area-waste' },
        ['rec-1'],
        'Agree an industrial relations framework',
        { lead: 'officer-hr', dueOn: '2019-09-30' },
      ),
      on('2019-04-01').riskIdentified(
        { riskId: 'ir', programmeId: 'bcc' },
        'Industrial relations',
        { category: 'Operational', owner: 'officer-hr' },
        { inherent: riskScore(4, 4), target: riskScore(2, 3), nextReviewOn: '2019-06-30' },
      ),
    );
    await h.add(
      'MitigatingActionLinked',
      { riskId: 'ir', actionId: 'act-ir' },
      {
        on: '2019-04-02',
      },
    );
    await h.add(
      'ActionProgressRecorded',
      { actionId: 'act-ir', percentComplete: 40, narrative: 'Talks' },
      { on: '2019-06-01' },
    );
    const row = (await models(h, '2019-10-31')).risks().rows[0];
    expect(row?.mitigatingActions).toEqual([
      {
        id: 'act-ir',
        title: 'Agree an industrial relations framework',
        status: 'planned',
        percentComplete: 40,
        dueOn: '2019-09-30',
        overdue: true,
      },
    ]);
    const early = (await models(h, '2019-04-01')).risks().rows[0];
    expect(early?.mitigatingActions).toEqual([]);
  });
});
