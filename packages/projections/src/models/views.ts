import type { ProjectionEvent } from '../events';
import { handlerView } from '../view/handlers';
import type { Projected, View } from '../view/view';
import {
  ActionFacts,
  AdviserFacts,
  ProgrammeFacts,
  RecommendationFacts,
  RiskFacts,
  type AreaFacts,
  type BodyFacts,
} from './facts';
import { mapOf } from './map-codec';

/**
 * The entity views: each folds the facts of one kind of aggregate, keyed by id, in the
 * order entities first appear. They are total: an event about an entity that is not
 * there (left out by an as-at window, for example) changes nothing.
 */

const day = (p: Projected<ProjectionEvent>): string => p.envelope.meta.occurredAt.slice(0, 10);

/** Programmes by id: phase, priority areas, oversight bodies and their meetings. */
export type ProgrammesState = Map<string, ProgrammeFacts>;
/** Recommendations by id. */
export type RecommendationsState = Map<string, RecommendationFacts>;
/** Actions by id. */
export type ActionsState = Map<string, ActionFacts>;
/** Risks by id. */
export type RisksState = Map<string, RiskFacts>;
/** Advisers by id. */
export type AdvisersState = Map<string, AdviserFacts>;

const findArea = (p: ProgrammeFacts | undefined, id: string): AreaFacts | undefined =>
  p?.areas.find((a) => a.id === id);
const findBody = (p: ProgrammeFacts | undefined, id: string): BodyFacts | undefined =>
  p?.bodies.find((b) => b.id === id);

/**
 * Programmes, their priority areas (definition order), bodies and meetings, progress
 * report count, and the latest rating of each LGA criterion.
 */
export const programmesView: View<ProgrammesState, ProjectionEvent> = handlerView<ProgrammesState>(
  {
    name: 'programmes',
    // 2: phases, standing observers, stocktakes and every judgement, outputs, handovers.
    version: 2,
    initial: () => new Map(),
    codec: mapOf(ProgrammeFacts),
  },
  {
    ProgrammeEstablished: (s, d, p) => {
      if (!s.has(d.programmeId))
        s.set(d.programmeId, {
          id: d.programmeId,
          title: d.title,
          body: d.body,
          phase: d.phase,
          establishedOn: day(p),
          areas: [],
          bodies: [],
          progressReports: 0,
          assessments: [],
          phases: [{ phase: d.phase, startsOn: null, exitCriteria: null, changedOn: day(p) }],
          stocktakes: [],
          judgements: [],
          outputs: [],
          handovers: [],
        });
    },
    ProgrammePhaseChanged: (s, d, p) => {
      const prog = s.get(d.programmeId);
      if (prog === undefined) return;
      prog.phase = d.phase;
      prog.phases.push({
        phase: d.phase,
        startsOn: d.startsOn ?? null,
        exitCriteria: d.exitCriteria ?? null,
        changedOn: day(p),
      });
    },
    PriorityAreaDefined: (s, d, p) => {
      const prog = s.get(d.programmeId);
      if (prog !== undefined && findArea(prog, d.areaId) === undefined)
        prog.areas.push({ id: d.areaId, title: d.title, retired: false, definedOn: day(p) });
    },
    PriorityAreaRetired: (s, d) => {
      const area = findArea(s.get(d.programmeId), d.areaId);
      if (area !== undefined) area.retired = true;
    },
    OversightBodyConstituted: (s, d) => {
      const prog = s.get(d.programmeId);
      if (prog !== undefined && findBody(prog, d.bodyId) === undefined)
        prog.bodies.push({
          id: d.bodyId,
          kind: d.kind,
          name: d.name,
          dissolved: false,
          meetings: [],
          observers: [],
        });
    },
    OversightBodyDissolved: (s, d) => {
      const body = findBody(s.get(d.programmeId), d.bodyId);
      if (body !== undefined) body.dissolved = true;
    },
    MeetingRecorded: (s, d, p) => {
      const body = findBody(s.get(d.programmeId), d.bodyId);
      if (body !== undefined)
        body.meetings.push({
          meetingId: d.meetingId,
          heldOn: d.heldOn,
          position: p.envelope.position,
        });
    },
    ProgressReportSubmitted: (s, d) => {
      const prog = s.get(d.programmeId);
      if (prog !== undefined) prog.progressReports++;
    },
    CriterionAssessed: (s, d, p) => {
      const prog = s.get(d.programmeId);
      if (prog === undefined) return;
      const assessment = {
        stocktakeId: d.stocktakeId,
        criterion: d.criterion,
        rating: d.rating,
        assessedOn: day(p),
      };
      prog.judgements.push({ ...assessment, narrative: d.narrative });
      const i = prog.assessments.findIndex((a) => a.criterion === d.criterion);
      if (i < 0) prog.assessments.push(assessment);
      else if ((prog.assessments[i]?.assessedOn ?? '') <= assessment.assessedOn)
        prog.assessments[i] = assessment;
    },
    StocktakeRecorded: (s, d) => {
      const prog = s.get(d.programmeId);
      if (prog !== undefined)
        prog.stocktakes.push({
          stocktakeId: d.stocktakeId,
          heldOn: d.heldOn,
          periodStart: d.periodStart,
          periodEnd: d.periodEnd,
          assessor: d.assessor,
          bodyId: d.bodyId ?? null,
          criteriaSet: d.criteriaSet,
          findings: d.findings,
          rating: d.rating,
        });
    },
    BodyOutputIssued: (s, d) => {
      const prog = s.get(d.programmeId);
      if (prog !== undefined)
        prog.outputs.push({
          outputId: d.outputId,
          from: d.from,
          to: d.to,
          kind: d.kind,
          issuedOn: d.issuedOn,
          title: d.title,
          summary: d.summary,
          uri: d.uri ?? null,
        });
    },
    StandingObserverAdded: (s, d) => {
      const body = findBody(s.get(d.programmeId), d.bodyId);
      if (body !== undefined)
        body.observers.push({ observer: d.observer, role: d.role, fromDay: d.fromDay });
    },
    RecommendationsHandedOver: (s, d) => {
      const prog = s.get(d.programmeId);
      if (prog !== undefined)
        prog.handovers.push({
          fromBodyId: d.fromBodyId,
          toBodyId: d.toBodyId,
          recommendationIds: [...d.recommendationIds],
          handedOverOn: d.handedOverOn,
        });
    },
  },
);

const setRecStatus =
  (status: RecommendationFacts['status']) =>
  (s: RecommendationsState, d: { readonly recommendationId: string }): void => {
    const r = s.get(d.recommendationId);
    if (r !== undefined) r.status = status;
  };

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
      ConsiderationPeriodExtended: (s, d) => {
        const r = s.get(d.recommendationId);
        if (r !== undefined) r.considerationUntilOn = d.untilOn;
      },
      RecommendationResponded: (s, d) => {
        const r = s.get(d.recommendationId);
        if (r === undefined) return;
        r.status = d.decision === 'rejected' ? 'rejected' : 'agreed';
        r.respondedLate = d.late;
        r.consideredOn = d.consideredOn ?? null;
      },
      StatutoryRecommendationSent: (s, d) => {
        const r = s.get(d.recommendationId);
        if (r === undefined) return;
        r.sentOn = d.sentOn;
        r.secretaryOfStateOn = d.secretaryOfStateOn;
      },
      StatutoryNoticePublished: (s, d) => {
        const r = s.get(d.recommendationId);
        if (r !== undefined) r.noticePublishedOn = d.publishedOn;
      },
      AuditorNotified: (s, d) => {
        const r = s.get(d.recommendationId);
        if (r !== undefined) r.auditorNotifiedOn = d.notifiedOn;
      },
      RecommendationOwnerAssigned: (s, d) => {
        const r = s.get(d.recommendationId);
        if (r !== undefined) r.owner = d.owner;
      },
      RecommendationExtensionRequested: (s, d) => {
        const r = s.get(d.recommendationId);
        if (r !== undefined) r.extensionRequested = true;
      },
      RecommendationExtensionDeclined: (s, d) => {
        const r = s.get(d.recommendationId);
        if (r !== undefined) r.extensionRequested = false;
      },
      RecommendationDueDateRevised: (s, d) => {
        const r = s.get(d.recommendationId);
        if (r === undefined) return;
        r.dueOn = d.dueOn;
        r.revisions++;
        r.extensionRequested = false;
      },
      ImplementationClaimed: (s, d) => {
        const r = s.get(d.recommendationId);
        if (r === undefined) return;
        r.status = 'implementation-claimed';
        r.evidenceCount += d.evidence.length;
      },
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
    ActionProgressRecorded: (s, d) => {
      const a = s.get(d.actionId);
      if (a !== undefined) a.percentComplete = d.percentComplete;
    },
    ActionLeadReassigned: (s, d) => {
      const a = s.get(d.actionId);
      if (a !== undefined) a.lead = d.lead;
    },
    ActionDueDateRevised: (s, d) => {
      const a = s.get(d.actionId);
      if (a === undefined) return;
      a.dueOn = d.dueOn;
      a.revisions++;
    },
    ActionCompleted: (s, d) => {
      const a = s.get(d.actionId);
      if (a === undefined) return;
      a.status = 'completed';
      a.evidenceCount += d.evidence.length;
    },
    ActionReopened: (s, d) => {
      const a = s.get(d.actionId);
      if (a !== undefined) a.status = 'reopened';
    },
    ActionCancelled: (s, d) => {
      const a = s.get(d.actionId);
      if (a !== undefined) a.status = 'cancelled';
    },
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
    RiskRescored: (s, d) => {
      const r = s.get(d.riskId);
      if (r === undefined) return;
      // The score pairs are the state's own objects (made by RiskIdentified or read from a
      // snapshot), so they are updated in place: a rescore allocates nothing, and the pair
      // stays next to its risk in memory (a rebuild reaches risks at random).
      const current = r.current;
      r.previousScore = current.likelihood * current.impact;
      current.likelihood = d.likelihood;
      current.impact = d.impact;
      if (d.nextReviewOn !== undefined) r.nextReviewOn = d.nextReviewOn;
    },
    RiskReviewed: (s, d) => {
      const r = s.get(d.riskId);
      if (r !== undefined && d.nextReviewOn !== undefined) r.nextReviewOn = d.nextReviewOn;
    },
    RiskTargetSet: (s, d) => {
      const r = s.get(d.riskId);
      if (r === undefined) return;
      r.target.likelihood = d.likelihood;
      r.target.impact = d.impact;
    },
    RiskOwnerReassigned: (s, d) => {
      const r = s.get(d.riskId);
      if (r !== undefined) r.owner = d.owner;
    },
    RiskControlAdded: (s, d) => {
      const r = s.get(d.riskId);
      if (r !== undefined) r.controls++;
    },
    RiskEscalated: (s, d) => {
      const r = s.get(d.riskId);
      if (r !== undefined) r.escalatedTo = d.to;
    },
    RiskDeescalated: (s, d) => {
      const r = s.get(d.riskId);
      if (r !== undefined) r.escalatedTo = null;
    },
    RiskClosed: (s, d) => {
      const r = s.get(d.riskId);
      if (r !== undefined) r.status = 'closed';
    },
    RiskReopened: (s, d) => {
      const r = s.get(d.riskId);
      if (r !== undefined) r.status = 'open';
    },
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
    AdviserReassigned: (s, d) => {
      const a = s.get(d.adviserId);
      if (a !== undefined) a.areaIds = [...d.areaIds];
    },
    AdviserReportSubmitted: (s, d, p) => {
      const a = s.get(d.adviserId);
      if (a === undefined) return;
      a.reports++;
      const on = day(p);
      if (a.lastReportOn === null || on > a.lastReportOn) a.lastReportOn = on;
    },
    AdviserStoodDown: (s, d, p) => {
      const a = s.get(d.adviserId);
      if (a === undefined) return;
      a.status = 'stood-down';
      a.stoodDownOn = day(p);
    },
  },
);
