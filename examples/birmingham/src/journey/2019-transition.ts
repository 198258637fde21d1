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
function transitionBegins({ on, pmo, biip, games }: Journey): void {
  on('2019-04-01');
  pmo('ChangePhase', {
    programmeId,
    phase: 'Transition to self-assurance',
    reason: 'The Independent Improvement Panel stepped down on 31 March 2019.',
    startsOn: '2019-04-01',
    exitCriteria:
      'A model of assurance agreed with the ministry and approved by Cabinet, with its board in place.',
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
  // The panel's final report, in its own words, published in April after it stepped down.
  biip('IssueBodyOutput', {
    programmeId,
    outputId: 'biip-final-report-2019',
    from: 'biip',
    to: 'secretary-of-state',
    kind: 'report',
    issuedOn: '2019-04-16',
    title: "The panel's final report",
    summary:
      'Meaningful progress since June 2018 and a great deal of work under way on deeply entrenched problems.',
  });
  // Re-dated by the Leader with the external auditor's agreement (not at the Cabinet of 26
  // March, which was asked only to note the improvement paperwork).
  pmo('ReviseRecommendationDueDate', {
    recommendationId: 'rec-2018-s24-02',
    dueOn: '2019-12-31',
    reason: 'The Leader agreed the new timetable with the external auditor.',
    approvedBy: 'cllr-ian-ward',
    agreedBy: 'auditor-gt',
  });
  // The panel had declined an extension of its 2017 recommendation and has stood down: no
  // one with its say agreed a new date, so the recommendation keeps its own.
  pmo('AssignRecommendationOwner', {
    recommendationId: 'rec-biip-2017-01',
    owner: 'officer-waste',
  });
  pmo('ReviseActionDueDate', {
    actionId: 'waste-rounds',
    dueOn: '2019-12-31',
    reason: 'To be delivered under the new industrial relations framework.',
    approvedBy: 'cllr-ian-ward',
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
  hr,
  waste,
  highways,
  commissioner,
}: Journey): void {
  on('2019-06-25');
  waste('RecordActionProgress', {
    actionId: 'waste-review',
    percentComplete: 50,
    narrative: 'The independent reviewers are working with the waste management team.',
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
  // The auditor's report shows tangible progress on the statutory recommendations: progress,
  // not implementation verified, so the claims stay open, awaiting verification.
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
    attendees: ['cllr-ian-ward', 'cllr-deputy-leader', 'officer-cfo'],
    observers: [],
  });
  pmo('ChangePhase', {
    programmeId,
    phase: 'Assurance Framework',
    reason:
      "Cabinet approved the Assurance Framework: a model of 'progressive assurance' with non-executive advisers.",
    startsOn: '2019-07-30',
    exitCriteria:
      'The Strategic Programme Board judges each priority area improved and the improvement sustainable.',
  });
  pmo('ConstituteBody', {
    programmeId,
    bodyId: 'spb',
    kind: 'programme-board',
    name: 'Strategic Programme Board',
  });
  pmo('AddStandingObserver', {
    programmeId,
    bodyId: 'spb',
    observer: 'auditor-gt',
    role: 'External auditor, invited to observe the board',
    fromDay: '2019-07-30',
  });
  pmo('HandOverRecommendations', {
    programmeId,
    fromBodyId: 'biip',
    toBodyId: 'spb',
    recommendationIds: ['rec-biip-2017-01'],
    handedOverOn: '2019-07-30',
    note: "The panel's open recommendation passes to the board that oversees the priority areas.",
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
