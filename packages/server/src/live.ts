import * as E from 'fp-ts/Either';
import { hasRetainedEnvelopes, type EventStore } from '@assure/event-store';
import {
  decodeProjectionEvent,
  dayOf,
  FullReadModels,
  Projector,
  readModelViews,
  type ProjectionError,
  type ProjectionEvent,
  type ReadModelStates,
} from '@assure/projections';
import { PastJournal } from './past-journal';

/** Where the followed read model stands. */
export interface LiveState {
  /** False until the catch-up at start has folded the log as it was. */
  readonly caughtUp: boolean;
  /** The last position folded, null for an empty log. */
  readonly checkpoint: string | null;
  /** Set when following stopped on an error (the views stay at the event before it). */
  readonly failure: ProjectionError | null;
}

/**
 * The read model the server follows: every view (the trail included) folded from the log
 * and kept current by a live subscription, so a read of today's picture is a document built
 * from memory. A read it cannot answer (a known-at instant, an as-at day before the latest
 * valid time folded) is built by the caller: the entity views from the event journal (see
 * {@link LiveModel.journal}), the others from the store.
 */
export class LiveModel {
  readonly #store: EventStore;
  readonly #projector: Projector<ReadModelStates, ProjectionEvent>;
  readonly #stop = new AbortController();
  #caughtUp = false;
  #failure: ProjectionError | null = null;
  #done: Promise<void> = Promise.resolve();
  readonly #listeners = new Set<(position: string) => void>();
  /**
   * The journal past days are folded from, for a store read from disk or the network. A
   * store that keeps its envelopes in memory replays a past day from them about as fast as
   * from a journal, so none is kept (the memory is not spent twice).
   */
  readonly #journal: PastJournal | null;

  constructor(store: EventStore) {
    this.#store = store;
    this.#projector = new Projector(readModelViews, { decode: decodeProjectionEvent });
    this.#journal = hasRetainedEnvelopes(store) ? null : new PastJournal(store, this.#stop.signal);
  }

  /** The journal past days are folded from, or null when past days are replayed from the store. */
  get journal(): PastJournal | null {
    return this.#journal;
  }

  /** Catches up with the log, then follows it in the background until {@link stop}. */
  async start(): Promise<E.Either<ProjectionError, void>> {
    const caught = await this.#projector.catchUp(this.#store)();
    if (E.isLeft(caught)) {
      this.#failure = caught.left;
      return caught;
    }
    this.#caughtUp = true;
    this.#done = this.#projector
      .follow(this.#store, {
        signal: this.#stop.signal,
        onChange: (position) => {
          for (const l of this.#listeners) l(position);
        },
      })()
      .then((r) => {
        if (E.isLeft(r)) this.#failure = r.left;
      });
    return E.right(undefined);
  }

  /** Stops following. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#done;
    await this.#journal?.stopped();
  }

  /** Whether it has caught up, where it stands, and any failure. */
  state(): LiveState {
    return {
      caughtUp: this.#caughtUp,
      checkpoint: this.#projector.checkpoint,
      failure: this.#failure,
    };
  }

  /**
   * The read models at `asAt` from the followed states, or null when they cannot answer it
   * (a known-at instant, an as-at day before the latest valid time folded, a failure).
   */
  modelsAt(
    asAt: string,
    knownAt: string | null,
  ): { readonly models: FullReadModels; readonly checkpoint: string | null } | null {
    if (!this.#caughtUp || this.#failure !== null || knownAt !== null) return null;
    const last = this.#last;
    if (last !== null && last.asAt === asAt && last.checkpoint === this.#projector.checkpoint)
      return last.answer;
    const current = this.#projector.current();
    const answer =
      current.maxOccurredAt !== null && dayOf(current.maxOccurredAt) > asAt
        ? null
        : {
            models: new FullReadModels(current.states, { asAt, knownAt: null }),
            checkpoint: current.checkpoint,
          };
    this.#last = { asAt, checkpoint: current.checkpoint, answer };
    return answer;
  }

  /**
   * The last answer of {@link modelsAt}: reads between two folds at one as-at day share it
   * (a position's states never change), rather than gathering the states for each.
   */
  #last: {
    readonly asAt: string;
    readonly checkpoint: string | null;
    readonly answer: { readonly models: FullReadModels; readonly checkpoint: string | null } | null;
  } | null = null;

  /** The checkpoint last parsed, and its value (parsed once per position, not per read). */
  #parsed: { readonly text: string; readonly value: bigint } = { text: '', value: -1n };

  /** True when the followed model has folded `position`. */
  hasFolded(position: bigint): boolean {
    const cp = this.#projector.checkpoint;
    if (cp === null) return false;
    if (cp !== this.#parsed.text) this.#parsed = { text: cp, value: BigInt(cp) };
    return this.#parsed.value >= position;
  }

  /** Resolves once the followed model has folded `position` (or at once when it has). */
  reached(position: bigint): Promise<void> {
    if (this.hasFolded(position)) return Promise.resolve();
    return new Promise((resolve) => {
      const listener = (p: string): void => {
        if (BigInt(p) >= position) {
          this.#listeners.delete(listener);
          resolve();
        }
      };
      this.#listeners.add(listener);
    });
  }
}
