import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { EventStore } from '@assure/event-store';
import type { ProjectionError } from '../view/errors';
import { Projector, type Checkpointed, type EventDecoder } from '../view/runner';
import type { InvalidTimeTravel } from '../view/time';
import type { ViewSet } from '../view/view';
import { loadOrBuild, type LoadResult } from './load';
import { encodeSnapshot } from './snapshot';
import type { SnapshotStore } from './stores';

/** Options of {@link followWithSnapshots}. */
export interface SnapshotFollowOptions<Ev> {
  /** The payload decoder (the domain's `decodeEvent`). */
  readonly decode: EventDecoder<Ev>;
  /** Stops following: the task then saves the states reached and ends with them. */
  readonly signal?: AbortSignal;
  /**
   * Saves the snapshot after this many events that changed the states since the last save
   * (default 1000; a positive integer). A restart after a crash then folds at most this
   * many events again, beyond those appended while the app was down.
   */
  readonly saveEvery?: number;
  /** Called after each event that changed the states, once any save it caused is done. */
  readonly onChange?: (position: string) => void | Promise<void>;
}

/** What {@link followWithSnapshots} ends with when following stops cleanly. */
export interface Followed<S> {
  /** The states reached, at their checkpoint. */
  readonly result: Checkpointed<S>;
  /** How the states were loaded before following (see {@link loadOrBuild}). */
  readonly load: Omit<LoadResult<S>, 'result'>;
  /** Snapshots saved while following, the one at the stop included. */
  readonly saves: number;
  /** Why the latest failed save failed, or null when none failed. */
  readonly saveProblem: string | null;
}

const DEFAULT_SAVE_EVERY = 1000;

/**
 * A long-running projection that keeps its snapshot current: loads the snapshot (or
 * rebuilds) and catches up as {@link loadOrBuild} does, then follows the store live,
 * saving the snapshot every `saveEvery` changes and once more when the signal stops it. A
 * restart, even after a crash, loads the latest snapshot and folds only what came after.
 *
 * - A save that fails (a full disk) is reported in `saveProblem`; following goes on and the
 *   next save tries again.
 * - When following fails (an undecodable event, a failing view or callback, the store), the
 *   task ends with that error and saves nothing more: the last snapshot saved stands, and a
 *   restart stops at the same event until it is fixed.
 * - Views without a codec are not snapshotted: they are rebuilt at every start.
 *
 * @throws RangeError when `saveEvery` is not a positive integer (a programming error)
 * @example
 * const stop = new AbortController();
 * const done = followWithSnapshots(store, entityViews, fileSnapshotStore('.assure/read-models.json'), {
 *   decode: domainModel.decodeEvent,
 *   signal: stop.signal,
 *   saveEvery: 500,
 * })();
 * process.once('SIGTERM', () => stop.abort());
 */
export function followWithSnapshots<S extends Record<string, unknown>, Ev>(
  store: EventStore,
  views: ViewSet<S, Ev>,
  snapshots: SnapshotStore,
  options: SnapshotFollowOptions<Ev>,
): TE.TaskEither<ProjectionError | InvalidTimeTravel, Followed<S>> {
  const saveEvery = options.saveEvery ?? DEFAULT_SAVE_EVERY;
  if (!Number.isSafeInteger(saveEvery) || saveEvery < 1)
    throw new RangeError(`saveEvery: expected a positive integer, got ${String(saveEvery)}`);
  return async () => {
    // No time-travel window: a follower keeps the full, current fold (what snapshots hold).
    const loaded = await loadOrBuild(store, views, snapshots, { decode: options.decode })();
    if (E.isLeft(loaded)) return loaded;
    const { result: from, ...load } = loaded.right;
    const projector = new Projector(views, { decode: options.decode }, from);
    let saves = 0;
    let saveProblem: string | null = null;
    let unsaved = 0;
    const save = async (): Promise<void> => {
      unsaved = 0;
      // Encoded and written while the follower waits: the snapshot is the states at the
      // checkpoint it names.
      const r = await snapshots.save(encodeSnapshot(views, projector.current()))();
      if (E.isLeft(r)) saveProblem = r.left.message;
      else saves++;
    };
    const followed = await projector.follow(store, {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onChange: async (position) => {
        unsaved++;
        if (unsaved >= saveEvery) await save();
        await options.onChange?.(position);
      },
    })();
    if (E.isLeft(followed)) return followed;
    if (unsaved > 0) await save();
    return E.right({ result: projector.current(), load, saves, saveProblem });
  };
}
