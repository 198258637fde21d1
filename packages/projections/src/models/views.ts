import type { ProjectionEvent } from '../events';
import { handlerView } from '../view/handlers';
import type { View } from '../view/view';
import { day, entityHandler } from './entity-handlers';
import { ActionFacts, AdviserFacts, RecommendationFacts, RiskFacts } from './facts';
import { mapOf } from './map-codec';

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

const onRec = entityHandler<RecommendationFacts, 'recommendationId'>('recommendationId');
const onAction = entityHandler<ActionFacts, 'actionId'>('actionId');
const onRisk = entityHandler<RiskFacts, 'riskId'>('riskId');
const onAdviser = entityHandler<AdviserFacts, 'adviserId'>('adviserId');

const setRecStatus = (status: RecommendationFacts['status']) =>
  onRec((r) => {
    r.status = status;
  });

/** Recommendations: status, due dates (original kept), owner, response, evidence. */
export const recommendationsView: View<RecommendationsState, ProjectionEvent> =
  handlerView<RecommendationsState>(
    {
      name: 'recommendations',
      // 2: the Schedule 7 days (sent, considered, notice published, auditor notified).
      version: 2,
      initial: () => new Map(),
      codec: mapOf(RecommendationFacts),
    },
    {
      RecommendationRaised: (s, d, p) => {
        if (!s.has(d.recommendationId))
          s.set(d.recommendationId, {
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
          });
      },
      ConsiderationPeriodExtended: onRec((r, d) => {
        r.considerationUntilOn = d.untilOn;
      }),
      RecommendationResponded: onRec((r, d) => {
        r.status = d.decision === 'rejected' ? 'rejected' : 'agreed';
        r.respondedLate = d.late;
        r.consideredOn = d.consideredOn ?? null;
      }),
      StatutoryRecommendationSent: onRec((r, d) => {
        r.sentOn = d.sentOn;
        r.secretaryOfStateOn = d.secretaryOfStateOn;
      }),
      StatutoryNoticePublished: onRec((r, d) => {
        r.noticePublishedOn = d.publishedOn;
      }),
      AuditorNotified: onRec((r, d) => {
        r.auditorNotifiedOn = d.notifiedOn;
      }),
      RecommendationOwnerAssigned: onRec((r, d) => {
        r.owner = d.owner;
      }),
      RecommendationExtensionRequested: onRec((r) => {
        r.extensionRequested = true;
      }),
      RecommendationExtensionDeclined: onRec((r) => {
        r.extensionRequested = false;
      }),
      RecommendationDueDateRevised: onRec((r, d) => {
        r.dueOn = d.dueOn;
        r.revisions++;
        r.extensionRequested = false;
      }),
      ImplementationClaimed: onRec((r, d) => {
        r.status = 'implementation-claimed';
        r.evidenceCount += d.evidence.length;
      }),
      ImplementationVerified: setRecStatus('verified'),
      ImplementationNotVerified: setRecStatus('agreed'),
      RecommendationClosed: setRecStatus('closed'),
      RecommendationWithdrawn: setRecStatus('withdrawn'),
      RecommendationReopened: setRecStatus('agreed'),
    },
  );

/** Actions: lead, due dates (original kept), progress, status, linked recommendations. */
export const actionsView: View<ActionsState, ProjectionEvent> = handlerView<ActionsState>(
  { name: 'actions', version: 1, initial: () => new Map(), codec: mapOf(ActionFacts) },
  {
    ActionPlanned: (s, d) => {
      if (!s.has(d.actionId))
        s.set(d.actionId, {
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
        });
    },
    ActionProgressRecorded: onAction((a, d) => {
      a.percentComplete = d.percentComplete;
    }),
    ActionLeadReassigned: onAction((a, d) => {
      a.lead = d.lead;
    }),
    ActionDueDateRevised: onAction((a, d) => {
      a.dueOn = d.dueOn;
      a.revisions++;
    }),
    ActionCompleted: onAction((a, d) => {
      a.status = 'completed';
      a.evidenceCount += d.evidence.length;
    }),
    ActionReopened: onAction((a) => {
      a.status = 'reopened';
    }),
    ActionCancelled: onAction((a) => {
      a.status = 'cancelled';
    }),
  },
);

/** Risks: inherent, current (and the score before the last rescore), target, review, escalation. */
export const risksView: View<RisksState, ProjectionEvent> = handlerView<RisksState>(
  { name: 'risks', version: 1, initial: () => new Map(), codec: mapOf(RiskFacts) },
  {
    RiskIdentified: (s, d) => {
      if (!s.has(d.riskId))
        s.set(d.riskId, {
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
        });
    },
    RiskRescored: onRisk((r, d) => {
      // The score pairs are the state's own objects (made by RiskIdentified or read from a
      // snapshot), so they are updated in place: a rescore allocates nothing, and the pair
      // stays next to its risk in memory (a rebuild reaches risks at random).
      const current = r.current;
      r.previousScore = current.likelihood * current.impact;
      current.likelihood = d.likelihood;
      current.impact = d.impact;
      if (d.nextReviewOn !== undefined) r.nextReviewOn = d.nextReviewOn;
    }),
    RiskReviewed: onRisk((r, d) => {
      if (d.nextReviewOn !== undefined) r.nextReviewOn = d.nextReviewOn;
    }),
    RiskTargetSet: onRisk((r, d) => {
      r.target.likelihood = d.likelihood;
      r.target.impact = d.impact;
    }),
    RiskOwnerReassigned: onRisk((r, d) => {
      r.owner = d.owner;
    }),
    RiskControlAdded: onRisk((r) => {
      r.controls++;
    }),
    RiskEscalated: onRisk((r, d) => {
      r.escalatedTo = d.to;
    }),
    RiskDeescalated: onRisk((r) => {
      r.escalatedTo = null;
    }),
    RiskClosed: onRisk((r) => {
      r.status = 'closed';
    }),
    RiskReopened: onRisk((r) => {
      r.status = 'open';
    }),
  },
);

/** Advisers: name, areas, term, status, reports. */
export const advisersView: View<AdvisersState, ProjectionEvent> = handlerView<AdvisersState>(
  { name: 'advisers', version: 1, initial: () => new Map(), codec: mapOf(AdviserFacts) },
  {
    AdviserAppointed: (s, d, p) => {
      if (!s.has(d.adviserId))
        s.set(d.adviserId, {
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
        });
    },
    AdviserReassigned: onAdviser((a, d) => {
      a.areaIds = [...d.areaIds];
    }),
    AdviserReportSubmitted: onAdviser((a, _, p) => {
      a.reports++;
      const on = day(p);
      if (a.lastReportOn === null || on > a.lastReportOn) a.lastReportOn = on;
    }),
    AdviserStoodDown: onAdviser((a, _, p) => {
      a.status = 'stood-down';
      a.stoodDownOn = day(p);
    }),
  },
);
