/**
 * The EventStoreDB adapter's live subscription: a catch-up subscription to `$all` filtered
 * to the project's streams, resumed after the last delivered event when the connection
 * drops (with back-off), never handing over an event twice.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import {
  START,
  streamNameFilter,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import { StoreErrors, StoreFailure, type Envelope } from '@assure/event-store';
import { isTransient, mapClientError } from './mapping';
import type { ReconnectOptions } from './options';
import { toEsdbPosition } from './recorded';
import type { EsdbReader } from './reader';

/** What a subscription reads from. */
export interface SubscriptionSource {
  readonly client: EventStoreDBClient;
  readonly reader: EsdbReader;
  /** The server-side filter of the project's streams. */
  readonly filterRegex: string;
  readonly reconnect: Required<ReconnectOptions>;
  readonly isClosed: () => boolean;
}

/** The events of the project's log after `after` (all when undefined), then live ones, until `signal`. */
export async function* follow(
  source: SubscriptionSource,
  after: bigint | undefined,
  signal: AbortSignal,
): AsyncGenerator<Envelope, undefined> {
  const { client, reader, reconnect } = source;
  let last = after;
  let failures = 0;
  // Where the server resumes (exclusive): the checkpoint, then each delivered position.
  let resume: Position | typeof START = after === undefined ? START : toEsdbPosition(after);
  let anchored = false;
  const stopped = () => signal.aborted || source.isClosed();
  while (!stopped()) {
    const sub = client.subscribeToAll({
      fromPosition: resume,
      filter: streamNameFilter({ regex: source.filterRegex }),
    });
    const onAbort = () => {
      void sub.unsubscribe();
      sub.destroy();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    let failure: unknown = null;
    try {
      for await (const resolved of sub) {
        failures = 0;
        if (!reader.isProject(resolved)) continue;
        const env = reader.decodeOrThrow(resolved);
        const position = BigInt(env.position);
        // After a reconnect the server resumes after `last`; never hand over a duplicate.
        if (last !== undefined && position <= last) continue;
        yield env;
        last = position;
        resume = toEsdbPosition(position);
        anchored = true;
      }
    } catch (e) {
      if (e instanceof StoreFailure) throw e;
      failure = e;
    } finally {
      signal.removeEventListener('abort', onAbort);
      void sub.unsubscribe();
    }
    if (stopped()) return undefined;
    if (failure !== null && !isTransient(failure)) {
      // A real server refuses a checkpoint that is not a record's position (one this
      // store never handed out); resume from the record at or before it instead.
      if (!anchored && after !== undefined) {
        anchored = true;
        resume = await reader.anchor(after);
        continue;
      }
      throw new StoreFailure(mapClientError(failure));
    }
    // Dropped (error or end of stream): back off, then resume after the last delivered.
    failures += 1;
    if (failures > reconnect.maxAttempts) {
      throw new StoreFailure(
        StoreErrors.unavailable(
          `subscription lost after ${failures - 1} reconnect attempts: ${failure instanceof Error ? failure.message : 'stream ended'}`,
        ),
      );
    }
    const delay = Math.min(
      reconnect.maxDelayMs,
      reconnect.initialDelayMs * 2 ** Math.min(failures - 1, 20),
    );
    try {
      await sleep(delay, undefined, { signal });
    } catch {
      return undefined; // stopped while waiting
    }
  }
  return undefined;
}
