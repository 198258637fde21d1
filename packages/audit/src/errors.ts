import type { StoreError } from '@assure/event-store';
import type { VerifyReport } from './verify/report';

/** Import refused: the store already holds events (imports go into an empty store only). */
export interface StoreNotEmpty {
  readonly _tag: 'StoreNotEmpty';
  readonly headPosition: string;
  readonly message: string;
}
/** Import refused: the export did not verify (nothing was written). */
export interface ExportInvalid {
  readonly _tag: 'ExportInvalid';
  readonly report: VerifyReport;
  readonly message: string;
}
/** Import stopped: the store computed another hash for an event than the export holds. */
export interface HashDiffers {
  readonly _tag: 'HashDiffers';
  readonly eventId: string;
  readonly stream: string;
  readonly revision: number;
  readonly expected: string;
  readonly actual: string;
  readonly message: string;
}
/** The role may not seal the ledger (policy `roles@1`: admin, auditor, system). */
export interface SealForbidden {
  readonly _tag: 'Forbidden';
  readonly role: string;
  readonly command: 'SealLedger';
  readonly message: string;
}
/**
 * Another writer appended between the last check of the log's head and the seal, so the
 * seal just written does not describe the events before it (verify will report it as
 * `seal-mismatch`); seal again.
 */
export interface SealRaced {
  readonly _tag: 'SealRaced';
  readonly position: string;
  readonly message: string;
}
/** No event with this id in the log (proofs). */
export interface EventNotFound {
  readonly _tag: 'EventNotFound';
  readonly eventId: string;
  readonly message: string;
}
/** A tree size out of range for the log (proofs). */
export interface BadTreeSize {
  readonly _tag: 'BadTreeSize';
  readonly message: string;
}

/** Every failure the audit functions return (store errors pass through). */
export type AuditError =
  | StoreError
  | StoreNotEmpty
  | ExportInvalid
  | HashDiffers
  | SealForbidden
  | SealRaced
  | EventNotFound
  | BadTreeSize;

/**
 * Carries an {@link AuditError} through a promise inside this package (the functions return
 * `TaskEither`s, so it never escapes them).
 */
export class AuditFailure extends Error {
  constructor(readonly error: AuditError) {
    super(error.message);
    this.name = 'AuditFailure';
  }
}
