import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { EventStore } from '@assure/event-store';
import { decodeProjectionEvent } from './events';
import { entityViews, ReadModels, type EntityStates } from './models/read-models';
import { pov, readModels, type Loaded, type ReadOptions } from './read';
import { Journal } from './storage/journal';
import { headViewsOf, JOURNAL_KEY, replayJournal } from './storage/journal-load';
import { JOURNAL, JOURNAL_VERSION, journalView } from './storage/journal-view';
import type { ProjectionError } from './view/errors';
import type { Checkpointed } from './view/runner';
import { validateTimeTravel, type InvalidTimeTravel } from './view/time';
import type { View, ViewSet } from './view/view';

/**
 * An event journal folded beside a set of views (see {@link withEventJournal}): every
 * event folded, in log order, in memory: about 210 bytes an event over the rebuild
 * benchmark's history of 100k events (30 of records, the rest its interned strings, mostly
 * the events' times, kept as text).
 */
export interface EventJournal {
  /** How many events it holds. */
  readonly count: number;
  /** Why it cannot replay (an event it could not hold, such as a bigint), or null. */
  readonly unusable: string | null;
}

/** States folded by a view set with an event journal beside them. */
export type WithEventJournal<S> = S & { readonly $journal: EventJournal };

/**
 * `views` with an event journal folded beside them, under the key `$journal`: a
 * long-running reader that follows the log (a server) can then answer the entity views
 * (status, tracker, risks, roster) at any past day or known-at instant from memory, with
 * {@link readModelsFromJournal}, instead of reading the whole log again.
 *
 * @example
 * const live = new Projector(withEventJournal(readModelViews), { decode: domainModel.decodeEvent });
 * await live.catchUp(store)();
 * const r = await readModelsFromJournal(store, live.current(), { asAt: '2019-03-15' })();
 */
export function withEventJournal<S extends Record<string, unknown>, Ev>(
  views: ViewSet<S, Ev>,
): ViewSet<WithEventJournal<S>, Ev> {
  const journal: View<EventJournal, Ev> = eventJournalView;
  return { ...views, [JOURNAL_KEY]: journal } as ViewSet<WithEventJournal<S>, Ev>;
}

/** The journal view with its state seen as an {@link EventJournal}. */
const eventJournalView: View<EventJournal, unknown> = {
  name: JOURNAL,
  version: JOURNAL_VERSION,
  initial: () => journalView.initial(),
  evolve: (j, p) => (j instanceof Journal ? journalView.evolve(j, p) : j),
};

/** Why a followed journal cannot answer, or null when it can. */
function unusableReason(journal: EventJournal, folded: number): string | null {
  if (!(journal instanceof Journal)) return 'its $journal is not an event journal';
  if (journal.unusable !== null) return `its journal cannot replay: ${journal.unusable}`;
  // Folded from zero, the journal holds one record per event folded (and more once the
  // follower has gone on); fewer means it did not start with the states.
  if (journal.count < folded) return 'its journal holds fewer events than were folded';
  return null;
}

/**
 * The status, tracker, risk register and roster as at a day and/or as known at an instant,
 * from followed states that carry an event journal (see {@link withEventJournal}): the
 * journal's events inside the window are folded from zero, then the store's events after
 * the states' checkpoint (`load.source` is `journal`). The states must have been folded
 * from zero, without a window.
 *
 * The journal's cut is taken when this is called: `followed.folded` events, those up to
 * `followed.checkpoint`, even when the journal grows before the task runs. A journal that
 * cannot answer (one that could not hold an event, or did not start with the states) gives
 * way to a replay of the log (`load.source` `replayed`, the reason in `snapshotProblem`).
 *
 * @example
 * const r = await readModelsFromJournal(store, live.current(), { knownAt: '2019-03-20T09:00:00Z' })();
 * if (E.isRight(r)) console.log(r.right.load.source); // 'journal'
 */
export function readModelsFromJournal(
  store: EventStore,
  followed: Checkpointed<WithEventJournal<Record<string, unknown>>>,
  options: ReadOptions,
): TE.TaskEither<ProjectionError | InvalidTimeTravel, Loaded<ReadModels<EntityStates>>> {
  // Taken now, with the checkpoint: the journal may grow before the task runs.
  const journal: EventJournal = followed.states[JOURNAL_KEY];
  const limit = followed.folded;
  const at = { checkpoint: followed.checkpoint, checkpointHash: followed.checkpointHash };
  return async () => {
    const p = pov(options);
    const tt = validateTimeTravel({
      asAt: p.asAt,
      ...(p.knownAt === null ? {} : { knownAt: p.knownAt }),
    });
    if (E.isLeft(tt)) return tt;
    const heads = headViewsOf(entityViews);
    const reason = unusableReason(journal, limit);
    const replayed = async (why: string) => {
      const r = await readModels(store, { ...options, snapshots: null })();
      return E.isLeft(r)
        ? r
        : E.right({ ...r.right, load: { ...r.right.load, snapshotProblem: why } });
    };
    if (heads === null || reason !== null || !(journal instanceof Journal))
      return replayed(reason ?? 'the entity views do not fold from a journal');
    const decode = options.decode ?? decodeProjectionEvent;
    const r = await replayJournal(store, entityViews, heads, journal, at, decode, tt.right, limit);
    if ('unreadable' in r) return replayed(r.unreadable);
    if (E.isLeft(r)) return r;
    const { result, fromJournal } = r.right;
    return E.right({
      models: new ReadModels(result.states, p),
      load: {
        source: 'journal',
        caughtUp: result.folded - fromJournal,
        snapshotProblem: null,
        saveProblem: null,
      },
    });
  };
}
