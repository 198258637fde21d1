// One valid command of every type (data only checked by the codecs, not by the rules).
import type { Command, CommandType } from '@assure/domain';
import { command, riskIdentifiedSample } from '@assure/domain/testing';
import { stocktakeRecorded } from './fixtures';

const P = 'bcc-improvement';
const R = 'rec-2018-s24-01';
const A = 'act-savings-2019';
const K = 'equal-pay';
const why = 'Agreed at the Strategic Programme Board';

export const samples: { readonly [K in CommandType]: Command } = {
  EstablishProgramme: command('EstablishProgramme', {
    programmeId: P,
    title: 'Improvement programme',
    body: 'Birmingham City Council',
    phase: 'Panel',
  }),
  ChangePhase: command('ChangePhase', { programmeId: P, phase: 'Assurance', reason: why }),
  DefinePriorityArea: command('DefinePriorityArea', {
    programmeId: P,
    areaId: 'area-finance',
    title: 'Finance',
  }),
  RetirePriorityArea: command('RetirePriorityArea', {
    programmeId: P,
    areaId: 'area-finance',
    reason: why,
  }),
  ConstituteBody: command('ConstituteBody', {
    programmeId: P,
    bodyId: 'board-spb',
    kind: 'programme-board',
    name: 'SPB',
  }),
  DissolveBody: command('DissolveBody', { programmeId: P, bodyId: 'board-spb', reason: why }),
  RecordMeeting: command('RecordMeeting', {
    programmeId: P,
    bodyId: 'board-spb',
    meetingId: 'spb-2019-09-10',
    heldOn: '2019-09-10',
    attendees: ['admin-ceo'],
    observers: ['auditor-gt'],
  }),
  SubmitProgressReport: command('SubmitProgressReport', {
    programmeId: P,
    reportId: 'report-1',
    to: 'panel',
    periodEnd: '2015-08-31',
  }),
  AssessCriterion: command('AssessCriterion', {
    programmeId: P,
    stocktakeId: 'stocktake-2019-03',
    criterion: 'governance-and-culture',
    rating: 'green',
    narrative: 'Four year elections',
  }),
  RecordStocktake: command('RecordStocktake', stocktakeRecorded.data),
  IssueBodyOutput: command('IssueBodyOutput', {
    programmeId: P,
    outputId: 'biip-final-letter',
    from: 'biip',
    to: 'secretary-of-state',
    kind: 'letter',
    issuedOn: '2019-04-01',
    title: 'Final letter to the Secretary of State',
    summary: 'The Panel gives its own assessment of the council',
  }),
  AddStandingObserver: command('AddStandingObserver', {
    programmeId: P,
    bodyId: 'board-spb',
    observer: 'auditor-gt',
    role: 'External auditor, invited to observe',
    fromDay: '2019-09-10',
  }),
  HandOverRecommendations: command('HandOverRecommendations', {
    programmeId: P,
    fromBodyId: 'biip',
    toBodyId: 'board-spb',
    recommendationIds: [R],
    handedOverOn: '2019-07-30',
  }),
  AppointAdviser: command('AppointAdviser', {
    adviserId: 'nea-max-caller',
    programmeId: P,
    name: 'Max Caller',
    areaIds: ['area-finance'],
  }),
  ReassignAdviser: command('ReassignAdviser', { adviserId: 'nea-max-caller', areaIds: [] }),
  SubmitAdviserReport: command('SubmitAdviserReport', {
    adviserId: 'nea-max-caller',
    reportId: 'nea-report-1',
    summary: 'Robust and pragmatic',
  }),
  StandDownAdviser: command('StandDownAdviser', { adviserId: 'nea-max-caller', reason: why }),
  RaiseRecommendation: command('RaiseRecommendation', {
    recommendationId: R,
    programmeId: P,
    areaId: 'area-finance',
    source: 'internal-audit',
    classification: 'improvement',
    title: 'Improve budget monitoring',
    dueOn: '2019-03-31',
  }),
  ExtendConsiderationPeriod: command('ExtendConsiderationPeriod', {
    recommendationId: R,
    untilOn: '2018-10-31',
    reason: why,
  }),
  RespondToRecommendation: command('RespondToRecommendation', {
    recommendationId: R,
    decision: 'accepted',
    response: 'Accepted',
  }),
  RecordStatutoryRecommendationSent: command('RecordStatutoryRecommendationSent', {
    recommendationId: R,
    sentOn: '2018-07-31',
    secretaryOfStateOn: '2018-07-31',
  }),
  PublishStatutoryNotice: command('PublishStatutoryNotice', {
    recommendationId: R,
    publishedOn: '2018-09-20',
    approvedBy: 'auditor-gt',
    approvedOn: '2018-09-18',
    summary: 'Full Council accepted the recommendation and agreed a savings plan.',
  }),
  NotifyAuditor: command('NotifyAuditor', {
    recommendationId: R,
    notifiedOn: '2018-09-12',
    auditor: 'auditor-gt',
  }),
  AssignRecommendationOwner: command('AssignRecommendationOwner', {
    recommendationId: R,
    owner: 'officer-cfo',
  }),
  RequestRecommendationExtension: command('RequestRecommendationExtension', {
    recommendationId: R,
    proposedDueOn: '2019-06-30',
    reason: why,
  }),
  DeclineRecommendationExtension: command('DeclineRecommendationExtension', {
    recommendationId: R,
    reason: why,
  }),
  ReviseRecommendationDueDate: command('ReviseRecommendationDueDate', {
    recommendationId: R,
    dueOn: '2019-06-30',
    reason: why,
    approvedBy: 'board-spb-chair',
  }),
  ClaimImplementation: command('ClaimImplementation', {
    recommendationId: R,
    summary: 'Done',
    evidence: [{ uri: 'https://example.org/e.pdf' }],
  }),
  VerifyImplementation: command('VerifyImplementation', {
    recommendationId: R,
    outcome: 'verified',
    notes: 'ok',
  }),
  CloseRecommendation: command('CloseRecommendation', { recommendationId: R, note: 'ok' }),
  WithdrawRecommendation: command('WithdrawRecommendation', {
    recommendationId: R,
    reason: why,
    approvedBy: 'admin-ceo',
  }),
  ReopenRecommendation: command('ReopenRecommendation', { recommendationId: R, reason: why }),
  PlanAction: command('PlanAction', {
    actionId: A,
    programmeId: P,
    areaId: 'area-finance',
    recommendationIds: [R],
    title: 'Close the gap',
    lead: 'officer-cfo',
    dueOn: '2019-06-30',
  }),
  RecordActionProgress: command('RecordActionProgress', {
    actionId: A,
    percentComplete: 50,
    narrative: 'Half',
  }),
  ReassignActionLead: command('ReassignActionLead', {
    actionId: A,
    lead: 'officer-x',
    reason: why,
  }),
  ReviseActionDueDate: command('ReviseActionDueDate', {
    actionId: A,
    dueOn: '2019-09-30',
    reason: why,
    approvedBy: 'board-spb-chair',
  }),
  CompleteAction: command('CompleteAction', { actionId: A, evidence: [] }),
  ReopenAction: command('ReopenAction', { actionId: A, reason: why }),
  CancelAction: command('CancelAction', {
    actionId: A,
    reason: why,
    approvedBy: 'board-spb-chair',
  }),
  IdentifyRisk: command(
    'IdentifyRisk',
    riskIdentifiedSample({ riskId: K, programmeId: P, title: 'Equal pay' }),
  ),
  RescoreRisk: command('RescoreRisk', {
    riskId: K,
    likelihood: 4,
    impact: 5,
    rationale: 'Offers accepted',
  }),
  SetRiskTarget: command('SetRiskTarget', { riskId: K, likelihood: 1, impact: 4, reason: why }),
  ReassignRiskOwner: command('ReassignRiskOwner', { riskId: K, owner: 'officer-hr', reason: why }),
  AddRiskControl: command('AddRiskControl', {
    riskId: K,
    controlId: 'ctl-1',
    description: 'Job evaluation',
    owner: 'officer-hr',
  }),
  EscalateRisk: command('EscalateRisk', { riskId: K, to: 'board-spb', reason: why }),
  DeescalateRisk: command('DeescalateRisk', { riskId: K, reason: why }),
  CloseRisk: command('CloseRisk', { riskId: K, reason: why }),
  ReopenRisk: command('ReopenRisk', { riskId: K, reason: why }),
  LinkMitigatingAction: command('LinkMitigatingAction', { riskId: K, actionId: A }),
  SealLedger: command('SealLedger', {}),
};
