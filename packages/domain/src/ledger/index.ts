/**
 * The Ledger: the seals (Merkle checkpoints) of the log.
 * `commands.ts` and `events.ts` hold the codecs, `state.ts` the folded state and its
 * evolve, `decide.ts` the rules.
 */
export * from './commands';
export * from './events';
export { initialLedgerState, evolveLedger, type LedgerState } from './state';
export { decideLedger, ledgerDecider, type LedgerCommand } from './decide';
