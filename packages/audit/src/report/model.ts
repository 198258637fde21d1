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
import { verifyStore, type VerifyOptions, type VerifyReport, type Witness } from '../verify';
import { dueRevisions, type DueRevision } from './details';

/** Everything a board pack / audit report shows, gathered from one store or export. */
export interface ReportData {
  readonly title: string;
  /** The bodies the programmes improve (the council), as their establishment names them. */
  readonly council: string;
  readonly asAt: string;
  readonly knownAt: string | null;
  /** The policies that made the colours and bands. */
  readonly policies: { readonly rag: string; readonly riskBands: string };
  readonly status: StatusDocument;
  readonly tracker: TrackerDocument;
  /** Each recommendation's title, by id. */
  readonly recommendationTitles: Readonly<Record<string, string>>;
  /** Each recommendation's due-date revisions with their approvers, by id (none: absent). */
  readonly revisions: Readonly<Record<string, readonly DueRevision[]>>;
  readonly risks: RiskRegisterDocument;
  /** How many controls each risk has, by id. */
  readonly riskControls: Readonly<Record<string, number>>;
  /** Changes since the last meeting: of the chosen body, or of every active body. */
  readonly changes: ChangesDocument;
  /** The body chosen for "changes since the last meeting" (null: every body). */
  readonly changesBody: string | null;
  /** The verification of the log the report was built from (tree size and Merkle root). */
  readonly verification: VerifyReport;
  /** The witnessed root the log was checked against, or null when none was given. */
  readonly witness: Witness | null;
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
  /**
   * The verification already made of this very log (an export verified before it was
   * opened): used as is, and the log is not verified a second time.
   */
  readonly verification?: VerifyReport;
  /** Only this body's changes since its last meeting (default: every active body). */
  readonly body?: string;
}

/**
 * Reads what a report needs from a store (or an export via `exportStore`): the status,
 * tracker (with titles and the approvers of due-date revisions), risk register (with
 * controls), changes since the last meeting as at / as known at, and a verification of the
 * whole log (its tree size and Merkle root, against a witnessed root when given).
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
    const window = {
      ...(options.asAt === undefined ? {} : { asAt: options.asAt }),
      ...(options.knownAt === undefined ? {} : { knownAt: options.knownAt }),
    };
    const r = await fullReadModels(store, {
      ...window,
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    })();
    if (E.isLeft(r)) return r;
    const m = r.right.models;
    const status = options.ragPolicy === undefined ? m.status() : m.status(options.ragPolicy);
    const verification = options.verification ?? (await verifyStore(store, options.verify ?? {}));
    const revisions = await dueRevisions(store, { ...window, asAt: status.asAt });
    const council = [...new Set([...m.states.programmes.values()].map((p) => p.body))].join(', ');
    const changes = m.changesSinceLastMeeting();
    const body = options.body;
    const bodies =
      body === undefined ? changes.bodies : changes.bodies.filter((b) => b.bodyId === body);
    const forBody =
      body === undefined || bodies[0] === undefined ? '' : ` for the ${bodies[0].name}`;
    return E.right({
      title:
        options.title ?? `${council === '' ? 'Board pack' : `${council}: board pack`}${forBody}`,
      council,
      asAt: status.asAt,
      knownAt: status.knownAt,
      policies: { rag: status.policy, riskBands: riskBandsV1.name },
      status,
      tracker: m.tracker(),
      recommendationTitles: Object.fromEntries(
        [...m.states.recommendations.values()].map((x) => [x.id, x.title]),
      ),
      revisions: Object.fromEntries(revisions),
      risks: m.risks(),
      riskControls: Object.fromEntries([...m.states.risks.values()].map((x) => [x.id, x.controls])),
      changes: { ...changes, bodies },
      changesBody: body ?? null,
      verification,
      witness: options.verify?.witness ?? null,
    });
  };
}
