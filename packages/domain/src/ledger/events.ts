// The events of the Ledger aggregate: each carries its command's fields (target id
// included) plus the extras listed in DOMAIN.md; additions are marked "addition".
import type * as t from 'io-ts';
import { strict } from '../codec/strict';
import { Count, Position, Sha256 } from '../codec/primitives';

/** A Merkle checkpoint of the log: `treeSize` events before the seal, their root, the last one's position. */
export const LedgerSealed = strict(
  { treeSize: Count, root: Sha256, lastPosition: Position },
  {},
  'LedgerSealed',
);
/** A Merkle checkpoint of the log. */
export type LedgerSealed = t.TypeOf<typeof LedgerSealed>;

/** The data codec of every Ledger event, by event type (in DOMAIN.md order). */
export const ledgerEvents = {
  LedgerSealed,
} as const;
