import * as t from 'io-ts';

/**
 * The facts the read-model views fold, as io-ts codecs (a codec and its type share one
 * name). States hold facts only; anything that depends on the as-at day (overdue, review
 * due, late, RAG) is derived by the queries.
 */

const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);

/**
 * The kinds of string the facts hold, named as the events name them (the facts keep what
 * the events gave, without checking its form again): an entity's id, and a calendar day
 * `YYYY-MM-DD`.
 */
const Id = t.string;
const Day = t.string;

/** What places an entity in its programme: its id and the programme's. */
const inProgramme = { id: Id, programmeId: Id };

/** A due date that may be revised: the first one, the current one, how many revisions. */
const revisableDue = { originalDueOn: Day, dueOn: Day, revisions: t.number };

/** One LGA criterion rated in a stocktake. */
const criterionRated = { stocktakeId: Id, criterion: t.string, rating: t.string };

/** A likelihood x impact pair. */
export const ScorePair = t.type({ likelihood: t.number, impact: t.number }, 'ScorePair');
export type ScorePair = t.TypeOf<typeof ScorePair>;

/** A priority area of a programme. */
export const AreaFacts = t.type(
  { id: Id, title: t.string, retired: t.boolean, definedOn: Day },
  'AreaFacts',
);
export type AreaFacts = t.TypeOf<typeof AreaFacts>;

/** A meeting of an oversight body. */
export const MeetingFacts = t.type(
  { meetingId: Id, heldOn: Day, position: t.string },
  'MeetingFacts',
);
export type MeetingFacts = t.TypeOf<typeof MeetingFacts>;

/** A standing observer of a body's meetings. */
export const ObserverFacts = t.type(
  { observer: Id, role: t.string, fromDay: Day },
  'ObserverFacts',
);
export type ObserverFacts = t.TypeOf<typeof ObserverFacts>;

/** An oversight body, its meetings and standing observers. */
export const BodyFacts = t.type(
  {
    id: Id,
    kind: t.string,
    name: t.string,
    dissolved: t.boolean,
    meetings: t.array(MeetingFacts),
    observers: t.array(ObserverFacts),
  },
  'BodyFacts',
);
export type BodyFacts = t.TypeOf<typeof BodyFacts>;

/** The latest rating of one LGA criterion. */
export const AssessmentFacts = t.type({ ...criterionRated, assessedOn: Day }, 'AssessmentFacts');
export type AssessmentFacts = t.TypeOf<typeof AssessmentFacts>;

/** One judgement of a criterion in a stocktake, with its narrative (all kept). */
export const JudgementFacts = t.type(
  { ...criterionRated, narrative: t.string, assessedOn: Day },
  'JudgementFacts',
);
export type JudgementFacts = t.TypeOf<typeof JudgementFacts>;

/** A stocktake recorded as such: period, assessor, findings, overall rating. */
export const StocktakeFacts = t.type(
  {
    stocktakeId: Id,
    heldOn: Day,
    periodStart: Day,
    periodEnd: Day,
    assessor: t.string,
    bodyId: nullable(Id),
    criteriaSet: t.string,
    findings: t.string,
    rating: t.string,
  },
  'StocktakeFacts',
);
export type StocktakeFacts = t.TypeOf<typeof StocktakeFacts>;

/** A letter or report a body issued. */
export const OutputFacts = t.type(
  {
    outputId: Id,
    from: Id,
    to: t.string,
    kind: t.string,
    issuedOn: Day,
    title: t.string,
    summary: t.string,
    uri: nullable(t.string),
  },
  'OutputFacts',
);
export type OutputFacts = t.TypeOf<typeof OutputFacts>;

/** A phase of the programme: when it started (null: not recorded) and its exit criteria. */
export const PhaseFacts = t.type(
  {
    phase: t.string,
    startsOn: nullable(Day),
    exitCriteria: nullable(t.string),
    changedOn: Day,
  },
  'PhaseFacts',
);
export type PhaseFacts = t.TypeOf<typeof PhaseFacts>;

/** A handover of a body's open recommendations to its successor. */
export const HandoverFacts = t.type(
  {
    fromBodyId: Id,
    toBodyId: Id,
    recommendationIds: t.array(Id),
    handedOverOn: Day,
  },
  'HandoverFacts',
);
export type HandoverFacts = t.TypeOf<typeof HandoverFacts>;

/**
 * A programme: its phase (and the phases it went through), areas, bodies, reports, the
 * latest rating of each criterion, and its stocktakes, judgements, outputs and handovers.
 */
export const ProgrammeFacts = t.type(
  {
    id: Id,
    title: t.string,
    body: t.string,
    phase: t.string,
    establishedOn: Day,
    areas: t.array(AreaFacts),
    bodies: t.array(BodyFacts),
    progressReports: t.number,
    assessments: t.array(AssessmentFacts),
    phases: t.array(PhaseFacts),
    stocktakes: t.array(StocktakeFacts),
    judgements: t.array(JudgementFacts),
    outputs: t.array(OutputFacts),
    handovers: t.array(HandoverFacts),
  },
  'ProgrammeFacts',
);
export type ProgrammeFacts = t.TypeOf<typeof ProgrammeFacts>;

/** The recommendation statuses in lifecycle order. */
const recommendationLifecycle = [
  'raised',
  'agreed',
  'implementation-claimed',
  'verified',
  'closed',
  'rejected',
  'withdrawn',
] as const;

/** The keys of a `t.keyof` codec, from a list. */
const keysOf = <K extends string>(keys: readonly K[]): { [k in K]: null } =>
  Object.fromEntries(keys.map((k) => [k, null])) as { [k in K]: null };

/** A recommendation's lifecycle status (DOMAIN.md). */
export const RecommendationStatus = t.keyof(
  keysOf(recommendationLifecycle),
  'RecommendationStatus',
);
export type RecommendationStatus = t.TypeOf<typeof RecommendationStatus>;

/** Every recommendation status, in lifecycle order (the keys of `byStatus`). */
export const RECOMMENDATION_STATUSES: readonly RecommendationStatus[] = recommendationLifecycle;

/** A recommendation's facts. */
export const RecommendationFacts = t.type(
  {
    ...inProgramme,
    areaId: Id,
    source: t.string,
    classification: t.string,
    reference: nullable(t.string),
    title: t.string,
    raisedOn: Day,
    considerationUntilOn: nullable(Day),
    ...revisableDue,
    status: RecommendationStatus,
    owner: nullable(t.string),
    /** The `late` flag of the response, null before a response. */
    respondedLate: nullable(t.boolean),
    extensionRequested: t.boolean,
    evidenceCount: t.number,
    /** Schedule 7: the day sent to the authority, null when not recorded. */
    sentOn: nullable(Day),
    /** Schedule 7: the day a copy was sent to the Secretary of State. */
    secretaryOfStateOn: nullable(Day),
    /** The day of the meeting that decided, when the response recorded it. */
    consideredOn: nullable(Day),
    /** Schedule 7: the day the notice of the decision was published. */
    noticePublishedOn: nullable(Day),
    /** Schedule 7: the day the auditor was notified of the decision. */
    auditorNotifiedOn: nullable(Day),
  },
  'RecommendationFacts',
);
export type RecommendationFacts = t.TypeOf<typeof RecommendationFacts>;

/** An action's lifecycle status. */
export const ActionStatus = t.keyof(
  { planned: null, reopened: null, completed: null, cancelled: null },
  'ActionStatus',
);
export type ActionStatus = t.TypeOf<typeof ActionStatus>;

/** An action's facts. */
export const ActionFacts = t.type(
  {
    ...inProgramme,
    areaId: Id,
    recommendationIds: t.array(Id),
    title: t.string,
    lead: t.string,
    ...revisableDue,
    status: ActionStatus,
    /** The last recorded progress (a completed action counts as 100 in the queries). */
    percentComplete: t.number,
    evidenceCount: t.number,
  },
  'ActionFacts',
);
export type ActionFacts = t.TypeOf<typeof ActionFacts>;

/** A risk's facts. */
export const RiskFacts = t.type(
  {
    ...inProgramme,
    areaId: nullable(Id),
    title: t.string,
    category: t.string,
    owner: t.string,
    inherent: ScorePair,
    current: ScorePair,
    target: ScorePair,
    /** The score before the last rescore, null before any rescore. */
    previousScore: nullable(t.number),
    nextReviewOn: Day,
    escalatedTo: nullable(t.string),
    status: t.keyof({ open: null, closed: null }),
    controls: t.number,
  },
  'RiskFacts',
);
export type RiskFacts = t.TypeOf<typeof RiskFacts>;

/** An adviser's facts. */
export const AdviserFacts = t.type(
  {
    ...inProgramme,
    name: t.string,
    areaIds: t.array(Id),
    appointedOn: Day,
    termEndsOn: nullable(Day),
    status: t.keyof({ appointed: null, 'stood-down': null }),
    stoodDownOn: nullable(Day),
    reports: t.number,
    lastReportOn: nullable(Day),
  },
  'AdviserFacts',
);
export type AdviserFacts = t.TypeOf<typeof AdviserFacts>;

/** A state keyed by entity id. */
export const byId = <C extends t.Mixed>(c: C) => t.record(t.string, c);
