// The commands of the Action aggregate: the data each one takes. A command carries its
// event's fields but those the decider adds, read through the input codecs (codec/limits.ts:
// no control characters, dates 1900-2199); see `commandOf`.
import { commandOf } from '../codec/command-of';
import { named } from '../codec/strict';
import { actionEvents as e } from './events';

/** The data codec of every Action command, by command type (in DOMAIN.md order). */
export const actionCommands = named({
  /** Data of `PlanAction`. */
  PlanAction: commandOf(e.ActionPlanned),
  /** Data of `RecordActionProgress` (percent an integer 0-99). */
  RecordActionProgress: commandOf(e.ActionProgressRecorded),
  /** Data of `ReassignActionLead`. */
  ReassignActionLead: commandOf(e.ActionLeadReassigned, ['previousLead']),
  /** Data of `ReviseActionDueDate` (needs `approvedBy`; the original due date is kept). */
  ReviseActionDueDate: commandOf(e.ActionDueDateRevised, ['previousDueOn', 'originalDueOn']),
  /** Data of `CompleteAction`. */
  CompleteAction: commandOf(e.ActionCompleted),
  /** Data of `ReopenAction`. */
  ReopenAction: commandOf(e.ActionReopened),
  /** Data of `CancelAction` (needs `approvedBy`). */
  CancelAction: commandOf(e.ActionCancelled),
});
