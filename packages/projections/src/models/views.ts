import type { ProjectionEvent } from '../events';
import type { HeadView } from '../view/view';
import { day, entityHandlers, entityView } from './entity-handlers';
import { ActionFacts, AdviserFacts, RecommendationFacts, RiskFacts } from './facts';
import type { ProgrammesState } from './programmes-view';

/**
 * The entity views: each folds the facts of one kind of aggregate, keyed by id, in the
 * order entities first appear. They are total: an event about an entity that is not
 * there (left out by an as-at window, for example) changes nothing.
 */

export { programmesView, type ProgrammesState } from './programmes-view';

/** Recommendations by id. */
export type RecommendationsState = Map<string, RecommendationFacts>;
/** Actions by id. */
export type ActionsState = Map<string, ActionFacts>;
/** Risks by id. */
export type RisksState = Map<string, RiskFacts>;
/** Advisers by id. */
export type AdvisersState = Map<string, AdviserFacts>;

/** The states of the five entity views, as the status report and the changes query read them. */
export interface EntityMaps {
  readonly programmes: ProgrammesState;
  readonly recommendations: RecommendationsState;
  readonly actions: ActionsState;
  readonly risks: RisksState;
  readonly advisers: AdvisersState;
}

const rec = entityHandlers<RecommendationFacts, 'recommendationId'>('recommendationId');
const action = entityHandlers<ActionFacts, 'actionId'>('actionId');
const risk = entityHandlers<RiskFacts, 'riskId'>('riskId');
const adviser = entityHandlers<AdviserFacts, 'adviserId'>('adviserId');

/** Recommendations: status, due dates (original kept), owner, response, evidence. */
export const recommendationsView: HeadView<RecommendationsState, ProjectionEvent> = entityView(
  {
    name: 'recommendations',
    // 2: the Schedule 7 days (sent, considered, notice published, auditor notified).
    version: 2,
    facts: RecommendationFacts,
  },
  {
    RecommendationRaised: rec.create((d, p) => ({
      id: d.recommendationId,
      programmeId: d.programmeId,
      areaId: d.areaId,
      source: d.source,
      classification: d.classification,
      reference: d.reference ?? null,
      title: d.title,
      raisedOn: day(p),
      considerationUntilOn: null,
      originalDueOn: d.dueOn,
      dueOn: d.dueOn,
      revisions: 0,
      status: 'raised',
      owner: null,
      respondedLate: null,
      extensionRequested: false,
      evidenceCount: 0,
      sentOn: null,
      secretaryOfStateOn: null,
      consideredOn: null,
      noticePublishedOn: null,
      auditorNotifiedOn: null,
    })),
    ConsiderationPeriodExtended: rec.setsFrom('considerationUntilOn', (d) => d.untilOn),
    RecommendationResponded: rec.update((r, d) => {
      r.status = d.decision === 'rejected' ? 'rejected' : 'agreed';
      r.respondedLate = d.late;
      r.consideredOn = d.consideredOn ?? null;
    }),
    StatutoryRecommendationSent: rec.update((r, d) => {
      r.sentOn = d.sentOn;
      r.secretaryOfStateOn = d.secretaryOfStateOn;
    }),
    StatutoryNoticePublished: rec.setsFrom('noticePublishedOn', (d) => d.publishedOn),
    AuditorNotified: rec.setsFrom('auditorNotifiedOn', (d) => d.notifiedOn),
    RecommendationOwnerAssigned: rec.setsFrom('owner', (d) => d.owner),
    RecommendationExtensionRequested: rec.sets('extensionRequested', true),
    RecommendationExtensionDeclined: rec.sets('extensionRequested', false),
    RecommendationDueDateRevised: rec.update((r, d) => {
      r.dueOn = d.dueOn;
      r.revisions++;
      r.extensionRequested = false;
    }),
    ImplementationClaimed: rec.update((r, d) => {
      r.status = 'implementation-claimed';
      r.evidenceCount += d.evidence.length;
    }),
    ImplementationVerified: rec.sets('status', 'verified'),
    ImplementationNotVerified: rec.sets('status', 'agreed'),
    RecommendationClosed: rec.sets('status', 'closed'),
    RecommendationWithdrawn: rec.sets('status', 'withdrawn'),
    RecommendationReopened: rec.sets('status', 'agreed'),
  },
);

/** Actions: lead, due dates (original kept), progress, status, linked recommendations. */
export const actionsView: HeadView<ActionsState, ProjectionEvent> = entityView(
  { name: 'actions', version: 1, facts: ActionFacts },
  {
    ActionPlanned: action.create((d) => ({
      id: d.actionId,
      programmeId: d.programmeId,
      areaId: d.areaId,
      recommendationIds: [...d.recommendationIds],
      title: d.title,
      lead: d.lead,
      originalDueOn: d.dueOn,
      dueOn: d.dueOn,
      revisions: 0,
      status: 'planned',
      percentComplete: 0,
      evidenceCount: 0,
    })),
    ActionProgressRecorded: action.setsFrom('percentComplete', (d) => d.percentComplete),
    ActionLeadReassigned: action.setsFrom('lead', (d) => d.lead),
    ActionDueDateRevised: action.update((a, d) => {
      a.dueOn = d.dueOn;
      a.revisions++;
    }),
    ActionCompleted: action.update((a, d) => {
      a.status = 'completed';
      a.evidenceCount += d.evidence.length;
    }),
    ActionReopened: action.sets('status', 'reopened'),
    ActionCancelled: action.sets('status', 'cancelled'),
  },
);

/** Advisers: name, areas, term, status, reports. */
export const advisersView: HeadView<AdvisersState, ProjectionEvent> = entityView(
  { name: 'advisers', version: 1, facts: AdviserFacts },
  {
    AdviserAppointed: adviser.create((d, p) => ({
      id: d.adviserId,
      programmeId: d.programmeId,
      name: d.name,
      areaIds: [...d.areaIds],
      appointedOn: day(p),
      termEndsOn: d.termEndsOn ?? null,
      status: 'appointed',
      stoodDownOn: null,
      reports: 0,
      lastReportOn: null,
    })),
    AdviserReassigned: adviser.setsFrom('areaIds', (d) => [...d.areaIds]),
    AdviserReportSubmitted: adviser.update((a, _, p) => {
      a.reports++;
      const on = day(p);
      if (a.lastReportOn === null || on > a.lastReportOn) a.lastReportOn = on;
    }),
    AdviserStoodDown: adviser.update((a, _, p) => {
      a.status = 'stood-down';
      a.stoodDownOn = day(p);
    }),
  },
);

/** Risks: inherent, current (and the score before the last rescore), target, review, escalation. */
export const risksView: HeadView<RisksState, ProjectionEvent> = entityView(
  { name: 'risks', version: 1, facts: RiskFacts },
  {
    RiskIdentified: risk.create((d) => ({
      id: d.riskId,
      programmeId: d.programmeId,
      areaId: d.areaId ?? null,
      title: d.title,
      category: d.category,
      owner: d.owner,
      inherent: { likelihood: d.inherent.likelihood, impact: d.inherent.impact },
      current: { likelihood: d.inherent.likelihood, impact: d.inherent.impact },
      target: { likelihood: d.target.likelihood, impact: d.target.impact },
      previousScore: null,
      nextReviewOn: d.nextReviewOn,
      escalatedTo: null,
      status: 'open',
      controls: 0,
    })),
    RiskRescored: risk.update((r, d) => {
      // The score pairs are the state's own objects (made by RiskIdentified or read from a
      // snapshot), so they are updated in place: a rescore allocates nothing, and the pair
      // stays next to its risk in memory (a rebuild reaches risks at random).
      const current = r.current;
      r.previousScore = current.likelihood * current.impact;
      current.likelihood = d.likelihood;
      current.impact = d.impact;
      if (d.nextReviewOn !== undefined) r.nextReviewOn = d.nextReviewOn;
    }),
    RiskReviewed: risk.update((r, d) => {
      if (d.nextReviewOn !== undefined) r.nextReviewOn = d.nextReviewOn;
    }),
    RiskTargetSet: risk.update((r, d) => {
      r.target.likelihood = d.likelihood;
      r.target.impact = d.impact;
    }),
    RiskOwnerReassigned: risk.setsFrom('owner', (d) => d.owner),
    RiskControlAdded: risk.update((r) => {
      r.controls++;
    }),
    RiskEscalated: risk.setsFrom('escalatedTo', (d) => d.to),
    RiskDeescalated: risk.sets('escalatedTo', null),
    RiskClosed: risk.sets('status', 'closed'),
    RiskReopened: risk.sets('status', 'open'),
  },
);
