// The commands of the Action aggregate: the data each one takes, as io-ts codecs.
// Texts, URIs and dates come through the input codecs (codec/limits.ts), which add the
// input limits to the primitives that events are read with.
import type * as t from 'io-ts';
import { strict } from '../codec/strict';
import { Id, IdList, Percent } from '../codec/primitives';
import { InputDate, InputEvidenceList, InputText } from '../codec/limits';

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

/** The data codec of every Action command, by command type (in DOMAIN.md order). */
export const actionCommands = {
  PlanAction,
  RecordActionProgress,
  ReassignActionLead,
  ReviseActionDueDate,
  CompleteAction,
  ReopenAction,
  CancelAction,
} as const;
