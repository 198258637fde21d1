import * as t from 'io-ts';
import { strict } from './codec/strict';
import { Count, Id, IdList, Level, Percent, Position, Sha256 } from './codec/primitives';
// Commands take texts, URIs and dates through the input codecs, which add the input limits
// (no control characters, dates 1900-2199) to the primitives that events are read with.
import { InputDate, InputEvidenceList, InputShortText, InputText, InputUri } from './codec/limits';
import {
  BodyKind,
  Classification,
  Criterion,
  Rating,
  RecommendationSource,
  ReportRecipient,
  ResponseDecision,
  VerificationOutcome,
} from './codec/vocabulary';
import { Assessment } from './codec/vocabulary';

// ---------------------------------------------------------------- Programme

/** Data of `EstablishProgramme`: starts a programme (once). */
export const EstablishProgramme = strict(
  { programmeId: Id, title: InputText, body: InputShortText, phase: InputShortText },
  {},
  'EstablishProgramme',
);
/** Data of `EstablishProgramme`. */
export type EstablishProgramme = t.TypeOf<typeof EstablishProgramme>;

/** Data of `ChangePhase`: moves the programme to another phase (must differ). */
export const ChangePhase = strict(
  { programmeId: Id, phase: InputShortText, reason: InputText },
  {},
  'ChangePhase',
);
/** Data of `ChangePhase`. */
export type ChangePhase = t.TypeOf<typeof ChangePhase>;

/** Data of `DefinePriorityArea`: a new priority area (areaId unique in the programme). */
export const DefinePriorityArea = strict(
  { programmeId: Id, areaId: Id, title: InputText },
  { description: InputText },
  'DefinePriorityArea',
);
/** Data of `DefinePriorityArea`. */
export type DefinePriorityArea = t.TypeOf<typeof DefinePriorityArea>;

/** Data of `RetirePriorityArea`. */
export const RetirePriorityArea = strict(
  { programmeId: Id, areaId: Id, reason: InputText },
  {},
  'RetirePriorityArea',
);
/** Data of `RetirePriorityArea`. */
export type RetirePriorityArea = t.TypeOf<typeof RetirePriorityArea>;

/** Data of `ConstituteBody`: an oversight or decision body (bodyId unique). */
export const ConstituteBody = strict(
  { programmeId: Id, bodyId: Id, kind: BodyKind, name: InputShortText },
  {},
  'ConstituteBody',
);
/** Data of `ConstituteBody`. */
export type ConstituteBody = t.TypeOf<typeof ConstituteBody>;

/** Data of `DissolveBody`. */
export const DissolveBody = strict(
  { programmeId: Id, bodyId: Id, reason: InputText },
  {},
  'DissolveBody',
);
/** Data of `DissolveBody`. */
export type DissolveBody = t.TypeOf<typeof DissolveBody>;

/** Data of `RecordMeeting`: a meeting of an active body (meetingId unique in the programme). */
export const RecordMeeting = strict(
  {
    programmeId: Id,
    bodyId: Id,
    meetingId: Id,
    heldOn: InputDate,
    attendees: IdList,
    observers: IdList,
  },
  { minutesUri: InputUri },
  'RecordMeeting',
);
/** Data of `RecordMeeting`. */
export type RecordMeeting = t.TypeOf<typeof RecordMeeting>;

/** Data of `SubmitProgressReport`. */
export const SubmitProgressReport = strict(
  { programmeId: Id, reportId: Id, to: ReportRecipient, periodEnd: InputDate },
  { uri: InputUri },
  'SubmitProgressReport',
);
/** Data of `SubmitProgressReport`. */
export type SubmitProgressReport = t.TypeOf<typeof SubmitProgressReport>;

/** Data of `AssessCriterion`: one rating per criterion per stocktake. */
export const AssessCriterion = strict(
  { programmeId: Id, stocktakeId: Id, criterion: Criterion, rating: Rating, narrative: InputText },
  {},
  'AssessCriterion',
);
/** Data of `AssessCriterion`. */
export type AssessCriterion = t.TypeOf<typeof AssessCriterion>;

// ---------------------------------------------------------------- Adviser

/** Data of `AppointAdviser`: a non-executive adviser (a public office, so it carries a name). */
export const AppointAdviser = strict(
  { adviserId: Id, programmeId: Id, name: InputShortText, areaIds: IdList },
  { termEndsOn: InputDate },
  'AppointAdviser',
);
/** Data of `AppointAdviser`. */
export type AppointAdviser = t.TypeOf<typeof AppointAdviser>;

/** Data of `ReassignAdviser`. */
export const ReassignAdviser = strict({ adviserId: Id, areaIds: IdList }, {}, 'ReassignAdviser');
/** Data of `ReassignAdviser`. */
export type ReassignAdviser = t.TypeOf<typeof ReassignAdviser>;

/** Data of `SubmitAdviserReport`: only the adviser may submit their own report. */
export const SubmitAdviserReport = strict(
  { adviserId: Id, reportId: Id, summary: InputText },
  { uri: InputUri },
  'SubmitAdviserReport',
);
/** Data of `SubmitAdviserReport`. */
export type SubmitAdviserReport = t.TypeOf<typeof SubmitAdviserReport>;

/** Data of `StandDownAdviser`: final; nothing may follow it. */
export const StandDownAdviser = strict(
  { adviserId: Id, reason: InputText },
  {},
  'StandDownAdviser',
);
/** Data of `StandDownAdviser`. */
export type StandDownAdviser = t.TypeOf<typeof StandDownAdviser>;

// ---------------------------------------------------------------- Recommendation

/** Data of `RaiseRecommendation`. */
export const RaiseRecommendation = strict(
  {
    recommendationId: Id,
    programmeId: Id,
    areaId: Id,
    source: RecommendationSource,
    classification: Classification,
    title: InputText,
    dueOn: InputDate,
  },
  { reference: InputShortText, detail: InputText },
  'RaiseRecommendation',
);
/** Data of `RaiseRecommendation`. */
export type RaiseRecommendation = t.TypeOf<typeof RaiseRecommendation>;

/** Data of `ExtendConsiderationPeriod`: the auditor extends the statutory consideration period. */
export const ExtendConsiderationPeriod = strict(
  { recommendationId: Id, untilOn: InputDate, reason: InputText },
  {},
  'ExtendConsiderationPeriod',
);
/** Data of `ExtendConsiderationPeriod`. */
export type ExtendConsiderationPeriod = t.TypeOf<typeof ExtendConsiderationPeriod>;

/**
 * Data of `RespondToRecommendation`. `meetingId` names the meeting that considered it
 * (required for statutory ones); the meeting is looked up in the recommendation's own
 * programme, so `programmeId` is optional and, when given, must be that programme. The
 * response's valid time must fall on or after the meeting's day.
 */
export const RespondToRecommendation = strict(
  { recommendationId: Id, decision: ResponseDecision, response: InputText },
  { meetingId: Id, programmeId: Id },
  'RespondToRecommendation',
);
/** Data of `RespondToRecommendation`. */
export type RespondToRecommendation = t.TypeOf<typeof RespondToRecommendation>;

/** Data of `AssignRecommendationOwner`. */
export const AssignRecommendationOwner = strict(
  { recommendationId: Id, owner: Id },
  {},
  'AssignRecommendationOwner',
);
/** Data of `AssignRecommendationOwner`. */
export type AssignRecommendationOwner = t.TypeOf<typeof AssignRecommendationOwner>;

/** Data of `RequestRecommendationExtension`. */
export const RequestRecommendationExtension = strict(
  { recommendationId: Id, proposedDueOn: InputDate, reason: InputText },
  {},
  'RequestRecommendationExtension',
);
/** Data of `RequestRecommendationExtension`. */
export type RequestRecommendationExtension = t.TypeOf<typeof RequestRecommendationExtension>;

/** Data of `DeclineRecommendationExtension`. */
export const DeclineRecommendationExtension = strict(
  { recommendationId: Id, reason: InputText },
  {},
  'DeclineRecommendationExtension',
);
/** Data of `DeclineRecommendationExtension`. */
export type DeclineRecommendationExtension = t.TypeOf<typeof DeclineRecommendationExtension>;

/** Data of `ReviseRecommendationDueDate` (needs `approvedBy`; the original due date is kept). */
export const ReviseRecommendationDueDate = strict(
  { recommendationId: Id, dueOn: InputDate, reason: InputText, approvedBy: Id },
  {},
  'ReviseRecommendationDueDate',
);
/** Data of `ReviseRecommendationDueDate`. */
export type ReviseRecommendationDueDate = t.TypeOf<typeof ReviseRecommendationDueDate>;

/** Data of `ClaimImplementation` (at least one evidence item). */
export const ClaimImplementation = strict(
  { recommendationId: Id, summary: InputText, evidence: InputEvidenceList },
  {},
  'ClaimImplementation',
);
/** Data of `ClaimImplementation`. */
export type ClaimImplementation = t.TypeOf<typeof ClaimImplementation>;

/** Data of `VerifyImplementation`. */
export const VerifyImplementation = strict(
  { recommendationId: Id, outcome: VerificationOutcome, notes: InputText },
  {},
  'VerifyImplementation',
);
/** Data of `VerifyImplementation`. */
export type VerifyImplementation = t.TypeOf<typeof VerifyImplementation>;

/** Data of `CloseRecommendation`. */
export const CloseRecommendation = strict(
  { recommendationId: Id, note: InputText },
  {},
  'CloseRecommendation',
);
/** Data of `CloseRecommendation`. */
export type CloseRecommendation = t.TypeOf<typeof CloseRecommendation>;

/** Data of `WithdrawRecommendation` (needs `approvedBy`). */
export const WithdrawRecommendation = strict(
  { recommendationId: Id, reason: InputText, approvedBy: Id },
  {},
  'WithdrawRecommendation',
);
/** Data of `WithdrawRecommendation`. */
export type WithdrawRecommendation = t.TypeOf<typeof WithdrawRecommendation>;

/** Data of `ReopenRecommendation`. */
export const ReopenRecommendation = strict(
  { recommendationId: Id, reason: InputText },
  {},
  'ReopenRecommendation',
);
/** Data of `ReopenRecommendation`. */
export type ReopenRecommendation = t.TypeOf<typeof ReopenRecommendation>;

// ---------------------------------------------------------------- Action

/** Data of `PlanAction`. */
export const PlanAction = strict(
  {
    actionId: Id,
    programmeId: Id,
    areaId: Id,
    recommendationIds: IdList,
    title: InputText,
    lead: Id,
    dueOn: InputDate,
  },
  {},
  'PlanAction',
);
/** Data of `PlanAction`. */
export type PlanAction = t.TypeOf<typeof PlanAction>;

/** Data of `RecordActionProgress` (percent an integer 0-99). */
export const RecordActionProgress = strict(
  { actionId: Id, percentComplete: Percent, narrative: InputText },
  {},
  'RecordActionProgress',
);
/** Data of `RecordActionProgress`. */
export type RecordActionProgress = t.TypeOf<typeof RecordActionProgress>;

/** Data of `ReassignActionLead`. */
export const ReassignActionLead = strict(
  { actionId: Id, lead: Id, reason: InputText },
  {},
  'ReassignActionLead',
);
/** Data of `ReassignActionLead`. */
export type ReassignActionLead = t.TypeOf<typeof ReassignActionLead>;

/** Data of `ReviseActionDueDate` (needs `approvedBy`; the original due date is kept). */
export const ReviseActionDueDate = strict(
  { actionId: Id, dueOn: InputDate, reason: InputText, approvedBy: Id },
  {},
  'ReviseActionDueDate',
);
/** Data of `ReviseActionDueDate`. */
export type ReviseActionDueDate = t.TypeOf<typeof ReviseActionDueDate>;

/** Data of `CompleteAction`. */
export const CompleteAction = strict(
  { actionId: Id, evidence: InputEvidenceList },
  { note: InputText },
  'CompleteAction',
);
/** Data of `CompleteAction`. */
export type CompleteAction = t.TypeOf<typeof CompleteAction>;

/** Data of `ReopenAction`. */
export const ReopenAction = strict({ actionId: Id, reason: InputText }, {}, 'ReopenAction');
/** Data of `ReopenAction`. */
export type ReopenAction = t.TypeOf<typeof ReopenAction>;

/** Data of `CancelAction` (needs `approvedBy`). */
export const CancelAction = strict(
  { actionId: Id, reason: InputText, approvedBy: Id },
  {},
  'CancelAction',
);
/** Data of `CancelAction`. */
export type CancelAction = t.TypeOf<typeof CancelAction>;

// ---------------------------------------------------------------- Risk

/** Data of `IdentifyRisk`; the current score starts at the inherent one. */
export const IdentifyRisk = strict(
  {
    riskId: Id,
    programmeId: Id,
    title: InputText,
    category: InputShortText,
    owner: Id,
    inherent: Assessment,
    target: Assessment,
    nextReviewOn: InputDate,
  },
  { areaId: Id, cause: InputText, event: InputText, consequence: InputText },
  'IdentifyRisk',
);
/** Data of `IdentifyRisk`. */
export type IdentifyRisk = t.TypeOf<typeof IdentifyRisk>;

/** Data of `RescoreRisk`; without `nextReviewOn` the review date stays. */
export const RescoreRisk = strict(
  { riskId: Id, likelihood: Level, impact: Level, rationale: InputText },
  { nextReviewOn: InputDate },
  'RescoreRisk',
);
/** Data of `RescoreRisk`. */
export type RescoreRisk = t.TypeOf<typeof RescoreRisk>;

/** Data of `SetRiskTarget`. */
export const SetRiskTarget = strict(
  { riskId: Id, likelihood: Level, impact: Level, reason: InputText },
  {},
  'SetRiskTarget',
);
/** Data of `SetRiskTarget`. */
export type SetRiskTarget = t.TypeOf<typeof SetRiskTarget>;

/** Data of `ReassignRiskOwner`. */
export const ReassignRiskOwner = strict(
  { riskId: Id, owner: Id, reason: InputText },
  {},
  'ReassignRiskOwner',
);
/** Data of `ReassignRiskOwner`. */
export type ReassignRiskOwner = t.TypeOf<typeof ReassignRiskOwner>;

/** Data of `AddRiskControl` (controlId unique per risk). */
export const AddRiskControl = strict(
  { riskId: Id, controlId: Id, description: InputText, owner: Id },
  {},
  'AddRiskControl',
);
/** Data of `AddRiskControl`. */
export type AddRiskControl = t.TypeOf<typeof AddRiskControl>;

/** Data of `EscalateRisk` (`to` is a bodyId). */
export const EscalateRisk = strict({ riskId: Id, to: Id, reason: InputText }, {}, 'EscalateRisk');
/** Data of `EscalateRisk`. */
export type EscalateRisk = t.TypeOf<typeof EscalateRisk>;

/** Data of `DeescalateRisk`. */
export const DeescalateRisk = strict({ riskId: Id, reason: InputText }, {}, 'DeescalateRisk');
/** Data of `DeescalateRisk`. */
export type DeescalateRisk = t.TypeOf<typeof DeescalateRisk>;

/** Data of `CloseRisk`. */
export const CloseRisk = strict({ riskId: Id, reason: InputText }, {}, 'CloseRisk');
/** Data of `CloseRisk`. */
export type CloseRisk = t.TypeOf<typeof CloseRisk>;

/** Data of `ReopenRisk`. */
export const ReopenRisk = strict({ riskId: Id, reason: InputText }, {}, 'ReopenRisk');
/** Data of `ReopenRisk`. */
export type ReopenRisk = t.TypeOf<typeof ReopenRisk>;

// ---------------------------------------------------------------- Ledger

/**
 * Data of `SealLedger`. DOMAIN.md writes it `{}`: a user asks for a seal with no fields.
 * The checkpoint itself is computed outside the pure domain (by `@assure/audit`, which
 * reads the log), which then issues `SealLedger` carrying all three of `treeSize`, `root`
 * and `lastPosition`; the ledger decider checks and records them (a seal without them is
 * refused with rule `seal-checkpoint-required`).
 */
export const SealLedger = strict(
  {},
  { treeSize: Count, root: Sha256, lastPosition: Position },
  'SealLedger',
);
/** Data of `SealLedger`. */
export type SealLedger = t.TypeOf<typeof SealLedger>;

// ---------------------------------------------------------------- lookups

/** The data codec of every command, by command type. */
export const commandCodecs = {
  EstablishProgramme,
  ChangePhase,
  DefinePriorityArea,
  RetirePriorityArea,
  ConstituteBody,
  DissolveBody,
  RecordMeeting,
  SubmitProgressReport,
  AssessCriterion,
  AppointAdviser,
  ReassignAdviser,
  SubmitAdviserReport,
  StandDownAdviser,
  RaiseRecommendation,
  ExtendConsiderationPeriod,
  RespondToRecommendation,
  AssignRecommendationOwner,
  RequestRecommendationExtension,
  DeclineRecommendationExtension,
  ReviseRecommendationDueDate,
  ClaimImplementation,
  VerifyImplementation,
  CloseRecommendation,
  WithdrawRecommendation,
  ReopenRecommendation,
  PlanAction,
  RecordActionProgress,
  ReassignActionLead,
  ReviseActionDueDate,
  CompleteAction,
  ReopenAction,
  CancelAction,
  IdentifyRisk,
  RescoreRisk,
  SetRiskTarget,
  ReassignRiskOwner,
  AddRiskControl,
  EscalateRisk,
  DeescalateRisk,
  CloseRisk,
  ReopenRisk,
  SealLedger,
} as const;

/** The name of a command type. */
export type CommandType = keyof typeof commandCodecs;
/** The validated data of a command of type `K`. */
export type CommandData<K extends CommandType> = t.TypeOf<(typeof commandCodecs)[K]>;
/** A command of type `K`: `{type, data}`. */
export interface CommandOf<K extends CommandType> {
  readonly type: K;
  readonly data: CommandData<K>;
}
/** Any command: the union of `{type, data}` over every command type. */
export type Command = { [K in CommandType]: CommandOf<K> }[CommandType];

const isCommandType = (s: string): s is CommandType => Object.hasOwn(commandCodecs, s);

/** Every command type, in DOMAIN.md order. */
export const commandTypes: readonly CommandType[] =
  Object.keys(commandCodecs).filter(isCommandType);

/** The aggregate categories (stream name prefixes). */
export type Category = 'programme' | 'adviser' | 'recommendation' | 'action' | 'risk' | 'ledger';

/** Where a command goes and what it does. */
export interface CommandMeta {
  /** The aggregate category; the target stream is `<category>-<data[idField]>` (`ledger-seals` for the ledger). */
  readonly category: Category;
  /** The field of the data naming the target aggregate (`null` for the ledger). */
  readonly idField: string | null;
  /** True when the command creates its aggregate (refused with AlreadyExists otherwise). */
  readonly creates: boolean;
}

const m = (category: Category, idField: string | null, creates = false): CommandMeta => ({
  category,
  idField,
  creates,
});

/** Per-command metadata: category, target id field, whether it creates the aggregate. */
export const commandMeta: { readonly [K in CommandType]: CommandMeta } = {
  EstablishProgramme: m('programme', 'programmeId', true),
  ChangePhase: m('programme', 'programmeId'),
  DefinePriorityArea: m('programme', 'programmeId'),
  RetirePriorityArea: m('programme', 'programmeId'),
  ConstituteBody: m('programme', 'programmeId'),
  DissolveBody: m('programme', 'programmeId'),
  RecordMeeting: m('programme', 'programmeId'),
  SubmitProgressReport: m('programme', 'programmeId'),
  AssessCriterion: m('programme', 'programmeId'),
  AppointAdviser: m('adviser', 'adviserId', true),
  ReassignAdviser: m('adviser', 'adviserId'),
  SubmitAdviserReport: m('adviser', 'adviserId'),
  StandDownAdviser: m('adviser', 'adviserId'),
  RaiseRecommendation: m('recommendation', 'recommendationId', true),
  ExtendConsiderationPeriod: m('recommendation', 'recommendationId'),
  RespondToRecommendation: m('recommendation', 'recommendationId'),
  AssignRecommendationOwner: m('recommendation', 'recommendationId'),
  RequestRecommendationExtension: m('recommendation', 'recommendationId'),
  DeclineRecommendationExtension: m('recommendation', 'recommendationId'),
  ReviseRecommendationDueDate: m('recommendation', 'recommendationId'),
  ClaimImplementation: m('recommendation', 'recommendationId'),
  VerifyImplementation: m('recommendation', 'recommendationId'),
  CloseRecommendation: m('recommendation', 'recommendationId'),
  WithdrawRecommendation: m('recommendation', 'recommendationId'),
  ReopenRecommendation: m('recommendation', 'recommendationId'),
  PlanAction: m('action', 'actionId', true),
  RecordActionProgress: m('action', 'actionId'),
  ReassignActionLead: m('action', 'actionId'),
  ReviseActionDueDate: m('action', 'actionId'),
  CompleteAction: m('action', 'actionId'),
  ReopenAction: m('action', 'actionId'),
  CancelAction: m('action', 'actionId'),
  IdentifyRisk: m('risk', 'riskId', true),
  RescoreRisk: m('risk', 'riskId'),
  SetRiskTarget: m('risk', 'riskId'),
  ReassignRiskOwner: m('risk', 'riskId'),
  AddRiskControl: m('risk', 'riskId'),
  EscalateRisk: m('risk', 'riskId'),
  DeescalateRisk: m('risk', 'riskId'),
  CloseRisk: m('risk', 'riskId'),
  ReopenRisk: m('risk', 'riskId'),
  SealLedger: m('ledger', null),
};

/**
 * Codec of a whole command `{type, data}`: an unknown `type` fails at path `type`, bad
 * fields at `data.<field>`; any other key is refused.
 *
 * @example
 * Command.decode({ type: 'CloseRisk', data: { riskId: 'equal-pay', reason: 'Settled' } });
 */
export const Command = new t.Type<Command, { type: string; data: unknown }, unknown>(
  'Command',
  (u): u is Command => {
    if (typeof u !== 'object' || u === null) return false;
    const r = u as { type?: unknown; data?: unknown };
    return (
      typeof r.type === 'string' &&
      isCommandType(r.type) &&
      Object.keys(u).length === 2 &&
      commandCodecs[r.type].is(r.data)
    );
  },
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u))
      return t.failure(u, c, 'expected a command object {type, data}');
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
    if (typeof type !== 'string' || !isCommandType(type)) {
      errors.push({
        value: type,
        context: [...c, { key: 'type', type: t.string, actual: type }],
        message:
          typeof type === 'string'
            ? `unknown command type ${JSON.stringify(type.slice(0, 60))}`
            : 'expected a command type name',
      });
      return t.failures(errors);
    }
    const codec: t.Decoder<unknown, unknown> = commandCodecs[type];
    const data = codec.validate(rec['data'], [
      ...c,
      { key: 'data', type: codec, actual: rec['data'] },
    ]);
    if (data._tag === 'Left') return t.failures([...errors, ...data.left]);
    if (errors.length > 0) return t.failures(errors);
    // The data was validated by the codec of exactly this type.
    return t.success({ type, data: data.right } as Command);
  },
  (a) => ({ type: a.type, data: a.data }),
);
