import * as E from 'fp-ts/Either';
import { decodeEvent } from '@assure/domain';
import type { EventStore } from '@assure/event-store';
import {
  checkSnapshot,
  entityViews,
  type EventDecoder,
  type ProjectionEvent,
  type SnapshotStore,
} from '@assure/projections';
import type { SnapshotVerdict, VerifyReport } from './report';

/** Options of {@link verifySnapshot}. */
export interface VerifySnapshotOptions {
  /**
   * The payload decoder the snapshot was folded with (default: the domain's `decodeEvent`,
   * which the CLI's reading commands use).
   */
  readonly decode?: EventDecoder<ProjectionEvent>;
}

/**
 * Checks the read-model snapshot of a store (the built-in status, tracker, risks and roster
 * views, as the CLI's reading commands keep them) against its log: `checkSnapshot` rebuilds
 * the views up to the snapshot's checkpoint and compares. Null when there is no snapshot.
 *
 * Only `mismatch` is a verification failure (see {@link withSnapshotVerdict}): `stale` (a
 * snapshot of other views or versions) and `unchecked` (unreadable, or the log could not
 * be folded) are snapshots that no read uses as they are.
 *
 * @example
 * const v = await verifySnapshot(store, fileSnapshotStore(`${log}.read-models.json`));
 * const report = withSnapshotVerdict(await verifyStore(store), v);
 */
export async function verifySnapshot(
  store: EventStore,
  snapshots: SnapshotStore,
  options: VerifySnapshotOptions = {},
): Promise<SnapshotVerdict | null> {
  const r = await checkSnapshot(store, entityViews, snapshots, {
    decode: options.decode ?? decodeEvent,
  })();
  const location = snapshots.location;
  if (E.isLeft(r))
    return {
      location,
      status: 'unchecked',
      checkpoint: null,
      differs: [],
      reason: r.left.message,
    };
  const c = r.right;
  switch (c._tag) {
    case 'NoSnapshot':
      return null;
    case 'SnapshotStale':
      return { location, status: 'stale', checkpoint: null, differs: [], reason: c.reason };
    case 'SnapshotMatches':
      return { location, status: 'matches', checkpoint: c.checkpoint, differs: [], reason: null };
    case 'SnapshotMismatch':
      return {
        location,
        status: 'mismatch',
        checkpoint: c.checkpoint,
        differs: c.differs,
        reason: c.reason,
      };
    default: {
      const never: never = c;
      return never;
    }
  }
}

/**
 * A verify report with a snapshot's verdict added: `snapshot` set, and a `mismatch` added
 * as a `snapshot-mismatch` failure (at the snapshot's checkpoint), which makes the report
 * fail. A null verdict (no snapshot) leaves the report as it is.
 *
 * @example
 * const report = withSnapshotVerdict(await verifyStore(store), await verifySnapshot(store, s));
 */
export function withSnapshotVerdict(
  report: VerifyReport,
  verdict: SnapshotVerdict | null,
): VerifyReport {
  if (verdict === null) return report;
  if (verdict.status !== 'mismatch') return { ...report, snapshot: verdict };
  return {
    ...report,
    ok: false,
    failures: [
      ...report.failures,
      {
        position: verdict.checkpoint,
        stream: null,
        revision: null,
        reason: 'snapshot-mismatch',
        line: null,
        message: `read-model snapshot ${verdict.location}: ${verdict.reason ?? 'differs from the log'}`,
      },
    ],
    snapshot: verdict,
  };
}

/** The verdict of a snapshot not compared because the log itself failed verification. */
export function snapshotNotChecked(location: string): SnapshotVerdict {
  return {
    location,
    status: 'unchecked',
    checkpoint: null,
    differs: [],
    reason: 'the log failed verification: the snapshot was not compared with it',
  };
}
