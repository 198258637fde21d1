// The commands of the Ledger aggregate: the data each one takes, as io-ts codecs.
// Texts, URIs and dates come through the input codecs (codec/limits.ts), which add the
// input limits to the primitives that events are read with.
import { named, strict } from '../codec/strict';
import { checkpoint } from '../codec/fields';

/** The data codec of every Ledger command, by command type (in DOMAIN.md order). */
export const ledgerCommands = named({
  /**
   * Data of `SealLedger`. DOMAIN.md writes it `{}`: a user asks for a seal with no fields.
   * The checkpoint itself is computed outside the pure domain (by `@assure/audit`, which
   * reads the log), which then issues `SealLedger` carrying all three of `treeSize`, `root`
   * and `lastPosition`; the ledger decider checks and records them (a seal without them is
   * refused with rule `seal-checkpoint-required`).
   */
  SealLedger: strict({}, checkpoint),
});
