import type { ProjectionEvent } from '../events';
import type { HeadView } from '../view/view';
import { day, entityHandlers, entityView } from './entity-handlers';
import { ProgrammeFacts, type AreaFacts, type BodyFacts } from './facts';

/** Programmes by id: phase, priority areas, oversight bodies and their meetings. */
export type ProgrammesState = Map<string, ProgrammeFacts>;

const findArea = (p: ProgrammeFacts, id: string): AreaFacts | undefined =>
  p.areas.find((a) => a.id === id);
const findBody = (p: ProgrammeFacts, id: string): BodyFacts | undefined =>
  p.bodies.find((b) => b.id === id);

const programme = entityHandlers<ProgrammeFacts, 'programmeId'>('programmeId');

/** A handler of an event about one body of a programme (nothing when either is not there). */
const onBody = <D extends { readonly programmeId: string; readonly bodyId: string }>(
  update: (body: BodyFacts, data: D) => void,
) =>
  programme.update<D>((prog, d) => {
    const body = findBody(prog, d.bodyId);
    if (body !== undefined) update(body, d);
  });

/**
 * Programmes, their priority areas (definition order), bodies and meetings, progress
 * report count, and the latest rating of each LGA criterion.
 */
export const programmesView: HeadView<ProgrammesState, ProjectionEvent> = entityView(
  // Version 2: phases, standing observers, stocktakes and every judgement, outputs, handovers.
  { name: 'programmes', version: 2, facts: ProgrammeFacts },
  {
    ProgrammeEstablished: programme.create(({ programmeId, title, body, phase }, p) => ({
      id: programmeId,
      title,
      body,
      phase,
      establishedOn: day(p),
      areas: [],
      bodies: [],
      progressReports: 0,
      assessments: [],
      phases: [{ phase, startsOn: null, exitCriteria: null, changedOn: day(p) }],
      stocktakes: [],
      judgements: [],
      outputs: [],
      handovers: [],
    })),
    ProgrammePhaseChanged: programme.update((prog, d, p) => {
      prog.phase = d.phase;
      prog.phases.push({
        phase: d.phase,
        startsOn: d.startsOn ?? null,
        exitCriteria: d.exitCriteria ?? null,
        changedOn: day(p),
      });
    }),
    PriorityAreaDefined: programme.update((prog, d, p) => {
      if (findArea(prog, d.areaId) === undefined)
        prog.areas.push({ id: d.areaId, title: d.title, retired: false, definedOn: day(p) });
    }),
    PriorityAreaRetired: programme.update((prog, d) => {
      const area = findArea(prog, d.areaId);
      if (area !== undefined) area.retired = true;
    }),
    OversightBodyConstituted: programme.update((prog, d) => {
      if (findBody(prog, d.bodyId) === undefined)
        prog.bodies.push({
          id: d.bodyId,
          kind: d.kind,
          name: d.name,
          dissolved: false,
          meetings: [],
          observers: [],
        });
    }),
    OversightBodyDissolved: onBody((body) => {
      body.dissolved = true;
    }),
    MeetingRecorded: programme.update((prog, d, p) => {
      findBody(prog, d.bodyId)?.meetings.push({
        meetingId: d.meetingId,
        heldOn: d.heldOn,
        position: p.envelope.position,
      });
    }),
    ProgressReportSubmitted: programme.update((prog) => {
      prog.progressReports++;
    }),
    CriterionAssessed: programme.update((prog, d, p) => {
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
    }),
    StocktakeRecorded: programme.update((prog, d) => {
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
    }),
    BodyOutputIssued: programme.update((prog, d) => {
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
    }),
    StandingObserverAdded: onBody((body, d) => {
      body.observers.push({ observer: d.observer, role: d.role, fromDay: d.fromDay });
    }),
    RecommendationsHandedOver: programme.update((prog, d) => {
      prog.handovers.push({
        fromBodyId: d.fromBodyId,
        toBodyId: d.toBodyId,
        recommendationIds: [...d.recommendationIds],
        handedOverOn: d.handedOverOn,
      });
    }),
  },
);
