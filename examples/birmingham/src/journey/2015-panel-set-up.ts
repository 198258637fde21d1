import { type Journey, doc, programmeId } from './cast';
import { accept, close, meeting, plan, verify } from './steps';
import { identified } from './risks';

/**
 * January to June 2015: the Independent Improvement Panel is set up, the first actions are planned
 * and the panel raises its first recommendations.
 */
export function panelSetUp2015(j: Journey): void {
  panelConstituted(j);
  firstActionsPlanned(j);
  singleImprovementPlan(j);
  financialPlanRecommendation(j);
}

/** 20 January 2015: the panel is constituted and the programme enters its oversight phase. */
function panelConstituted({ on, pmo, cex }: Journey): void {
  on('2015-01-20');
  pmo('ConstituteBody', {
    programmeId,
    bodyId: 'biip',
    kind: 'improvement-panel',
    name: 'Birmingham Independent Improvement Panel',
  });
  pmo('ChangePhase', {
    programmeId,
    phase: 'Independent Improvement Panel oversight',
    reason:
      'The Secretary of State set up an independent panel to oversee the response to the Kerslake review.',
  });
  cex('IdentifyRisk', identified('strategicCapacity'));
}

/** 27 January 2015: the first actions against the Kerslake recommendations. */
function firstActionsPlanned({ on, pmo }: Journey): void {
  on('2015-01-27');
  plan(pmo, {
    actionId: 'scrutiny-reform',
    areaId: 'area-governance',
    recommendationIds: ['rec-kerslake-05'],
    title: 'Reduce and refocus the overview and scrutiny committees',
    lead: 'officer-monitoring',
    dueOn: '2015-06-30',
  });
  plan(pmo, {
    actionId: 'member-roles-hr',
    areaId: 'area-governance',
    recommendationIds: ['rec-kerslake-05'],
    title: 'Define member and officer roles in employment and HR decisions',
    lead: 'officer-hr',
    dueOn: '2015-07-31',
  });
  plan(pmo, {
    actionId: 'district-committees',
    areaId: 'area-governance',
    recommendationIds: ['rec-kerslake-06'],
    title: 'Rework the responsibilities of district committees',
    lead: 'officer-monitoring',
    dueOn: '2015-09-30',
  });
  plan(pmo, {
    actionId: 'member-development',
    areaId: 'area-capacity',
    recommendationIds: ['rec-kerslake-07'],
    title: 'Agree and start a member development plan',
    lead: 'officer-hr',
    dueOn: '2015-07-31',
  });
  plan(pmo, {
    actionId: 'senior-recruitment',
    areaId: 'area-capacity',
    recommendationIds: ['rec-kerslake-03'],
    title: 'Recruit senior officers to increase strategic capacity',
    lead: 'officer-hr',
    dueOn: '2015-12-31',
  });
  plan(pmo, {
    actionId: 'budget-workshops',
    areaId: 'area-finance',
    recommendationIds: ['rec-kerslake-02'],
    title: 'Hold financial planning workshops across all service areas',
    lead: 'officer-cfo',
    dueOn: '2015-09-30',
  });
  plan(pmo, {
    actionId: 'birmingham-partners',
    areaId: 'area-partnerships',
    recommendationIds: ['rec-kerslake-04'],
    title: "Set up Birmingham Partners with the city's main partners",
    lead: 'officer-cex',
    dueOn: '2015-12-31',
  });
  plan(pmo, {
    actionId: 'all-out-elections',
    areaId: 'area-governance',
    recommendationIds: ['rec-kerslake-01'],
    title: 'Prepare for all-out elections on new ward boundaries in May 2018',
    lead: 'officer-monitoring',
    dueOn: '2018-05-04',
  });
  plan(pmo, {
    actionId: 'childrens-improvement',
    areaId: 'area-vulnerable-people',
    recommendationIds: ['rec-kerslake-08'],
    title: "Deliver the children's services improvement plan agreed with the commissioner",
    lead: 'officer-dcs',
    dueOn: '2017-03-31',
  });
}

/**
 * March to early June 2015: the panel asks for a single improvement plan; first reviews of the
 * risks.
 */
function singleImprovementPlan({ on, pmo, biip, cex, cfo, monitoring }: Journey): void {
  on('2015-03-10');
  biip('RaiseRecommendation', {
    recommendationId: 'rec-biip-2015-01',
    programmeId,
    areaId: 'area-capacity',
    source: 'improvement-panel',
    classification: 'improvement',
    reference: 'Panel letter, March 2015',
    title: 'Publish a single improvement plan with milestones and measures',
    dueOn: '2015-05-31',
  });
  plan(pmo, {
    actionId: 'city-summits',
    areaId: 'area-partnerships',
    recommendationIds: ['rec-kerslake-04'],
    title: 'Hold a series of city partnership summits',
    lead: 'officer-cex',
    dueOn: '2016-03-31',
  });

  on('2015-03-17');
  accept(pmo, 'rec-biip-2015-01', {
    response:
      'The programme office will publish one plan combining the Kerslake actions and Future Council.',
    owner: 'officer-cex',
  });

  on('2015-03-24');
  meeting(pmo, 'biip', '2015-03-24', {
    attendees: ['biip-chair', 'biip-member-finance', 'cllr-albert-bore', 'officer-cex'],
    observers: ['dclg-official'],
  });
  cfo('RescoreRisk', {
    riskId: 'equal-pay',
    likelihood: 5,
    impact: 5,
    rationale: 'Reviewed: claims are still arriving faster than they are settled.',
    nextReviewOn: '2016-03-31',
  });

  on('2015-04-28');
  cex('RescoreRisk', {
    riskId: 'strategic-capacity',
    likelihood: 4,
    impact: 4,
    rationale: 'Reviewed: recruitment to the senior team has not yet started.',
    nextReviewOn: '2015-09-30',
  });
  monitoring('RecordActionProgress', {
    actionId: 'scrutiny-reform',
    percentComplete: 60,
    narrative: 'New committee structure drafted and shared with group leaders.',
  });

  on('2015-05-28');
  cex('ClaimImplementation', {
    recommendationId: 'rec-biip-2015-01',
    summary: 'A single improvement plan with milestones and measures has been published.',
    evidence: [doc('2015/improvement-plan.pdf', 'Improvement plan, May 2015')],
  });

  on('2015-06-05');
  pmo('SubmitProgressReport', {
    programmeId,
    reportId: 'progress-2015-1',
    to: 'panel',
    periodEnd: '2015-05-31',
    uri: 'https://docs.example/bcc/2015/progress-update-1.pdf',
  });
}

/**
 * Mid to late June 2015: the plan is verified; the panel asks for a service-by-service financial
 * plan.
 */
function financialPlanRecommendation({ on, pmo, biip, monitoring }: Journey): void {
  on('2015-06-16');
  verify(
    biip,
    'rec-biip-2015-01',
    'The plan is published and the panel will track progress against it.',
  );
  close(biip, 'rec-biip-2015-01', 'Closed by the panel.');

  on('2015-06-22');
  biip('RaiseRecommendation', {
    recommendationId: 'rec-biip-2015-02',
    programmeId,
    areaId: 'area-finance',
    source: 'improvement-panel',
    classification: 'key',
    reference: 'Panel letter, June 2015',
    title: 'Build the short and long-term financial plan service by service',
    dueOn: '2015-09-30',
  });
  biip('IssueBodyOutput', {
    programmeId,
    outputId: 'biip-letter-2015-06',
    from: 'biip',
    to: 'secretary-of-state',
    kind: 'letter',
    issuedOn: '2015-06-22',
    title: "The panel's assessment of the council's progress",
    summary:
      'The council was slow to start; encouraging progress on member roles in employment matters, district committees, fewer scrutiny committees and a member development plan; the pace must now increase.',
  });

  on('2015-06-26');
  monitoring('CompleteAction', {
    actionId: 'scrutiny-reform',
    evidence: [doc('2015/scrutiny-structure.pdf', 'Overview and scrutiny structure 2015/16')],
    note: 'The number of scrutiny committees was reduced at the annual meeting.',
  });
  plan(pmo, {
    actionId: 'combined-authority',
    areaId: 'area-partnerships',
    recommendationIds: ['rec-kerslake-04'],
    title: 'Work with neighbouring councils to set up the West Midlands Combined Authority',
    lead: 'officer-cex',
    dueOn: '2016-06-30',
  });

  on('2015-06-30');
  accept(pmo, 'rec-biip-2015-02', {
    response: 'Workshops will be held in every service area over the summer.',
    owner: 'officer-cfo',
  });
}
