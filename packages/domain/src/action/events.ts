// The events of the Action aggregate: each carries its command's fields (target id
// included) plus the extras listed in DOMAIN.md; additions are marked "addition".
import { named, strict } from '../codec/strict';
import { CalendarDate, Id, IdList, Percent, Text } from '../codec/primitives';
import { dueDateRevision } from '../codec/fields';
import { EvidenceList } from '../codec/vocabulary';

/** The data codec of every Action event, by event type (in DOMAIN.md order). */
export const actionEvents = named({
  /** An action was planned. */
  ActionPlanned: strict({
    actionId: Id,
    programmeId: Id,
    areaId: Id,
    recommendationIds: IdList,
    title: Text,
    lead: Id,
    dueOn: CalendarDate,
  }),
  /** Progress on an action was recorded (a separate record, never overwritten). */
  ActionProgressRecorded: strict({ actionId: Id, percentComplete: Percent, narrative: Text }),
  /** An action's lead changed. */
  ActionLeadReassigned: strict({ actionId: Id, lead: Id, reason: Text, previousLead: Id }),
  /** An action's due date was revised; the original due date is carried and never changes. */
  ActionDueDateRevised: strict({ actionId: Id, ...dueDateRevision }),
  /** An action was completed. */
  ActionCompleted: strict({ actionId: Id, evidence: EvidenceList }, { note: Text }),
  /** A completed action was reopened. */
  ActionReopened: strict({ actionId: Id, reason: Text }),
  /** An action was cancelled. */
  ActionCancelled: strict({ actionId: Id, reason: Text, approvedBy: Id }),
});
