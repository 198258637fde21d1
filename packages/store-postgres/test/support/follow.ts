import type { Envelope, EventStore } from '@assure/event-store';

/** A live subscription read in the background: the events it has handed out so far. */
export interface Following {
  readonly seen: Envelope[];
  /** Aborts the subscription and waits for it to end. */
  stop(): Promise<void>;
}

/** Subscribes to `store` from the start, pushing each event to `seen` until `stop()`. */
export function follow(store: EventStore): Following {
  const seen: Envelope[] = [];
  const abort = new AbortController();
  const reading = (async () => {
    for await (const e of store.subscribe({ signal: abort.signal })) seen.push(e);
  })();
  return {
    seen,
    stop: async () => {
      abort.abort();
      await reading;
    },
  };
}
