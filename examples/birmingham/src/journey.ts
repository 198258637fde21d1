import { createScript, type ScriptLine } from './script';

/**
 * Birmingham City Council's improvement journey, December 2014 to October 2019, as the
 * commands a programme office would have issued. Dates, people and bodies follow the
 * sources in the project's context documents; where they give no detail (most scores,
 * due dates, wording of recommendations, actor pseudonyms, evidence links) the detail is
 * invented and marked as such in the README.
 */

/** The programme's id (stream `programme-bcc`). */
export const PROGRAMME_ID = 'bcc';

const programmeId = PROGRAMME_ID;

/** Invented evidence links live under the reserved `.example` domain. */
const doc = (path: string, title: string) => ({ uri: `https://docs.example/bcc/${path}`, title });

/** Builds the journey's command lines, in the order they are to be applied. */
export function buildJourney(): readonly ScriptLine[] {
  const s = createScript('bham');
  const on = (day: string) => s.on(day);

  // Who issues what (pseudonymous actor ids; advisers act under their adviser id).
  const pmo = s.as('pmo-admin', 'admin'); // the corporate programme management office
  const kerslake = s.as('review-kerslake', 'board'); // the review team, recorded by the panel secretariat
  const biip = s.as('biip-chair', 'board'); // chair of the Independent Improvement Panel
  const auditor = s.as('auditor-gt', 'auditor'); // the external auditor
  const internalAudit = s.as('officer-audit', 'officer');
  const cex = s.as('officer-cex', 'officer');
  const cfo = s.as('officer-cfo', 'officer');
  const monitoring = s.as('officer-monitoring', 'officer');
  const hr = s.as('officer-hr', 'officer');
  const dcs = s.as('officer-dcs', 'officer');
  const waste = s.as('officer-waste', 'officer');
  const games = s.as('officer-games', 'officer');
  const property = s.as('officer-property', 'officer');
  const highways = s.as('officer-highways', 'officer');
  const commissioner = s.as('commissioner-childrens', 'board');
  const spb = s.as('spb-chair', 'board'); // chair of the Strategic Programme Board
  const nea = (id: string) => s.as(id, 'adviser');

  // ---------------------------------------------------------------- 2014: the Kerslake review
  on('2014-12-09');
  pmo('EstablishProgramme', {
    programmeId,
    title: 'Birmingham City Council improvement programme',
    body: 'Birmingham City Council',
    phase: 'Kerslake review response',
  });
  const areas: [string, string, string][] = [
    [
      'area-governance',
      'Governance and decision-making',
      'Member roles, scrutiny, district arrangements and the move to all-out elections.',
    ],
    [
      'area-finance',
      'Financial planning and resilience',
      'A realistic budget, a long-term financial plan and the savings to deliver it.',
    ],
    [
      'area-partnerships',
      'Partnership working and a shared vision for the city',
      'Working with partners on a long-term vision; Birmingham Partners; the combined authority.',
    ],
    [
      'area-capacity',
      'Leadership, capacity and culture',
      'Strategic capacity at the top of the organisation, member development and an open, outward-facing culture.',
    ],
    [
      'area-vulnerable-people',
      'Outcomes for vulnerable children and adults',
      "Children's safeguarding and social care, SEND, and care for older adults.",
    ],
  ];
  for (const [areaId, title, description] of areas)
    pmo('DefinePriorityArea', { programmeId, areaId, title, description });
  pmo('ConstituteBody', { programmeId, bodyId: 'cabinet', kind: 'cabinet', name: 'Cabinet' });
  pmo('ConstituteBody', {
    programmeId,
    bodyId: 'full-council',
    kind: 'full-council',
    name: 'City Council',
  });
  pmo('ConstituteBody', {
    programmeId,
    bodyId: 'audit-committee',
    kind: 'audit-committee',
    name: 'Audit Committee',
  });
  pmo('ConstituteBody', {
    programmeId,
    bodyId: 'childrens-commissioner',
    kind: 'commissioners',
    name: "Commissioner for children's social care",
  });

  const kerslakeRecs: [string, string, string, string, string][] = [
    // id, area, title, detail, due
    [
      'rec-kerslake-01',
      'area-governance',
      'Move to all-out elections every four years',
      'Elect the whole council once every four years, from 2018, to give stable political leadership.',
      '2018-05-31',
    ],
    [
      'rec-kerslake-02',
      'area-finance',
      'Set a realistic budget within a long-term financial plan',
      'Close the budget gap with savings that can be delivered, inside a plan of at least three years.',
      '2015-12-31',
    ],
    [
      'rec-kerslake-03',
      'area-capacity',
      'Strengthen corporate leadership and strategic capacity',
      'Recruit the senior officers the council lacks and build a corporate centre able to lead change.',
      '2015-12-31',
    ],
    [
      'rec-kerslake-04',
      'area-partnerships',
      'Build a shared long-term vision with partners',
      'Work with business, public and voluntary partners on a shared vision, without seeking to control it.',
      '2015-12-31',
    ],
    [
      'rec-kerslake-05',
      'area-governance',
      'Clarify member roles, including in employment matters, and refocus scrutiny',
      'Set out what members and officers each decide; fewer, sharper scrutiny committees.',
      '2015-09-30',
    ],
    [
      'rec-kerslake-06',
      'area-governance',
      'Rework district committee responsibilities',
      'Make devolved arrangements clear, affordable and accountable.',
      '2015-09-30',
    ],
    [
      'rec-kerslake-07',
      'area-capacity',
      'Change the culture: open, outward-facing, with a member development plan',
      'Members and staff to work in a more open way with residents and partners; a development plan for members.',
      '2016-03-31',
    ],
    [
      'rec-kerslake-08',
      'area-vulnerable-people',
      "Sustain the improvement of children's safeguarding",
      "Work with the commissioner until children's social care no longer needs intervention.",
      '2017-03-31',
    ],
  ];
  for (const [recommendationId, areaId, title, detail, dueOn] of kerslakeRecs)
    kerslake(
      'RaiseRecommendation',
      {
        recommendationId,
        programmeId,
        areaId,
        source: 'kerslake-review',
        classification: 'key',
        reference: `Kerslake review, recommendation ${recommendationId.slice(-2)}`,
        title,
        detail,
        dueOn,
      },
      { recordedAfterDays: 2 },
    );
  const equalPay = {
    riskId: 'equal-pay',
    programmeId,
    areaId: 'area-finance',
    title: 'Equal pay liabilities',
    cause: 'Past pay practices that treated mostly female job roles less favourably',
    event: 'Further claims and settlements beyond what the budget provides for',
    consequence: "Unfunded liabilities that threaten the council's financial resilience",
    category: 'Financial',
    owner: 'officer-cfo',
    inherent: { likelihood: 5, impact: 5 },
    target: { likelihood: 2, impact: 5 },
    nextReviewOn: '2015-03-31',
  };
  cfo('IdentifyRisk', equalPay);

  on('2014-12-16');
  pmo('RecordMeeting', {
    programmeId,
    bodyId: 'cabinet',
    meetingId: 'cabinet-2014-12-16',
    heldOn: '2014-12-16',
    attendees: ['cllr-leader', 'cllr-deputy-leader', 'officer-cex', 'officer-cfo'],
    observers: [],
  });
  const owners: Record<string, string> = {
    'rec-kerslake-01': 'officer-monitoring',
    'rec-kerslake-02': 'officer-cfo',
    'rec-kerslake-03': 'officer-cex',
    'rec-kerslake-04': 'officer-cex',
    'rec-kerslake-05': 'officer-monitoring',
    'rec-kerslake-06': 'officer-monitoring',
    'rec-kerslake-07': 'officer-hr',
    'rec-kerslake-08': 'officer-dcs',
  };
  for (const [recommendationId] of kerslakeRecs) {
    pmo('RespondToRecommendation', {
      recommendationId,
      decision: 'accepted',
      response: 'Accepted in full by Cabinet as part of the response to the Kerslake review.',
      meetingId: 'cabinet-2014-12-16',
      programmeId,
    });
    pmo('AssignRecommendationOwner', { recommendationId, owner: owners[recommendationId] });
  }
  cfo('AddRiskControl', {
    riskId: 'equal-pay',
    controlId: 'provision',
    description: 'A provision for equal pay liabilities held in the medium-term financial plan',
    owner: 'officer-cfo',
  });

  // ------------------------------------------------- 2015: the Independent Improvement Panel
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
  cex('IdentifyRisk', {
    riskId: 'strategic-capacity',
    programmeId,
    areaId: 'area-capacity',
    title: 'Strategic capacity to lead the improvement programme',
    cause: 'Vacant and interim posts in the senior leadership team',
    event: 'The programme stalls for want of people to lead it',
    consequence: 'Kerslake recommendations missed; loss of government confidence',
    category: 'Organisational',
    owner: 'officer-cex',
    inherent: { likelihood: 4, impact: 4 },
    target: { likelihood: 2, impact: 2 },
    nextReviewOn: '2015-04-30',
  });

  on('2015-01-27');
  const plan = (
    issue: typeof pmo,
    actionId: string,
    areaId: string,
    recommendationIds: string[],
    title: string,
    lead: string,
    dueOn: string,
  ) =>
    issue('PlanAction', { actionId, programmeId, areaId, recommendationIds, title, lead, dueOn });
  plan(
    pmo,
    'scrutiny-reform',
    'area-governance',
    ['rec-kerslake-05'],
    'Reduce and refocus the overview and scrutiny committees',
    'officer-monitoring',
    '2015-06-30',
  );
  plan(
    pmo,
    'member-roles-hr',
    'area-governance',
    ['rec-kerslake-05'],
    'Define member and officer roles in employment and HR decisions',
    'officer-hr',
    '2015-07-31',
  );
  plan(
    pmo,
    'district-committees',
    'area-governance',
    ['rec-kerslake-06'],
    'Rework the responsibilities of district committees',
    'officer-monitoring',
    '2015-09-30',
  );
  plan(
    pmo,
    'member-development',
    'area-capacity',
    ['rec-kerslake-07'],
    'Agree and start a member development plan',
    'officer-hr',
    '2015-07-31',
  );
  plan(
    pmo,
    'senior-recruitment',
    'area-capacity',
    ['rec-kerslake-03'],
    'Recruit senior officers to increase strategic capacity',
    'officer-hr',
    '2015-12-31',
  );
  plan(
    pmo,
    'budget-workshops',
    'area-finance',
    ['rec-kerslake-02'],
    'Hold financial planning workshops across all service areas',
    'officer-cfo',
    '2015-09-30',
  );
  plan(
    pmo,
    'birmingham-partners',
    'area-partnerships',
    ['rec-kerslake-04'],
    "Set up Birmingham Partners with the city's main partners",
    'officer-cex',
    '2015-12-31',
  );
  plan(
    pmo,
    'all-out-elections',
    'area-governance',
    ['rec-kerslake-01'],
    'Prepare for all-out elections on new ward boundaries in May 2018',
    'officer-monitoring',
    '2018-05-04',
  );
  plan(
    pmo,
    'childrens-improvement',
    'area-vulnerable-people',
    ['rec-kerslake-08'],
    "Deliver the children's services improvement plan agreed with the commissioner",
    'officer-dcs',
    '2017-03-31',
  );

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
  plan(
    pmo,
    'city-summits',
    'area-partnerships',
    ['rec-kerslake-04'],
    'Hold a series of city partnership summits',
    'officer-cex',
    '2016-03-31',
  );

  on('2015-03-17');
  pmo('RespondToRecommendation', {
    recommendationId: 'rec-biip-2015-01',
    decision: 'accepted',
    response:
      'The programme office will publish one plan combining the Kerslake actions and Future Council.',
  });
  pmo('AssignRecommendationOwner', { recommendationId: 'rec-biip-2015-01', owner: 'officer-cex' });

  on('2015-03-24');
  pmo('RecordMeeting', {
    programmeId,
    bodyId: 'biip',
    meetingId: 'biip-2015-03-24',
    heldOn: '2015-03-24',
    attendees: ['biip-chair', 'biip-member-finance', 'cllr-leader', 'officer-cex'],
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

  on('2015-06-16');
  biip('VerifyImplementation', {
    recommendationId: 'rec-biip-2015-01',
    outcome: 'verified',
    notes: 'The plan is published and the panel will track progress against it.',
  });
  biip('CloseRecommendation', {
    recommendationId: 'rec-biip-2015-01',
    note: 'Closed by the panel.',
  });

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

  on('2015-06-26');
  monitoring('CompleteAction', {
    actionId: 'scrutiny-reform',
    evidence: [doc('2015/scrutiny-structure.pdf', 'Overview and scrutiny structure 2015/16')],
    note: 'The number of scrutiny committees was reduced at the annual meeting.',
  });
  plan(
    pmo,
    'combined-authority',
    'area-partnerships',
    ['rec-kerslake-04'],
    'Work with neighbouring councils to set up the West Midlands Combined Authority',
    'officer-cex',
    '2016-06-30',
  );

  on('2015-06-30');
  pmo('RespondToRecommendation', {
    recommendationId: 'rec-biip-2015-02',
    decision: 'accepted',
    response: 'Workshops will be held in every service area over the summer.',
  });
  pmo('AssignRecommendationOwner', { recommendationId: 'rec-biip-2015-02', owner: 'officer-cfo' });

  on('2015-07-28');
  hr('CompleteAction', {
    actionId: 'member-roles-hr',
    evidence: [
      doc('2015/member-officer-protocol.pdf', 'Member and officer roles in employment matters'),
    ],
  });
  hr('CompleteAction', {
    actionId: 'member-development',
    evidence: [doc('2015/member-development-plan.pdf', 'Member development plan')],
    note: 'The plan is agreed and its first sessions have run.',
  });

  on('2015-08-18');
  cex('AddRiskControl', {
    riskId: 'strategic-capacity',
    controlId: 'dclg-grant',
    description:
      'The DCLG grant of £4.37m funds additional staff capacity and specialist help for Future Council',
    owner: 'officer-cex',
  });

  on('2015-09-01');
  pmo('SubmitProgressReport', {
    programmeId,
    reportId: 'progress-2015-2',
    to: 'panel',
    periodEnd: '2015-08-31',
    uri: 'https://docs.example/bcc/2015/progress-update-2.pdf',
  });

  on('2015-09-11');
  pmo('RecordMeeting', {
    programmeId,
    bodyId: 'biip',
    meetingId: 'biip-2015-09-11',
    heldOn: '2015-09-11',
    attendees: [
      'biip-chair',
      'biip-member-finance',
      'cllr-leader',
      'cllr-deputy-leader',
      'officer-cex',
      'cllr-opposition-leader',
      'cllr-opposition-leader-2',
    ],
    observers: ['dclg-official'],
    minutesUri: 'https://docs.example/bcc/2015/biip-public-meeting-2015-09-11.pdf',
  });

  on('2015-09-15');
  cex('SetRiskTarget', {
    riskId: 'strategic-capacity',
    likelihood: 2,
    impact: 3,
    reason: 'A residual score of 6 is realistic for an organisation of this size and turnover.',
  });
  cex('RescoreRisk', {
    riskId: 'strategic-capacity',
    likelihood: 3,
    impact: 4,
    rationale: 'Grant-funded posts are being recruited at pace.',
    nextReviewOn: '2016-03-31',
  });
  hr('RecordActionProgress', {
    actionId: 'senior-recruitment',
    percentComplete: 40,
    narrative: 'Two of five director posts filled; three re-advertised.',
  });

  on('2015-09-28');
  cfo('CompleteAction', {
    actionId: 'budget-workshops',
    evidence: [
      doc('2015/budget-workshops-summary.pdf', 'Summary of the financial planning workshops'),
    ],
  });
  monitoring('CompleteAction', {
    actionId: 'district-committees',
    evidence: [doc('2015/district-committees.pdf', 'District committee terms of reference')],
  });

  on('2015-10-02');
  cfo('ClaimImplementation', {
    recommendationId: 'rec-biip-2015-02',
    summary: 'Workshops held in every service area; their results feed the 2016/17 budget.',
    evidence: [
      doc('2015/budget-workshops-summary.pdf', 'Summary of the financial planning workshops'),
    ],
  });

  plan(
    pmo,
    'financial-plan-2016',
    'area-finance',
    ['rec-kerslake-02'],
    'Approve a three-year financial plan with the 2016/17 budget',
    'officer-cfo',
    '2016-03-01',
  );

  on('2015-10-06');
  for (const recommendationId of ['rec-kerslake-05', 'rec-kerslake-06'])
    monitoring('ClaimImplementation', {
      recommendationId,
      summary: 'The new arrangements are in the constitution and in use.',
      evidence: [doc('2015/constitution-changes.pdf', 'Constitution changes, 2015')],
    });

  on('2015-10-20');
  biip('VerifyImplementation', {
    recommendationId: 'rec-biip-2015-02',
    outcome: 'not-verified',
    notes: 'Two directorates produced no savings proposals from their workshops.',
  });

  on('2015-11-10');
  for (const recommendationId of ['rec-kerslake-05', 'rec-kerslake-06'])
    biip('VerifyImplementation', {
      recommendationId,
      outcome: 'verified',
      notes: 'The panel recognises encouraging progress here.',
    });
  hr('ReassignActionLead', {
    actionId: 'senior-recruitment',
    lead: 'officer-od',
    reason: 'The new head of organisational development takes over recruitment.',
  });

  on('2015-11-30');
  cex('CompleteAction', {
    actionId: 'birmingham-partners',
    evidence: [
      doc(
        '2015/birmingham-partners-briefing.pdf',
        'Birmingham City Partnership Group update briefing',
      ),
    ],
  });
  pmo('CancelAction', {
    actionId: 'city-summits',
    reason: "Superseded by Birmingham Partners' own engagement programme.",
    approvedBy: 'cllr-leader',
  });

  on('2015-12-01');
  cex('RequestRecommendationExtension', {
    recommendationId: 'rec-kerslake-03',
    proposedDueOn: '2016-06-30',
    reason: 'Three director posts are being re-advertised.',
  });

  on('2015-12-08');
  cex('ClaimImplementation', {
    recommendationId: 'rec-kerslake-04',
    summary: 'Birmingham Partners is in place and meets quarterly.',
    evidence: [
      doc(
        '2015/birmingham-partners-briefing.pdf',
        'Birmingham City Partnership Group update briefing',
      ),
    ],
  });
  pmo('ReviseActionDueDate', {
    actionId: 'senior-recruitment',
    dueOn: '2016-03-31',
    reason: 'Grant funding allows a wider search; three posts re-advertised.',
    approvedBy: 'cllr-leader',
  });

  on('2015-12-15');
  pmo('ReviseRecommendationDueDate', {
    recommendationId: 'rec-kerslake-03',
    dueOn: '2016-06-30',
    reason: 'Agreed with the panel: recruitment continues into 2016.',
    approvedBy: 'biip-chair',
  });

  // ----------------------------------------------------------------------------- 2016
  on('2016-01-15');
  cfo('ClaimImplementation', {
    recommendationId: 'rec-biip-2015-02',
    summary: 'Every directorate now has savings proposals in the draft 2016/17 budget.',
    evidence: [doc('2016/draft-budget-2016-17.pdf', 'Draft budget 2016/17')],
  });

  on('2016-01-19');
  biip('VerifyImplementation', {
    recommendationId: 'rec-kerslake-04',
    outcome: 'verified',
    notes: 'Partners confirm that the council works with them, not over them.',
  });
  biip('CloseRecommendation', {
    recommendationId: 'rec-kerslake-04',
    note: 'Closed by the panel.',
  });
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
  biip('VerifyImplementation', {
    recommendationId: 'rec-biip-2015-02',
    outcome: 'verified',
    notes: 'Savings proposals are now in place for every directorate.',
  });
  biip('CloseRecommendation', {
    recommendationId: 'rec-biip-2015-02',
    note: 'Closed by the panel.',
  });
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
  highways('IdentifyRisk', {
    riskId: 'amey-contract',
    programmeId,
    areaId: 'area-major-projects',
    title: 'Highways maintenance PFI contract with Amey',
    cause: 'Disputed performance and payment terms under the highways PFI contract',
    event: 'A prolonged dispute, or failure of the contract',
    consequence: 'Disruption to highways maintenance and financial loss',
    category: 'Contract',
    owner: 'officer-highways',
    inherent: { likelihood: 4, impact: 4 },
    target: { likelihood: 2, impact: 3 },
    nextReviewOn: '2016-08-31',
  });

  on('2016-02-23');
  cfo('CompleteAction', {
    actionId: 'financial-plan-2016',
    evidence: [doc('2016/financial-plan.pdf', 'Financial plan 2016/17 to 2018/19')],
    note: 'Approved with the 2016/17 budget.',
  });

  on('2016-03-01');
  cfo('ClaimImplementation', {
    recommendationId: 'rec-kerslake-02',
    summary: 'A three-year financial plan was approved with the 2016/17 budget.',
    evidence: [doc('2016/financial-plan.pdf', 'Financial plan 2016/17 to 2018/19')],
  });

  on('2016-03-21');
  s.as('officer-od', 'officer')('CompleteAction', {
    actionId: 'senior-recruitment',
    evidence: [doc('2016/senior-structure.pdf', 'Senior management structure, March 2016')],
  });

  on('2016-03-22');
  pmo('RecordMeeting', {
    programmeId,
    bodyId: 'biip',
    meetingId: 'biip-2016-03-22',
    heldOn: '2016-03-22',
    attendees: ['biip-chair', 'biip-member-finance', 'cllr-leader', 'officer-cex', 'officer-cfo'],
    observers: ['dclg-official'],
  });
  biip('VerifyImplementation', {
    recommendationId: 'rec-kerslake-02',
    outcome: 'verified',
    notes: 'The plan is realistic; its delivery will be watched through the budget monitoring.',
  });
  biip('CloseRecommendation', {
    recommendationId: 'rec-kerslake-02',
    note: 'Closed by the panel.',
  });
  for (const recommendationId of ['rec-kerslake-05', 'rec-kerslake-06'])
    biip('CloseRecommendation', { recommendationId, note: 'Closed by the panel.' });
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
  biip('VerifyImplementation', {
    recommendationId: 'rec-kerslake-07',
    outcome: 'verified',
    notes: 'Partners report a more open council; the member development plan is well attended.',
  });
  biip('CloseRecommendation', {
    recommendationId: 'rec-kerslake-07',
    note: 'Closed by the panel.',
  });

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
  biip('VerifyImplementation', {
    recommendationId: 'rec-kerslake-03',
    outcome: 'verified',
    notes: 'The panel has met the new senior team.',
  });

  on('2016-08-23');
  highways('RescoreRisk', {
    riskId: 'amey-contract',
    likelihood: 4,
    impact: 4,
    rationale: 'Reviewed: the parties remain in dispute over performance deductions.',
    nextReviewOn: '2017-08-31',
  });

  on('2016-09-13');
  biip('CloseRecommendation', {
    recommendationId: 'rec-kerslake-03',
    note: 'Closed by the panel.',
  });

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
  plan(
    pmo,
    'childrens-trust',
    'area-vulnerable-people',
    ['rec-kerslake-08'],
    "Set up Birmingham Children's Trust",
    'officer-dcs',
    '2018-04-01',
  );

  // ----------------------------------------------------------------------------- 2017
  on('2017-03-07');
  dcs('RequestRecommendationExtension', {
    recommendationId: 'rec-kerslake-08',
    proposedDueOn: '2018-04-01',
    reason: "Children's social care moves to an independent trust in April 2018.",
  });

  on('2017-03-14');
  cfo('RescoreRisk', {
    riskId: 'equal-pay',
    likelihood: 4,
    impact: 5,
    rationale: 'Reviewed: new claims continue to arrive.',
    nextReviewOn: '2017-09-30',
  });

  on('2017-03-21');
  pmo('ReviseRecommendationDueDate', {
    recommendationId: 'rec-kerslake-08',
    dueOn: '2018-04-01',
    reason: 'Agreed with the commissioner: the trust is the route out of intervention.',
    approvedBy: 'commissioner-childrens',
  });

  on('2017-03-28');
  dcs('CompleteAction', {
    actionId: 'childrens-improvement',
    evidence: [
      doc(
        '2017/childrens-improvement-report.pdf',
        "Children's services improvement plan: final report",
      ),
    ],
  });

  on('2017-07-03');
  pmo('DefinePriorityArea', {
    programmeId,
    areaId: 'area-waste-ir',
    title: 'Waste services and industrial relations',
    description:
      'The waste collection service, its workforce agreements and relations with the trades unions.',
  });
  hr('IdentifyRisk', {
    riskId: 'industrial-relations',
    programmeId,
    areaId: 'area-waste-ir',
    title: 'Industrial relations',
    cause: 'Changes to working arrangements in the waste collection service',
    event: 'Prolonged industrial action',
    consequence: 'Missed collections, public health risk and loss of public confidence',
    category: 'Workforce',
    owner: 'officer-hr',
    inherent: { likelihood: 4, impact: 5 },
    target: { likelihood: 2, impact: 3 },
    nextReviewOn: '2017-08-31',
  });
  plan(
    pmo,
    'waste-rounds',
    'area-waste-ir',
    [],
    'Introduce the new waste collection round structure',
    'officer-waste',
    '2017-09-30',
  );

  on('2017-08-15');
  hr('RescoreRisk', {
    riskId: 'industrial-relations',
    likelihood: 5,
    impact: 5,
    rationale:
      'Industrial action in waste collection continues; contingency arrangements are stretched.',
    nextReviewOn: '2017-10-31',
  });
  hr('EscalateRisk', {
    riskId: 'industrial-relations',
    to: 'cabinet',
    reason: 'The dispute needs political leadership and daily oversight.',
  });

  on('2017-08-22');
  highways('RescoreRisk', {
    riskId: 'amey-contract',
    likelihood: 4,
    impact: 5,
    rationale: 'The contract dispute has gone to the courts.',
    nextReviewOn: '2018-08-31',
  });

  on('2017-09-12');
  pmo('RecordMeeting', {
    programmeId,
    bodyId: 'biip',
    meetingId: 'biip-2017-09-12',
    heldOn: '2017-09-12',
    attendees: ['biip-chair', 'biip-member-finance', 'cllr-leader', 'officer-cex'],
    observers: ['dclg-official'],
  });
  biip('RaiseRecommendation', {
    recommendationId: 'rec-biip-2017-01',
    programmeId,
    areaId: 'area-waste-ir',
    source: 'improvement-panel',
    classification: 'key',
    reference: 'Panel letter to the Secretary of State, September 2017',
    title: 'Resolve the waste dispute and set out a plan for stable industrial relations',
    dueOn: '2018-03-31',
  });

  on('2017-09-19');
  pmo('RespondToRecommendation', {
    recommendationId: 'rec-biip-2017-01',
    decision: 'accepted',
    response: 'Accepted; the council will report progress to each panel meeting.',
  });
  pmo('AssignRecommendationOwner', { recommendationId: 'rec-biip-2017-01', owner: 'officer-hr' });
  cfo('RescoreRisk', {
    riskId: 'equal-pay',
    likelihood: 4,
    impact: 5,
    rationale: 'Reviewed: no change.',
    nextReviewOn: '2018-06-30',
  });
  cex('RescoreRisk', {
    riskId: 'strategic-capacity',
    likelihood: 2,
    impact: 3,
    rationale: 'Reviewed: interim arrangements at the top are holding.',
    nextReviewOn: '2018-03-31',
  });

  on('2017-10-31');
  hr('RescoreRisk', {
    riskId: 'industrial-relations',
    likelihood: 5,
    impact: 5,
    rationale: 'Reviewed: talks through ACAS have not yet settled the dispute.',
    nextReviewOn: '2017-11-30',
  });

  on('2017-11-28');
  hr('RescoreRisk', {
    riskId: 'industrial-relations',
    likelihood: 4,
    impact: 4,
    rationale: 'Agreement reached on the new round structure; industrial action has ended.',
    nextReviewOn: '2018-05-31',
  });
  waste('CompleteAction', {
    actionId: 'waste-rounds',
    evidence: [doc('2017/waste-agreement.pdf', 'Waste service agreement, November 2017')],
    note: 'Completed late, after the dispute.',
  });

  on('2017-12-12');
  biip('RaiseRecommendation', {
    recommendationId: 'rec-biip-2017-02',
    programmeId,
    areaId: 'area-finance',
    source: 'improvement-panel',
    classification: 'key',
    title:
      'Put the medium-term financial plan on a sustainable footing, with savings that can be delivered',
    dueOn: '2018-09-30',
  });

  on('2017-12-19');
  pmo('RespondToRecommendation', {
    recommendationId: 'rec-biip-2017-02',
    decision: 'accepted',
    response:
      'Accepted; the 2019/20 budget round will test every savings proposal for deliverability.',
  });
  pmo('AssignRecommendationOwner', { recommendationId: 'rec-biip-2017-02', owner: 'officer-cfo' });

  on('2017-12-21');
  games('IdentifyRisk', {
    riskId: 'commonwealth-games',
    programmeId,
    areaId: 'area-major-projects',
    title: 'Delivery of the 2022 Commonwealth Games',
    cause: "The council's share of the Games' costs and its role as host city",
    event: "Cost overruns or late delivery of venues and the athletes' village",
    consequence: 'Financial pressure and reputational damage',
    category: 'Major event delivery',
    owner: 'officer-games',
    inherent: { likelihood: 3, impact: 5 },
    target: { likelihood: 2, impact: 4 },
    nextReviewOn: '2018-06-30',
  });

  // ----------------------------------------------------------------------------- 2018
  on('2018-01-16');
  property('IdentifyRisk', {
    riskId: 'paradise-circus',
    programmeId,
    areaId: 'area-major-projects',
    title: 'Paradise Circus redevelopment',
    cause: "The council's exposure through borrowing to fund infrastructure for the redevelopment",
    event: 'Delays or cost increases in the later phases',
    consequence: 'Borrowing costs rise before the business-rate income that repays them arrives',
    category: 'Major project',
    owner: 'officer-property',
    inherent: { likelihood: 3, impact: 4 },
    target: { likelihood: 2, impact: 3 },
    nextReviewOn: '2018-07-31',
  });
  plan(
    pmo,
    'games-governance',
    'area-major-projects',
    [],
    "Set up the council's governance and funding plan for the Commonwealth Games",
    'officer-games',
    '2018-09-30',
  );

  on('2018-02-20');
  hr('RequestRecommendationExtension', {
    recommendationId: 'rec-biip-2017-01',
    proposedDueOn: '2018-12-31',
    reason: 'Negotiations on job roles in the waste service are still going on.',
  });

  on('2018-03-06');
  biip('DeclineRecommendationExtension', {
    recommendationId: 'rec-biip-2017-01',
    reason: 'The panel expects the plan for stable industrial relations on the original timetable.',
  });

  on('2018-03-20');
  cex('RescoreRisk', {
    riskId: 'strategic-capacity',
    likelihood: 2,
    impact: 3,
    rationale: 'Reviewed: no change.',
    nextReviewOn: '2018-09-30',
  });

  on('2018-04-03');
  dcs(
    'CompleteAction',
    {
      actionId: 'childrens-trust',
      evidence: [
        doc(
          '2018/childrens-trust-launch.pdf',
          "Birmingham Children's Trust: launch on 1 April 2018",
        ),
      ],
    },
    { recordedAfterDays: 10 },
  );

  on('2018-04-16');
  dcs('ClaimImplementation', {
    recommendationId: 'rec-kerslake-08',
    summary: "Children's social care is now delivered by Birmingham Children's Trust.",
    evidence: [
      doc('2018/childrens-trust-launch.pdf', "Birmingham Children's Trust: launch on 1 April 2018"),
    ],
  });

  on('2018-05-08');
  monitoring('CompleteAction', {
    actionId: 'all-out-elections',
    evidence: [doc('2018/election-results.pdf', 'Results of the all-out elections, 3 May 2018')],
  });

  on('2018-05-10');
  monitoring('ClaimImplementation', {
    recommendationId: 'rec-kerslake-01',
    summary: 'The whole council was elected on new ward boundaries on 3 May 2018.',
    evidence: [doc('2018/election-results.pdf', 'Results of the all-out elections, 3 May 2018')],
  });

  on('2018-05-22');
  hr('RescoreRisk', {
    riskId: 'industrial-relations',
    likelihood: 3,
    impact: 4,
    rationale: 'The agreement is holding; regular meetings with the trades unions.',
    nextReviewOn: '2018-11-30',
  });

  on('2018-06-12');
  cfo('RescoreRisk', {
    riskId: 'equal-pay',
    likelihood: 4,
    impact: 5,
    rationale: 'Reviewed: no change.',
    nextReviewOn: '2018-12-31',
  });

  on('2018-06-19');
  pmo('RecordMeeting', {
    programmeId,
    bodyId: 'biip',
    meetingId: 'biip-2018-06-19',
    heldOn: '2018-06-19',
    attendees: ['biip-chair', 'biip-member-finance', 'cllr-leader', 'officer-cex', 'officer-cfo'],
    observers: ['mhclg-official'],
  });
  games('RescoreRisk', {
    riskId: 'commonwealth-games',
    likelihood: 3,
    impact: 4,
    rationale:
      "Games governance is in place and the council's contribution is agreed in principle.",
    nextReviewOn: '2018-12-31',
  });

  on('2018-06-26');
  pmo('RecordMeeting', {
    programmeId,
    bodyId: 'cabinet',
    meetingId: 'cabinet-2018-06-26',
    heldOn: '2018-06-26',
    attendees: ['cllr-leader', 'cllr-deputy-leader', 'officer-cex', 'officer-cfo'],
    observers: [],
  });
  const stocktake2018: [string, string, string][] = [
    [
      'local-priorities-and-outcomes',
      'amber',
      'A new Council Plan sets the priorities; outcomes are not yet consistently measured.',
    ],
    [
      'organisational-and-place-leadership',
      'amber',
      'The new administration and a stable senior team are building relations with partners.',
    ],
    [
      'governance-and-culture',
      'amber',
      'All-out elections held; decision-making is clearer but not yet timely enough.',
    ],
    [
      'financial-planning-and-management',
      'red',
      'Savings are not being delivered as planned and reserves are being used to balance the budget.',
    ],
    [
      'capacity-for-improvement',
      'amber',
      'Capacity has grown but depends on interim staff in key posts.',
    ],
  ];
  for (const [criterion, rating, narrative] of stocktake2018)
    pmo('AssessCriterion', {
      programmeId,
      stocktakeId: 'stocktake-2018-06',
      criterion,
      rating,
      narrative,
    });
  pmo('SubmitProgressReport', {
    programmeId,
    reportId: 'stocktake-2018',
    to: 'cabinet',
    periodEnd: '2018-06-15',
    uri: 'https://docs.example/bcc/2018/stocktake-june-2018.pdf',
  });

  on('2018-07-10');
  biip('VerifyImplementation', {
    recommendationId: 'rec-kerslake-01',
    outcome: 'verified',
    notes: 'Four-yearly all-out elections are in place.',
  });

  on('2018-07-31');
  const statutory: [string, string, string][] = [
    [
      'rec-2018-s24-01',
      'area-finance',
      'Deliver the savings programme and rebuild the reserves used to balance the budget',
    ],
    [
      'rec-2018-s24-02',
      'area-waste-ir',
      'Strengthen the governance of the waste service and resolve its industrial relations',
    ],
    [
      'rec-2018-s24-03',
      'area-governance',
      'Strengthen the governance of significant decisions and the control of major contracts',
    ],
  ];
  for (const [recommendationId, areaId, title] of statutory)
    auditor('RaiseRecommendation', {
      recommendationId,
      programmeId,
      areaId,
      source: 'external-auditor',
      classification: 'statutory',
      reference: `Statutory recommendation ${recommendationId.slice(-1)} (Local Audit and Accountability Act 2014, Schedule 7)`,
      title,
      dueOn: '2019-03-31',
    });

  on('2018-08-14');
  for (const recommendationId of ['rec-2018-s24-01', 'rec-2018-s24-02'])
    auditor('ExtendConsiderationPeriod', {
      recommendationId,
      untilOn: '2018-09-11',
      reason: 'Full Council does not meet in August; it will consider these on 11 September.',
    });

  on('2018-08-21');
  pmo('RecordMeeting', {
    programmeId,
    bodyId: 'cabinet',
    meetingId: 'cabinet-2018-08-21',
    heldOn: '2018-08-21',
    attendees: ['cllr-leader', 'cllr-deputy-leader', 'officer-cex', 'officer-monitoring'],
    observers: ['auditor-gt'],
  });
  pmo('RespondToRecommendation', {
    recommendationId: 'rec-2018-s24-03',
    decision: 'accepted',
    response:
      'Accepted by Cabinet: a forward plan and a stronger report clearance process for key decisions.',
    meetingId: 'cabinet-2018-08-21',
    programmeId,
  });
  pmo('AssignRecommendationOwner', {
    recommendationId: 'rec-2018-s24-03',
    owner: 'officer-monitoring',
  });

  on('2018-09-11');
  pmo('RecordMeeting', {
    programmeId,
    bodyId: 'full-council',
    meetingId: 'full-council-2018-09-11',
    heldOn: '2018-09-11',
    attendees: [
      'cllr-lord-mayor',
      'cllr-leader',
      'cllr-opposition-leader',
      'officer-cex',
      'officer-cfo',
    ],
    observers: ['auditor-gt'],
  });
  for (const [recommendationId, owner, response] of [
    [
      'rec-2018-s24-01',
      'officer-cfo',
      'Accepted by full Council: a four-year financial plan with a programme management office for savings.',
    ],
    [
      'rec-2018-s24-02',
      'officer-waste',
      'Accepted by full Council: an independent review of waste services and a new industrial relations framework.',
    ],
  ] as const) {
    pmo('RespondToRecommendation', {
      recommendationId,
      decision: 'accepted',
      response,
      meetingId: 'full-council-2018-09-11',
      programmeId,
    });
    pmo('AssignRecommendationOwner', { recommendationId, owner });
  }
  biip('CloseRecommendation', {
    recommendationId: 'rec-kerslake-01',
    note: 'Closed by the panel.',
  });

  on('2018-09-18');
  plan(
    pmo,
    'financial-plan-2019',
    'area-finance',
    ['rec-2018-s24-01', 'rec-biip-2017-02'],
    'Four-year financial plan underpinned by a programme management office',
    'officer-cfo',
    '2019-02-28',
  );
  plan(
    pmo,
    'decision-governance',
    'area-governance',
    ['rec-2018-s24-03'],
    'Publish a forward plan and strengthen report clearance for key decisions',
    'officer-monitoring',
    '2019-03-15',
  );
  plan(
    pmo,
    'ageing-well',
    'area-vulnerable-people',
    [],
    'Introduce the Ageing Well model of care for older adults',
    'officer-adults',
    '2019-09-30',
  );
  cex('CloseRisk', {
    riskId: 'strategic-capacity',
    reason:
      'A permanent senior team is in post; the residual risk is managed in directorate registers.',
  });

  on('2018-09-25');
  games('CompleteAction', {
    actionId: 'games-governance',
    evidence: [
      doc('2018/games-governance.pdf', 'Commonwealth Games: council governance and funding plan'),
    ],
  });
  cfo('ClaimImplementation', {
    recommendationId: 'rec-biip-2017-02',
    summary: 'Every savings proposal in the 2019/20 budget has been tested for deliverability.',
    evidence: [doc('2018/budget-consultation-2019-20.pdf', 'Budget consultation 2019/20')],
  });

  on('2018-10-16');
  internalAudit('RaiseRecommendation', {
    recommendationId: 'rec-ia-2018-01',
    programmeId,
    areaId: 'area-major-projects',
    source: 'internal-audit',
    classification: 'key',
    reference: 'Internal audit report on contract management, October 2018',
    title: 'Strengthen contract management of the highways PFI contract',
    dueOn: '2019-06-30',
  });

  on('2018-10-23');
  pmo('RespondToRecommendation', {
    recommendationId: 'rec-ia-2018-01',
    decision: 'accepted',
    response: 'Accepted; a contract management board will meet monthly.',
  });
  pmo('AssignRecommendationOwner', {
    recommendationId: 'rec-ia-2018-01',
    owner: 'officer-highways',
  });

  on('2018-12-04');
  hr('RescoreRisk', {
    riskId: 'industrial-relations',
    likelihood: 5,
    impact: 4,
    rationale: 'Renewed industrial action in the waste service.',
    nextReviewOn: '2019-03-31',
  });
  waste('ReopenAction', {
    actionId: 'waste-rounds',
    reason: 'The dispute over how the new round structure is applied has reopened.',
  });

  on('2018-12-11');
  games('RescoreRisk', {
    riskId: 'commonwealth-games',
    likelihood: 3,
    impact: 4,
    rationale: 'Reviewed: no change.',
    nextReviewOn: '2019-06-30',
  });

  // ----------------------------------------------------------------------------- 2019
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

  on('2019-03-19');
  pmo('RecordMeeting', {
    programmeId,
    bodyId: 'biip',
    meetingId: 'biip-2019-03-19',
    heldOn: '2019-03-19',
    attendees: ['biip-chair', 'biip-member-finance', 'cllr-leader', 'officer-cex', 'officer-cfo'],
    observers: ['mhclg-official'],
  });
  biip('VerifyImplementation', {
    recommendationId: 'rec-biip-2017-02',
    outcome: 'verified',
    notes: 'The four-year plan is robust; delivery remains a risk.',
  });
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
  const stocktake2019: [string, string, string][] = [
    [
      'local-priorities-and-outcomes',
      'amber',
      'Regulators judge education and social care improved; homelessness remains a significant issue.',
    ],
    [
      'organisational-and-place-leadership',
      'green',
      'Stronger political and managerial leadership, working as a partnership, with four-year terms.',
    ],
    [
      'governance-and-culture',
      'amber',
      'Decisions are more transparent and timely; industrial relations remain difficult.',
    ],
    [
      'financial-planning-and-management',
      'amber',
      'A robust four-year financial plan and a programme office; the scale of savings is still a challenge.',
    ],
    [
      'capacity-for-improvement',
      'amber',
      'The council owns its improvement journey, with peer challenge and scrutiny planned for 2019/20.',
    ],
  ];
  for (const [criterion, rating, narrative] of stocktake2019)
    pmo('AssessCriterion', {
      programmeId,
      stocktakeId: 'stocktake-2019-03',
      criterion,
      rating,
      narrative,
    });

  on('2019-03-26');
  pmo('RecordMeeting', {
    programmeId,
    bodyId: 'cabinet',
    meetingId: 'cabinet-2019-03-26',
    heldOn: '2019-03-26',
    attendees: ['cllr-leader', 'cllr-deputy-leader', 'officer-cex', 'officer-cfo'],
    observers: [],
    minutesUri: 'https://docs.example/bcc/2019/cabinet-2019-03-26-biip-report.pdf',
  });
  pmo('ReviseRecommendationDueDate', {
    recommendationId: 'rec-2018-s24-02',
    dueOn: '2019-12-31',
    reason: 'Cabinet agreed the new timetable with the external auditor.',
    approvedBy: 'cllr-leader',
  });
  biip('CloseRecommendation', {
    recommendationId: 'rec-biip-2017-02',
    note: 'Closed by the panel before it steps down.',
  });
  hr('AddRiskControl', {
    riskId: 'industrial-relations',
    controlId: 'ir-framework',
    description:
      'A new industrial relations framework with the local trades unions, supported by UK Core Cities',
    owner: 'officer-hr',
  });
  hr('RescoreRisk', {
    riskId: 'industrial-relations',
    likelihood: 4,
    impact: 4,
    rationale: 'Industrial action has paused while the new framework is negotiated.',
    nextReviewOn: '2019-06-30',
  });
  plan(
    pmo,
    'ir-framework',
    'area-waste-ir',
    ['rec-2018-s24-02', 'rec-biip-2017-01'],
    'Develop a new industrial relations framework with the trades unions',
    'officer-hr',
    '2019-12-31',
  );
  plan(
    pmo,
    'waste-review',
    'area-waste-ir',
    ['rec-2018-s24-02'],
    'Commission an independent review of waste services',
    'officer-waste',
    '2019-06-30',
  );

  on('2019-03-27');
  pmo('SubmitProgressReport', {
    programmeId,
    reportId: 'stocktake-2019',
    to: 'secretary-of-state',
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
    reason:
      'The panel stepped down after four years and sent its final letter to the Secretary of State.',
  });
  auditor('SealLedger', {});

  // ------------------------------------------------------- 2019: the Assurance Framework
  on('2019-04-01');
  pmo('ChangePhase', {
    programmeId,
    phase: 'Transition to self-assurance',
    reason: 'The Independent Improvement Panel stepped down on 31 March 2019.',
  });
  pmo('RetirePriorityArea', {
    programmeId,
    areaId: 'area-partnerships',
    reason: "Its work now sits in the Council Plan 2018-22 and the combined authority's programme.",
  });
  pmo('AppointAdviser', {
    adviserId: 'nea-interim-peer',
    programmeId,
    name: 'Interim LGA peer adviser',
    areaIds: ['area-capacity'],
    termEndsOn: '2019-07-31',
  });

  on('2019-04-16');
  pmo('ReviseRecommendationDueDate', {
    recommendationId: 'rec-biip-2017-01',
    dueOn: '2019-12-31',
    reason: 'Aligned with the statutory recommendation on the waste service.',
    approvedBy: 'cllr-leader',
  });
  pmo('AssignRecommendationOwner', {
    recommendationId: 'rec-biip-2017-01',
    owner: 'officer-waste',
  });
  pmo('ReviseActionDueDate', {
    actionId: 'waste-rounds',
    dueOn: '2019-12-31',
    reason: 'To be delivered under the new industrial relations framework.',
    approvedBy: 'cllr-leader',
  });

  on('2019-06-18');
  games('RescoreRisk', {
    riskId: 'commonwealth-games',
    likelihood: 3,
    impact: 4,
    rationale: 'Reviewed: the village and the aquatics centre are on programme.',
    nextReviewOn: '2019-12-31',
  });

  on('2019-06-25');
  waste('CompleteAction', {
    actionId: 'waste-review',
    evidence: [
      doc(
        '2019/waste-review-terms.pdf',
        'Independent review of waste services: terms of reference',
      ),
    ],
  });
  hr('RescoreRisk', {
    riskId: 'industrial-relations',
    likelihood: 4,
    impact: 4,
    rationale: 'Reviewed: framework talks continue.',
    nextReviewOn: '2019-09-30',
  });
  highways('ClaimImplementation', {
    recommendationId: 'rec-ia-2018-01',
    summary: 'A contract management board meets monthly with a single performance report.',
    evidence: [
      doc(
        '2019/highways-contract-board.pdf',
        'Highways contract management board: terms and first reports',
      ),
    ],
  });

  on('2019-07-16');
  commissioner('VerifyImplementation', {
    recommendationId: 'rec-kerslake-08',
    outcome: 'verified',
    notes: "Children's social care no longer requires a commissioner.",
  });
  commissioner('CloseRecommendation', {
    recommendationId: 'rec-kerslake-08',
    note: 'Intervention ends.',
  });
  pmo('DissolveBody', {
    programmeId,
    bodyId: 'childrens-commissioner',
    reason:
      "The Secretary of State confirmed that children's social care no longer needs a commissioner.",
  });

  on('2019-07-23');
  pmo('RecordMeeting', {
    programmeId,
    bodyId: 'audit-committee',
    meetingId: 'audit-2019-07-23',
    heldOn: '2019-07-23',
    attendees: ['cllr-audit-chair', 'officer-cfo', 'officer-monitoring'],
    observers: ['auditor-gt'],
  });
  pmo('SubmitProgressReport', {
    programmeId,
    reportId: 'statutory-recs-2019-07',
    to: 'audit-committee',
    periodEnd: '2019-06-30',
  });
  auditor('VerifyImplementation', {
    recommendationId: 'rec-2018-s24-01',
    outcome: 'verified',
    notes: 'Tangible progress: the plan is in place and savings are tracked.',
  });
  auditor('CloseRecommendation', {
    recommendationId: 'rec-2018-s24-01',
    note: 'Closed by the external auditor.',
  });
  auditor('VerifyImplementation', {
    recommendationId: 'rec-2018-s24-03',
    outcome: 'verified',
    notes: 'The forward plan and clearance process are working; to be closed after a year in use.',
  });

  on('2019-07-30');
  pmo('RecordMeeting', {
    programmeId,
    bodyId: 'cabinet',
    meetingId: 'cabinet-2019-07-30',
    heldOn: '2019-07-30',
    attendees: ['cllr-leader', 'cllr-deputy-leader', 'officer-cfo'],
    observers: [],
  });
  pmo('ChangePhase', {
    programmeId,
    phase: 'Assurance Framework',
    reason:
      "Cabinet approved the Assurance Framework: a model of 'progressive assurance' with non-executive advisers.",
  });
  pmo('ConstituteBody', {
    programmeId,
    bodyId: 'spb',
    kind: 'programme-board',
    name: 'Strategic Programme Board',
  });

  on('2019-07-31');
  pmo('StandDownAdviser', {
    adviserId: 'nea-interim-peer',
    reason: 'Interim peer support ends as the non-executive advisers take up their areas.',
  });

  on('2019-08-01');
  const advisers: [string, string, string[]][] = [
    ['nea-hanson', 'Sean Hanson', ['area-waste-ir']],
    ['nea-whiteman', 'Rob Whiteman', ['area-finance']],
    ['nea-caller', 'Max Caller', ['area-governance']],
    ['nea-khan', 'Javed Khan', ['area-vulnerable-people']],
    ['nea-hall', 'Donna Hall', ['area-capacity']],
  ];
  for (const [adviserId, name, areaIds] of advisers)
    pmo('AppointAdviser', { adviserId, programmeId, name, areaIds, termEndsOn: '2021-07-31' });

  on('2019-08-13');
  pmo('ReopenRisk', {
    riskId: 'strategic-capacity',
    reason: 'The chief executive has resigned; the senior team is in transition.',
  });
  pmo('ReassignRiskOwner', {
    riskId: 'strategic-capacity',
    owner: 'officer-interim-cex',
    reason: 'The interim chief executive owns the risk until a permanent appointment.',
  });
  pmo('RescoreRisk', {
    riskId: 'strategic-capacity',
    likelihood: 4,
    impact: 3,
    rationale: 'Interim arrangements and adviser support are in place.',
    nextReviewOn: '2019-11-30',
  });
  property('RescoreRisk', {
    riskId: 'paradise-circus',
    likelihood: 2,
    impact: 4,
    rationale: 'The revised phasing is agreed with the developer.',
    nextReviewOn: '2020-01-31',
  });
  nea('nea-hall')('ReopenRecommendation', {
    recommendationId: 'rec-kerslake-03',
    reason:
      "After the chief executive's resignation, capacity at the top of the council needs rebuilding.",
  });

  on('2019-08-20');
  cfo('RescoreRisk', {
    riskId: 'equal-pay',
    likelihood: 3,
    impact: 5,
    rationale: 'Reviewed: no change.',
    nextReviewOn: '2020-02-29',
  });
  plan(
    pmo,
    'send-improvement',
    'area-vulnerable-people',
    [],
    'SEND, early intervention and preparation for adulthood: improvement plan',
    'officer-dcs',
    '2020-03-31',
  );
  cex('RequestRecommendationExtension', {
    recommendationId: 'rec-kerslake-03',
    proposedDueOn: '2020-03-31',
    reason: 'A permanent chief executive is expected to be in post early in 2020.',
  });

  on('2019-08-27');
  plan(
    pmo,
    'savings-delivery',
    'area-finance',
    [],
    'Integrated budget management and savings delivery tracking',
    'officer-cfo',
    '2020-03-31',
  );

  on('2019-09-03');
  pmo('ReassignAdviser', {
    adviserId: 'nea-caller',
    areaIds: ['area-governance', 'area-major-projects'],
  });

  on('2019-09-10');
  for (const [recommendationId, title, dueOn] of [
    [
      'rec-waste-review-01',
      'Restructure waste collection rounds under an agreed workforce plan',
      '2020-03-31',
    ],
    [
      'rec-waste-review-02',
      'Set up a waste service improvement board with monthly performance reports',
      '2019-12-31',
    ],
  ] as const)
    nea('nea-hanson')('RaiseRecommendation', {
      recommendationId,
      programmeId,
      areaId: 'area-waste-ir',
      source: 'service-review',
      classification: 'key',
      reference: 'Independent review of waste services, 2019',
      title,
      dueOn,
    });

  on('2019-09-17');
  for (const recommendationId of ['rec-waste-review-01', 'rec-waste-review-02']) {
    pmo('RespondToRecommendation', {
      recommendationId,
      decision: 'accepted',
      response: 'Accepted; delivery will be overseen by the Strategic Programme Board.',
    });
    pmo('AssignRecommendationOwner', { recommendationId, owner: 'officer-waste' });
  }
  nea('nea-caller')('VerifyImplementation', {
    recommendationId: 'rec-ia-2018-01',
    outcome: 'verified',
    notes: 'Monthly contract reports seen for three months.',
  });
  highways('RescoreRisk', {
    riskId: 'amey-contract',
    likelihood: 3,
    impact: 4,
    rationale: 'Heads of terms for the revised arrangement are agreed.',
    nextReviewOn: '2020-03-31',
  });

  on('2019-09-24');
  hr('RescoreRisk', {
    riskId: 'industrial-relations',
    likelihood: 3,
    impact: 4,
    rationale: 'The framework is agreed in principle with the trades unions.',
    nextReviewOn: '2019-12-31',
  });
  hr('RecordActionProgress', {
    actionId: 'ir-framework',
    percentComplete: 50,
    narrative: 'Framework agreed in principle; joint training being planned.',
  });
  waste('RecordActionProgress', {
    actionId: 'waste-rounds',
    percentComplete: 60,
    narrative: 'New rounds agreed for four of the six depots.',
  });
  s.as('officer-adults', 'officer')('CompleteAction', {
    actionId: 'ageing-well',
    evidence: [doc('2019/ageing-well.pdf', 'Ageing Well: the new model of care')],
  });

  on('2019-10-01');
  cfo('RecordActionProgress', {
    actionId: 'savings-delivery',
    percentComplete: 40,
    narrative: 'One budget and savings tracker now used by every directorate.',
  });
  dcs('RecordActionProgress', {
    actionId: 'send-improvement',
    percentComplete: 25,
    narrative: 'Plan drafted with parents and carers; early intervention pilots chosen.',
  });

  on('2019-10-08');
  pmo('RecordMeeting', {
    programmeId,
    bodyId: 'spb',
    meetingId: 'spb-2019-10-08',
    heldOn: '2019-10-08',
    attendees: [
      'spb-chair',
      'cllr-leader',
      'officer-interim-cex',
      'nea-hanson',
      'nea-whiteman',
      'nea-caller',
      'nea-khan',
      'nea-hall',
    ],
    observers: ['auditor-gt'],
  });
  spb('DeescalateRisk', {
    riskId: 'industrial-relations',
    reason: 'Managed through the Strategic Programme Board with adviser oversight.',
  });
  nea('nea-caller')('EscalateRisk', {
    riskId: 'amey-contract',
    to: 'spb',
    reason:
      'Major contract change is a named risk in the stocktake; the board will track it each quarter.',
  });
  spb('CloseRecommendation', {
    recommendationId: 'rec-ia-2018-01',
    note: 'Closed by the Strategic Programme Board.',
  });
  pmo('ReviseRecommendationDueDate', {
    recommendationId: 'rec-kerslake-03',
    dueOn: '2020-03-31',
    reason: 'Agreed by the board while the permanent appointment is made.',
    approvedBy: 'spb-chair',
  });
  nea('nea-caller')('RaiseRecommendation', {
    recommendationId: 'rec-nea-2019-01',
    programmeId,
    areaId: 'area-governance',
    source: 'other',
    classification: 'improvement',
    reference: 'Non-executive adviser challenge, October 2019',
    title: 'Report the corporate risk register to every Strategic Programme Board',
    dueOn: '2020-01-31',
  });

  on('2019-10-15');
  const adviserReports: [string, string][] = [
    [
      'nea-hanson',
      'Working with the waste team on the independent service review, and on the recommendations expected from the WMCA and Defra.',
    ],
    [
      'nea-whiteman',
      'An integrated approach to budget management, adding assurance and drive to savings delivery and transformation.',
    ],
    [
      'nea-caller',
      'Challenging officers to be more robust and pragmatic about the issues they face and the support they need.',
    ],
    ['nea-khan', 'An emerging plan for SEND, early intervention and preparation for adulthood.'],
    [
      'nea-hall',
      "Guiding the transition after the chief executive's resignation, and how culture change is embedded.",
    ],
  ];
  for (const [adviserId, summary] of adviserReports)
    nea(adviserId)('SubmitAdviserReport', {
      adviserId,
      reportId: 'nea-update-2019-10',
      summary,
      uri: 'https://docs.example/bcc/2019/nea-letter-to-secretary-of-state.pdf',
    });
  pmo('RespondToRecommendation', {
    recommendationId: 'rec-nea-2019-01',
    decision: 'accepted',
    response: 'Accepted; the register will be a standing item from the January board.',
  });
  pmo('AssignRecommendationOwner', {
    recommendationId: 'rec-nea-2019-01',
    owner: 'officer-monitoring',
  });

  on('2019-10-29');
  pmo('RecordMeeting', {
    programmeId,
    bodyId: 'cabinet',
    meetingId: 'cabinet-2019-10-29',
    heldOn: '2019-10-29',
    attendees: ['cllr-leader', 'cllr-deputy-leader', 'officer-interim-cex', 'officer-cfo'],
    observers: [],
  });

  on('2019-10-30');
  pmo('SubmitProgressReport', {
    programmeId,
    reportId: 'sos-2019-10',
    to: 'secretary-of-state',
    periodEnd: '2019-09-30',
    uri: 'https://docs.example/bcc/2019/leader-letter-to-secretary-of-state.pdf',
  });

  on('2019-10-31');
  auditor('SealLedger', {});

  return s.lines();
}
