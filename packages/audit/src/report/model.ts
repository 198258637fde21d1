import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { riskBandsV1, type RagPolicy } from '@assure/domain';
import type { EventStore } from '@assure/event-store';
import {
  fullReadModels,
  type ChangesDocument,
  type InvalidTimeTravel,
  type ProjectionError,
  type RiskRegisterDocument,
  type StatusDocument,
  type TrackerDocument,
} from '@assure/projections';
import { verifyStore, type VerifyOptions, type VerifyReport } from '../verify';

/** Everything a board pack / audit report shows, gathered from one store or export. */
export interface ReportData {
  readonly title: string;
  readonly asAt: string;
  readonly knownAt: string | null;
  /** The policies that made the colours and bands. */
  readonly policies: { readonly rag: string; readonly riskBands: string };
  readonly status: StatusDocument;
  readonly tracker: TrackerDocument;
  readonly risks: RiskRegisterDocument;
  readonly changes: ChangesDocument;
  /** The verification of the log the report was built from (tree size and Merkle root). */
  readonly verification: VerifyReport;
}

/** Options of {@link gatherReport}. */
export interface ReportOptions {
  readonly title?: string;
  readonly asAt?: string;
  readonly knownAt?: string;
  /** The RAG policy (default: the status default, `bcc-cgip@2`). */
  readonly ragPolicy?: RagPolicy;
  readonly clock?: () => Date;
  /** Verify options (a witnessed root, for instance). */
  readonly verify?: VerifyOptions;
}

/**
 * Reads what a report needs from a store (or an export via `exportStore`): the status,
 * tracker, risk register and changes since each body's last meeting as at / as known at,
 * and a verification of the whole log (its tree size and Merkle root).
 *
 * @example
 * const data = await gatherReport(store, { asAt: '2019-07-30' })();
 * if (E.isRight(data)) fs.writeFileSync('board-pack.html', renderHtml(data.right));
 */
export function gatherReport(
  store: EventStore,
  options: ReportOptions = {},
): TE.TaskEither<ProjectionError | InvalidTimeTravel, ReportData> {
  return async () => {
    const r = await fullReadModels(store, {
      ...(options.asAt === undefined ? {} : { asAt: options.asAt }),
      ...(options.knownAt === undefined ? {} : { knownAt: options.knownAt }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    })();
    if (E.isLeft(r)) return r;
    const m = r.right.models;
    const status = options.ragPolicy === undefined ? m.status() : m.status(options.ragPolicy);
    const verification = await verifyStore(store, options.verify ?? {});
    return E.right({
      title: options.title ?? 'Board pack and audit report',
      asAt: status.asAt,
      knownAt: status.knownAt,
      policies: { rag: status.policy, riskBands: riskBandsV1.name },
      status,
      tracker: m.tracker(),
      risks: m.risks(),
      changes: m.changesSinceLastMeeting(),
      verification,
    });
  };
}
