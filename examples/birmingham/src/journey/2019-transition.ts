import { type Journey, doc, programmeId } from './cast';
import { close, meeting, verify } from './steps';

/**
 * April to 1 August 2019: the transition to self-assurance, up to the Assurance Framework and its
 * advisers.
 */
export function transition2019(j: Journey): void {
  transitionBegins(j);
  commissionerStandsDown(j);
  assuranceFramework(j);
}

/** April to mid June 2019: the transition phase, an interim peer adviser, re-dated waste work. */
function transitionBegins({ on, pmo, games }: Journey): void {
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
    // The panel has stood down; the Strategic Programme Board, its successor, agrees.
    agreedBy: 'spb-chair',
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
}

/**
 * Late June to July 2019: the commissioner is no longer needed; the auditor reports to the audit
 * committee.
 */
function commissionerStandsDown({
  on,
  pmo,
  auditor,
  hr,
  waste,
  highways,
  commissioner,
}: Journey): void {
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
  verify(
    commissioner,
    'rec-kerslake-08',
    "Children's social care no longer requires a commissioner.",
  );
  close(commissioner, 'rec-kerslake-08', 'Intervention ends.');
  pmo('DissolveBody', {
    programmeId,
    bodyId: 'childrens-commissioner',
    reason:
      "The Secretary of State confirmed that children's social care no longer needs a commissioner.",
  });

  on('2019-07-23');
  meeting(pmo, 'audit-committee', '2019-07-23', {
    meetingId: 'audit-2019-07-23',
    attendees: ['cllr-audit-chair', 'officer-cfo', 'officer-monitoring'],
    observers: ['auditor-gt'],
  });
  pmo('SubmitProgressReport', {
    programmeId,
    reportId: 'statutory-recs-2019-07',
    to: 'audit-committee',
    periodEnd: '2019-06-30',
  });
  verify(
    auditor,
    'rec-2018-s24-01',
    'Tangible progress: the plan is in place and savings are tracked.',
  );
  close(auditor, 'rec-2018-s24-01', 'Closed by the external auditor.');
  verify(
    auditor,
    'rec-2018-s24-03',
    'The forward plan and clearance process are working; to be closed after a year in use.',
  );
}

/** The five non-executive advisers and their areas (from the sources; their ids are invented). */
const advisers: readonly (readonly [
  adviserId: string,
  name: string,
  areaIds: readonly string[],
])[] = [
  ['nea-hanson', 'Sean Hanson', ['area-waste-ir']],
  ['nea-whiteman', 'Rob Whiteman', ['area-finance']],
  ['nea-caller', 'Max Caller', ['area-governance']],
  ['nea-khan', 'Javed Khan', ['area-vulnerable-people']],
  ['nea-hall', 'Donna Hall', ['area-capacity']],
];

/**
 * 30 July to 1 August 2019: Cabinet approves the Assurance Framework; the board and the advisers.
 */
function assuranceFramework({ on, pmo }: Journey): void {
  on('2019-07-30');
  meeting(pmo, 'cabinet', '2019-07-30', {
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
  for (const [adviserId, name, areaIds] of advisers)
    pmo('AppointAdviser', { adviserId, programmeId, name, areaIds, termEndsOn: '2021-07-31' });
}
