import { setTimeout as sleep } from 'node:timers/promises';
import * as E from 'fp-ts/Either';
import {
  FORWARDS,
  type AppendExpectedRevision,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import {
  StoreErrors,
  type AppendResult,
  type Envelope,
  type StoreError,
} from '@assure/event-store';
import {
  appendMayHaveLanded,
  describeClientFailure,
  isTransient,
  mapClientError,
  neverSent,
} from './mapping';
import type { AppendRetryOptions } from './options';
import { drain, type Tail } from './reader';
import { decodeRecorded, toEsdbEvent, type AnyResolvedEvent } from './recorded';

/** {@link AppendRetryOptions} with the defaults filled in. */
export type AppendRetry = Required<AppendRetryOptions>;

/** The defaults applied to {@link AppendRetryOptions}. */
export function appendRetryOf(options: AppendRetryOptions = {}): AppendRetry {
  return {
    maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? 5)),
    initialDelayMs: Math.max(0, options.initialDelayMs ?? 100),
    maxDelayMs: Math.max(0, options.maxDelayMs ?? 2000),
  };
}

/** How one {@link retryTransient} run ended. */
export type Tried<T> =
  | { readonly ok: true; readonly value: T; readonly attempts: number }
  | {
      readonly ok: false;
      readonly error: unknown;
      /** Whether the last failure was retryable (the attempts ran out, or `stop` said so). */
      readonly transient: boolean;
      readonly attempts: number;
    };

/**
 * Runs `op` until it succeeds or fails in a way `retryable` rejects (default `isTransient`),
 * at most `maxAttempts` times and while `stopped()` is false, waiting between attempts with
 * an exponential back-off.
 */
export async function retryTransient<T>(
  retry: AppendRetry,
  op: () => Promise<T>,
  stopped: () => boolean,
  retryable: (e: unknown) => boolean = isTransient,
): Promise<Tried<T>> {
  for (let attempts = 1; ; attempts++) {
    try {
      return { ok: true, value: await op(), attempts };
    } catch (error) {
      const transient = retryable(error);
      if (!transient || attempts >= retry.maxAttempts || stopped()) {
        return { ok: false, error, transient, attempts };
      }
    }
    await sleep(Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** Math.min(attempts - 1, 20)));
  }
}

/** One chained batch on its way to EventStoreDB. */
export interface Outgoing {
  /** The port's stream name (no prefix). */
  readonly stream: string;
  /** The EventStoreDB stream name (with the prefix). */
  readonly esdbStream: string;
  readonly chained: readonly Omit<Envelope, 'position'>[];
  /** The exact expectation sent (a revision or no-stream), the same at every send. */
  readonly expectedRevision: AppendExpectedRevision;
  /** The caller's expectation, as shown in errors. */
  readonly shown: string;
}

/**
 * Appends a chained batch, re-sending it unchanged while its outcome is unknown. Right:
 * EventStoreDB acknowledged it (written now, or recognised as written by an earlier send).
 * Left: `WrongExpectedRevision` (not written: an idempotent re-send of a written batch
 * would have been acknowledged), another definite refusal, or `AppendOutcomeUnknown` when
 * the sends ran out (or the store was closed meanwhile), or when a re-send after a lost
 * reply failed in any other way.
 */
export async function sendAppend(
  client: EventStoreDBClient,
  retry: AppendRetry,
  deadline: number | undefined,
  out: Outgoing,
  stopped: () => boolean,
): Promise<E.Either<StoreError, void>> {
  // Built once: every send carries exactly the same events (ids, data, metadata).
  const events = out.chained.map(toEsdbEvent);
  const options = {
    expectedRevision: out.expectedRevision,
    requiresLeader: true,
    ...(deadline === undefined ? {} : { deadline }),
  };
  // A send whose failure shows it never left (no connection) cannot have been written.
  let mayHaveLanded: unknown = undefined;
  const sent = await retryTransient(
    retry,
    async () => {
      try {
        await client.appendToStream(out.esdbStream, events, options);
      } catch (e) {
        if (mayHaveLanded === undefined && appendMayHaveLanded(e) && !neverSent(e)) {
          mayHaveLanded = e;
        }
        throw e;
      }
    },
    stopped,
    appendMayHaveLanded,
  );
  if (sent.ok) return E.right(undefined);
  const ctx = { stream: out.stream, expected: out.shown };
  const refusal = mapClientError(sent.error, ctx);
  if (mayHaveLanded === undefined) return E.left(refusal);
  if (!sent.transient && refusal._tag === 'WrongExpectedRevision') return E.left(refusal);
  const sends = `${sent.attempts} ${sent.attempts === 1 ? 'send' : 'sends'}`;
  const cause = !sent.transient
    ? `no reply to a send (${describeClientFailure(mayHaveLanded)}), then: ${refusal.message}`
    : `no reply to ${sends}${stopped() ? ' before the store was closed' : ''}; the last: ${describeClientFailure(sent.error)}`;
  return E.left(unknownOutcome(out, cause));
}

/** The `AppendOutcomeUnknown` of a batch. */
export function unknownOutcome(out: Outgoing, cause: string): StoreError {
  return StoreErrors.appendOutcomeUnknown(
    out.stream,
    out.shown,
    out.chained.map((c) => c.eventId),
    cause,
  );
}

/** What reading an append back needs from the store. */
export interface ReadBackContext {
  readonly client: EventStoreDBClient;
  readonly prefix: string;
  readonly retry: AppendRetry;
  readonly isClosed: () => boolean;
  /** Drops the stream's cached tail (the read-back failed). */
  readonly forgetTail: () => void;
  /** Caches the stream's new tail (the read-back matched the batch). */
  readonly rememberTail: (tail: Tail) => void;
}

/**
 * Reads the freshly written events back: their positions and their stored form. The
 * append was acknowledged, so a read that keeps failing transiently leaves the caller
 * without its result: `AppendOutcomeUnknown` (the events are stored once).
 */
export async function readBack(
  ctx: ReadBackContext,
  out: Outgoing,
): Promise<E.Either<StoreError, AppendResult>> {
  const { stream, chained } = out;
  const first = chained[0];
  const last = chained[chained.length - 1];
  if (first === undefined || last === undefined) {
    return E.left(StoreErrors.unavailable('internal: read-back of an empty append'));
  }
  const stored: Envelope[] = [];
  const read = await retryTransient(
    ctx.retry,
    () =>
      drain(
        ctx.client.readStream(ctx.prefix + stream, {
          fromRevision: BigInt(first.revision),
          maxCount: chained.length,
          direction: FORWARDS,
          requiresLeader: true,
        }),
      ),
    ctx.isClosed,
  );
  if (!read.ok) {
    ctx.forgetTail();
    const err = mapClientError(read.error, { stream });
    return E.left(
      read.transient
        ? unknownOutcome(
            out,
            `EventStoreDB acknowledged the append, but reading it back failed: ${err.message}`,
          )
        : err,
    );
  }
  const page: AnyResolvedEvent[] = read.value;
  for (const resolved of page) {
    const d = decodeRecorded(resolved, ctx.prefix);
    if (E.isLeft(d)) return d;
    stored.push(d.right);
  }
  const mismatch = chained.findIndex(
    (c, i) => stored[i]?.eventId !== c.eventId || stored[i]?.revision !== c.revision,
  );
  if (mismatch >= 0 || stored.length !== chained.length) {
    ctx.forgetTail();
    const at = stored[Math.max(mismatch, 0)];
    return E.left(
      StoreErrors.corrupt(
        at?.position ?? 'unknown',
        `stream ${stream}: EventStoreDB numbered the appended events differently (was the stream deleted outside Assure?)`,
      ),
    );
  }
  ctx.rememberTail({ revision: last.revision, hash: last.hash });
  const lastStored = stored[stored.length - 1];
  return E.right({
    stream,
    nextRevision: last.revision,
    position: lastStored?.position ?? '0',
    events: stored,
  });
}
