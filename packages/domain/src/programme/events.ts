// The events of the Programme aggregate: each carries its command's fields (target id
// included) plus the extras listed in DOMAIN.md; additions are marked "addition".
import { named, strict } from '../codec/strict';
import { CalendarDate, Id, IdList, ShortText, Text, Uri } from '../codec/primitives';
import {
  Assessor,
  BodyKind,
  CriteriaSetRef,
  OutputKind,
  Rating,
  ReportRecipient,
} from '../codec/vocabulary';

/** The data codec of every Programme event, by event type (in DOMAIN.md order). */
export const programmeEvents = named({
  /** A programme was established. */
  ProgrammeEstablished: strict({ programmeId: Id, title: Text, body: ShortText, phase: ShortText }),
  /**
   * The programme moved to another phase (`previousPhase` is the one it left). Additions
   * (optional, so earlier events stay as they are): `startsOn`, the day the phase starts (the
   * previous one ends the day before), and `exitCriteria`, what must hold to leave it.
   */
  ProgrammePhaseChanged: strict(
    { programmeId: Id, phase: ShortText, reason: Text, previousPhase: ShortText },
    { startsOn: CalendarDate, exitCriteria: Text },
  ),
  /** A priority area was defined. */
  PriorityAreaDefined: strict({ programmeId: Id, areaId: Id, title: Text }, { description: Text }),
  /** A priority area was retired. */
  PriorityAreaRetired: strict({ programmeId: Id, areaId: Id, reason: Text }),
  /** An oversight or decision body was constituted. */
  OversightBodyConstituted: strict({
    programmeId: Id,
    bodyId: Id,
    kind: BodyKind,
    name: ShortText,
  }),
  /** A body was dissolved. */
  OversightBodyDissolved: strict({ programmeId: Id, bodyId: Id, reason: Text }),
  /** A body held a meeting. */
  MeetingRecorded: strict(
    {
      programmeId: Id,
      bodyId: Id,
      meetingId: Id,
      heldOn: CalendarDate,
      attendees: IdList,
      observers: IdList,
    },
    { minutesUri: Uri },
  ),
  /** A progress report was submitted. */
  ProgressReportSubmitted: strict(
    { programmeId: Id, reportId: Id, to: ReportRecipient, periodEnd: CalendarDate },
    { uri: Uri },
  ),
  /** A stocktake rated one LGA criterion. */
  CriterionAssessed: strict({
    programmeId: Id,
    stocktakeId: Id,
    criterion: Id,
    rating: Rating,
    narrative: Text,
  }),
  /**
   * A stocktake was held: the period it covers, who assessed (the council's self-assessment,
   * the panel, a peer team), the body that made it when it was one, the criteria set it
   * judged against, its findings and the overall rating it gave. Its judgements per
   * criterion are `CriterionAssessed` events naming the same `stocktakeId`.
   */
  StocktakeRecorded: strict(
    {
      programmeId: Id,
      stocktakeId: Id,
      heldOn: CalendarDate,
      periodStart: CalendarDate,
      periodEnd: CalendarDate,
      assessor: Assessor,
      criteriaSet: CriteriaSetRef,
      findings: Text,
      rating: Rating,
    },
    { bodyId: Id, uri: Uri },
  ),
  /**
   * A body issued a letter or a report: `from` the body, `to` its recipient (the Secretary of
   * State, the panel, the cabinet, the audit committee), in its own words (`summary`).
   */
  BodyOutputIssued: strict(
    {
      programmeId: Id,
      outputId: Id,
      from: Id,
      to: ReportRecipient,
      kind: OutputKind,
      issuedOn: CalendarDate,
      title: Text,
      summary: Text,
    },
    { uri: Uri },
  ),
  /**
   * Someone observes a body's meetings as of right from a day (the external auditor at the
   * Strategic Programme Board, for example), in the role given.
   */
  StandingObserverAdded: strict({
    programmeId: Id,
    bodyId: Id,
    observer: Id,
    role: ShortText,
    fromDay: CalendarDate,
  }),
  /**
   * A dissolving (or dissolved) body handed its open recommendations over to its successor:
   * from then on the successor stands in its place (agreeing a new due date, verifying,
   * reopening).
   */
  RecommendationsHandedOver: strict(
    {
      programmeId: Id,
      fromBodyId: Id,
      toBodyId: Id,
      recommendationIds: IdList,
      handedOverOn: CalendarDate,
    },
    { note: Text },
  ),
});
