import { type Journey, doc, programmeId } from './cast';
import { accept, close, meeting, plan } from './steps';

/**
 * July to December 2018: the external auditor's statutory recommendations and the council's
 * responses, in time.
 */
export function statutoryRecommendations2018(j: Journey): void {
  auditorRecommends(j);
  councilResponds(j);
  responsesPlanned(j);
  renewedAction(j);
}

/** The external auditor's statutory recommendations (their subjects are invented). */
const statutory: readonly (readonly [id: string, areaId: string, title: string])[] = [
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

/** Full Council's responses of 11 September 2018: recommendation, owner, response. */
const fullCouncilResponses: readonly (readonly [id: string, owner: string, response: string])[] = [
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
];

/**
 * 31 July to 14 August 2018: the external auditor makes three statutory recommendations and
 * extends the time to consider two.
 */
function auditorRecommends({ on, auditor }: Journey): void {
  on('2018-07-31');
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

  // Schedule 7: the first two sent to the council and the Secretary of State the same day
  // (the third's sending was not recorded: its history keeps the older rules).
  for (const recommendationId of ['rec-2018-s24-01', 'rec-2018-s24-02'])
    auditor('RecordStatutoryRecommendationSent', {
      recommendationId,
      sentOn: '2018-07-31',
      secretaryOfStateOn: '2018-07-31',
    });

  on('2018-08-14');
  for (const recommendationId of ['rec-2018-s24-01', 'rec-2018-s24-02'])
    auditor('ExtendConsiderationPeriod', {
      recommendationId,
      untilOn: '2018-09-11',
      reason: 'Full Council does not meet in August; it will consider these on 11 September.',
    });
}

/**
 * 21 August and 11 September 2018: Cabinet and full Council accept the recommendations, in time.
 */
function councilResponds(j: Journey): void {
  const { on, pmo, biip } = j;
  on('2018-08-21');
  meeting(pmo, 'cabinet', '2018-08-21', {
    attendees: ['cllr-ian-ward', 'cllr-deputy-leader', 'officer-cex', 'officer-monitoring'],
    observers: ['auditor-gt'],
  });
  accept(pmo, 'rec-2018-s24-03', {
    response:
      'Accepted by Cabinet: a forward plan and a stronger report clearance process for key decisions.',
    meetingId: 'cabinet-2018-08-21',
    owner: 'officer-monitoring',
  });

  on('2018-09-11');
  meeting(pmo, 'full-council', '2018-09-11', {
    attendees: [
      'cllr-lord-mayor',
      'cllr-ian-ward',
      'cllr-opposition-leader',
      'officer-cex',
      'officer-cfo',
    ],
    observers: ['auditor-gt'],
  });
  for (const [recommendationId, owner, response] of fullCouncilResponses)
    accept(pmo, recommendationId, { response, meetingId: 'full-council-2018-09-11', owner });
  close(biip, 'rec-kerslake-01', 'Closed by the panel.');
  schedule7After(j);
}

/** 12 and 14 September 2018: the auditor notified, and the notice approved and published. */
function schedule7After({ on, pmo }: Journey): void {
  on('2018-09-12');
  for (const [recommendationId] of fullCouncilResponses)
    pmo('NotifyAuditor', { recommendationId, notifiedOn: '2018-09-12', auditor: 'auditor-gt' });
  on('2018-09-14');
  for (const [recommendationId, , response] of fullCouncilResponses)
    pmo('PublishStatutoryNotice', {
      recommendationId,
      publishedOn: '2018-09-14',
      approvedBy: 'auditor-gt',
      approvedOn: '2018-09-13',
      summary: response,
    });
}

/** September and October 2018: the actions in response; internal audit on the highways contract. */
function responsesPlanned({ on, pmo, internalAudit, cex, cfo, games }: Journey): void {
  on('2018-09-18');
  plan(pmo, {
    actionId: 'financial-plan-2019',
    areaId: 'area-finance',
    recommendationIds: ['rec-2018-s24-01', 'rec-biip-2017-02'],
    title: 'Four-year financial plan underpinned by a programme management office',
    lead: 'officer-cfo',
    dueOn: '2019-02-28',
  });
  plan(pmo, {
    actionId: 'decision-governance',
    areaId: 'area-governance',
    recommendationIds: ['rec-2018-s24-03'],
    title: 'Publish a forward plan and strengthen report clearance for key decisions',
    lead: 'officer-monitoring',
    dueOn: '2019-03-15',
  });
  plan(pmo, {
    actionId: 'ageing-well',
    areaId: 'area-vulnerable-people',
    recommendationIds: [],
    title: 'Introduce the Ageing Well model of care for older adults',
    lead: 'officer-adults',
    dueOn: '2019-09-30',
  });
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
  accept(pmo, 'rec-ia-2018-01', {
    response: 'Accepted; a contract management board will meet monthly.',
    owner: 'officer-highways',
  });
}

/** December 2018: renewed industrial action in the waste service. */
function renewedAction({ on, hr, waste, games }: Journey): void {
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
}
