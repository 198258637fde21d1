import { ruleViolated } from '../errors';
import type { DomainEvent } from '../events';
import type { CommandsOf, Decision, Facts } from './common';
import { emit, refuse } from './common';

/** Folded state of the `ledger-seals` stream. */
export interface LedgerState {
  readonly kind: 'ledger';
  readonly seals: number;
  /** Tree size of the last seal, or null before any. */
  readonly lastTreeSize: number | null;
  readonly lastPosition: string | null;
}

/** Commands of the Ledger. */
export type LedgerCommand = CommandsOf<'SealLedger'>;

/** The state of the ledger with no seals. */
export const initialLedgerState: LedgerState = {
  kind: 'ledger',
  seals: 0,
  lastTreeSize: null,
  lastPosition: null,
};

/** Folds one event into the ledger's state. */
export function evolveLedger(s: LedgerState, e: DomainEvent): LedgerState {
  return e.type === 'LedgerSealed'
    ? {
        kind: 'ledger',
        seals: s.seals + 1,
        lastTreeSize: e.data.treeSize,
        lastPosition: e.data.lastPosition,
      }
    : s;
}

/**
 * Decides SealLedger. The checkpoint (`treeSize`, `root`, `lastPosition`) is computed by
 * `@assure/audit` from the log and passed in the command; this decider checks that it is
 * complete and that the log grew since the last seal (the previous seal is itself counted).
 */
export function decideLedger(c: LedgerCommand, s: LedgerState, _f: Facts): Decision {
  const { treeSize, root, lastPosition } = c.data;
  if (treeSize === undefined || root === undefined || lastPosition === undefined)
    return refuse(
      ruleViolated(
        'seal-checkpoint-required',
        'SealLedger needs treeSize, root and lastPosition, computed from the log by the audit package (assure seal)',
      ),
    );
  if (s.lastTreeSize !== null && treeSize <= s.lastTreeSize)
    return refuse(
      ruleViolated(
        'seal-grows',
        `a seal must cover more events than the last one (treeSize ${s.lastTreeSize})`,
      ),
    );
  if (s.lastPosition !== null && BigInt(lastPosition) <= BigInt(s.lastPosition))
    return refuse(
      ruleViolated(
        'seal-grows',
        `a seal must end after the last one (lastPosition ${s.lastPosition})`,
      ),
    );
  return emit({ type: 'LedgerSealed', data: { treeSize, root, lastPosition } });
}
