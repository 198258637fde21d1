import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  canonicalJson,
  hasRetainedEnvelopes,
  readAllInBatches,
  StoreErrors,
  storeErrorOf,
  type EventStore,
} from '@assure/event-store';
import type { ProjectionError } from '../view/errors';
import { Projector, type Checkpointed, type EventDecoder } from '../view/runner';
import { comparePositions } from '../view/time';
import type { ViewSet } from '../view/view';
import {
  holdsJournal,
  JOURNAL_KEY,
  withJournal,
  withoutJournal,
  type WithJournal,
} from './journal-load';
import { encodeJournalSection, JOURNAL, JOURNAL_VERSION } from './journal-view';
import { encodeSnapshot, type EncodedSnapshot } from './snapshot';
import { decodeSnapshot, openSnapshot, type SnapshotUnusable } from './snapshot-file';
import type { SnapshotIoFailed, SnapshotStore } from './stores';

/**
 * What {@link checkSnapshot} found.
 *
 * - `NoSnapshot`: nothing stored.
 * - `SnapshotStale`: written for other views or versions (an upgrade); reads never use it
 *   and rebuild over it, so it is not compared.
 * - `SnapshotMatches`: its states, counters and checkpoint are those of a rebuild from the
 *   log up to its checkpoint.
 * - `SnapshotMismatch`: it disagrees with the log. `differs` names the views (and the
 *   counters `folded`, `maxOccurredAt`) whose stored values differ from the rebuild; it is
 *   empty when the snapshot could not be compared at all (unparsable, malformed, a digest
 *   that does not match, a checkpoint event that is not in the log).
 */
export type SnapshotCheck =
  | { readonly _tag: 'NoSnapshot' }
  | { readonly _tag: 'SnapshotStale'; readonly reason: string }
  | { readonly _tag: 'SnapshotMatches'; readonly checkpoint: string | null }
  | {
      readonly _tag: 'SnapshotMismatch';
      readonly checkpoint: string | null;
      readonly differs: readonly string[];
      readonly reason: string;
    };

/** Options of {@link checkSnapshot}. */
export interface CheckSnapshotOptions<Ev> {
  /** The payload decoder the snapshot's views were folded with (the domain's `decodeEvent`). */
  readonly decode: EventDecoder<Ev>;
}

const mismatch = (
  checkpoint: string | null,
  reason: string,
  differs: readonly string[] = [],
): SnapshotCheck => ({ _tag: 'SnapshotMismatch', checkpoint, differs, reason });

/** The verdict on a snapshot that cannot serve: stale (an upgrade) or a mismatch. */
const refused = (u: SnapshotUnusable): SnapshotCheck =>
  u.stale ? { _tag: 'SnapshotStale', reason: u.reason } : mismatch(null, u.reason);

/**
 * Checks a stored snapshot against the log, which is the only source of truth: rebuilds the
 * views from zero up to the snapshot's checkpoint and compares the result, view by view, with
 * what the snapshot holds (their canonical JSON), and its counters; a snapshot's event
 * journal is rebuilt too and must be byte for byte the same. This is what catches a
 * snapshot edited with its digest recomputed, which a load cannot tell from a genuine one.
 *
 * Reads the log up to the checkpoint (one full pass for a current snapshot).
 *
 * @example
 * const c = await checkSnapshot(store, entityViews, fileSnapshotStore(path), { decode })();
 * if (E.isRight(c) && c.right._tag === 'SnapshotMismatch') console.error(c.right.reason);
 */
export function checkSnapshot<S extends Record<string, unknown>, Ev>(
  store: EventStore,
  views: ViewSet<S, Ev>,
  snapshots: SnapshotStore,
  options: CheckSnapshotOptions<Ev>,
): TE.TaskEither<ProjectionError | SnapshotIoFailed, SnapshotCheck> {
  return async () => {
    const loaded = await snapshots.load()();
    if (E.isLeft(loaded)) return loaded;
    if (loaded.right === null) return E.right({ _tag: 'NoSnapshot' });
    const file = openSnapshot(loaded.right);
    if (E.isLeft(file)) return E.right(refused(file.left));
    const decoded = decodeSnapshot(views, file.right);
    if (E.isLeft(decoded)) return E.right(refused(decoded.left));
    const checkpoint = decoded.right.checkpoint;
    // A snapshot with an event journal: the journal is rebuilt and compared too.
    const journal = holdsJournal(file.right);
    const all = withJournal(views);
    const rebuilt = journal
      ? await rebuildUpTo(store, all, options.decode, checkpoint)
      : await rebuildUpTo(store, views, options.decode, checkpoint);
    if (E.isLeft(rebuilt)) return rebuilt;
    if (
      rebuilt.right.checkpoint !== checkpoint ||
      rebuilt.right.checkpointHash !== decoded.right.checkpointHash
    )
      return E.right(mismatch(checkpoint, 'the event at its checkpoint is not in this log'));
    const expected = encodeWithJournal(views, rebuilt.right, journal);
    const differs: string[] = [];
    const head = file.right.head;
    if (head.folded !== expected.head.folded) differs.push('folded');
    if (head.maxOccurredAt !== expected.head.maxOccurredAt) differs.push('maxOccurredAt');
    for (const [name, text] of Object.entries(expected.sections)) {
      if (typeof text !== 'string') {
        const stored = file.right.sectionBytes(name);
        if (E.isLeft(stored) || !Buffer.from(text).equals(stored.right)) differs.push(name);
        continue;
      }
      const stored = file.right.section(name);
      const json = E.isLeft(stored) ? undefined : stored.right;
      if (canonicalJson(json) !== canonicalJson(JSON.parse(text) as unknown)) differs.push(name);
    }
    if (differs.length === 0) return E.right({ _tag: 'SnapshotMatches', checkpoint });
    return E.right(
      mismatch(
        checkpoint,
        `differs from the log rebuilt up to position ${checkpoint ?? '(none)'}: ${differs.join(', ')}`,
        differs,
      ),
    );
  };
}

/** The snapshot a rebuild gives: with the journal's section when it folded one. */
function encodeWithJournal<S extends Record<string, unknown>, Ev>(
  views: ViewSet<S, Ev>,
  c: Checkpointed<S> | Checkpointed<WithJournal<S>>,
  journal: boolean,
): EncodedSnapshot {
  if (!journal || !(JOURNAL_KEY in c.states)) return encodeSnapshot(views, c as Checkpointed<S>);
  const states = c.states as WithJournal<S>;
  return encodeSnapshot(
    views,
    { ...c, states: withoutJournal(states) },
    { [JOURNAL]: { version: JOURNAL_VERSION, text: encodeJournalSection(states[JOURNAL_KEY]) } },
  );
}

/** The views folded from zero up to a position (inclusive); nothing when it is null. */
async function rebuildUpTo<S extends Record<string, unknown>, Ev>(
  store: EventStore,
  views: ViewSet<S, Ev>,
  decode: EventDecoder<Ev>,
  last: string | null,
): Promise<E.Either<ProjectionError, Checkpointed<S>>> {
  const projector = new Projector(views, { decode });
  if (last === null) return E.right(projector.current());
  const retained = hasRetainedEnvelopes(store);
  try {
    for await (const batch of readAllInBatches(store)) {
      for (const envelope of batch) {
        if (comparePositions(envelope.position, last) > 0) return E.right(projector.current());
        const r = projector.apply(envelope, retained);
        if (E.isLeft(r)) return r;
      }
    }
  } catch (e) {
    return E.left(storeErrorOf(e) ?? StoreErrors.unavailable(String(e)));
  }
  return E.right(projector.current());
}
