import { type Journey, doc, programmeId } from './cast';
import { close, meeting, plan, verify } from './steps';
import { identified } from './risks';

/**
 * 2016: most Kerslake recommendations are verified and closed; major projects join the programme.
 */
export function kerslakeClosed2016(j: Journey): void {
  earlyIn2016(j);
  financialPlanClosed(j);
  restOf2016(j);
}

/** January and February 2016: partnerships and the budget verified; the Amey contract risk. */
function earlyIn2016({ on, pmo, biip, cfo, highways }: Journey): void {
  on('2016-01-15');
  cfo('ClaimImplementation', {
    recommendationId: 'rec-biip-2015-02',
    summary: 'Every directorate now has savings proposals in the draft 2016/17 budget.',
    evidence: [doc('2016/draft-budget-2016-17.pdf', 'Draft budget 2016/17')],
  });

  on('2016-01-19');
  verify(
    biip,
    'rec-kerslake-04',
    'Partners confirm that the council works with them, not over them.',
  );
  close(biip, 'rec-kerslake-04', 'Closed by the panel.');
  biip('RaiseRecommendation', {
    recommendationId: 'rec-biip-2016-02',
    programmeId,
    areaId: 'area-partnerships',
    source: 'improvement-panel',
    classification: 'improvement',
    title: 'Publish what Birmingham Partners will deliver together',
    dueOn: '2016-09-30',
  });

  on('2016-02-02');
  verify(biip, 'rec-biip-2015-02', 'Savings proposals are now in place for every directorate.');
  close(biip, 'rec-biip-2015-02', 'Closed by the panel.');
  pmo('RespondToRecommendation', {
    recommendationId: 'rec-biip-2016-02',
    decision: 'partially-accepted',
    response:
      'The partners will agree a short statement of shared priorities rather than a prospectus.',
  });

  on('2016-02-09');
  pmo('DefinePriorityArea', {
    programmeId,
    areaId: 'area-major-projects',
    title: 'Major projects and contracts',
    description: "The council's exposure through its largest contracts and regeneration schemes.",
  });
  highways('IdentifyRisk', identified('ameyContract'));

  on('2016-02-23');
  cfo('CompleteAction', {
    actionId: 'financial-plan-2016',
    evidence: [doc('2016/financial-plan.pdf', 'Financial plan 2016/17 to 2018/19')],
    note: 'Approved with the 2016/17 budget.',
  });
}

/** March 2016: the financial plan and the senior team; the panel closes three recommendations. */
function financialPlanClosed({ on, as, pmo, biip, cex, cfo, hr }: Journey): void {
  on('2016-03-01');
  cfo('ClaimImplementation', {
    recommendationId: 'rec-kerslake-02',
    summary: 'A three-year financial plan was approved with the 2016/17 budget.',
    evidence: [doc('2016/financial-plan.pdf', 'Financial plan 2016/17 to 2018/19')],
  });

  on('2016-03-21');
  as('officer-od', 'officer')('CompleteAction', {
    actionId: 'senior-recruitment',
    evidence: [doc('2016/senior-structure.pdf', 'Senior management structure, March 2016')],
  });

  on('2016-03-22');
  meeting(pmo, 'biip', '2016-03-22', {
    attendees: [
      'biip-chair',
      'biip-member-finance',
      'cllr-john-clancy',
      'officer-cex',
      'officer-cfo',
    ],
    observers: ['dclg-official'],
  });
  verify(
    biip,
    'rec-kerslake-02',
    'The plan is realistic; its delivery will be watched through the budget monitoring.',
  );
  close(biip, 'rec-kerslake-02', 'Closed by the panel.');
  for (const recommendationId of ['rec-kerslake-05', 'rec-kerslake-06']) {
    verify(biip, recommendationId, 'The new arrangements have been in use for a full cycle.');
    close(biip, recommendationId, 'Closed by the panel.');
  }
  cex('RescoreRisk', {
    riskId: 'strategic-capacity',
    likelihood: 2,
    impact: 3,
    rationale: 'The new senior team is largely in post.',
    nextReviewOn: '2016-09-30',
  });
  cfo('RescoreRisk', {
    riskId: 'equal-pay',
    likelihood: 4,
    impact: 5,
    rationale: 'A settlement programme is agreed and the liability is better understood.',
    nextReviewOn: '2016-09-30',
  });

  on('2016-03-29');
  hr('ClaimImplementation', {
    recommendationId: 'rec-kerslake-07',
    summary: 'Member development plan running; staff engagement and values programme launched.',
    evidence: [
      doc('2015/member-development-plan.pdf', 'Member development plan'),
      doc('2016/staff-survey.pdf', 'Staff survey results, early 2016'),
    ],
  });

  on('2016-05-17');
  verify(
    biip,
    'rec-kerslake-07',
    'Partners report a more open council; the member development plan is well attended.',
  );
  close(biip, 'rec-kerslake-07', 'Closed by the panel.');
}

/**
 * May to November 2016: culture and capacity verified; the combined authority; the Children's
 * Trust planned.
 */
function restOf2016({ on, pmo, biip, cex, cfo, highways }: Journey): void {
  on('2016-05-24');
  cex('ClaimImplementation', {
    recommendationId: 'rec-kerslake-03',
    summary: 'The senior leadership team has been recruited and the corporate centre strengthened.',
    evidence: [doc('2016/senior-structure.pdf', 'Senior management structure, March 2016')],
  });

  on('2016-06-17');
  cex('CompleteAction', {
    actionId: 'combined-authority',
    evidence: [doc('2016/wmca-order.pdf', 'West Midlands Combined Authority established')],
  });

  on('2016-07-12');
  verify(biip, 'rec-kerslake-03', 'The panel has met the new senior team.');

  on('2016-08-23');
  highways('RescoreRisk', {
    riskId: 'amey-contract',
    likelihood: 4,
    impact: 4,
    rationale: 'Reviewed: the parties remain in dispute over performance deductions.',
    nextReviewOn: '2017-08-31',
  });

  on('2016-09-13');
  close(biip, 'rec-kerslake-03', 'Closed by the panel.');

  on('2016-09-20');
  cex('RescoreRisk', {
    riskId: 'strategic-capacity',
    likelihood: 2,
    impact: 3,
    rationale: 'Reviewed: no change.',
    nextReviewOn: '2017-09-30',
  });
  cfo('RescoreRisk', {
    riskId: 'equal-pay',
    likelihood: 4,
    impact: 5,
    rationale: 'Reviewed: settlements continue as planned.',
    nextReviewOn: '2017-03-31',
  });

  on('2016-11-15');
  biip('WithdrawRecommendation', {
    recommendationId: 'rec-biip-2016-02',
    reason:
      "Superseded by the combined authority's strategic economic plan, which the partners now work to.",
    approvedBy: 'biip-chair',
  });

  on('2016-11-22');
  plan(pmo, {
    actionId: 'childrens-trust',
    areaId: 'area-vulnerable-people',
    recommendationIds: ['rec-kerslake-08'],
    title: "Set up Birmingham Children's Trust",
    lead: 'officer-dcs',
    dueOn: '2018-04-01',
  });
}
