/**
 * How the test double judges an append that repeats one already written: EventStoreDB's
 * idempotent append, modelled so that the adapter's retries after a lost reply can be tested.
 *
 * What a real server does (EventStoreDB's documentation, "Appending events": an event id
 * appended twice to the same stream in quick succession is stored once; the server's commit
 * check in its index writer, which decides Ok, Idempotent, WrongExpectedVersion or
 * CorruptedIdempotency):
 *
 * - **An exact expected revision or `no_stream`** (expected -1), when the stream has moved
 *   past it: the server compares the batch's event ids, in order, with the events stored
 *   at expected + 1, expected + 2, ... (from its index, so this does not depend on a cache).
 *   All equal: the batch was already written, and the server answers success with the
 *   revision and position of the batch's last stored event, writing nothing. The first id
 *   differs: an ordinary wrong expected version (or, for `no_stream` on a soft-deleted
 *   stream, an ordinary write). A later id differs: "corrupted idempotency", which the
 *   client sees as wrong expected version.
 * - **`any` and `stream_exists`**: no revision to line the batch up against, so the server
 *   looks the ids up in a bounded in-memory cache of recently committed event ids. All
 *   found in this stream: success, nothing written. The first not found: an ordinary
 *   write (a duplicate when the original has left the cache, or after a server restart).
 *   A later one not found: wrong expected version.
 *
 * The double keeps the last {@link RECENT_ID_CAPACITY} ids for the second rule; it does not
 * model replication (a repeat the server has not yet replicated waits, on a real server).
 */
import type { DoubleRecord, Expected, Proposed } from './records';

/** How many recently written event ids the double remembers for `any`/`stream_exists`. */
export const RECENT_ID_CAPACITY = 10_000;

/** What the double knows about the stored log, for the check. */
export interface StoredView {
  /** The stream's last revision (-1 when never written), or null when tombstoned. */
  readonly lastRevision: bigint | null;
  /** The event stored at a revision of the stream. */
  at(revision: bigint): DoubleRecord | undefined;
  /** Where a recently written event id was stored (the bounded cache). */
  recent(id: string): DoubleRecord | undefined;
}

/**
 * The verdict on a batch: `fresh` (judge it as a new write), `repeat` (already written:
 * answer success with `last`), `mismatch` (answer wrong expected version).
 */
export type Repeat =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'repeat'; readonly last: DoubleRecord }
  | { readonly kind: 'mismatch' };

const FRESH: Repeat = { kind: 'fresh' };

/** Judges whether `events`, appended to `stream` under `expected`, repeat a stored batch. */
export function judgeRepeat(
  stream: string,
  expected: Expected,
  events: readonly Proposed[],
  view: StoredView,
): Repeat {
  if (events.length === 0 || view.lastRevision === null) return FRESH;
  if (expected.kind === 'any' || expected.kind === 'stream_exists') {
    let last: DoubleRecord | undefined;
    for (const [i, e] of events.entries()) {
      const found = view.recent(e.id);
      if (found === undefined || found.stream !== stream) {
        return i === 0 ? FRESH : { kind: 'mismatch' };
      }
      last = found;
    }
    return last === undefined ? FRESH : { kind: 'repeat', last };
  }
  const from = expected.kind === 'revision' ? expected.revision : -1n;
  if (from >= view.lastRevision) return FRESH;
  let last: DoubleRecord | undefined;
  for (const [i, e] of events.entries()) {
    const stored = view.at(from + 1n + BigInt(i));
    if (stored?.id !== e.id) return i === 0 ? FRESH : { kind: 'mismatch' };
    last = stored;
  }
  return last === undefined ? FRESH : { kind: 'repeat', last };
}

/** A bounded map of recently written event ids (oldest forgotten first). */
export class RecentIds {
  private readonly ids = new Map<string, DoubleRecord>();

  constructor(private readonly capacity = RECENT_ID_CAPACITY) {}

  remember(r: DoubleRecord): void {
    this.ids.delete(r.id);
    this.ids.set(r.id, r);
    if (this.ids.size > this.capacity) {
      const oldest = this.ids.keys().next();
      if (oldest.done !== true) this.ids.delete(oldest.value);
    }
  }

  get(id: string): DoubleRecord | undefined {
    return this.ids.get(id);
  }
}
