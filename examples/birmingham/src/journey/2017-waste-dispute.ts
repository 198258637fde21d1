import { type Journey, doc, programmeId } from './cast';
import { accept, meeting, plan } from './steps';
import { identified } from './risks';

/**
 * 2017: the waste strike brings a new area and a risk escalated to Cabinet; the Commonwealth Games
 * are awarded.
 */
export function wasteDispute2017(j: Journey): void {
  springOf2017(j);
  wasteStrike(j);
  endOf2017(j);
}

/** March 2017: children's services move towards a trust. */
function springOf2017({ on, pmo, cfo, dcs }: Journey): void {
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
}

/** July to September 2017: the waste strike, its risk and the panel's recommendation on it. */
function wasteStrike({ on, pmo, biip, hr, highways }: Journey): void {
  on('2017-07-03');
  pmo('DefinePriorityArea', {
    programmeId,
    areaId: 'area-waste-ir',
    title: 'Waste services and industrial relations',
    description:
      'The waste collection service, its workforce agreements and relations with the trades unions.',
  });
  hr('IdentifyRisk', identified('industrialRelations'));
  plan(pmo, {
    actionId: 'waste-rounds',
    areaId: 'area-waste-ir',
    recommendationIds: [],
    title: 'Introduce the new waste collection round structure',
    lead: 'officer-waste',
    dueOn: '2017-09-30',
  });

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
  meeting(pmo, 'biip', '2017-09-12', {
    attendees: ['biip-chair', 'biip-member-finance', 'cllr-ian-ward', 'officer-cex'],
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
}

/** September to December 2017: the dispute settles; finance and the Commonwealth Games. */
function endOf2017({ on, pmo, biip, cex, cfo, hr, waste, games }: Journey): void {
  on('2017-09-19');
  accept(pmo, 'rec-biip-2017-01', {
    response: 'Accepted; the council will report progress to each panel meeting.',
    owner: 'officer-hr',
  });
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
  accept(pmo, 'rec-biip-2017-02', {
    response:
      'Accepted; the 2019/20 budget round will test every savings proposal for deliverability.',
    owner: 'officer-cfo',
  });

  on('2017-12-21');
  games('IdentifyRisk', identified('commonwealthGames'));
}
