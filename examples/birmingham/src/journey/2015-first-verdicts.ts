import { type Journey, doc, programmeId } from './cast';
import { meeting, plan } from './steps';

/**
 * July to December 2015: actions complete, the panel meets in public on 11 September and gives its
 * first verdicts.
 */
export function firstVerdicts2015(j: Journey): void {
  summerOf2015(j);
  autumnOf2015(j);
  recruitmentSlips(j);
}

/** July to mid September 2015: member roles and development, the DCLG grant, the public meeting. */
function summerOf2015({ on, pmo, cex, hr }: Journey): void {
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
  meeting(pmo, 'biip', '2015-09-11', {
    attendees: [
      'biip-chair',
      'biip-member-finance',
      'cllr-albert-bore',
      'cllr-ian-ward',
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
}

/** Late September to November 2015: claims, one refused verification, encouraging progress. */
function autumnOf2015({ on, pmo, biip, cex, cfo, monitoring, hr }: Journey): void {
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

  plan(pmo, {
    actionId: 'financial-plan-2016',
    areaId: 'area-finance',
    recommendationIds: ['rec-kerslake-02'],
    title: 'Approve a three-year financial plan with the 2016/17 budget',
    lead: 'officer-cfo',
    dueOn: '2016-03-01',
  });

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
    approvedBy: 'cllr-albert-bore',
  });
}

/** December 2015: senior recruitment slips into 2016. */
function recruitmentSlips({ on, pmo, cex }: Journey): void {
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
    approvedBy: 'cllr-albert-bore',
  });

  on('2015-12-15');
  pmo('ReviseRecommendationDueDate', {
    recommendationId: 'rec-kerslake-03',
    dueOn: '2016-06-30',
    reason: 'Agreed with the panel: recruitment continues into 2016.',
    approvedBy: 'biip-chair',
  });
}
