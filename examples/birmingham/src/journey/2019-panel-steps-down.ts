import { type Journey, doc, programmeId } from './cast';
import { assess, type Assessment, close, meeting, plan, verify } from './steps';

/**
 * January to March 2019: the final stocktake, the Cabinet report of 26 March, and the panel steps
 * down.
 */
export function panelStepsDown2019(j: Journey): void {
  beforeTheFinalStocktake(j);
  finalStocktake(j);
  panelStepsDown(j);
}

/**
 * January to 12 March 2019: risk reviews, the financial plan and forward plan completed,
 * extensions asked.
 */
function beforeTheFinalStocktake({
  on,
  cfo,
  monitoring,
  hr,
  waste,
  games,
  property,
}: Journey): void {
  on('2019-01-15');
  games('ReassignRiskOwner', {
    riskId: 'commonwealth-games',
    owner: 'officer-games-director',
    reason: 'A dedicated Commonwealth Games programme director has been appointed.',
  });

  on('2019-02-12');
  property('RescoreRisk', {
    riskId: 'paradise-circus',
    likelihood: 4,
    impact: 4,
    rationale: 'Delays to a later phase push back the income that repays the borrowing.',
    nextReviewOn: '2019-06-30',
  });

  on('2019-02-19');
  cfo('RescoreRisk', {
    riskId: 'equal-pay',
    likelihood: 3,
    impact: 5,
    rationale:
      'A new pay and grading structure is agreed and a large tranche of claims is settled.',
    nextReviewOn: '2019-08-31',
  });

  on('2019-02-26');
  cfo('CompleteAction', {
    actionId: 'financial-plan-2019',
    evidence: [doc('2019/financial-plan-2019-23.pdf', 'Financial plan 2019-2023')],
  });

  on('2019-03-12');
  monitoring('CompleteAction', {
    actionId: 'decision-governance',
    evidence: [doc('2019/forward-plan.pdf', 'Forward plan of key decisions')],
  });
  hr('RequestRecommendationExtension', {
    recommendationId: 'rec-biip-2017-01',
    proposedDueOn: '2019-12-31',
    reason:
      'A new industrial relations framework is being built with the trades unions and UK Core Cities.',
  });
  waste('RequestRecommendationExtension', {
    recommendationId: 'rec-2018-s24-02',
    proposedDueOn: '2019-12-31',
    reason: 'The independent waste review and the new framework will take the rest of 2019.',
  });
}

/** The March 2019 stocktake against the LGA's five criteria (ratings and narratives invented). */
const stocktake2019: readonly Assessment[] = [
  [
    'context-vision-and-priorities',
    'amber',
    'Regulators judge education and social care improved; homelessness remains a significant issue.',
  ],
  [
    'political-and-managerial-leadership',
    'green',
    'Stronger political and managerial leadership, working as a partnership, with four-year terms.',
  ],
  [
    'governance-and-decision-making',
    'amber',
    'Decisions are more transparent and timely; industrial relations remain difficult.',
  ],
  [
    'long-term-financial-plan',
    'amber',
    'A robust four-year financial plan and a programme office; the scale of savings is still a challenge.',
  ],
  [
    'capacity-and-resources',
    'amber',
    'The council owns its improvement journey, with peer challenge and scrutiny planned for 2019/20.',
  ],
];

/** 19 March 2019: the panel's last meeting and the final stocktake. */
function finalStocktake({ on, pmo, biip, monitoring, highways }: Journey): void {
  on('2019-03-19');
  // The bodies that considered the draft stocktake besides the panel, recorded as they appear.
  for (const [bodyId, kind, name] of [
    ['cmt', 'corporate-management-team', 'Council Management Team'],
    ['emt', 'executive-management-team', 'Executive Management Team'],
    ['os-coordinating', 'overview-and-scrutiny', 'Co-ordinating Overview and Scrutiny Committee'],
    ['mhclg', 'ministry', 'Ministry of Housing, Communities and Local Government'],
  ] as const)
    pmo('ConstituteBody', { programmeId, bodyId, kind, name });
  meeting(pmo, 'biip', '2019-03-19', {
    attendees: ['biip-chair', 'biip-member-finance', 'cllr-ian-ward', 'officer-cex', 'officer-cfo'],
    observers: ['mhclg-official'],
  });
  verify(biip, 'rec-biip-2017-02', 'The four-year plan is robust; delivery remains a risk.');
  monitoring('ClaimImplementation', {
    recommendationId: 'rec-2018-s24-03',
    summary:
      'A forward plan is published and every key decision report is cleared by legal and finance.',
    evidence: [doc('2019/forward-plan.pdf', 'Forward plan of key decisions')],
  });
  highways('RescoreRisk', {
    riskId: 'amey-contract',
    likelihood: 4,
    impact: 4,
    rationale: 'Negotiations on a revised contract arrangement are under way.',
    nextReviewOn: '2019-09-30',
  });
  pmo('RecordStocktake', {
    programmeId,
    stocktakeId: 'stocktake-2019-03',
    heldOn: '2019-03-19',
    periodStart: '2018-06-16',
    periodEnd: '2019-03-15',
    assessor: 'self-assessment',
    criteriaSet: 'lga-effective-organisation@1',
    findings:
      "The council's final self-assessment before the panel steps down: progress since June 2018 in financial planning, regulatory judgements and governance; finance and industrial relations remain critical, with equal pay, capital investment and major contract changes to watch.",
    rating: 'amber',
  });
  assess(pmo, 'stocktake-2019-03', stocktake2019);
}

/**
 * 26 to 31 March 2019: Cabinet, the report to the Secretary of State, the panel stands down, the
 * ledger sealed.
 */
function panelStepsDown({ on, pmo, biip, auditor, cfo, hr, waste }: Journey): void {
  on('2019-03-26');
  meeting(pmo, 'cabinet', '2019-03-26', {
    attendees: ['cllr-ian-ward', 'cllr-deputy-leader', 'officer-cex', 'officer-cfo'],
    observers: [],
    minutesUri: 'https://docs.example/bcc/2019/cabinet-2019-03-26-biip-report.pdf',
  });
  close(biip, 'rec-biip-2017-02', 'Closed by the panel before it steps down.');
  hr('RescoreRisk', {
    riskId: 'industrial-relations',
    likelihood: 4,
    impact: 4,
    rationale: 'Industrial action has paused while the new framework is negotiated.',
    nextReviewOn: '2019-06-30',
  });
  plan(pmo, {
    actionId: 'ir-framework',
    areaId: 'area-waste-ir',
    recommendationIds: ['rec-2018-s24-02', 'rec-biip-2017-01'],
    title: 'Develop a new industrial relations framework with the trades unions',
    lead: 'officer-hr',
    dueOn: '2019-12-31',
  });
  // The framework "will be developed": an action that mitigates the risk, not yet a control.
  hr('LinkMitigatingAction', {
    riskId: 'industrial-relations',
    actionId: 'ir-framework',
    note: 'The framework is to be developed with the trades unions, supported by UK Core Cities.',
  });
  plan(pmo, {
    actionId: 'waste-review',
    areaId: 'area-waste-ir',
    recommendationIds: ['rec-2018-s24-02'],
    title: 'Carry out the independent review of waste services (commissioned by March 2019)',
    lead: 'officer-waste',
    dueOn: '2019-09-30',
  });
  waste('RecordActionProgress', {
    actionId: 'waste-review',
    percentComplete: 10,
    narrative: 'The independent review has been commissioned.',
  });
  waste('LinkMitigatingAction', {
    riskId: 'industrial-relations',
    actionId: 'waste-review',
  });

  on('2019-03-27');
  pmo('SubmitProgressReport', {
    programmeId,
    reportId: 'stocktake-2019',
    to: 'panel',
    periodEnd: '2019-03-15',
    uri: 'https://docs.example/bcc/2019/stocktake-march-2019.pdf',
  });

  on('2019-03-29');
  cfo('ClaimImplementation', {
    recommendationId: 'rec-2018-s24-01',
    summary: 'The four-year financial plan is approved and a programme office tracks every saving.',
    evidence: [doc('2019/financial-plan-2019-23.pdf', 'Financial plan 2019-2023')],
  });

  on('2019-03-31');
  pmo('DissolveBody', {
    programmeId,
    bodyId: 'biip',
    reason: 'The panel stepped down after four years, at the end of March 2019.',
  });
  auditor('SealLedger', {});
}
