import type { EventData, EventType, Evidence } from '@assure/domain';
import type { ProjectionEvent } from '../events';

const lxi = (l: number, i: number): string => `${l}x${i}=${l * i}`;

/** One line per event type: the compiler checks that every type has one. */
const SUMMARIES: { readonly [K in EventType]: (data: EventData<K>) => string } = {
  ProgrammeEstablished: (d) =>
    `programme ${d.programmeId} established: ${d.title} (phase ${d.phase})`,
  ProgrammePhaseChanged: (d) => `programme ${d.programmeId} moved to phase ${d.phase}`,
  PriorityAreaDefined: (d) => `priority area ${d.areaId} defined: ${d.title}`,
  PriorityAreaRetired: (d) => `priority area ${d.areaId} retired`,
  OversightBodyConstituted: (d) => `${d.kind} ${d.bodyId} constituted: ${d.name}`,
  OversightBodyDissolved: (d) => `body ${d.bodyId} dissolved`,
  MeetingRecorded: (d) => `meeting ${d.meetingId} of ${d.bodyId} held on ${d.heldOn}`,
  ProgressReportSubmitted: (d) =>
    `progress report ${d.reportId} to ${d.to} (period ending ${d.periodEnd})`,
  CriterionAssessed: (d) => `stocktake ${d.stocktakeId}: ${d.criterion} rated ${d.rating}`,
  AdviserAppointed: (d) =>
    `adviser ${d.name} (${d.adviserId}) appointed to ${d.areaIds.join(', ')}`,
  AdviserReassigned: (d) => `adviser ${d.adviserId} reassigned to ${d.areaIds.join(', ')}`,
  AdviserReportSubmitted: (d) => `adviser ${d.adviserId} submitted report ${d.reportId}`,
  AdviserStoodDown: (d) => `adviser ${d.adviserId} stood down`,
  RecommendationRaised: (d) =>
    `${d.classification} recommendation ${d.recommendationId} raised by ${d.source}, due ${d.dueOn}: ${d.title}`,
  ConsiderationPeriodExtended: (d) =>
    `consideration of ${d.recommendationId} extended to ${d.untilOn}`,
  RecommendationResponded: (d) =>
    `recommendation ${d.recommendationId} ${d.decision}${d.late ? ' (late)' : ''}`,
  RecommendationOwnerAssigned: (d) => `recommendation ${d.recommendationId} owned by ${d.owner}`,
  RecommendationExtensionRequested: (d) =>
    `extension of ${d.recommendationId} to ${d.proposedDueOn} requested`,
  RecommendationExtensionDeclined: (d) => `extension of ${d.recommendationId} declined`,
  RecommendationDueDateRevised: (d) => `recommendation ${d.recommendationId} now due ${d.dueOn}`,
  ImplementationClaimed: (d) =>
    `implementation of ${d.recommendationId} claimed (${d.evidence.length} evidence)`,
  ImplementationVerified: (d) => `implementation of ${d.recommendationId} verified`,
  ImplementationNotVerified: (d) => `implementation of ${d.recommendationId} not verified`,
  RecommendationClosed: (d) => `recommendation ${d.recommendationId} closed`,
  RecommendationWithdrawn: (d) => `recommendation ${d.recommendationId} withdrawn`,
  RecommendationReopened: (d) => `recommendation ${d.recommendationId} reopened`,
  ActionPlanned: (d) =>
    `action ${d.actionId} planned, led by ${d.lead}, due ${d.dueOn}: ${d.title}`,
  ActionProgressRecorded: (d) => `action ${d.actionId} at ${d.percentComplete}%`,
  ActionLeadReassigned: (d) => `action ${d.actionId} now led by ${d.lead}`,
  ActionDueDateRevised: (d) => `action ${d.actionId} now due ${d.dueOn}`,
  ActionCompleted: (d) => `action ${d.actionId} completed`,
  ActionReopened: (d) => `action ${d.actionId} reopened`,
  ActionCancelled: (d) => `action ${d.actionId} cancelled`,
  RiskIdentified: (d) =>
    `risk ${d.riskId} identified: ${d.title} (inherent ${lxi(d.inherent.likelihood, d.inherent.impact)})`,
  RiskRescored: (d) => `risk ${d.riskId} rescored ${lxi(d.likelihood, d.impact)}`,
  RiskReviewed: (d) => `risk ${d.riskId} reviewed, unchanged at ${lxi(d.likelihood, d.impact)}`,
  RiskTargetSet: (d) => `risk ${d.riskId} target set to ${lxi(d.likelihood, d.impact)}`,
  RiskOwnerReassigned: (d) => `risk ${d.riskId} now owned by ${d.owner}`,
  RiskControlAdded: (d) => `control ${d.controlId} added to risk ${d.riskId}`,
  RiskEscalated: (d) => `risk ${d.riskId} escalated to ${d.to}`,
  RiskDeescalated: (d) => `risk ${d.riskId} de-escalated`,
  RiskClosed: (d) => `risk ${d.riskId} closed`,
  RiskReopened: (d) => `risk ${d.riskId} reopened`,
  StatutoryRecommendationSent: (d) =>
    `recommendation ${d.recommendationId} sent to the authority on ${d.sentOn} and to the Secretary of State on ${d.secretaryOfStateOn}`,
  StatutoryNoticePublished: (d) =>
    `notice of the decision on ${d.recommendationId} published on ${d.publishedOn}, approved by ${d.approvedBy}`,
  AuditorNotified: (d) =>
    `auditor ${d.auditor} notified of the decision on ${d.recommendationId} on ${d.notifiedOn}`,
  StocktakeRecorded: (d) =>
    `stocktake ${d.stocktakeId} (${d.assessor}, ${d.periodStart} to ${d.periodEnd}) rated ${d.rating}`,
  BodyOutputIssued: (d) =>
    `${d.kind} ${d.outputId} from ${d.from} to ${d.to} issued on ${d.issuedOn}: ${d.title}`,
  StandingObserverAdded: (d) => `${d.observer} observes ${d.bodyId} from ${d.fromDay} (${d.role})`,
  RecommendationsHandedOver: (d) =>
    `${d.recommendationIds.length} open recommendation(s) handed over from ${d.fromBodyId} to ${d.toBodyId} on ${d.handedOverOn}`,
  MitigatingActionLinked: (d) => `action ${d.actionId} mitigates risk ${d.riskId}`,
  LedgerSealed: (d) => `ledger sealed at tree size ${d.treeSize}`,
};

const summaryOf = <K extends EventType>(type: K, data: EventData<K>): string =>
  SUMMARIES[type](data);

/**
 * A one-line human summary of a decoded event, for the audit trail and the
 * changes-since-last-meeting list.
 *
 * @example
 * summarize({ type: 'RiskClosed', data: { riskId: 'equal-pay', reason: 'settled' } });
 * // 'risk equal-pay closed'
 */
export function summarize(e: ProjectionEvent): string {
  return summaryOf(e.type, e.data);
}

/** The "why" of an event: its reason, rationale, note or notes; null when it has none. */
export function reasonOf(e: ProjectionEvent): string | null {
  const d: Readonly<Record<string, unknown>> = e.data;
  for (const key of ['reason', 'rationale', 'notes', 'note', 'response']) {
    const v = d[key];
    if (typeof v === 'string') return v;
  }
  return null;
}

/** The evidence an event carries (empty when none). */
export function evidenceOf(e: ProjectionEvent): readonly Evidence[] {
  return e.type === 'ImplementationClaimed' || e.type === 'ActionCompleted' ? e.data.evidence : [];
}
