import * as t from 'io-ts';
import { strict } from './codec/strict';
import {
  CalendarDate,
  Count,
  Id,
  IdList,
  Level,
  Percent,
  Position,
  Sha256,
  ShortText,
  Text,
  Uri,
} from './codec/primitives';
import {
  Assessment,
  BodyKind,
  Classification,
  Criterion,
  EvidenceList,
  Rating,
  RecommendationSource,
  ReportRecipient,
  ResponseDecision,
} from './codec/vocabulary';
import type { Category } from './commands';

// Every event carries its command's fields (target id included) plus the extras listed in
// DOMAIN.md. Additions beyond DOMAIN.md are marked "addition" in their TSDoc.

// ---------------------------------------------------------------- Programme

/** A programme was established. */
export const ProgrammeEstablished = strict(
  { programmeId: Id, title: Text, body: ShortText, phase: ShortText },
  {},
  'ProgrammeEstablished',
);
/** A programme was established. */
export type ProgrammeEstablished = t.TypeOf<typeof ProgrammeEstablished>;

/** The programme moved to another phase (`previousPhase` is the one it left). */
export const ProgrammePhaseChanged = strict(
  { programmeId: Id, phase: ShortText, reason: Text, previousPhase: ShortText },
  {},
  'ProgrammePhaseChanged',
);
/** The programme moved to another phase. */
export type ProgrammePhaseChanged = t.TypeOf<typeof ProgrammePhaseChanged>;

/** A priority area was defined. */
export const PriorityAreaDefined = strict(
  { programmeId: Id, areaId: Id, title: Text },
  { description: Text },
  'PriorityAreaDefined',
);
/** A priority area was defined. */
export type PriorityAreaDefined = t.TypeOf<typeof PriorityAreaDefined>;

/** A priority area was retired. */
export const PriorityAreaRetired = strict(
  { programmeId: Id, areaId: Id, reason: Text },
  {},
  'PriorityAreaRetired',
);
/** A priority area was retired. */
export type PriorityAreaRetired = t.TypeOf<typeof PriorityAreaRetired>;

/** An oversight or decision body was constituted. */
export const OversightBodyConstituted = strict(
  { programmeId: Id, bodyId: Id, kind: BodyKind, name: ShortText },
  {},
  'OversightBodyConstituted',
);
/** An oversight or decision body was constituted. */
export type OversightBodyConstituted = t.TypeOf<typeof OversightBodyConstituted>;

/** A body was dissolved. */
export const OversightBodyDissolved = strict(
  { programmeId: Id, bodyId: Id, reason: Text },
  {},
  'OversightBodyDissolved',
);
/** A body was dissolved. */
export type OversightBodyDissolved = t.TypeOf<typeof OversightBodyDissolved>;

/** A body held a meeting. */
export const MeetingRecorded = strict(
  {
    programmeId: Id,
    bodyId: Id,
    meetingId: Id,
    heldOn: CalendarDate,
    attendees: IdList,
    observers: IdList,
  },
  { minutesUri: Uri },
  'MeetingRecorded',
);
/** A body held a meeting. */
export type MeetingRecorded = t.TypeOf<typeof MeetingRecorded>;

/** A progress report was submitted. */
export const ProgressReportSubmitted = strict(
  { programmeId: Id, reportId: Id, to: ReportRecipient, periodEnd: CalendarDate },
  { uri: Uri },
  'ProgressReportSubmitted',
);
/** A progress report was submitted. */
export type ProgressReportSubmitted = t.TypeOf<typeof ProgressReportSubmitted>;

/** A stocktake rated one LGA criterion. */
export const CriterionAssessed = strict(
  { programmeId: Id, stocktakeId: Id, criterion: Criterion, rating: Rating, narrative: Text },
  {},
  'CriterionAssessed',
);
/** A stocktake rated one LGA criterion. */
export type CriterionAssessed = t.TypeOf<typeof CriterionAssessed>;

// ---------------------------------------------------------------- Adviser

/** A non-executive adviser was appointed. */
export const AdviserAppointed = strict(
  { adviserId: Id, programmeId: Id, name: ShortText, areaIds: IdList },
  { termEndsOn: CalendarDate },
  'AdviserAppointed',
);
/** A non-executive adviser was appointed. */
export type AdviserAppointed = t.TypeOf<typeof AdviserAppointed>;

/** An adviser's areas changed. */
export const AdviserReassigned = strict(
  { adviserId: Id, areaIds: IdList, previousAreaIds: IdList },
  {},
  'AdviserReassigned',
);
/** An adviser's areas changed. */
export type AdviserReassigned = t.TypeOf<typeof AdviserReassigned>;

/** An adviser submitted a report. */
export const AdviserReportSubmitted = strict(
  { adviserId: Id, reportId: Id, summary: Text },
  { uri: Uri },
  'AdviserReportSubmitted',
);
/** An adviser submitted a report. */
export type AdviserReportSubmitted = t.TypeOf<typeof AdviserReportSubmitted>;

/** An adviser stood down (final). */
export const AdviserStoodDown = strict({ adviserId: Id, reason: Text }, {}, 'AdviserStoodDown');
/** An adviser stood down (final). */
export type AdviserStoodDown = t.TypeOf<typeof AdviserStoodDown>;

// ---------------------------------------------------------------- Recommendation

/**
 * A recommendation was raised. Addition: `raisedOn`, the UTC day of the command's valid
 * time, which starts the statutory consideration period (evolve sees no envelope).
 */
export const RecommendationRaised = strict(
  {
    recommendationId: Id,
    programmeId: Id,
    areaId: Id,
    source: RecommendationSource,
    classification: Classification,
    title: Text,
    dueOn: CalendarDate,
    raisedOn: CalendarDate,
  },
  { reference: ShortText, detail: Text },
  'RecommendationRaised',
);
/** A recommendation was raised. */
export type RecommendationRaised = t.TypeOf<typeof RecommendationRaised>;

/** The auditor extended the consideration period of a statutory recommendation. */
export const ConsiderationPeriodExtended = strict(
  { recommendationId: Id, untilOn: CalendarDate, reason: Text },
  {},
  'ConsiderationPeriodExtended',
);
/** The auditor extended the consideration period. */
export type ConsiderationPeriodExtended = t.TypeOf<typeof ConsiderationPeriodExtended>;

/** The council responded; `late` when a statutory response came after its consideration deadline. */
export const RecommendationResponded = strict(
  { recommendationId: Id, decision: ResponseDecision, response: Text, late: t.boolean },
  { meetingId: Id, programmeId: Id },
  'RecommendationResponded',
);
/** The council responded to a recommendation. */
export type RecommendationResponded = t.TypeOf<typeof RecommendationResponded>;

/** A recommendation got an owner. */
export const RecommendationOwnerAssigned = strict(
  { recommendationId: Id, owner: Id },
  { previousOwner: Id },
  'RecommendationOwnerAssigned',
);
/** A recommendation got an owner. */
export type RecommendationOwnerAssigned = t.TypeOf<typeof RecommendationOwnerAssigned>;

/** An extension of the due date was requested. */
export const RecommendationExtensionRequested = strict(
  { recommendationId: Id, proposedDueOn: CalendarDate, reason: Text },
  {},
  'RecommendationExtensionRequested',
);
/** An extension of the due date was requested. */
export type RecommendationExtensionRequested = t.TypeOf<typeof RecommendationExtensionRequested>;

/** A pending extension request was declined. */
export const RecommendationExtensionDeclined = strict(
  { recommendationId: Id, reason: Text },
  {},
  'RecommendationExtensionDeclined',
);
/** A pending extension request was declined. */
export type RecommendationExtensionDeclined = t.TypeOf<typeof RecommendationExtensionDeclined>;

/** The due date was revised; the original due date is carried and never changes. */
export const RecommendationDueDateRevised = strict(
  {
    recommendationId: Id,
    dueOn: CalendarDate,
    reason: Text,
    approvedBy: Id,
    previousDueOn: CalendarDate,
    originalDueOn: CalendarDate,
  },
  {},
  'RecommendationDueDateRevised',
);
/** The due date was revised. */
export type RecommendationDueDateRevised = t.TypeOf<typeof RecommendationDueDateRevised>;

/** Implementation was claimed. Addition: `claimedBy`, the claiming actor (a verifier must differ). */
export const ImplementationClaimed = strict(
  { recommendationId: Id, summary: Text, evidence: EvidenceList, claimedBy: Id },
  {},
  'ImplementationClaimed',
);
/** Implementation was claimed. */
export type ImplementationClaimed = t.TypeOf<typeof ImplementationClaimed>;

/** The claimed implementation was verified. */
export const ImplementationVerified = strict(
  { recommendationId: Id, outcome: t.literal('verified'), notes: Text },
  {},
  'ImplementationVerified',
);
/** The claimed implementation was verified. */
export type ImplementationVerified = t.TypeOf<typeof ImplementationVerified>;

/** The claimed implementation was not verified: back to agreed. */
export const ImplementationNotVerified = strict(
  { recommendationId: Id, outcome: t.literal('not-verified'), notes: Text },
  {},
  'ImplementationNotVerified',
);
/** The claimed implementation was not verified. */
export type ImplementationNotVerified = t.TypeOf<typeof ImplementationNotVerified>;

/** A verified recommendation was closed. */
export const RecommendationClosed = strict(
  { recommendationId: Id, note: Text },
  {},
  'RecommendationClosed',
);
/** A verified recommendation was closed. */
export type RecommendationClosed = t.TypeOf<typeof RecommendationClosed>;

/** A recommendation was withdrawn. */
export const RecommendationWithdrawn = strict(
  { recommendationId: Id, reason: Text, approvedBy: Id },
  {},
  'RecommendationWithdrawn',
);
/** A recommendation was withdrawn. */
export type RecommendationWithdrawn = t.TypeOf<typeof RecommendationWithdrawn>;

/** A verified or closed recommendation was reopened (back to agreed). */
export const RecommendationReopened = strict(
  { recommendationId: Id, reason: Text },
  {},
  'RecommendationReopened',
);
/** A recommendation was reopened. */
export type RecommendationReopened = t.TypeOf<typeof RecommendationReopened>;

// ---------------------------------------------------------------- Action

/** An action was planned. */
export const ActionPlanned = strict(
  {
    actionId: Id,
    programmeId: Id,
    areaId: Id,
    recommendationIds: IdList,
    title: Text,
    lead: Id,
    dueOn: CalendarDate,
  },
  {},
  'ActionPlanned',
);
/** An action was planned. */
export type ActionPlanned = t.TypeOf<typeof ActionPlanned>;

/** Progress on an action was recorded (a separate record, never overwritten). */
export const ActionProgressRecorded = strict(
  { actionId: Id, percentComplete: Percent, narrative: Text },
  {},
  'ActionProgressRecorded',
);
/** Progress on an action was recorded. */
export type ActionProgressRecorded = t.TypeOf<typeof ActionProgressRecorded>;

/** An action's lead changed. */
export const ActionLeadReassigned = strict(
  { actionId: Id, lead: Id, reason: Text, previousLead: Id },
  {},
  'ActionLeadReassigned',
);
/** An action's lead changed. */
export type ActionLeadReassigned = t.TypeOf<typeof ActionLeadReassigned>;

/** An action's due date was revised; the original due date is carried and never changes. */
export const ActionDueDateRevised = strict(
  {
    actionId: Id,
    dueOn: CalendarDate,
    reason: Text,
    approvedBy: Id,
    previousDueOn: CalendarDate,
    originalDueOn: CalendarDate,
  },
  {},
  'ActionDueDateRevised',
);
/** An action's due date was revised. */
export type ActionDueDateRevised = t.TypeOf<typeof ActionDueDateRevised>;

/** An action was completed. */
export const ActionCompleted = strict(
  { actionId: Id, evidence: EvidenceList },
  { note: Text },
  'ActionCompleted',
);
/** An action was completed. */
export type ActionCompleted = t.TypeOf<typeof ActionCompleted>;

/** A completed action was reopened. */
export const ActionReopened = strict({ actionId: Id, reason: Text }, {}, 'ActionReopened');
/** A completed action was reopened. */
export type ActionReopened = t.TypeOf<typeof ActionReopened>;

/** An action was cancelled. */
export const ActionCancelled = strict(
  { actionId: Id, reason: Text, approvedBy: Id },
  {},
  'ActionCancelled',
);
/** An action was cancelled. */
export type ActionCancelled = t.TypeOf<typeof ActionCancelled>;

// ---------------------------------------------------------------- Risk

/** A risk was identified; its current score starts at the inherent one. */
export const RiskIdentified = strict(
  {
    riskId: Id,
    programmeId: Id,
    title: Text,
    category: ShortText,
    owner: Id,
    inherent: Assessment,
    target: Assessment,
    nextReviewOn: CalendarDate,
  },
  { areaId: Id, cause: Text, event: Text, consequence: Text },
  'RiskIdentified',
);
/** A risk was identified. */
export type RiskIdentified = t.TypeOf<typeof RiskIdentified>;

/** A risk's current score changed. */
export const RiskRescored = strict(
  {
    riskId: Id,
    likelihood: Level,
    impact: Level,
    rationale: Text,
    previous: Assessment,
    current: Assessment,
  },
  { nextReviewOn: CalendarDate },
  'RiskRescored',
);
/** A risk's current score changed. */
export type RiskRescored = t.TypeOf<typeof RiskRescored>;

/** A risk was reviewed with its scores unchanged. */
export const RiskReviewed = strict(
  { riskId: Id, likelihood: Level, impact: Level, rationale: Text, current: Assessment },
  { nextReviewOn: CalendarDate },
  'RiskReviewed',
);
/** A risk was reviewed with its scores unchanged. */
export type RiskReviewed = t.TypeOf<typeof RiskReviewed>;

/** A risk's target changed. */
export const RiskTargetSet = strict(
  { riskId: Id, likelihood: Level, impact: Level, reason: Text, previous: Assessment },
  {},
  'RiskTargetSet',
);
/** A risk's target changed. */
export type RiskTargetSet = t.TypeOf<typeof RiskTargetSet>;

/** A risk's owner changed. */
export const RiskOwnerReassigned = strict(
  { riskId: Id, owner: Id, reason: Text, previousOwner: Id },
  {},
  'RiskOwnerReassigned',
);
/** A risk's owner changed. */
export type RiskOwnerReassigned = t.TypeOf<typeof RiskOwnerReassigned>;

/** A control was added to a risk. */
export const RiskControlAdded = strict(
  { riskId: Id, controlId: Id, description: Text, owner: Id },
  {},
  'RiskControlAdded',
);
/** A control was added to a risk. */
export type RiskControlAdded = t.TypeOf<typeof RiskControlAdded>;

/** A risk was escalated to a body. */
export const RiskEscalated = strict({ riskId: Id, to: Id, reason: Text }, {}, 'RiskEscalated');
/** A risk was escalated to a body. */
export type RiskEscalated = t.TypeOf<typeof RiskEscalated>;

/** A risk was de-escalated. */
export const RiskDeescalated = strict({ riskId: Id, reason: Text }, {}, 'RiskDeescalated');
/** A risk was de-escalated. */
export type RiskDeescalated = t.TypeOf<typeof RiskDeescalated>;

/** A risk was closed. */
export const RiskClosed = strict({ riskId: Id, reason: Text }, {}, 'RiskClosed');
/** A risk was closed. */
export type RiskClosed = t.TypeOf<typeof RiskClosed>;

/** A closed risk was reopened. */
export const RiskReopened = strict({ riskId: Id, reason: Text }, {}, 'RiskReopened');
/** A closed risk was reopened. */
export type RiskReopened = t.TypeOf<typeof RiskReopened>;

// ---------------------------------------------------------------- Ledger

/** A Merkle checkpoint of the log: `treeSize` events before the seal, their root, the last one's position. */
export const LedgerSealed = strict(
  { treeSize: Count, root: Sha256, lastPosition: Position },
  {},
  'LedgerSealed',
);
/** A Merkle checkpoint of the log. */
export type LedgerSealed = t.TypeOf<typeof LedgerSealed>;

// ---------------------------------------------------------------- lookups

/** The data codec of every domain event, by event type. */
export const eventCodecs = {
  ProgrammeEstablished,
  ProgrammePhaseChanged,
  PriorityAreaDefined,
  PriorityAreaRetired,
  OversightBodyConstituted,
  OversightBodyDissolved,
  MeetingRecorded,
  ProgressReportSubmitted,
  CriterionAssessed,
  AdviserAppointed,
  AdviserReassigned,
  AdviserReportSubmitted,
  AdviserStoodDown,
  RecommendationRaised,
  ConsiderationPeriodExtended,
  RecommendationResponded,
  RecommendationOwnerAssigned,
  RecommendationExtensionRequested,
  RecommendationExtensionDeclined,
  RecommendationDueDateRevised,
  ImplementationClaimed,
  ImplementationVerified,
  ImplementationNotVerified,
  RecommendationClosed,
  RecommendationWithdrawn,
  RecommendationReopened,
  ActionPlanned,
  ActionProgressRecorded,
  ActionLeadReassigned,
  ActionDueDateRevised,
  ActionCompleted,
  ActionReopened,
  ActionCancelled,
  RiskIdentified,
  RiskRescored,
  RiskReviewed,
  RiskTargetSet,
  RiskOwnerReassigned,
  RiskControlAdded,
  RiskEscalated,
  RiskDeescalated,
  RiskClosed,
  RiskReopened,
  LedgerSealed,
} as const;

/** The name of a domain event type. */
export type EventType = keyof typeof eventCodecs;
/** The validated data of an event of type `K`. */
export type EventData<K extends EventType> = t.TypeOf<(typeof eventCodecs)[K]>;
/** A domain event of type `K`: `{type, data}`. */
export interface EventOf<K extends EventType> {
  readonly type: K;
  readonly data: EventData<K>;
}
/** Any domain event: the union of `{type, data}` over every event type. */
export type DomainEvent = { [K in EventType]: EventOf<K> }[EventType];

/** True when `s` names a domain event type. */
export const isEventType = (s: string): s is EventType => Object.hasOwn(eventCodecs, s);

/** Every event type, in DOMAIN.md order. */
export const eventTypes: readonly EventType[] = Object.keys(eventCodecs).filter(isEventType);

/** Builds a domain event, typed by its type name. */
export const event = <K extends EventType>(type: K, data: EventData<K>): EventOf<K> => ({
  type,
  data,
});

/** The aggregate category of each event type (its stream's name prefix). */
export const eventCategory = {
  ProgrammeEstablished: 'programme',
  ProgrammePhaseChanged: 'programme',
  PriorityAreaDefined: 'programme',
  PriorityAreaRetired: 'programme',
  OversightBodyConstituted: 'programme',
  OversightBodyDissolved: 'programme',
  MeetingRecorded: 'programme',
  ProgressReportSubmitted: 'programme',
  CriterionAssessed: 'programme',
  AdviserAppointed: 'adviser',
  AdviserReassigned: 'adviser',
  AdviserReportSubmitted: 'adviser',
  AdviserStoodDown: 'adviser',
  RecommendationRaised: 'recommendation',
  ConsiderationPeriodExtended: 'recommendation',
  RecommendationResponded: 'recommendation',
  RecommendationOwnerAssigned: 'recommendation',
  RecommendationExtensionRequested: 'recommendation',
  RecommendationExtensionDeclined: 'recommendation',
  RecommendationDueDateRevised: 'recommendation',
  ImplementationClaimed: 'recommendation',
  ImplementationVerified: 'recommendation',
  ImplementationNotVerified: 'recommendation',
  RecommendationClosed: 'recommendation',
  RecommendationWithdrawn: 'recommendation',
  RecommendationReopened: 'recommendation',
  ActionPlanned: 'action',
  ActionProgressRecorded: 'action',
  ActionLeadReassigned: 'action',
  ActionDueDateRevised: 'action',
  ActionCompleted: 'action',
  ActionReopened: 'action',
  ActionCancelled: 'action',
  RiskIdentified: 'risk',
  RiskRescored: 'risk',
  RiskReviewed: 'risk',
  RiskTargetSet: 'risk',
  RiskOwnerReassigned: 'risk',
  RiskControlAdded: 'risk',
  RiskEscalated: 'risk',
  RiskDeescalated: 'risk',
  RiskClosed: 'risk',
  RiskReopened: 'risk',
  LedgerSealed: 'ledger',
} as const satisfies { readonly [K in EventType]: Category };

/** Events of one aggregate category. */
export type EventsOf<C extends Category> = {
  [K in EventType]: (typeof eventCategory)[K] extends C ? EventOf<K> : never;
}[EventType];

/** True when the event belongs to the given aggregate category (a type guard). */
export const isEventOf = <C extends Category>(category: C, e: DomainEvent): e is EventsOf<C> =>
  eventCategory[e.type] === category;

/** The stream an event belongs to: `<category>-<id>`, or `ledger-seals`. */
export function streamOfEvent(e: DomainEvent): string {
  switch (e.type) {
    case 'ProgrammeEstablished':
    case 'ProgrammePhaseChanged':
    case 'PriorityAreaDefined':
    case 'PriorityAreaRetired':
    case 'OversightBodyConstituted':
    case 'OversightBodyDissolved':
    case 'MeetingRecorded':
    case 'ProgressReportSubmitted':
    case 'CriterionAssessed':
      return `programme-${e.data.programmeId}`;
    case 'AdviserAppointed':
    case 'AdviserReassigned':
    case 'AdviserReportSubmitted':
    case 'AdviserStoodDown':
      return `adviser-${e.data.adviserId}`;
    case 'RecommendationRaised':
    case 'ConsiderationPeriodExtended':
    case 'RecommendationResponded':
    case 'RecommendationOwnerAssigned':
    case 'RecommendationExtensionRequested':
    case 'RecommendationExtensionDeclined':
    case 'RecommendationDueDateRevised':
    case 'ImplementationClaimed':
    case 'ImplementationVerified':
    case 'ImplementationNotVerified':
    case 'RecommendationClosed':
    case 'RecommendationWithdrawn':
    case 'RecommendationReopened':
      return `recommendation-${e.data.recommendationId}`;
    case 'ActionPlanned':
    case 'ActionProgressRecorded':
    case 'ActionLeadReassigned':
    case 'ActionDueDateRevised':
    case 'ActionCompleted':
    case 'ActionReopened':
    case 'ActionCancelled':
      return `action-${e.data.actionId}`;
    case 'RiskIdentified':
    case 'RiskRescored':
    case 'RiskReviewed':
    case 'RiskTargetSet':
    case 'RiskOwnerReassigned':
    case 'RiskControlAdded':
    case 'RiskEscalated':
    case 'RiskDeescalated':
    case 'RiskClosed':
    case 'RiskReopened':
      return `risk-${e.data.riskId}`;
    case 'LedgerSealed':
      return LEDGER_STREAM;
    default: {
      const never: never = e;
      return never;
    }
  }
}

/** The stream of seals. */
export const LEDGER_STREAM = 'ledger-seals';

/** The schema version new events are written with (all 1 today). */
export const CURRENT_SCHEMA_VERSION = 1;

/**
 * Codec of a whole domain event `{type, data}` at the current schema version: an unknown
 * `type` fails at path `type`, bad fields at `data.<field>`.
 */
export const DomainEvent = new t.Type<DomainEvent, { type: string; data: unknown }, unknown>(
  'DomainEvent',
  (u): u is DomainEvent => {
    if (typeof u !== 'object' || u === null) return false;
    const r = u as { type?: unknown; data?: unknown };
    return (
      typeof r.type === 'string' &&
      isEventType(r.type) &&
      Object.keys(u).length === 2 &&
      eventCodecs[r.type].is(r.data)
    );
  },
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u))
      return t.failure(u, c, 'expected an event object {type, data}');
    const rec = u as Record<string, unknown>;
    const errors: t.Errors = [];
    for (const k of Object.keys(rec)) {
      if (k !== 'type' && k !== 'data')
        errors.push({
          value: rec[k],
          context: [...c, { key: k, type: t.never, actual: rec[k] }],
          message: 'is not allowed',
        });
    }
    const type = rec['type'];
    if (typeof type !== 'string' || !isEventType(type)) {
      errors.push({
        value: type,
        context: [...c, { key: 'type', type: t.string, actual: type }],
        message:
          typeof type === 'string'
            ? `unknown event type ${JSON.stringify(type.slice(0, 60))}`
            : 'expected an event type name',
      });
      return t.failures(errors);
    }
    const codec: t.Decoder<unknown, unknown> = eventCodecs[type];
    const data = codec.validate(rec['data'], [
      ...c,
      { key: 'data', type: codec, actual: rec['data'] },
    ]);
    if (data._tag === 'Left') return t.failures([...errors, ...data.left]);
    if (errors.length > 0) return t.failures(errors);
    // The data was validated by the codec of exactly this type.
    return t.success({ type, data: data.right } as DomainEvent);
  },
  (a) => ({ type: a.type, data: a.data }),
);
