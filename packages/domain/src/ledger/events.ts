// The events of the Ledger aggregate: each carries its command's fields (target id
// included) plus the extras listed in DOMAIN.md; additions are marked "addition".
import { named, strict } from '../codec/strict';
import { checkpoint } from '../codec/fields';

/** The data codec of every Ledger event, by event type (in DOMAIN.md order). */
export const ledgerEvents = named({
  /** A Merkle checkpoint of the log: `treeSize` events before the seal, their root, the last one's position. */
  LedgerSealed: strict(checkpoint),
});
