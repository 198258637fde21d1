import * as E from 'fp-ts/Either';
import type { EventStore } from '@assure/event-store';
import {
  decodeProjectionEvent,
  Projector,
  withEventJournal,
  type Checkpointed,
  type ProjectionEvent,
  type WithEventJournal,
} from '@assure/projections';

/** States of a projector that folds the event journal alone. */
type JournalOnly = WithEventJournal<Record<string, never>>;

/**
 * The event journal the server answers past days from (see `readModelsFromJournal`): built
 * on the first read that needs it, by folding the log once, then kept current by a live
 * subscription of its own. Built on demand, so a server nobody asks about a past day never
 * pays for it: neither the fold at start nor the memory (about 210 bytes an event).
 */
export class PastJournal {
  readonly #store: EventStore;
  readonly #signal: AbortSignal;
  readonly #projector = new Projector<JournalOnly, ProjectionEvent>(withEventJournal({}), {
    decode: decodeProjectionEvent,
  });
  /** Settles once the journal has caught up with the log (false: it could not). */
  #started: Promise<boolean> | null = null;
  #failed = false;
  #done: Promise<void> = Promise.resolve();

  /** @param signal stops following (the server's shutdown) */
  constructor(store: EventStore, signal: AbortSignal) {
    this.#store = store;
    this.#signal = signal;
  }

  /**
   * The journal with its checkpoint, once caught up (the first call folds the log), or null
   * when it cannot serve (the fold or the following failed; reads then replay the log).
   * Taken as it is now: a read folds it up to this checkpoint, however far it follows after.
   */
  async current(): Promise<Checkpointed<JournalOnly> | null> {
    this.#started ??= this.#start();
    const ok = await this.#started;
    return ok && !this.#failed ? this.#projector.current() : null;
  }

  async #start(): Promise<boolean> {
    const caught = await this.#projector.catchUp(this.#store)();
    if (E.isLeft(caught) || this.#signal.aborted) return false;
    this.#done = this.#projector
      .follow(this.#store, { signal: this.#signal })()
      .then((r) => {
        if (E.isLeft(r)) this.#failed = true;
      });
    return true;
  }

  /** Resolves once following has stopped (after the signal). */
  async stopped(): Promise<void> {
    await this.#started;
    await this.#done;
  }
}
