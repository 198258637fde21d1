import * as E from 'fp-ts/Either';
import { decodeEvent } from '@assure/domain';
import type { EventStore } from '@assure/event-store';
import { timeWindow, type TimeTravel } from '@assure/projections';

/** One revision of a recommendation's due date, and who approved it. */
export interface DueRevision {
  /** The day the revision took effect (valid time). */
  readonly revisedOn: string;
  readonly previousDueOn: string;
  readonly dueOn: string;
  readonly approvedBy: string;
  readonly reason: string;
}

/**
 * The due-date revisions of every recommendation within a time-travel window (as at, as
 * known at), in log order: what the tracker counts, with the approver of each. The
 * projections keep only the count, so the report reads them from the log itself.
 *
 * @example
 * const revisions = await dueRevisions(store, { asAt: '2019-07-30' });
 * revisions.get('rec-kerslake-03'); // [{ revisedOn, previousDueOn, dueOn, approvedBy, reason }]
 */
export async function dueRevisions(
  store: EventStore,
  window: TimeTravel,
): Promise<ReadonlyMap<string, readonly DueRevision[]>> {
  const inWindow = timeWindow(window);
  const out = new Map<string, DueRevision[]>();
  for await (const e of store.readAll()) {
    if (e.type !== 'RecommendationDueDateRevised') continue;
    if (inWindow !== undefined && !inWindow(e.meta)) continue;
    const d = decodeEvent(e.type, e.schemaVersion, e.data);
    if (E.isLeft(d) || d.right.type !== 'RecommendationDueDateRevised') continue;
    const x = d.right.data;
    const list = out.get(x.recommendationId) ?? [];
    list.push({
      revisedOn: e.meta.occurredAt.slice(0, 10),
      previousDueOn: x.previousDueOn,
      dueOn: x.dueOn,
      approvedBy: x.approvedBy,
      reason: x.reason,
    });
    out.set(x.recommendationId, list);
  }
  return out;
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
