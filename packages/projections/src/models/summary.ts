import type { Evidence } from '@assure/domain';
import type { ProjectionEvent } from '../events';

const lxi = (l: number, i: number): string => `${l}x${i}=${l * i}`;

/**
 * A one-line human summary of a decoded event, for the audit trail and the
 * changes-since-last-meeting list.
 *
 * @example
 * summarize({ type: 'RiskClosed', data: { riskId: 'equal-pay', reason: 'settled' } });
 * // 'risk equal-pay closed'
 */
export function summarize(e: ProjectionEvent): string {
  switch (e.type) {
    case 'ProgrammeEstablished':
      return `programme ${e.data.programmeId} established: ${e.data.title} (phase ${e.data.phase})`;
    case 'ProgrammePhaseChanged':
      return `programme ${e.data.programmeId} moved to phase ${e.data.phase}`;
    case 'PriorityAreaDefined':
      return `priority area ${e.data.areaId} defined: ${e.data.title}`;
    case 'PriorityAreaRetired':
      return `priority area ${e.data.areaId} retired`;
    case 'OversightBodyConstituted':
      return `${e.data.kind} ${e.data.bodyId} constituted: ${e.data.name}`;
    case 'OversightBodyDissolved':
      return `body ${e.data.bodyId} dissolved`;
    case 'MeetingRecorded':
      return `meeting ${e.data.meetingId} of ${e.data.bodyId} held on ${e.data.heldOn}`;
    case 'ProgressReportSubmitted':
      return `progress report ${e.data.reportId} to ${e.data.to} (period ending ${e.data.periodEnd})`;
    case 'CriterionAssessed':
      return `stocktake ${e.data.stocktakeId}: ${e.data.criterion} rated ${e.data.rating}`;
    case 'AdviserAppointed':
      return `adviser ${e.data.name} (${e.data.adviserId}) appointed to ${e.data.areaIds.join(', ')}`;
    case 'AdviserReassigned':
      return `adviser ${e.data.adviserId} reassigned to ${e.data.areaIds.join(', ')}`;
    case 'AdviserReportSubmitted':
      return `adviser ${e.data.adviserId} submitted report ${e.data.reportId}`;
    case 'AdviserStoodDown':
      return `adviser ${e.data.adviserId} stood down`;
    case 'RecommendationRaised':
      return `${e.data.classification} recommendation ${e.data.recommendationId} raised by ${e.data.source}, due ${e.data.dueOn}: ${e.data.title}`;
    case 'ConsiderationPeriodExtended':
      return `consideration of ${e.data.recommendationId} extended to ${e.data.untilOn}`;
    case 'RecommendationResponded':
      return `recommendation ${e.data.recommendationId} ${e.data.decision}${e.data.late ? ' (late)' : ''}`;
    case 'RecommendationOwnerAssigned':
      return `recommendation ${e.data.recommendationId} owned by ${e.data.owner}`;
    case 'RecommendationExtensionRequested':
      return `extension of ${e.data.recommendationId} to ${e.data.proposedDueOn} requested`;
    case 'RecommendationExtensionDeclined':
      return `extension of ${e.data.recommendationId} declined`;
    case 'RecommendationDueDateRevised':
      return `recommendation ${e.data.recommendationId} now due ${e.data.dueOn}`;
    case 'ImplementationClaimed':
      return `implementation of ${e.data.recommendationId} claimed (${e.data.evidence.length} evidence)`;
    case 'ImplementationVerified':
      return `implementation of ${e.data.recommendationId} verified`;
    case 'ImplementationNotVerified':
      return `implementation of ${e.data.recommendationId} not verified`;
    case 'RecommendationClosed':
      return `recommendation ${e.data.recommendationId} closed`;
    case 'RecommendationWithdrawn':
      return `recommendation ${e.data.recommendationId} withdrawn`;
    case 'RecommendationReopened':
      return `recommendation ${e.data.recommendationId} reopened`;
    case 'ActionPlanned':
      return `action ${e.data.actionId} planned, led by ${e.data.lead}, due ${e.data.dueOn}: ${e.data.title}`;
    case 'ActionProgressRecorded':
      return `action ${e.data.actionId} at ${e.data.percentComplete}%`;
    case 'ActionLeadReassigned':
      return `action ${e.data.actionId} now led by ${e.data.lead}`;
    case 'ActionDueDateRevised':
      return `action ${e.data.actionId} now due ${e.data.dueOn}`;
    case 'ActionCompleted':
      return `action ${e.data.actionId} completed`;
    case 'ActionReopened':
      return `action ${e.data.actionId} reopened`;
    case 'ActionCancelled':
      return `action ${e.data.actionId} cancelled`;
    case 'RiskIdentified':
      return `risk ${e.data.riskId} identified: ${e.data.title} (inherent ${lxi(e.data.inherent.likelihood, e.data.inherent.impact)})`;
    case 'RiskRescored':
      return `risk ${e.data.riskId} rescored ${lxi(e.data.likelihood, e.data.impact)}`;
    case 'RiskReviewed':
      return `risk ${e.data.riskId} reviewed, unchanged at ${lxi(e.data.likelihood, e.data.impact)}`;
    case 'RiskTargetSet':
      return `risk ${e.data.riskId} target set to ${lxi(e.data.likelihood, e.data.impact)}`;
    case 'RiskOwnerReassigned':
      return `risk ${e.data.riskId} now owned by ${e.data.owner}`;
    case 'RiskControlAdded':
      return `control ${e.data.controlId} added to risk ${e.data.riskId}`;
    case 'RiskEscalated':
      return `risk ${e.data.riskId} escalated to ${e.data.to}`;
    case 'RiskDeescalated':
      return `risk ${e.data.riskId} de-escalated`;
    case 'RiskClosed':
      return `risk ${e.data.riskId} closed`;
    case 'RiskReopened':
      return `risk ${e.data.riskId} reopened`;
    case 'StatutoryRecommendationSent':
      return `recommendation ${e.data.recommendationId} sent to the authority on ${e.data.sentOn} and to the Secretary of State on ${e.data.secretaryOfStateOn}`;
    case 'StatutoryNoticePublished':
      return `notice of the decision on ${e.data.recommendationId} published on ${e.data.publishedOn}, approved by ${e.data.approvedBy}`;
    case 'AuditorNotified':
      return `auditor ${e.data.auditor} notified of the decision on ${e.data.recommendationId} on ${e.data.notifiedOn}`;
    case 'StocktakeRecorded':
      return `stocktake ${e.data.stocktakeId} (${e.data.assessor}, ${e.data.periodStart} to ${e.data.periodEnd}) rated ${e.data.rating}`;
    case 'BodyOutputIssued':
      return `${e.data.kind} ${e.data.outputId} from ${e.data.from} to ${e.data.to} issued on ${e.data.issuedOn}: ${e.data.title}`;
    case 'StandingObserverAdded':
      return `${e.data.observer} observes ${e.data.bodyId} from ${e.data.fromDay} (${e.data.role})`;
    case 'RecommendationsHandedOver':
      return `${e.data.recommendationIds.length} open recommendation(s) handed over from ${e.data.fromBodyId} to ${e.data.toBodyId} on ${e.data.handedOverOn}`;
    case 'MitigatingActionLinked':
      return `action ${e.data.actionId} mitigates risk ${e.data.riskId}`;
    case 'LedgerSealed':
      return `ledger sealed at tree size ${e.data.treeSize}`;
    default: {
      const unreachable: never = e;
      return String(unreachable);
    }
  }
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
