import type { Client } from 'pg';
import {
  catchUpThenLive,
  stoppable,
  storeErrorOf,
  type AppendNotifier,
  type Envelope,
  type LiveSource,
  type SubscribeOptions,
} from '@assure/event-store';
import { quoteIdent } from './pg-errors';

/** What a {@link LiveFeed} needs: the notifier to wake, the channel, and how to look. */
export interface LiveFeedSettings {
  readonly notifier: AppendNotifier;
  readonly channel: string;
  /** Opens the dedicated connection that LISTENs. */
  readonly connect: () => Promise<Client>;
  /** Reads the head of the log (the fallback poll). */
  readonly head: () => Promise<bigint | null>;
  readonly pollIntervalMs: number;
}

/**
 * Wakes live subscriptions when another process appends, two ways at once while anyone is
 * subscribed: a dedicated connection LISTENs on the schema's channel (appends NOTIFY in
 * their transaction, delivered at commit), and a poll reads the head every
 * `pollIntervalMs` and wakes subscribers when it moved or could not be read. Notifications
 * only wake; subscribers always fetch by reading the log after their last position, so a
 * lost notification (or a dropped LISTEN connection) delays an event by at most one poll
 * and never loses it. After the LISTEN connection drops, it is reopened on the next poll.
 */
export class LiveFeed {
  readonly #s: LiveFeedSettings;
  #users = 0;
  #timer: NodeJS.Timeout | undefined;
  #listener: Client | undefined;
  #connecting: Promise<void> | undefined;
  #lastHead: bigint | null | undefined;
  #closed = false;

  constructor(s: LiveFeedSettings) {
    this.#s = s;
  }

  /** A subscription starts: the feed runs while at least one is active. */
  acquire(): void {
    this.#users++;
    if (this.#users > 1 || this.#closed) return;
    this.#listen();
    this.#timer = setInterval(() => this.#poll(), this.#s.pollIntervalMs);
  }

  /** A subscription ends: the last one out stops the poll and the LISTEN connection. */
  release(): void {
    this.#users = Math.max(0, this.#users - 1);
    if (this.#users === 0) void this.#stop();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#stop();
  }

  async #stop(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#connecting;
    const l = this.#listener;
    this.#listener = undefined;
    this.#lastHead = undefined;
    await l?.end().catch(() => undefined);
  }

  #poll(): void {
    if (this.#listener === undefined) this.#listen();
    this.#s.head().then(
      (head) => {
        if (head !== this.#lastHead) this.#s.notifier.notify();
        this.#lastHead = head;
      },
      // The server cannot be read: wake the subscribers, whose next read reports it and
      // waits to resume.
      () => this.#s.notifier.notify(),
    );
  }

  /** Opens the LISTEN connection unless one is open or opening. */
  #listen(): void {
    if (this.#connecting !== undefined || this.#listener !== undefined) return;
    this.#connecting = this.#open().finally(() => (this.#connecting = undefined));
  }

  async #open(): Promise<void> {
    let client: Client;
    try {
      client = await this.#s.connect();
    } catch {
      return; // the next poll tries again
    }
    const drop = (): void => {
      if (this.#listener === client) this.#listener = undefined;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', () => this.#s.notifier.notify());
    try {
      await client.query(`LISTEN ${quoteIdent(this.#s.channel)}`);
    } catch {
      drop();
      return;
    }
    if (this.#closed || this.#users === 0) {
      drop();
      return;
    }
    this.#listener = client;
    // Anything appended while no one listened is read now.
    this.#s.notifier.notify();
  }
}

/** How a subscription that lost the server resumes. */
export interface ResumePolicy {
  /** Give up after the server stayed unreachable this long. */
  readonly withinMs: number;
  /** Whether the store was closed (then it ends instead). */
  readonly closed: () => boolean;
  /** Told once per outage, when the subscription starts waiting to resume. */
  readonly warn: (message: string) => void;
}

/**
 * A catch-up-then-live subscription that survives losing the server: when a read fails
 * with `StoreUnavailable` (a terminated connection, a restart), it waits and resumes from
 * the last position it delivered, so the consumer sees no gap and no duplicate. It gives
 * up, throwing the last failure, when the server stays unreachable for `resumeWithinMs`,
 * or at once on any other failure (`StoreCorrupt`, `Tampered`) or once the store closed.
 */
export function resilientSubscription(
  source: LiveSource,
  feed: LiveFeed,
  options: SubscribeOptions,
  resume: ResumePolicy,
): AsyncIterable<Envelope> {
  return stoppable(options.signal, (stop) => follow(source, feed, options.after, stop, resume));
}

async function* follow(
  source: LiveSource,
  feed: LiveFeed,
  after: bigint | undefined,
  stop: AbortSignal,
  resume: ResumePolicy,
): AsyncGenerator<Envelope, undefined> {
  let last = after;
  let failingSince: number | undefined;
  let pause = 50;
  // Every read that completes shows the server is back: the give-up clock restarts.
  const tracked: LiveSource = {
    notifier: source.notifier,
    readAll: (o) => ({
      async *[Symbol.asyncIterator]() {
        yield* source.readAll(o);
        failingSince = undefined;
        pause = 50;
      },
    }),
  };
  feed.acquire();
  try {
    for (;;) {
      try {
        const live = catchUpThenLive(
          tracked,
          last === undefined ? { signal: stop } : { after: last, signal: stop },
        );
        for await (const e of live) {
          last = BigInt(e.position);
          yield e;
        }
        return undefined;
      } catch (e) {
        const error = storeErrorOf(e);
        if (error?._tag !== 'StoreUnavailable' || resume.closed() || stop.aborted) throw e;
        if (failingSince === undefined) {
          failingSince = Date.now();
          resume.warn(
            `a live subscription lost the server (${error.message}); resuming after position ${last ?? 'none'}`,
          );
        }
        if (Date.now() - failingSince >= resume.withinMs) throw e;
        await sleep(pause, stop);
        pause = Math.min(pause * 2, 1000);
        if (stop.aborted) return undefined;
      }
    }
  } finally {
    feed.release();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
