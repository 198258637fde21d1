// The commands of the Action aggregate: the data each one takes. A command carries its
// event's fields but those the decider adds, read through the input codecs (codec/limits.ts:
// no control characters, dates 1900-2199); see `commandOf`.
import type * as t from 'io-ts';
import { commandOf } from '../codec/command-of';
import {
  ActionPlanned,
  ActionProgressRecorded,
  ActionLeadReassigned,
  ActionDueDateRevised,
  ActionCompleted,
  ActionReopened,
  ActionCancelled,
} from './events';

/** Data of `PlanAction`. */
export const PlanAction = commandOf(ActionPlanned, 'PlanAction');
/** Data of `PlanAction`. */
export type PlanAction = t.TypeOf<typeof PlanAction>;

/** Data of `RecordActionProgress` (percent an integer 0-99). */
export const RecordActionProgress = commandOf(ActionProgressRecorded, 'RecordActionProgress');
/** Data of `RecordActionProgress`. */
export type RecordActionProgress = t.TypeOf<typeof RecordActionProgress>;

/** Data of `ReassignActionLead`. */
export const ReassignActionLead = commandOf(ActionLeadReassigned, 'ReassignActionLead', [
  'previousLead',
]);
/** Data of `ReassignActionLead`. */
export type ReassignActionLead = t.TypeOf<typeof ReassignActionLead>;

/** Data of `ReviseActionDueDate` (needs `approvedBy`; the original due date is kept). */
export const ReviseActionDueDate = commandOf(ActionDueDateRevised, 'ReviseActionDueDate', [
  'previousDueOn',
  'originalDueOn',
]);
/** Data of `ReviseActionDueDate`. */
export type ReviseActionDueDate = t.TypeOf<typeof ReviseActionDueDate>;

/** Data of `CompleteAction`. */
export const CompleteAction = commandOf(ActionCompleted, 'CompleteAction');
/** Data of `CompleteAction`. */
export type CompleteAction = t.TypeOf<typeof CompleteAction>;

/** Data of `ReopenAction`. */
export const ReopenAction = commandOf(ActionReopened, 'ReopenAction');
/** Data of `ReopenAction`. */
export type ReopenAction = t.TypeOf<typeof ReopenAction>;

/** Data of `CancelAction` (needs `approvedBy`). */
export const CancelAction = commandOf(ActionCancelled, 'CancelAction');
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
