import * as t from 'io-ts';

/**
 * The facts the read-model views fold, as io-ts codecs (a codec and its type share one
 * name). States hold facts only; anything that depends on the as-at day (overdue, review
 * due, late, RAG) is derived by the queries.
 */

const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);

/** A likelihood x impact pair. */
export const ScorePair = t.type({ likelihood: t.number, impact: t.number }, 'ScorePair');
export type ScorePair = t.TypeOf<typeof ScorePair>;

/** A priority area of a programme. */
export const AreaFacts = t.type(
  { id: t.string, title: t.string, retired: t.boolean, definedOn: t.string },
  'AreaFacts',
);
export type AreaFacts = t.TypeOf<typeof AreaFacts>;

/** A meeting of an oversight body. */
export const MeetingFacts = t.type(
  { meetingId: t.string, heldOn: t.string, position: t.string },
  'MeetingFacts',
);
export type MeetingFacts = t.TypeOf<typeof MeetingFacts>;

/** A standing observer of a body's meetings. */
export const ObserverFacts = t.type(
  { observer: t.string, role: t.string, fromDay: t.string },
  'ObserverFacts',
);
export type ObserverFacts = t.TypeOf<typeof ObserverFacts>;

/** An oversight body, its meetings and standing observers. */
export const BodyFacts = t.type(
  {
    id: t.string,
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
export const AssessmentFacts = t.type(
  { stocktakeId: t.string, criterion: t.string, rating: t.string, assessedOn: t.string },
  'AssessmentFacts',
);
export type AssessmentFacts = t.TypeOf<typeof AssessmentFacts>;

/** One judgement of a criterion in a stocktake, with its narrative (all kept). */
export const JudgementFacts = t.type(
  {
    stocktakeId: t.string,
    criterion: t.string,
    rating: t.string,
    narrative: t.string,
    assessedOn: t.string,
  },
  'JudgementFacts',
);
export type JudgementFacts = t.TypeOf<typeof JudgementFacts>;

/** A stocktake recorded as such: period, assessor, findings, overall rating. */
export const StocktakeFacts = t.type(
  {
    stocktakeId: t.string,
    heldOn: t.string,
    periodStart: t.string,
    periodEnd: t.string,
    assessor: t.string,
    bodyId: nullable(t.string),
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
    outputId: t.string,
    from: t.string,
    to: t.string,
    kind: t.string,
    issuedOn: t.string,
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
    startsOn: nullable(t.string),
    exitCriteria: nullable(t.string),
    changedOn: t.string,
  },
  'PhaseFacts',
);
export type PhaseFacts = t.TypeOf<typeof PhaseFacts>;

/** A handover of a body's open recommendations to its successor. */
export const HandoverFacts = t.type(
  {
    fromBodyId: t.string,
    toBodyId: t.string,
    recommendationIds: t.array(t.string),
    handedOverOn: t.string,
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
    id: t.string,
    title: t.string,
    body: t.string,
    phase: t.string,
    establishedOn: t.string,
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

/** A recommendation's lifecycle status (DOMAIN.md). */
export const RecommendationStatus = t.keyof(
  {
    raised: null,
    agreed: null,
    rejected: null,
    'implementation-claimed': null,
    verified: null,
    closed: null,
    withdrawn: null,
  },
  'RecommendationStatus',
);
export type RecommendationStatus = t.TypeOf<typeof RecommendationStatus>;

/** Every recommendation status, in lifecycle order (the keys of `byStatus`). */
export const RECOMMENDATION_STATUSES: readonly RecommendationStatus[] = [
  'raised',
  'agreed',
  'implementation-claimed',
  'verified',
  'closed',
  'rejected',
  'withdrawn',
];

/** A recommendation's facts. */
export const RecommendationFacts = t.type(
  {
    id: t.string,
    programmeId: t.string,
    areaId: t.string,
    source: t.string,
    classification: t.string,
    reference: nullable(t.string),
    title: t.string,
    raisedOn: t.string,
    considerationUntilOn: nullable(t.string),
    originalDueOn: t.string,
    dueOn: t.string,
    revisions: t.number,
    status: RecommendationStatus,
    owner: nullable(t.string),
    /** The `late` flag of the response, null before a response. */
    respondedLate: nullable(t.boolean),
    extensionRequested: t.boolean,
    evidenceCount: t.number,
    /** Schedule 7: the day sent to the authority, null when not recorded. */
    sentOn: nullable(t.string),
    /** Schedule 7: the day a copy was sent to the Secretary of State. */
    secretaryOfStateOn: nullable(t.string),
    /** The day of the meeting that decided, when the response recorded it. */
    consideredOn: nullable(t.string),
    /** Schedule 7: the day the notice of the decision was published. */
    noticePublishedOn: nullable(t.string),
    /** Schedule 7: the day the auditor was notified of the decision. */
    auditorNotifiedOn: nullable(t.string),
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
    id: t.string,
    programmeId: t.string,
    areaId: t.string,
    recommendationIds: t.array(t.string),
    title: t.string,
    lead: t.string,
    originalDueOn: t.string,
    dueOn: t.string,
    revisions: t.number,
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
    id: t.string,
    programmeId: t.string,
    areaId: nullable(t.string),
    title: t.string,
    category: t.string,
    owner: t.string,
    inherent: ScorePair,
    current: ScorePair,
    target: ScorePair,
    /** The score before the last rescore, null before any rescore. */
    previousScore: nullable(t.number),
    nextReviewOn: t.string,
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
    id: t.string,
    programmeId: t.string,
    name: t.string,
    areaIds: t.array(t.string),
    appointedOn: t.string,
    termEndsOn: nullable(t.string),
    status: t.keyof({ appointed: null, 'stood-down': null }),
    stoodDownOn: nullable(t.string),
    reports: t.number,
    lastReportOn: nullable(t.string),
  },
  'AdviserFacts',
);
export type AdviserFacts = t.TypeOf<typeof AdviserFacts>;

/** A state keyed by entity id. */
export const byId = <C extends t.Mixed>(c: C) => t.record(t.string, c);
