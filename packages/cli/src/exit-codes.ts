/**
 * The exit codes of `assure` (normative, CLI.md): 0 done; 1 rejected by the domain (or a
 * commandId already used by another command);
 * 2 bad input or usage; 3 conflict unresolved after retries; 4 verification failed;
 * 5 store unavailable or corrupt.
 */
export const ExitCode = {
  ok: 0,
  rejected: 1,
  usage: 2,
  conflict: 3,
  verificationFailed: 4,
  storeUnavailable: 5,
} as const;
/** One of {@link ExitCode}'s values. */
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const byTag: Readonly<Record<string, ExitCode>> = {
  Forbidden: ExitCode.rejected,
  NotFound: ExitCode.rejected,
  AlreadyExists: ExitCode.rejected,
  InvalidTransition: ExitCode.rejected,
  RuleViolated: ExitCode.rejected,
  ValidationFailed: ExitCode.usage,
  UsageError: ExitCode.usage,
  InvalidTimeTravel: ExitCode.usage,
  UnreadableFile: ExitCode.usage,
  PayloadRejected: ExitCode.usage,
  RecordedAtRegressed: ExitCode.usage,
  CommandIdReused: ExitCode.rejected,
  WrongExpectedRevision: ExitCode.conflict,
  HeadMoved: ExitCode.conflict,
  VerificationFailed: ExitCode.verificationFailed,
  ProofInvalid: ExitCode.verificationFailed,
  StoreUnavailable: ExitCode.storeUnavailable,
  AppendOutcomeUnknown: ExitCode.storeUnavailable,
  StoreCorrupt: ExitCode.storeUnavailable,
  Tampered: ExitCode.storeUnavailable,
  EventUndecodable: ExitCode.storeUnavailable,
  ViewFailed: ExitCode.storeUnavailable,
  SnapshotIoFailed: ExitCode.storeUnavailable,
  StoreNotEmpty: ExitCode.usage,
  BadTreeSize: ExitCode.usage,
  EventNotFound: ExitCode.rejected,
  ExportInvalid: ExitCode.verificationFailed,
  HashDiffers: ExitCode.verificationFailed,
  SealRaced: ExitCode.conflict,
  KeysError: ExitCode.usage,
};

/**
 * The exit code of a tagged error (unknown tags count as a store failure, the most
 * conservative reading).
 *
 * @example
 * exitCodeOf({ _tag: 'RuleViolated' }); // 1
 */
export function exitCodeOf(error: { readonly _tag: string }): ExitCode {
  return byTag[error._tag] ?? ExitCode.storeUnavailable;
}
