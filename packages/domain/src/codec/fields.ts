// Field groups that several events (and so their commands) carry: each declared once here and
// spread into the events' required fields, in the order the events list them.
import { CalendarDate, Count, Id, Position, Sha256, Text } from './primitives';

/**
 * A revision of a due date (an action's or a recommendation's): the new date, why, who
 * approved it, the date it replaces and the original due date, which never changes.
 */
export const dueDateRevision = {
  dueOn: CalendarDate,
  reason: Text,
  approvedBy: Id,
  previousDueOn: CalendarDate,
  originalDueOn: CalendarDate,
};

/**
 * A Merkle checkpoint of the log: `treeSize` events before the seal, their root, the last
 * one's position. The seal event requires it; the `SealLedger` command carries it optionally.
 */
export const checkpoint = { treeSize: Count, root: Sha256, lastPosition: Position };
