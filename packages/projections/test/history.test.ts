import * as E from 'fp-ts/Either';
import { bccCgipV1, slippageV1, slippageV2 } from '@assure/domain';
import { decodeProjectionEvent, fullReadModels, type FullReadModels } from '@assure/projections';
import { riskRescoredData, riskScore } from '@assure/testing';
import { birminghamJourney, on, type History } from './fixtures';

// The item histories behind the tracker's and the register's practitioner columns and the
// @2 policies' baselines, on the small journey of fixtures.ts (last meeting: 26 March 2019).

async function models(h: History, asAt: string): Promise<FullReadModels> {
  const r = await fullReadModels(h.store, { decode: decodeProjectionEvent, asAt })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right.models;
}
const board = { actor: 'board-chair', role: 'board' };

/** kerslake-2014-01 (closed in 2016, first due 31 December 2015) reopened on 1 May 2019. */
async function reopened(): Promise<History> {
  const h = await birminghamJourney();
  await h.add(
    'RecommendationReopened',
    { recommendationId: 'kerslake-2014-01', reason: 'Regressed' },
    { on: '2019-05-01', ...board },
  );
  return h;
}

describe('tracker: practitioner columns', () => {
  it('tracker: a reopened recommendation is marked with the day it was reopened', async () => {
    const m = await models(await reopened(), '2019-05-20');
    const row = m.tracker().rows.find((r) => r.id === 'kerslake-2014-01');
    expect(row?.reopenedOn).toBe('2019-05-01');
    expect(row?.status).toBe('agreed');
    expect(row?.latestUpdate).toEqual({ on: '2019-05-01', event: 'RecommendationReopened' });
    // Changes since the last meeting (26 March 2019): the reopening.
    expect(row?.sinceLastMeeting).toEqual({
      meetingOn: '2019-03-26',
      updates: [{ on: '2019-05-01', event: 'RecommendationReopened' }],
    });
  });

  it('slippage@2: a reopened recommendation starts anew from the first date set after it', async () => {
    const h = await reopened();
    const governance = (m: FullReadModels, p = slippageV2) =>
      m.status(p).programmes[0]?.areas.find((a) => a.id === 'area-governance')?.rag;
    // Reopened, no new date yet: slippage counts from the reopening (19 days: amber).
    expect(governance(await models(h, '2019-05-20'))).toBe('amber');
    await h.play(
      on('2019-05-21', board).recommendationDueDateRevised(
        'kerslake-2014-01',
        { dueOn: '2019-09-30', previousDueOn: '2015-12-31', originalDueOn: '2015-12-31' },
        ['New plan after reopening', 'board-chair'],
      ),
    );
    const m = await models(h, '2019-06-30');
    expect(governance(m)).toBe('green');
    // slippage@1 still counts from 31 December 2015.
    expect(governance(m, slippageV1)).toBe('red');
    const row = m.tracker().rows.find((r) => r.id === 'kerslake-2014-01');
    expect(row?.revisionApprovers).toEqual(['board-chair']);
    expect(row?.rag).toBe('amber');
  });

  it('tracker: days awaiting verification and days overdue', async () => {
    const h = await birminghamJourney();
    await h.play(
      on('2019-04-01', { actor: 'officer-cfo', role: 'officer' }).implementationClaimed(
        'rec-2018-s24-03',
        'Plans in place',
        [],
        'officer-cfo',
      ),
    );
    const rows = (await models(h, '2019-04-15')).tracker().rows;
    expect(rows.find((r) => r.id === 'rec-2018-s24-03')?.awaitingVerificationDays).toBe(14);
    const p = rows.find((r) => r.id === 'panel-2017-05');
    expect(p?.overdue).toBe(true);
    expect(p?.daysOverdue).toBeGreaterThan(0);
    expect(rows.find((r) => r.id === 'kerslake-2014-01')?.awaitingVerificationDays).toBeNull();
  });
});

describe('risk register: trend since the last meeting', () => {
  it('risks: the trend compares the current score with the score at the last meeting', async () => {
    const h = await birminghamJourney();
    await h.add(
      'RiskRescored',
      riskRescoredData('equal-pay', riskScore(4, 5), riskScore(3, 5), 'Settlements agreed'),
      { on: '2019-04-02', actor: 'officer-cfo', role: 'officer' },
    );
    const row = (await models(h, '2019-04-15')).risks().rows.find((r) => r.id === 'equal-pay');
    expect(row?.trendSinceLastMeeting).toEqual({
      meetingOn: '2019-03-26',
      scoreThen: 20,
      trend: 'down',
    });
  });
});

describe('status: one counting rule per line', () => {
  it('done@2: a cancelled action is left out of done, counted and percent alike', async () => {
    const m = await models(await birminghamJourney(), '2019-03-15');
    const v2 = m.status().programmes[0]?.totals.actions;
    const v1 = m.status(bccCgipV1).programmes[0]?.totals.actions;
    expect(v2).toMatchObject({ total: 3, cancelled: 1, done: 1, excluded: 1 });
    expect(v1).toMatchObject({ total: 3, cancelled: 1, done: 2, excluded: 0 });
  });
});

describe('risk register: appetite, tolerance and control effectiveness', () => {
  it('risks: appetite, tolerance and each control’s effectiveness as recorded', async () => {
    const h = await birminghamJourney();
    await h.play(
      on('2019-04-01', { actor: 'officer-ceo', role: 'officer' }).riskIdentified(
        { riskId: 'waste-strike', programmeId: 'bcc-improvement' },
        'Industrial action in waste collection',
        { category: 'operational', owner: 'officer-ceo' },
        { inherent: riskScore(4, 4), target: riskScore(2, 3), nextReviewOn: '2019-06-30' },
        { appetite: 'cautious', tolerance: riskScore(3, 3) },
      ),
    );
    await h.add(
      'RiskControlAdded',
      {
        riskId: 'waste-strike',
        controlId: 'ir-framework',
        description: 'Industrial relations framework',
        owner: 'officer-ceo',
        effectiveness: 'partly-effective',
      },
      { on: '2019-04-02', actor: 'officer-ceo', role: 'officer' },
    );
    const rows = (await models(h, '2019-04-15')).risks().rows;
    const row = rows.find((r) => r.id === 'waste-strike');
    expect(row).toMatchObject({
      appetite: 'cautious',
      tolerance: { likelihood: 3, impact: 3, score: 9, band: 'medium' },
      outsideTolerance: true,
      controls: 1,
      controlEffectiveness: [{ controlId: 'ir-framework', effectiveness: 'partly-effective' }],
    });
    // Risks recorded without them (earlier events) read as not recorded.
    expect(rows.find((r) => r.id === 'equal-pay')).toMatchObject({
      appetite: null,
      tolerance: null,
      outsideTolerance: null,
    });
  });

  it('documents share no array with the views: changing one leaves the next document as it was', async () => {
    const h = await reopened();
    const m = await models(h, '2019-06-01');
    const risks = m.risks().rows;
    const tracker = m.tracker({ policy: bccCgipV1 }).rows;
    const before = JSON.stringify([m.risks().rows, m.tracker({ policy: bccCgipV1 }).rows]);
    // Rows with facts recorded and rows without: none throws, none reaches the views.
    for (const r of risks)
      (r.controlEffectiveness as { controlId: string; effectiveness: string }[]).push({
        controlId: 'edited',
        effectiveness: 'effective',
      });
    for (const r of tracker) (r.revisionApprovers as string[]).push('edited');
    expect(JSON.stringify([m.risks().rows, m.tracker({ policy: bccCgipV1 }).rows])).toBe(before);
  });
});
