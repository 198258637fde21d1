import type { Issue } from '../script';
import { programmeId } from './cast';

/**
 * The shapes the journey repeats, each a command (or two) with the fields that never vary
 * filled in. Everything else is written out where it happens.
 */

/** An action planned under the programme (`PlanAction`). */
export interface PlannedAction {
  readonly actionId: string;
  readonly areaId: string;
  readonly recommendationIds: readonly string[];
  readonly title: string;
  readonly lead: string;
  readonly dueOn: string;
}

/** Plans an action in the programme. */
export function plan(issue: Issue, a: PlannedAction): void {
  issue('PlanAction', {
    actionId: a.actionId,
    programmeId,
    areaId: a.areaId,
    recommendationIds: a.recommendationIds,
    title: a.title,
    lead: a.lead,
    dueOn: a.dueOn,
  });
}

/** How a recommendation is accepted: the response, its owner, and the meeting if one decided it. */
export interface Acceptance {
  readonly response: string;
  readonly owner: string;
  readonly meetingId?: string;
}

/** Accepts a recommendation (at a meeting if `meetingId` is given) and assigns its owner. */
export function accept(issue: Issue, recommendationId: string, a: Acceptance): void {
  issue('RespondToRecommendation', {
    recommendationId,
    decision: 'accepted',
    response: a.response,
    ...(a.meetingId === undefined ? {} : { meetingId: a.meetingId, programmeId }),
  });
  issue('AssignRecommendationOwner', { recommendationId, owner: a.owner });
}

/** Verifies the implementation of a recommendation. */
export function verify(issue: Issue, recommendationId: string, notes: string): void {
  issue('VerifyImplementation', { recommendationId, outcome: 'verified', notes });
}

/** Closes a recommendation. */
export function close(issue: Issue, recommendationId: string, note: string): void {
  issue('CloseRecommendation', { recommendationId, note });
}

/** Who was at a meeting, and its minutes if published. */
export interface MeetingRecord {
  readonly attendees: readonly string[];
  readonly observers: readonly string[];
  readonly minutesUri?: string;
  /** The meeting's id, when it is not `<bodyId>-<heldOn>`. */
  readonly meetingId?: string;
}

/** Records a meeting of a body of the programme, held on `heldOn`. */
export function meeting(issue: Issue, bodyId: string, heldOn: string, m: MeetingRecord): void {
  issue('RecordMeeting', {
    programmeId,
    bodyId,
    meetingId: m.meetingId ?? `${bodyId}-${heldOn}`,
    heldOn,
    attendees: m.attendees,
    observers: m.observers,
    ...(m.minutesUri === undefined ? {} : { minutesUri: m.minutesUri }),
  });
}

/** One criterion of a stocktake: the LGA criterion, its rating and the narrative behind it. */
export type Assessment = readonly [criterion: string, rating: string, narrative: string];

/** Rates each criterion of a stocktake. */
export function assess(
  issue: Issue,
  stocktakeId: string,
  assessments: readonly Assessment[],
): void {
  for (const [criterion, rating, narrative] of assessments)
    issue('AssessCriterion', { programmeId, stocktakeId, criterion, rating, narrative });
}
