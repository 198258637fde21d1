// The events of the Action aggregate: each carries its command's fields (target id
// included) plus the extras listed in DOMAIN.md; additions are marked "addition".
import type * as t from 'io-ts';
import { strict } from '../codec/strict';
import { CalendarDate, Id, IdList, Percent, Text } from '../codec/primitives';
import { EvidenceList } from '../codec/vocabulary';

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

/** The data codec of every Action event, by event type (in DOMAIN.md order). */
export const actionEvents = {
  ActionPlanned,
  ActionProgressRecorded,
  ActionLeadReassigned,
  ActionDueDateRevised,
  ActionCompleted,
  ActionReopened,
  ActionCancelled,
} as const;
