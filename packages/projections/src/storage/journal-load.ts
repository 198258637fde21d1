import * as E from 'fp-ts/Either';
import type { EventStore } from '@assure/event-store';
import type { ProjectionError } from '../view/errors';
import { Projector, type Checkpointed, type EventDecoder } from '../view/runner';
import type { TimeTravel } from '../view/time';
import { isHeadView, type HeadView, type View, type ViewSet } from '../view/view';
import { BytesInvalid } from './json-tokens';
import type { Journal } from './journal';
import { decodeJournalSection, JOURNAL, JOURNAL_VERSION, journalView } from './journal-view';
import type { SnapshotFile } from './snapshot-file';

/**
 * How `loadOrBuild` keeps and uses a snapshot's event journal (see `LoadOptions.journal`):
 * the journal rides along as one more view of the set, under a key no view set uses.
 */

/** The key of the journal in a view set and its states. */
export const JOURNAL_KEY = '$journal';

/** States with the journal's. */
export type WithJournal<S> = S & { readonly [JOURNAL_KEY]: Journal };

/**
 * The views of a set in key order, when every one reads only the envelope's head and none
 * takes the journal's name or key; else null (the set cannot be folded from a journal).
 */
export function headViewsOf<S extends Record<string, unknown>, Ev>(
  views: ViewSet<S, Ev>,
): HeadView<unknown, Ev>[] | null {
  const out: HeadView<unknown, Ev>[] = [];
  for (const key of Object.keys(views) as (keyof S & string)[]) {
    const v = views[key];
    if (key === JOURNAL_KEY || v.name === JOURNAL || !isHeadView(v)) return null;
    // Each view folds its own state: the list holds them side by side, untyped.
    out.push(v as HeadView<unknown, Ev>);
  }
  return out;
}

/** The set with the journal view added under {@link JOURNAL_KEY}. */
export function withJournal<S extends Record<string, unknown>, Ev>(
  views: ViewSet<S, Ev>,
): ViewSet<WithJournal<S>, Ev> {
  const journal: View<Journal, Ev> = journalView;
  return { ...views, [JOURNAL_KEY]: journal } as ViewSet<WithJournal<S>, Ev>;
}

/** The states without the journal's. */
export function withoutJournal<S extends Record<string, unknown>>(states: WithJournal<S>): S {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(states)) if (k !== JOURNAL_KEY) out[k] = v;
  return out as S;
}

/** A journal whose records do not read (see {@link unreadable}). */
export interface Unreadable {
  readonly unreadable: string;
}

/**
 * Why reading a journal's records failed, when that is what an error says (a record that
 * does not read, or values nested deeper than the stack allows); null for anything else.
 */
export function unreadable(e: unknown): string | null {
  if (e instanceof BytesInvalid) return `its journal does not read: ${e.message}`;
  if (e instanceof RangeError) return 'its journal nests values too deep';
  return null;
}

/** Whether a snapshot holds a journal of this version. */
export function holdsJournal(file: SnapshotFile): boolean {
  return file.head.views[JOURNAL]?.version === JOURNAL_VERSION;
}

/** A snapshot's journal, read strictly, or why it cannot be used. */
export function journalOf(file: SnapshotFile): E.Either<string, Journal> {
  if (!holdsJournal(file)) return E.left('it holds no event journal of this version');
  const bytes = file.sectionBytes(JOURNAL);
  if (E.isLeft(bytes)) return E.left(bytes.left.reason);
  const j = decodeJournalSection(bytes.right);
  if (E.isLeft(j)) return E.left(j.left.message);
  if (j.right.unusable !== null) return E.left(`its journal cannot replay: ${j.right.unusable}`);
  return E.right(j.right);
}

/**
 * The views inside a window from a journal: its events inside the window folded from zero,
 * then the store's events after `at` (the journal's checkpoint) inside the window. With
 * `limit`, only the journal's first `limit` events are read: those folded up to `at` when
 * the journal has grown since (a followed journal).
 */
export async function replayJournal<S extends Record<string, unknown>, Ev>(
  store: EventStore,
  views: ViewSet<S, Ev>,
  heads: readonly HeadView<unknown, Ev>[],
  journal: Journal,
  at: Pick<Checkpointed<S>, 'checkpoint' | 'checkpointHash'>,
  decode: EventDecoder<Ev>,
  timeTravel: TimeTravel,
  limit: number = journal.count,
): Promise<
  E.Either<ProjectionError, { result: Checkpointed<S>; fromJournal: number }> | Unreadable
> {
  const list = heads.map((v) => v.initial());
  let r: ReturnType<Journal['replay']>;
  try {
    r = journal.replay(heads, list, decode, timeTravel, limit);
  } catch (e) {
    const reason = unreadable(e);
    if (reason === null) throw e;
    return { unreadable: reason };
  }
  if ('_tag' in r) return E.left(r);
  const states: Record<string, unknown> = {};
  Object.keys(views).forEach((k, i) => (states[k] = list[i]));
  const from: Checkpointed<S> = {
    checkpoint: at.checkpoint,
    checkpointHash: at.checkpointHash,
    folded: r.folded,
    maxOccurredAt: r.maxOccurredAt,
    states: states as S,
  };
  const caught = await new Projector(views, { decode, timeTravel }, from).catchUp(store)();
  return E.isLeft(caught) ? caught : E.right({ result: caught.right, fromJournal: r.folded });
}
