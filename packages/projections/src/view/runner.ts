import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { ValidationFailed } from '@assure/domain';
import {
  hasDecodedBatchReader,
  hasRetainedEnvelopes,
  hasWindowedBatchReader,
  readAllInBatches,
  StoreErrors,
  storeErrorOf,
  type Envelope,
  type EventStore,
  type ReadAllOptions,
} from '@assure/event-store';
import { ProjectionErrors, type ProjectionError } from './errors';
import { atOrBefore, comparePositions, timeWindow, type TimeTravel } from './time';
import { initialStates, type Projected, type ViewSet } from './view';

/**
 * Decodes a stored event's payload by its type and schema version: the domain's
 * `decodeEvent` (`domainModel.decodeEvent` in `@assure/domain`).
 */
export type EventDecoder<E> = (
  type: string,
  schemaVersion: number,
  data: unknown,
) => E.Either<ValidationFailed, E>;

/** The states of a set of views at a checkpoint. */
export interface Checkpointed<S> {
  /** The last position processed (folded or deliberately left out), or null before any. */
  readonly checkpoint: string | null;
  /** The hash of the event at the checkpoint (null with it): tells whether a log is the same one. */
  readonly checkpointHash: string | null;
  /** Each view's state at that checkpoint. */
  readonly states: S;
  /** How many events were folded (left-out ones not counted). */
  readonly folded: number;
  /** The latest `occurredAt` folded, or null: a full fold answers any day on or after it. */
  readonly maxOccurredAt: string | null;
}

// Shared results of `apply` (an Either is immutable): no allocation per event.
const FOLDED: E.Either<never, boolean> = E.right(true);
const SKIPPED: E.Either<never, boolean> = E.right(false);

/** The `type` of a decoded event, when it has a string one (what {@link View.handles} names). */
export function typeOf(event: unknown): string | undefined {
  return typeof event === 'object' &&
    event !== null &&
    'type' in event &&
    typeof event.type === 'string'
    ? event.type
    : undefined;
}

/** The error of an envelope whose payload the decoder refused. */
function undecodable(envelope: Envelope, failed: ValidationFailed): ProjectionError {
  return ProjectionErrors.undecodable(
    envelope.position,
    envelope.stream,
    envelope.revision,
    envelope.type,
    envelope.schemaVersion,
    failed.errors,
  );
}

/** Options of a {@link Projector}. */
export interface ProjectorOptions<E> {
  /** The payload decoder (the domain's `decodeEvent`). */
  readonly decode: EventDecoder<E>;
  /** Only fold events inside this as-at / known-at window (default: every event). */
  readonly timeTravel?: TimeTravel;
}

/** Options of {@link Projector.follow}. */
export interface FollowOptions {
  /** Stops following: the returned task then ends with the states reached. */
  readonly signal?: AbortSignal;
  /**
   * Called after each event that changed the states (its position given). When it returns
   * a promise, the next event waits for it: a callback that saves or publishes the states
   * sees them as they are at that position.
   */
  readonly onChange?: (position: string) => void | Promise<void>;
}

/**
 * Feeds a set of views from an {@link EventStore}: catch-up (`readAll` from the checkpoint,
 * in batches), live (`subscribe` after the checkpoint), rebuild from zero.
 *
 * - Checkpoint = the last position processed. Delivery may be at-least-once: an event at or
 *   below the checkpoint is skipped, so duplicates and replays after a restart are harmless.
 * - Each event is decoded once (by the domain) and folded into every view (a view that
 *   declares the types it {@link View.handles} is not called for the others).
 * - An event that cannot be decoded stops the views at the position before it, with an
 *   {@link EventUndecodable} error; nothing is ever skipped silently.
 * - With a {@link TimeTravel} window, events outside it are passed over (the checkpoint
 *   moves past them, nothing is folded, they are not decoded).
 *
 * @example
 * const p = new Projector({ status: statusView }, { decode: domainModel.decodeEvent });
 * const r = await p.catchUp(store)();
 * if (E.isRight(r)) console.log(r.right.checkpoint, r.right.states.status);
 */
export class Projector<S extends Record<string, unknown>, Ev> {
  readonly #views: ViewSet<S, Ev>;
  readonly #keys: readonly (keyof S & string)[];
  /** Each view's `evolve`, in the order of `#keys`. */
  readonly #evolvers: readonly ((state: unknown, event: Projected<Ev>) => unknown)[];
  /** Each view's state, in the order of `#keys` (the hot loop indexes an array, not keys). */
  #stateList: unknown[];
  /**
   * Indexes of the views an event type reaches (those that handle it or do not say), built
   * the first time the type is seen: one lookup per event instead of one per view.
   */
  readonly #routes = new Map<string, readonly number[]>();
  /** Every view's index (an event whose decoded form has no `type`). */
  readonly #everyView: readonly number[];
  readonly #decode: EventDecoder<Ev>;
  readonly #window: ((meta: Envelope['meta']) => boolean) | undefined;
  readonly #timeTravel: TimeTravel;
  #checkpoint: string | null;
  #checkpointHash: string | null;
  #folded: number;
  #maxOccurredAt: string | null;

  /**
   * @param views the views to feed, by name
   * @param options the decoder and an optional time-travel window
   * @param from a checkpointed state to resume from (a snapshot); default: from zero
   */
  constructor(views: ViewSet<S, Ev>, options: ProjectorOptions<Ev>, from?: Checkpointed<S>) {
    this.#views = views;
    this.#keys = Object.keys(views);
    this.#evolvers = this.#keys.map(
      (k) => views[k].evolve as (state: unknown, event: Projected<Ev>) => unknown,
    );
    this.#everyView = this.#keys.map((_, i) => i);
    this.#decode = options.decode;
    this.#timeTravel = options.timeTravel ?? {};
    this.#window = timeWindow(this.#timeTravel);
    this.#stateList = this.#listOf(from?.states ?? initialStates(views));
    this.#checkpoint = from?.checkpoint ?? null;
    this.#checkpointHash = from?.checkpointHash ?? null;
    this.#folded = from?.folded ?? 0;
    this.#maxOccurredAt = from?.maxOccurredAt ?? null;
  }

  /** The views an event of this decoded type reaches (see {@link View.handles}). */
  #routeOf(type: string | undefined): readonly number[] {
    if (type === undefined) return this.#everyView;
    const known = this.#routes.get(type);
    if (known !== undefined) return known;
    const route = this.#keys.flatMap((k, i) => {
      const handles = this.#views[k].handles;
      return handles === undefined || handles.has(type) ? [i] : [];
    });
    this.#routes.set(type, route);
    return route;
  }

  #listOf(states: S): unknown[] {
    return this.#keys.map((k) => states[k]);
  }

  /** The views' states by name. */
  get #states(): S {
    const out: Partial<S> = {};
    const list = this.#stateList;
    this.#keys.forEach((k, i) => {
      out[k] = list[i] as S[typeof k];
    });
    return out as S;
  }

  /** The last position processed, or null. */
  get checkpoint(): string | null {
    return this.#checkpoint;
  }

  /** The views' states now, with the checkpoint. */
  current(): Checkpointed<S> {
    return {
      checkpoint: this.#checkpoint,
      checkpointHash: this.#checkpointHash,
      states: this.#states,
      folded: this.#folded,
      maxOccurredAt: this.#maxOccurredAt,
    };
  }

  /** Forgets everything: initial states, no checkpoint (see {@link Projector.rebuild}). */
  reset(): void {
    this.#stateList = this.#listOf(initialStates(this.#views));
    this.#checkpoint = null;
    this.#checkpointHash = null;
    this.#folded = 0;
    this.#maxOccurredAt = null;
  }

  /**
   * Processes one delivered envelope: skipped when at or below the checkpoint or outside
   * the time window, else decoded and folded into every view.
   *
   * @param envelope the delivered envelope
   * @param retained whether its store holds it for the store's life (see
   *   `hasRetainedEnvelopes` of @assure/event-store): views may then keep it by reference
   * @returns right(true) when folded, right(false) when skipped, left when the views stop
   */
  apply(envelope: Envelope, retained = false): E.Either<ProjectionError, boolean> {
    const checkpoint = this.#checkpoint;
    if (checkpoint !== null && comparePositions(envelope.position, checkpoint) <= 0) return SKIPPED;
    const before = this.#folded;
    const failure = this.#foldBatch([envelope], undefined, retained);
    if (failure !== undefined) return E.left(failure);
    return this.#folded > before ? FOLDED : SKIPPED;
  }

  /**
   * Processes a batch of envelopes, each after the checkpoint, as {@link Projector.apply}
   * would one by one: the checkpoint, count and latest `occurredAt` are kept in locals and
   * stored once, after the batch or before the event that failed (a rebuild spends most
   * of its time in this loop).
   *
   * @param events the store's decodings of the envelopes (see `DecodedBatchReader`), or
   *   undefined to decode each envelope here
   * @returns undefined when the whole batch was processed, else why it stopped
   */
  #foldBatch(
    envelopes: readonly Envelope[],
    events: readonly Ev[] | undefined,
    retained: boolean,
  ): ProjectionError | undefined {
    const list = this.#stateList;
    const evolvers = this.#evolvers;
    const window = this.#window;
    let last: Envelope | undefined;
    let folded = this.#folded;
    let max = this.#maxOccurredAt;
    let failure: ProjectionError | undefined;
    // Stored in `finally`: if a decoder or a window predicate throws, the checkpoint still
    // names the last event processed, so nothing is folded twice on the next catch-up.
    try {
      for (let k = 0; k < envelopes.length; k++) {
        const envelope = envelopes[k] as Envelope;
        if (window === undefined || window(envelope.meta)) {
          let event: Ev;
          if (events !== undefined) event = events[k] as Ev;
          else {
            const decoded = this.#decode(envelope.type, envelope.schemaVersion, envelope.data);
            if (decoded._tag === 'Left') {
              failure = undecodable(envelope, decoded.left);
              break;
            }
            event = decoded.right;
          }
          const projected: Projected<Ev> = { envelope, event, retained };
          const route = this.#routeOf(typeOf(event));
          let i = 0;
          try {
            for (let j = 0; j < route.length; j++) {
              i = route[j] as number;
              list[i] = (evolvers[i] as (state: unknown, event: Projected<Ev>) => unknown)(
                list[i],
                projected,
              );
            }
          } catch (cause) {
            failure = ProjectionErrors.viewFailed(this.#keys[i] ?? '', envelope.position, cause);
            break;
          }
          folded++;
          const occurredAt = envelope.meta.occurredAt;
          if (max === null || !atOrBefore(occurredAt, max)) max = occurredAt;
        }
        last = envelope;
      }
    } finally {
      if (last !== undefined) {
        this.#checkpoint = last.position;
        this.#checkpointHash = last.hash;
      }
      this.#folded = folded;
      this.#maxOccurredAt = max;
    }
    return failure;
  }

  /**
   * Catch-up: reads the log from just after the checkpoint to its current end and folds it,
   * in batches: the store's decoded batches when it offers them for this decoder
   * (`DecodedBatchReader`), else {@link readAllInBatches} (the store's `readAllBatches` when it
   * is a `BatchReader`), so a rebuild pays one promise per batch, not per event. On failure (of an event, or of the
   * read) the views keep the states reached before the failing event.
   */
  catchUp(store: EventStore): TE.TaskEither<ProjectionError, Checkpointed<S>> {
    return async () => {
      const from = this.#checkpoint === null ? undefined : BigInt(this.#checkpoint) + 1n;
      const read = from === undefined ? {} : { from };
      const retained = hasRetainedEnvelopes(store);
      // Every event read lies after the checkpoint (the read starts just after it), so the
      // checkpoint comparison of `apply` is left out.
      try {
        const decodedBatches = hasDecodedBatchReader(store)
          ? store.readDecodedBatches(this.#decode, read)
          : undefined;
        if (decodedBatches !== undefined) {
          // The store checked every payload with this very decoder when it was appended and
          // hands out its decodings: values of this decoder's result type.
          for await (const { envelopes, events } of decodedBatches) {
            const failure = this.#foldBatch(envelopes, events as readonly Ev[], retained);
            if (failure !== undefined) return E.left(failure);
          }
        } else
          for await (const batch of this.#batchesOf(store, read)) {
            const failure = this.#foldBatch(batch, undefined, retained);
            if (failure !== undefined) return E.left(failure);
          }
      } catch (e) {
        return E.left(storeErrorOf(e) ?? StoreErrors.unavailable(String(e)));
      }
      return E.right(this.current());
    };
  }

  /**
   * The batches a catch-up folds: from zero, the store's windowed read when it offers one
   * (`WindowedBatchReader`: inside a time window it may leave out events outside the window
   * unread, which the window would skip anyway, and the checkpoint is then the last event
   * handed out, only events outside the window lying after it; with no window it hands out
   * every event, and may check them as it reads, failing the read later if a check fails:
   * a catch-up answers only once its read ended without error); else every event.
   */
  #batchesOf(store: EventStore, read: ReadAllOptions): AsyncIterable<readonly Envelope[]> {
    return read.from === undefined && hasWindowedBatchReader(store)
      ? store.readAllBatchesWithin(this.#timeTravel)
      : readAllInBatches(store, read);
  }

  /** Rebuild from zero: {@link Projector.reset} then {@link Projector.catchUp}. */
  rebuild(store: EventStore): TE.TaskEither<ProjectionError, Checkpointed<S>> {
    return async () => {
      this.reset();
      return this.catchUp(store)();
    };
  }

  /**
   * Live: subscribes after the checkpoint (catching up first) and folds every new event
   * until the signal aborts (right: the states reached) or something fails (left: an
   * undecodable event, a failing view, a failing `onChange`, the store).
   */
  follow(
    store: EventStore,
    options: FollowOptions = {},
  ): TE.TaskEither<ProjectionError, Checkpointed<S>> {
    return async () => {
      const after = this.#checkpoint === null ? undefined : BigInt(this.#checkpoint);
      const subscription = store.subscribe({
        ...(after === undefined ? {} : { after }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      const retained = hasRetainedEnvelopes(store);
      try {
        for await (const envelope of subscription) {
          const r = this.apply(envelope, retained);
          if (r._tag === 'Left') return r;
          if (r.right && options.onChange !== undefined)
            try {
              await options.onChange(envelope.position);
            } catch (cause) {
              return E.left(ProjectionErrors.onChangeFailed(envelope.position, cause));
            }
          if (options.signal?.aborted === true) break;
        }
      } catch (e) {
        if (options.signal?.aborted === true && storeErrorOf(e) === undefined)
          return E.right(this.current());
        return E.left(storeErrorOf(e) ?? StoreErrors.unavailable(String(e)));
      }
      return E.right(this.current());
    };
  }
}
