import type * as t from 'io-ts';
import type { Envelope } from '@assure/event-store';

/**
 * One stored event as a view sees it: the envelope (position, stream, meta, hash) and its
 * payload decoded by the domain.
 */
export interface Projected<E> {
  readonly envelope: Envelope;
  readonly event: E;
  /**
   * True when the envelope is held by the store it came from for
   * as long as that store lives (`RetainedEnvelopes`, see `hasRetainedEnvelopes`): a view may keep it by
   * reference instead of copying what it needs, at no memory cost of its own.
   */
  readonly retained?: boolean;
}

/**
 * What a view that reads only an envelope's head sees of it: its position, stream, type
 * and valid and transaction times (not its hash, actor or ids). A snapshot's event
 * journal keeps exactly this of each event (see {@link HeadView}).
 */
export interface EnvelopeHead {
  readonly position: string;
  readonly stream: string;
  readonly type: string;
  readonly meta: { readonly occurredAt: string; readonly recordedAt: string };
  /**
   * The day `meta.occurredAt` begins with, as days since 1970-01-01 (NaN when its first ten
   * characters are not a real `YYYY-MM-DD`), when the source worked it out (a journal does,
   * once per distinct time); absent otherwise, and a view works it out itself.
   */
  readonly occurredDay?: number;
}

/** One stored event as a {@link HeadView} sees it: the envelope's head and the payload. */
export interface ProjectedHead<E> {
  readonly envelope: EnvelopeHead;
  readonly event: E;
  /** As {@link Projected.retained}; always false for an event from a journal. */
  readonly retained?: boolean;
}

/**
 * A view that reads only the head of each envelope ({@link EnvelopeHead}): besides the
 * log, it can be folded from a snapshot's event journal, which is how a snapshot answers
 * a past day or a known-at instant without reading the log again. The entity views are.
 */
export interface HeadView<S, E> extends View<S, E> {
  readonly readsEnvelopeHead: true;
  readonly evolve: (state: S, event: ProjectedHead<E>) => S;
}

/** Whether a view reads only the envelope's head (see {@link HeadView}). */
export function isHeadView<S, E>(view: View<S, E>): view is HeadView<S, E> {
  return 'readsEnvelopeHead' in view && view.readsEnvelopeHead === true;
}

/**
 * A view: a left fold over the global log.
 *
 * - `initial()` returns a fresh empty state.
 * - `evolve(state, projected)` returns the state after one event. It must be total: events
 *   arrive in position order, but their valid times (`occurredAt`) may be in any order,
 *   and a time-travel build may leave out the event that created an entity, so `evolve`
 *   ignores what it cannot place and never throws.
 * - The state is owned by the runner: `evolve` may update the state it is given and return
 *   it (nobody keeps the previous state), which keeps a rebuild at millions of events a
 *   second. Outside the runner a state is read-only data.
 * - `codec` (optional) turns the state into JSON and back, for snapshots on disk; the
 *   decoding side validates what it reads.
 *
 * Derived flags that depend on a date (overdue, review due, RAG) belong in queries that
 * take the as-at day, not in the state: the same folded facts then answer for any day.
 *
 * @example
 * const counter: View<number, { type: string }> = {
 *   name: 'count',
 *   initial: () => 0,
 *   evolve: (n) => n + 1,
 * };
 */
export interface View<S, E> {
  /** A stable name (the key of its state in snapshots). */
  readonly name: string;
  /** A version of the state's shape: a snapshot taken with another version is rebuilt. */
  readonly version?: number;
  /** A fresh empty state. */
  readonly initial: () => S;
  /** The state after one event; total, never throws. */
  readonly evolve: (state: S, event: Projected<E>) => S;
  /** JSON form of the state for snapshots (encode) and its validated reading (decode). */
  readonly codec?: t.Type<S, unknown, unknown>;
  /**
   * The event types this view reacts to, when it knows them: `evolve` returns the state it
   * was given, unchanged, for every other type, so a runner may leave the call out.
   * Absent: every event is given to `evolve`.
   */
  readonly handles?: ReadonlySet<string>;
}

/**
 * A named set of views folded together in one pass; `S` maps each key to its state type.
 *
 * @example
 * const views: ViewSet<{ status: StatusState; trail: TrailState }, DomainEvent> =
 *   { status: statusView, trail: trailView };
 */
export type ViewSet<S extends Record<string, unknown>, E> = {
  readonly [K in keyof S]: View<S[K], E>;
};

/** Fresh initial states of every view of a set. */
export function initialStates<S extends Record<string, unknown>, E>(views: ViewSet<S, E>): S {
  const out: Partial<S> = {};
  for (const key of Object.keys(views) as (keyof S)[]) out[key] = views[key].initial();
  return out as S;
}
