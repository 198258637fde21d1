import type { CommandsIn } from '../commands';
import type { Decider, Decision, Facts } from '../decision';
import { emit, refuseRule } from '../decision';
import type { LedgerState } from './state';
import { evolveLedger, initialLedgerState } from './state';

/** Commands of the Ledger. */
export type LedgerCommand = CommandsIn<'ledger'>;

/**
 * Decides SealLedger. The checkpoint (`treeSize`, `root`, `lastPosition`) is computed by
 * `@assure/audit` from the log and passed in the command; this decider checks that it is
 * complete and that the log grew since the last seal (the previous seal is itself counted).
 */
export function decideLedger(c: LedgerCommand, s: LedgerState, _f: Facts): Decision {
  const { treeSize, root, lastPosition } = c.data;
  if (treeSize === undefined || root === undefined || lastPosition === undefined)
    return refuseRule(
      'seal-checkpoint-required',
      'SealLedger needs treeSize, root and lastPosition, computed from the log by the audit package (assure seal)',
    );
  if (s.lastTreeSize !== null && treeSize <= s.lastTreeSize)
    return refuseRule(
      'seal-grows',
      `a seal must cover more events than the last one (treeSize ${s.lastTreeSize})`,
    );
  if (s.lastPosition !== null && BigInt(lastPosition) <= BigInt(s.lastPosition))
    return refuseRule(
      'seal-grows',
      `a seal must end after the last one (lastPosition ${s.lastPosition})`,
    );
  return emit({ type: 'LedgerSealed', data: { treeSize, root, lastPosition } });
}

/** The Ledger decider: initial state, evolve and decide together. */
export const ledgerDecider: Decider<LedgerCommand, LedgerState, Facts> = {
  initialState: initialLedgerState,
  evolve: evolveLedger,
  decide: decideLedger,
};
