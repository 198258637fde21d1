import { type Journey, doc, programmeId } from './cast';
import { accept, close, meeting, plan, verify } from './steps';

/** August to October 2019: the Assurance Framework at work, up to the second ledger seal. */
export function assuranceFramework2019(j: Journey): void {
  chiefExecutiveResigns(j);
  wasteReview(j);
  firstBoard(j);
  reportToSecretaryOfState(j);
}

/** August to early September 2019: the chief executive resigns; capacity reopened; new plans. */
function chiefExecutiveResigns({ on, as, nea, pmo, cfo, property }: Journey): void {
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
  plan(pmo, {
    actionId: 'send-improvement',
    areaId: 'area-vulnerable-people',
    recommendationIds: [],
    title: 'SEND, early intervention and preparation for adulthood: improvement plan',
    lead: 'officer-dcs',
    dueOn: '2020-03-31',
  });
  // Asked by the interim chief executive: the chief executive had resigned a week before.
  as('officer-interim-cex', 'officer')('RequestRecommendationExtension', {
    recommendationId: 'rec-kerslake-03',
    proposedDueOn: '2020-03-31',
    reason: 'A permanent chief executive is expected to be in post early in 2020.',
  });

  on('2019-08-27');
  plan(pmo, {
    actionId: 'savings-delivery',
    areaId: 'area-finance',
    recommendationIds: [],
    title: 'Integrated budget management and savings delivery tracking',
    lead: 'officer-cfo',
    dueOn: '2020-03-31',
  });

  on('2019-09-03');
  pmo('ReassignAdviser', {
    adviserId: 'nea-caller',
    areaIds: ['area-governance', 'area-major-projects'],
  });
}

/** The independent waste review's recommendations (wording and dates invented). */
const wasteReviewRecommendations: readonly (readonly [id: string, title: string, dueOn: string])[] =
  [
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
  ];

/** September 2019: the waste review's recommendations and the progress of the new plans. */
function wasteReview({ on, as, nea, pmo, cfo, hr, dcs, waste, highways }: Journey): void {
  on('2019-09-10');
  for (const [recommendationId, title, dueOn] of wasteReviewRecommendations)
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
  for (const [recommendationId] of wasteReviewRecommendations)
    accept(pmo, recommendationId, {
      response: 'Accepted; delivery will be overseen by the Strategic Programme Board.',
      owner: 'officer-waste',
    });
  verify(nea('nea-caller'), 'rec-ia-2018-01', 'Monthly contract reports seen for three months.');
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
  as('officer-adults', 'officer')('CompleteAction', {
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
}

/** 8 October 2019: the first Strategic Programme Board, with the external auditor observing. */
function firstBoard({ on, nea, pmo, spb }: Journey): void {
  on('2019-10-08');
  meeting(pmo, 'spb', '2019-10-08', {
    attendees: [
      'spb-chair',
      'cllr-ian-ward',
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
  close(spb, 'rec-ia-2018-01', 'Closed by the Strategic Programme Board.');
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
}

/**
 * The advisers' joint update of October 2019, in their own words as the sources report them
 * (paraphrased): each adviser submits it. What each one did in their area is the Leader's
 * account, not theirs, and is not recorded as their report.
 */
const advisersJointUpdate =
  'Our joint update: appointed as individuals with long records in local government, we help the council raise the pace of improvement from inside and alongside it. It is too early to judge the model; we welcome the openness with which the council has received us and taken on our challenges. What matters now is how, and how fast, it responds.';
const adviserIds = ['nea-hanson', 'nea-whiteman', 'nea-caller', 'nea-khan', 'nea-hall'] as const;

/** 15 to 31 October 2019: the advisers report, Cabinet, the leader's letter, the ledger sealed. */
function reportToSecretaryOfState({ on, nea, pmo, waste, auditor }: Journey): void {
  on('2019-10-15');
  for (const adviserId of adviserIds)
    nea(adviserId)('SubmitAdviserReport', {
      adviserId,
      reportId: 'nea-update-2019-10',
      summary: advisersJointUpdate,
      uri: 'https://docs.example/bcc/2019/nea-letter-to-secretary-of-state.pdf',
    });
  accept(pmo, 'rec-nea-2019-01', {
    response: 'Accepted; the register will be a standing item from the January board.',
    owner: 'officer-monitoring',
  });

  on('2019-10-29');
  // By the Leader's report of October the review has reported and its recommendations are
  // being implemented (the day it reported is not in the sources).
  waste('CompleteAction', {
    actionId: 'waste-review',
    evidence: [doc('2019/waste-review-report.pdf', 'Independent review of waste services: report')],
  });
  meeting(pmo, 'cabinet', '2019-10-29', {
    attendees: ['cllr-ian-ward', 'cllr-deputy-leader', 'officer-interim-cex', 'officer-cfo'],
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
}
