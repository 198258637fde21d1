import { type Journey, doc, programmeId } from './cast';
import { assess, type Assessment, meeting, plan, verify } from './steps';
import { identified } from './risks';

/**
 * January to July 2018: the extension the panel declines, the Children's Trust, all-out elections
 * and the June stocktake.
 */
export function electionsAndStocktake2018(j: Journey): void {
  earlyIn2018(j);
  electionsHeld(j);
  juneStocktake(j);
}

/** January to April 2018: Paradise Circus, a declined extension, the Children's Trust launched. */
function earlyIn2018({ on, pmo, biip, cex, hr, dcs, property }: Journey): void {
  on('2018-01-16');
  property('IdentifyRisk', identified('paradiseCircus'));
  plan(pmo, {
    actionId: 'games-governance',
    areaId: 'area-major-projects',
    recommendationIds: [],
    title: "Set up the council's governance and funding plan for the Commonwealth Games",
    lead: 'officer-games',
    dueOn: '2018-09-30',
  });

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
}

/** May and June 2018: all-out elections; risk reviews; the panel meets. */
function electionsHeld({ on, pmo, cfo, monitoring, hr, games }: Journey): void {
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
  meeting(pmo, 'biip', '2018-06-19', {
    attendees: ['biip-chair', 'biip-member-finance', 'cllr-ian-ward', 'officer-cex', 'officer-cfo'],
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
}

/** The June 2018 stocktake against the LGA's five criteria (ratings and narratives invented). */
const stocktake2018: readonly Assessment[] = [
  [
    'context-vision-and-priorities',
    'amber',
    'A new Council Plan sets the priorities; outcomes are not yet consistently measured.',
  ],
  [
    'political-and-managerial-leadership',
    'amber',
    'The new administration and a stable senior team are building relations with partners.',
  ],
  [
    'governance-and-decision-making',
    'amber',
    'All-out elections held; decision-making is clearer but not yet timely enough.',
  ],
  [
    'long-term-financial-plan',
    'red',
    'Savings are not being delivered as planned and reserves are being used to balance the budget.',
  ],
  [
    'capacity-and-resources',
    'amber',
    'Capacity has grown but depends on interim staff in key posts.',
  ],
];

/** 26 June to 10 July 2018: the first stocktake against the five criteria. */
function juneStocktake({ on, pmo, biip }: Journey): void {
  on('2018-06-26');
  meeting(pmo, 'cabinet', '2018-06-26', {
    attendees: ['cllr-ian-ward', 'cllr-deputy-leader', 'officer-cex', 'officer-cfo'],
    observers: [],
  });
  pmo('RecordStocktake', {
    programmeId,
    stocktakeId: 'stocktake-2018-06',
    heldOn: '2018-06-26',
    periodStart: '2017-07-01',
    periodEnd: '2018-06-15',
    assessor: 'self-assessment',
    criteriaSet: 'lga-effective-organisation@1',
    findings:
      "The council's self-assessment against the LGA's criteria, considered by Cabinet: elections and governance reformed, finance the critical issue.",
    rating: 'amber',
  });
  assess(pmo, 'stocktake-2018-06', stocktake2018);
  pmo('SubmitProgressReport', {
    programmeId,
    reportId: 'stocktake-2018',
    to: 'cabinet',
    periodEnd: '2018-06-15',
    uri: 'https://docs.example/bcc/2018/stocktake-june-2018.pdf',
  });

  on('2018-07-10');
  verify(biip, 'rec-kerslake-01', 'Four-yearly all-out elections are in place.');
}
