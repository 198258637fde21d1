import type { DomainEvent } from '../events';

/** Folded state of the `ledger-seals` stream. */
export interface LedgerState {
  readonly kind: 'ledger';
  readonly seals: number;
  /** Tree size of the last seal, or null before any. */
  readonly lastTreeSize: number | null;
  readonly lastPosition: string | null;
}

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
