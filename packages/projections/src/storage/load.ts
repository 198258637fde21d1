import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { StoreErrors, storeErrorOf, type EventStore } from '@assure/event-store';
import type { ProjectionError } from '../view/errors';
import { Projector, type Checkpointed, type EventDecoder } from '../view/runner';
import { validateTimeTravel, type InvalidTimeTravel, type TimeTravel } from '../view/time';
import type { HeadView, ViewSet } from '../view/view';
import { Journal } from './journal';
import {
  headViewsOf,
  holdsJournal,
  JOURNAL_KEY,
  journalOf,
  replayJournal,
  unreadable,
  withJournal,
  withoutJournal,
  type WithJournal,
} from './journal-load';
import { encodeJournalSection, JOURNAL, JOURNAL_VERSION } from './journal-view';
import { encodeSnapshot } from './snapshot';
import { decodeSnapshot, openSnapshot, type SnapshotFile } from './snapshot-file';
import type { SnapshotStore } from './stores';

/** Options of {@link loadOrBuild}. */
export interface LoadOptions<Ev> {
  /** The payload decoder (the domain's `decodeEvent`). */
  readonly decode: EventDecoder<Ev>;
  /** The point of view; a snapshot serves only the full fold (see {@link loadOrBuild}). */
  readonly timeTravel?: TimeTravel;
  /** Write the snapshot back after catching up (default true). */
  readonly save?: boolean;
  /**
   * Keep an event journal in the snapshot (default false), so that it also answers a past
   * `asAt` day and any `knownAt` instant: the journal's events inside the window are folded
   * from zero, then the log's events after the snapshot. Only for views that read just the
   * envelope's head (`HeadView`, as the entity views do); for others it is ignored. A
   * snapshot without a journal is rebuilt over once, with one.
   */
  readonly journal?: boolean;
}

/** How {@link loadOrBuild} got its states. */
export type LoadSource =
  /** From the snapshot, then the events after it. */
  | 'snapshot'
  /** From zero (no usable snapshot), the full log. */
  | 'rebuilt'
  /** A time-travel replay from zero inside the window (snapshots do not serve it). */
  | 'replayed'
  /**
   * A past day or a known-at instant from the snapshot's event journal (the events inside
   * the window, folded from zero), then the log's events after it.
   */
  | 'journal';

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
 * A view set may be a part of the snapshot's: only its sections are read, and the
 * snapshot is then not saved (the other views were not caught up).
 *
 * A snapshot whose header says its `maxOccurredAt` is already after the `asAt` day: its
 * sections are not read, nor is it caught up or saved; the replay answers.
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
    const decode = options.decode;
    const heads = options.journal === true ? headViewsOf(views) : null;
    if (snapshots === null || (knownAt !== undefined && heads === null))
      return replay(store, views, decode, tt.right, null);
    const names = new Set(Object.values<{ name: string }>(views).map((v) => v.name));
    if (heads !== null) names.add(JOURNAL);

    let snapshotProblem: string | null = null;
    let from: Checkpointed<S> | undefined;
    let file: SnapshotFile | undefined;
    // A snapshot that also holds views outside this set is not saved over with fewer.
    let holdsOthers = false;
    const loaded = await snapshots.load()();
    if (E.isLeft(loaded)) snapshotProblem = loaded.left.message;
    else if (loaded.right !== null) {
      const opened = openSnapshot(loaded.right);
      if (E.isLeft(opened)) snapshotProblem = opened.left.reason;
      else if (
        knownAt !== undefined ||
        (asAt !== undefined && foldedPast(opened.right.head.maxOccurredAt, asAt))
      ) {
        // It holds an event valid after the day (or the window is on transaction time): the
        // full fold cannot serve; its journal can.
        return pastFromSnapshot(store, views, heads, opened.right, decode, tt.right);
      } else if (heads !== null && !holdsJournal(opened.right))
        snapshotProblem = 'it holds no event journal of this version';
      else {
        file = opened.right;
        const decoded = decodeSnapshot(views, opened.right);
        if (E.isLeft(decoded)) snapshotProblem = decoded.left.reason;
        else {
          const same = await sameLog(store, decoded.right);
          if (E.isLeft(same)) return same;
          if (same.right) {
            from = decoded.right;
            holdsOthers = Object.keys(opened.right.head.views).some((n) => !names.has(n));
          } else snapshotProblem = 'the event at its checkpoint is not in this log';
        }
      }
    }
    const start = {
      from,
      file: from === undefined ? undefined : file,
      holdsOthers,
      snapshotProblem,
    };
    return heads === null
      ? catchUpPlain(store, views, snapshots, options, tt.right, start)
      : catchUpWithJournal(store, views, heads, snapshots, options, tt.right, start);
  };
}

/**
 * A window that a snapshot's full fold cannot answer: from its journal (neither caught up
 * nor saved), else a replay from zero.
 */
async function pastFromSnapshot<S extends Record<string, unknown>, Ev>(
  store: EventStore,
  views: ViewSet<S, Ev>,
  heads: readonly HeadView<unknown, Ev>[] | null,
  file: SnapshotFile,
  decode: EventDecoder<Ev>,
  tt: TimeTravel,
): Promise<E.Either<ProjectionError, LoadResult<S>>> {
  if (heads === null) return replay(store, views, decode, tt, null);
  const journal = journalOf(file);
  if (E.isLeft(journal)) return replay(store, views, decode, tt, journal.left);
  const same = await sameLog(store, file.head);
  if (E.isLeft(same)) return same;
  if (!same.right)
    return replay(store, views, decode, tt, 'the event at its checkpoint is not in this log');
  return fromJournal(store, views, heads, journal.right, file.head, decode, tt, null);
}

/** The catch-up of {@link loadOrBuild} without a journal: a past day is then a replay. */
async function catchUpPlain<S extends Record<string, unknown>, Ev>(
  store: EventStore,
  views: ViewSet<S, Ev>,
  snapshots: SnapshotStore,
  options: LoadOptions<Ev>,
  tt: TimeTravel,
  start: Start<S>,
): Promise<E.Either<ProjectionError, LoadResult<S>>> {
  const { from, holdsOthers, snapshotProblem } = start;
  const projector = new Projector(views, { decode: options.decode }, from);
  const before = projector.checkpoint;
  const caught = await projector.catchUp(store)();
  if (E.isLeft(caught)) return caught;
  let saveProblem: string | null = null;
  if (options.save !== false && !holdsOthers && caught.right.checkpoint !== before) {
    const saved = await snapshots.save(encodeSnapshot(views, caught.right))();
    if (E.isLeft(saved)) saveProblem = saved.left.message;
  }
  const max = caught.right.maxOccurredAt;
  if (tt.asAt !== undefined && max !== null && foldedPast(max, tt.asAt))
    return replay(store, views, options.decode, tt, snapshotProblem);
  return E.right({
    result: caught.right,
    source: from === undefined ? 'rebuilt' : 'snapshot',
    caughtUp: caught.right.folded - (from?.folded ?? 0),
    snapshotProblem,
    saveProblem,
  });
}

/** What {@link catchUpWithJournal} starts from. */
interface Start<S> {
  /** The snapshot's states (undefined: from zero). */
  readonly from: Checkpointed<S> | undefined;
  /** The snapshot file they came from (its journal is read only to save over it). */
  readonly file: SnapshotFile | undefined;
  readonly holdsOthers: boolean;
  readonly snapshotProblem: string | null;
}

/**
 * The catch-up of {@link loadOrBuild} with a journal: the journal view folds the events
 * caught up (all of them from zero; after a snapshot, those after it, added to the
 * snapshot's journal only when saving). A past day after that is answered from the journal.
 */
async function catchUpWithJournal<S extends Record<string, unknown>, Ev>(
  store: EventStore,
  views: ViewSet<S, Ev>,
  heads: readonly HeadView<unknown, Ev>[],
  snapshots: SnapshotStore,
  options: LoadOptions<Ev>,
  tt: TimeTravel,
  start: Start<S>,
): Promise<E.Either<ProjectionError, LoadResult<S>>> {
  const { from, file, holdsOthers } = start;
  const all = withJournal(views);
  const begin: Checkpointed<WithJournal<S>> | undefined =
    from === undefined
      ? undefined
      : { ...from, states: { ...from.states, [JOURNAL_KEY]: new Journal() } };
  const projector = new Projector(all, { decode: options.decode }, begin);
  const before = projector.checkpoint;
  const caught = await projector.catchUp(store)();
  if (E.isLeft(caught)) return caught;
  const c = caught.right;
  // The whole journal: the caught-up one from zero, else the snapshot's with it added (read
  // only when needed: to save, or to answer a past day).
  let journal: Journal | null = from === undefined ? c.states[JOURNAL_KEY] : null;
  let journalProblem: string | null = null;
  const whole = (): Journal | null => {
    if (journal !== null || file === undefined) return journal;
    const base = journalOf(file);
    if (E.isLeft(base)) journalProblem = base.left;
    else
      try {
        base.right.append(c.states[JOURNAL_KEY]);
        journal = base.right;
      } catch (e) {
        journalProblem = unreadable(e);
        if (journalProblem === null) throw e;
      }
    return journal;
  };
  let saveProblem: string | null = null;
  if (options.save !== false && !holdsOthers && c.checkpoint !== before) {
    // A journal that does not read is left out: the next load, finding none, rebuilds one.
    const j = whole();
    const binary =
      j === null ? {} : { [JOURNAL]: { version: JOURNAL_VERSION, text: encodeJournalSection(j) } };
    const states = withoutJournal(c.states);
    const saved = await snapshots.save(encodeSnapshot(views, { ...c, states }, binary))();
    if (E.isLeft(saved)) saveProblem = saved.left.message;
  }
  const max = c.maxOccurredAt;
  // A window the full fold does not answer: a known-at instant, or a day before the latest.
  if (
    tt.knownAt !== undefined ||
    (tt.asAt !== undefined && max !== null && foldedPast(max, tt.asAt))
  ) {
    const j = whole();
    if (j === null || j.unusable !== null)
      return replay(store, views, options.decode, tt, start.snapshotProblem ?? journalProblem);
    return fromJournal(store, views, heads, j, c, options.decode, tt, start.snapshotProblem);
  }
  return E.right({
    result: { ...c, states: withoutJournal(c.states) },
    source: from === undefined ? 'rebuilt' : 'snapshot',
    caughtUp: c.folded - (from?.folded ?? 0),
    snapshotProblem: start.snapshotProblem,
    saveProblem,
  });
}

/** A window answered from a journal (see `replayJournal`). */
async function fromJournal<S extends Record<string, unknown>, Ev>(
  store: EventStore,
  views: ViewSet<S, Ev>,
  heads: readonly HeadView<unknown, Ev>[],
  journal: Journal,
  at: { readonly checkpoint: string | null; readonly checkpointHash: string | null },
  decode: EventDecoder<Ev>,
  tt: TimeTravel,
  snapshotProblem: string | null,
): Promise<E.Either<ProjectionError, LoadResult<S>>> {
  const r = await replayJournal(store, views, heads, journal, at, decode, tt);
  if ('unreadable' in r) return replay(store, views, decode, tt, r.unreadable);
  if (E.isLeft(r)) return r;
  return E.right({
    result: r.right.result,
    source: 'journal',
    caughtUp: r.right.result.folded - r.right.fromJournal,
    snapshotProblem,
    saveProblem: null,
  });
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

/** Whether a snapshot's latest valid time (its `maxOccurredAt`) falls after `asAt`. */
function foldedPast(max: string | null, asAt: string): boolean {
  return max !== null && max.slice(0, 10) > asAt;
}

/** Whether the log still holds the snapshot's checkpoint event with the same hash. */
async function sameLog(
  store: EventStore,
  c: Pick<Checkpointed<unknown>, 'checkpoint' | 'checkpointHash'>,
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
