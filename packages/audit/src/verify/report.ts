/** Why verification failed at an event (CLI.md, normative codes). */
export type FailureReason =
  | 'decode-failed'
  | 'hash-mismatch'
  | 'chain-broken'
  | 'revision-gap'
  | 'duplicate-event-id'
  | 'position-order'
  | 'seal-mismatch'
  | 'root-mismatch'
  | 'truncated'
  | 'snapshot-mismatch';

/** Every reason code, in the order the checks of one event run. */
export const FAILURE_REASONS: readonly FailureReason[] = [
  'decode-failed',
  'position-order',
  'duplicate-event-id',
  'hash-mismatch',
  'chain-broken',
  'revision-gap',
  'seal-mismatch',
  'root-mismatch',
  'truncated',
  'snapshot-mismatch',
];

/**
 * One failed check. `position`, `stream` and `revision` locate the event where it was
 * detected (null when unknown: an unreadable line, or the end of the input). `line` is the
 * 1-based line of the input (exports: the header is line 1) and `message` says what differs.
 */
export interface VerifyFailure {
  readonly position: string | null;
  readonly stream: string | null;
  readonly revision: number | null;
  readonly reason: FailureReason;
  readonly line: number | null;
  readonly message: string;
}

/**
 * What verify found of a store's read-model snapshot (a cache of the views, never evidence).
 *
 * - `matches`: a rebuild of the views from the log up to `checkpoint` gives what it holds.
 * - `mismatch`: it disagrees with the log (`differs` names the views or counters, empty when
 *   it could not be compared: unparsable, malformed, a wrong digest, a checkpoint event not
 *   in the log); the report then has a `snapshot-mismatch` failure.
 * - `stale`: written for other views or versions; reads rebuild over it, so it is not compared.
 * - `unchecked`: not compared (unreadable, or the log failed verification); `reason` says why.
 */
export interface SnapshotVerdict {
  readonly location: string;
  readonly status: 'matches' | 'mismatch' | 'stale' | 'unchecked';
  readonly checkpoint: string | null;
  readonly differs: readonly string[];
  readonly reason: string | null;
}

/**
 * A last line without its newline: bytes after the last complete line. In a live log it is
 * an append that never completed (a crash mid-write; the next writer to open the log cuts
 * it, and no event in it was ever acknowledged): not tampering by itself, so it is reported
 * here and is no failure. In an export, which is written whole, it means the file was cut:
 * a `truncated` failure as well.
 *
 * - `offset`: the byte offset where the torn line starts (in a file store's log, the
 *   position the next event will take); `bytes`: its length; `line`: its 1-based line.
 * - `restVerifies`: every complete line before it passed every check of its own and of the
 *   order of the log (the checks made at the end, such as a witness covering more events
 *   than the file holds, are in `failures`).
 */
export interface TornTail {
  readonly offset: number;
  readonly bytes: number;
  readonly line: number;
  readonly restVerifies: boolean;
}

/**
 * The verify report (CLI.md `assure verify --json`).
 *
 * - `events`: event records read; `streams`: distinct streams; `treeSize`/`root`: the
 *   Merkle tree over every event read (a witness may keep them).
 * - `sealsChecked`: `LedgerSealed` events checked against the recomputed root of their prefix.
 * - `witnessed`: a witnessed `(treeSize, root)` was given and matched.
 * - `unsealedTail`: how many events lie after the last witnessed seal, that is beyond the
 *   prefix covered by the witnessed root (or, with no witness, by the last valid seal in the
 *   log), not counting the seal event that closes that prefix. Those events are protected by
 *   their stream's hash chain alone: someone who can write the log could delete or
 *   recompute them undetected. Without a witness, every seal in the log could itself have
 *   been recomputed: only a root kept outside the system proves the past.
 * - `failures`: in input order, so the first one is the first failing position (a
 *   `snapshot-mismatch` comes last: it is about the snapshot, not an event of the log).
 * - `snapshot`: present when a store's read-model snapshot was looked at (see
 *   {@link SnapshotVerdict}); absent for an export, or a store without a snapshot.
 * - `tornTail`: the incomplete last line, or null (see {@link TornTail}).
 */
export interface VerifyReport {
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  readonly treeSize: number;
  readonly root: string;
  readonly sealsChecked: number;
  readonly witnessed: boolean;
  readonly unsealedTail: number;
  readonly failures: readonly VerifyFailure[];
  readonly snapshot?: SnapshotVerdict;
  readonly tornTail: TornTail | null;
}

/** A root kept outside the system by a witness (the external auditor). */
export interface Witness {
  readonly treeSize: number;
  readonly root: string;
}

/** One line of text saying what a report proves, for human output. */
export function describeReport(r: VerifyReport): string {
  const head = r.ok
    ? `verified ${r.events} events in ${r.streams} streams`
    : `FAILED: ${r.failures.length} failure(s), first ${r.failures[0]?.reason ?? '?'} at ${whereOf(r.failures[0])}`;
  const cover = r.witnessed
    ? 'a witnessed root'
    : r.sealsChecked > 0
      ? 'the seals in the log (not witnessed)'
      : 'no root';
  const t = r.tornTail;
  const torn =
    t === null
      ? ''
      : `; torn tail: an incomplete last line (line ${t.line}, ${t.bytes} bytes at byte offset ${t.offset}), not verified; ` +
        `the complete lines before it ${t.restVerifies ? 'verify' : 'do not all verify'}`;
  return `${head}; tree size ${r.treeSize}, root ${r.root}; ${r.sealsChecked} seal(s) checked; covered by ${cover}; ${r.unsealedTail} event(s) after the last witnessed seal are protected by the hash chains alone${torn}${r.snapshot === undefined ? '' : `\n${describeSnapshot(r.snapshot)}`}`;
}

/** Where a failure was found: its position, else its line, else the end of the input. */
export function whereOf(f: VerifyFailure | undefined): string {
  if (f === undefined) return '?';
  if (f.position !== null) return `position ${f.position}`;
  return f.line !== null ? `line ${f.line}` : 'the end of the input';
}

/** One line on a read-model snapshot's verdict, for human output. */
export function describeSnapshot(s: SnapshotVerdict): string {
  const at = `read-model snapshot ${s.location}`;
  switch (s.status) {
    case 'matches':
      return `${at} matches the log rebuilt up to position ${s.checkpoint ?? '(none)'}`;
    case 'mismatch':
      return `${at} does NOT match the log: ${s.reason ?? 'it differs'}`;
    case 'stale':
      return `${at} not compared: ${s.reason ?? 'of other views or versions'} (reads rebuild over it)`;
    case 'unchecked':
      return `${at} not compared: ${s.reason ?? 'unknown reason'}`;
    default: {
      const never: never = s.status;
      return never;
    }
  }
}
