import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { StoreErrors, storeErrorOf, type EventStore } from '@assure/event-store';
import type { ProjectionError } from '../view/errors';
import { Projector, type Checkpointed, type EventDecoder } from '../view/runner';
import { validateTimeTravel, type InvalidTimeTravel, type TimeTravel } from '../view/time';
import type { ViewSet } from '../view/view';
import { decodeSnapshot, encodeSnapshot } from './snapshot';
import type { SnapshotStore } from './stores';

/** Options of {@link loadOrBuild}. */
export interface LoadOptions<Ev> {
  /** The payload decoder (the domain's `decodeEvent`). */
  readonly decode: EventDecoder<Ev>;
  /** The point of view; a snapshot serves only the full fold (see {@link loadOrBuild}). */
  readonly timeTravel?: TimeTravel;
  /** Write the snapshot back after catching up (default true). */
  readonly save?: boolean;
}

/** How {@link loadOrBuild} got its states. */
export type LoadSource =
  /** From the snapshot, then the events after it. */
  | 'snapshot'
  /** From zero (no usable snapshot), the full log. */
  | 'rebuilt'
  /** A time-travel replay from zero inside the window (snapshots do not serve it). */
  | 'replayed';

/** What {@link loadOrBuild} returns. */
export interface LoadResult<S> {
  readonly result: Checkpointed<S>;
  readonly source: LoadSource;
  /** Events folded or passed over after the snapshot (or from zero). */
  readonly caughtUp: number;
  /** Why the stored snapshot was not used (null when used, or when there was none). */
  readonly snapshotProblem: string | null;
  /** Why saving the snapshot failed (null when saved or not asked to). */
  readonly saveProblem: string | null;
}

/**
 * Builds a set of views from a store with a snapshot: load the snapshot (if it is for
 * these views and versions and its checkpoint event is still in the log with the same
 * hash), catch up on the events after it, save the new snapshot atomically, return.
 *
 * The snapshot holds the full fold (no window). A `knownAt` window, or an `asAt` day
 * before the latest valid time folded, is answered by a replay from zero inside the window
 * (not saved); an `asAt` on or after every folded event's day is answered by the full fold.
 * A snapshot whose `maxOccurredAt` is already after the `asAt` day is not decoded, checked,
 * caught up or saved: the replay answers (nor is a damaged one reported then). That field
 * is read from the snapshot's head when its store offers `peekMaxOccurredAt` (the file and
 * memory stores do), so such a snapshot is not even parsed.
 *
 * @example
 * const r = await loadOrBuild(store, entityViews, fileSnapshotStore('.assure/read-models.json'), {
 *   decode: domainModel.decodeEvent,
 *   timeTravel: { asAt: '2019-03-15' },
 * })();
 */
export function loadOrBuild<S extends Record<string, unknown>, Ev>(
  store: EventStore,
  views: ViewSet<S, Ev>,
  snapshots: SnapshotStore | null,
  options: LoadOptions<Ev>,
): TE.TaskEither<ProjectionError | InvalidTimeTravel, LoadResult<S>> {
  return async () => {
    const tt = validateTimeTravel(options.timeTravel ?? {});
    if (E.isLeft(tt)) return tt;
    const { asAt, knownAt } = tt.right;
    if (knownAt !== undefined || snapshots === null)
      return replay(store, views, options.decode, tt.right, null);

    // The snapshot's head says whether it folded an event valid after the day: a replay then
    // answers, and the rest of the snapshot (most of it) is neither read nor parsed.
    if (asAt !== undefined && snapshots.peekMaxOccurredAt !== undefined) {
      const declared = await snapshots.peekMaxOccurredAt();
      if (typeof declared === 'string' && declared.slice(0, 10) > asAt)
        return replay(store, views, options.decode, tt.right, null);
    }
    let snapshotProblem: string | null = null;
    let from: Checkpointed<S> | undefined;
    const loaded = await snapshots.load()();
    if (E.isLeft(loaded)) snapshotProblem = loaded.left.message;
    else if (loaded.right !== null) {
      if ('unparsable' in loaded.right)
        snapshotProblem = `unparsable snapshot: ${loaded.right.unparsable}`;
      else if (asAt !== undefined && foldedPast(loaded.right.json, asAt))
        // It holds an event valid after the day: it cannot serve, and a replay from zero
        // would follow it anyway. Neither checked, caught up nor saved.
        return replay(store, views, options.decode, tt.right, null);
      else {
        const decoded = decodeSnapshot(views, loaded.right.json);
        if (E.isLeft(decoded)) snapshotProblem = decoded.left.reason;
        else {
          const same = await sameLog(store, decoded.right);
          if (E.isLeft(same)) return same;
          if (same.right) from = decoded.right;
          else snapshotProblem = 'the event at its checkpoint is not in this log';
        }
      }
    }
    const projector = new Projector(views, { decode: options.decode }, from);
    const before = projector.checkpoint;
    const beforeCount = from?.folded ?? 0;
    const caught = await projector.catchUp(store)();
    if (E.isLeft(caught)) return caught;
    let saveProblem: string | null = null;
    if (options.save !== false && caught.right.checkpoint !== before) {
      const saved = await snapshots.save(encodeSnapshot(views, caught.right))();
      if (E.isLeft(saved)) saveProblem = saved.left.message;
    }
    const max = caught.right.maxOccurredAt;
    if (asAt !== undefined && max !== null && max.slice(0, 10) > asAt)
      return replay(store, views, options.decode, tt.right, snapshotProblem);
    return E.right({
      result: caught.right,
      source: from === undefined ? 'rebuilt' : 'snapshot',
      caughtUp: caught.right.folded - beforeCount,
      snapshotProblem,
      saveProblem,
    });
  };
}

async function replay<S extends Record<string, unknown>, Ev>(
  store: EventStore,
  views: ViewSet<S, Ev>,
  decode: EventDecoder<Ev>,
  timeTravel: TimeTravel,
  snapshotProblem: string | null,
): Promise<E.Either<ProjectionError, LoadResult<S>>> {
  const projector = new Projector(views, { decode, timeTravel });
  const r = await projector.catchUp(store)();
  if (E.isLeft(r)) return r;
  return E.right({
    result: r.right,
    source: 'replayed',
    caughtUp: r.right.folded,
    snapshotProblem,
    saveProblem: null,
  });
}

/**
 * Whether a parsed snapshot says it folded an event valid after `asAt` (its
 * `maxOccurredAt`): a replay then answers whatever else it holds, so it is not decoded.
 */
function foldedPast(json: unknown, asAt: string): boolean {
  if (typeof json !== 'object' || json === null || !('maxOccurredAt' in json)) return false;
  const max = json.maxOccurredAt;
  return typeof max === 'string' && max.slice(0, 10) > asAt;
}

/** Whether the log still holds the snapshot's checkpoint event with the same hash. */
async function sameLog<S>(
  store: EventStore,
  c: Checkpointed<S>,
): Promise<E.Either<ProjectionError, boolean>> {
  if (c.checkpoint === null) return E.right(true);
  try {
    for await (const e of store.readAll({ from: BigInt(c.checkpoint), maxCount: 1 }))
      return E.right(e.position === c.checkpoint && e.hash === c.checkpointHash);
    return E.right(false);
  } catch (e) {
    return E.left(storeErrorOf(e) ?? StoreErrors.unavailable(String(e)));
  }
}
