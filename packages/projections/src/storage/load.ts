import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { StoreErrors, storeErrorOf, type EventStore } from '@assure/event-store';
import type { ProjectionError } from '../view/errors';
import { Projector, type Checkpointed, type EventDecoder } from '../view/runner';
import { validateTimeTravel, type InvalidTimeTravel, type TimeTravel } from '../view/time';
import type { ViewSet } from '../view/view';
import { AsAtIndex, AsAtIndexDoc, TAP } from './as-at-index';
import { decodeSnapshotWithIndex, encodeSnapshot, SNAPSHOT_VERSION } from './snapshot';
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
 * caught up or saved: the replay answers (nor is a damaged one reported then).
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
    // Views that declare their items keep an as-at index in the snapshot: it answers any
    // day. Others are answered by a replay whenever the day is before a folded event's.
    const indexed = AsAtIndex.of(views, null) !== null;

    const read = await readSnapshot(store, views, snapshots, asAt, indexed);
    if (E.isLeft(read)) return read;
    if (read.right === 'replay') return replay(store, views, options.decode, tt.right, null);
    const { from, fromIndex, snapshotProblem } = read.right;
    // The index is kept when the snapshot had one, or when the fold starts from zero.
    const index =
      from === undefined || (fromIndex !== null && fromIndex !== 'unread')
        ? AsAtIndex.of(views, fromIndex === 'unread' ? null : fromIndex)
        : null;
    const projector =
      index === null
        ? new Projector(views, { decode: options.decode }, from)
        : new Projector(
            index.wrap(views),
            { decode: options.decode },
            from === undefined ? undefined : { ...from, states: { ...from.states, [TAP]: null } },
          );
    const before = projector.checkpoint;
    const beforeCount = from?.folded ?? 0;
    const caughtUp = await projector.catchUp(store)();
    if (E.isLeft(caughtUp)) return caughtUp;
    if (index !== null && caughtUp.right.checkpoint !== before) {
      const refolded = await index.refold(store, options.decode);
      if (E.isLeft(refolded)) return refolded;
    }
    // The wrapped views' states are those of `views`, by the same keys, and the tap's.
    const { [TAP]: _tap, ...states } = caughtUp.right.states;
    void _tap;
    const caught: Checkpointed<S> = { ...caughtUp.right, states: states as S };
    let saveProblem: string | null = null;
    // An index left unread (nothing to catch up when the snapshot was read) is not dropped
    // by a save of events appended since: the next read catches up with it.
    if (options.save !== false && caught.checkpoint !== before && fromIndex !== 'unread') {
      const saved = await snapshots.save(encodeSnapshot(views, caught, index?.toDoc() ?? null))();
      if (E.isLeft(saved)) saveProblem = saved.left.message;
    }
    const max = caught.maxOccurredAt;
    const source: LoadSource = from === undefined ? 'rebuilt' : 'snapshot';
    const caughtUpCount = caught.folded - beforeCount;
    if (asAt !== undefined && max !== null && max.slice(0, 10) > asAt) {
      const at = index?.statesAt(views, caught, asAt) ?? E.left('no as-at index');
      if (E.isLeft(at)) return replay(store, views, options.decode, tt.right, snapshotProblem);
      return E.right({
        result: at.right,
        source,
        caughtUp: caughtUpCount,
        snapshotProblem,
        saveProblem,
      });
    }
    return E.right({
      result: caught,
      source,
      caughtUp: caughtUpCount,
      snapshotProblem,
      saveProblem,
    });
  };
}

/** A snapshot as read: the states to start from and their index, or why none serves. */
interface SnapshotRead<S> {
  readonly from: Checkpointed<S> | undefined;
  /** The index, or `unread`: not parsed, nothing needing it (no past day, nothing to catch up). */
  readonly fromIndex: AsAtIndexDoc | null | 'unread';
  readonly snapshotProblem: string | null;
}

/**
 * Loads, decodes and checks the stored snapshot against the log; `replay` when it holds an
 * event valid after `asAt` and has no index (a replay from zero answers whatever it holds).
 */
async function readSnapshot<S extends Record<string, unknown>, Ev>(
  store: EventStore,
  views: ViewSet<S, Ev>,
  snapshots: SnapshotStore,
  asAt: string | undefined,
  indexed: boolean,
): Promise<E.Either<ProjectionError, SnapshotRead<S> | 'replay'>> {
  const none = (snapshotProblem: string | null) =>
    E.right({ from: undefined, fromIndex: null, snapshotProblem });
  const loaded = await snapshots.load()();
  if (E.isLeft(loaded)) return none(loaded.left.message);
  if (loaded.right === null) return none(null);
  if ('unparsable' in loaded.right) return none(`unparsable snapshot: ${loaded.right.unparsable}`);
  const json = loaded.right.json;
  // It holds an event valid after the day and no index: it cannot serve, and a replay from
  // zero would follow it anyway. Neither checked, caught up nor saved.
  if (asAt !== undefined && foldedPast(json, asAt) && (!indexed || withoutIndex(json)))
    return E.right('replay');
  const decoded = decodeSnapshotWithIndex(views, json, loaded.right.text);
  if (E.isLeft(decoded)) return none(decoded.left.reason);
  const same = await sameLog(store, decoded.right.states);
  if (E.isLeft(same)) return same;
  if (!same.right) return none('the event at its checkpoint is not in this log');
  const text = decoded.right.index;
  let fromIndex: AsAtIndexDoc | null | 'unread' = null;
  if (text !== null) {
    const past = asAt !== undefined && foldedPast(json, asAt);
    const more = past ? E.right(true) : await hasAfter(store, decoded.right.states.checkpoint);
    if (E.isLeft(more)) return more;
    if (more.right) {
      const index = parseIndex(text);
      if (index === null) return none('its as-at index is malformed');
      fromIndex = index;
    } else fromIndex = 'unread';
  }
  return E.right({ from: decoded.right.states, fromIndex, snapshotProblem: null });
}

/** The as-at index from its JSON text, or null when it is not one. */
function parseIndex(text: string): AsAtIndexDoc | null {
  try {
    const doc = AsAtIndexDoc.decode(JSON.parse(text));
    return E.isRight(doc) ? doc.right : null;
  } catch {
    return null;
  }
}

/** Whether the log holds an event after a position (after nothing: any event). */
async function hasAfter(
  store: EventStore,
  checkpoint: string | null,
): Promise<E.Either<ProjectionError, boolean>> {
  try {
    const from = checkpoint === null ? 0n : BigInt(checkpoint) + 1n;
    for await (const e of store.readAll({ from, maxCount: 1 })) return E.right(e !== undefined);
    return E.right(false);
  } catch (e) {
    return E.left(storeErrorOf(e) ?? StoreErrors.unavailable(String(e)));
  }
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

/**
 * Whether a parsed snapshot of this version was written without an as-at index (by a
 * follower, or for views that do not declare their items). One of an older version is
 * decoded, found stale and rebuilt over, with its index.
 */
function withoutIndex(json: unknown): boolean {
  return (
    typeof json === 'object' &&
    json !== null &&
    'version' in json &&
    json.version === SNAPSHOT_VERSION &&
    'index' in json &&
    json.index === null
  );
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
