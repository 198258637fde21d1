import * as E from 'fp-ts/Either';
import type { ProposedEvent } from '../envelope';
import { StoreErrors, type RecordedAtRegressed } from './errors';

/** The transaction times of one append, as {@link planRecordedAt} settled them. */
export interface RecordedAtPlan {
  /** The `recordedAt` to stamp on the events that carry none. */
  readonly stamp: string;
  /** The log's last `recordedAt` once the append is written (null: still none). */
  readonly last: string | null;
}

/**
 * Settles the transaction times of an append (every store calls it when it orders an
 * append, before writing anything), keeping the rule that `recordedAt` never goes
 * backwards along the global log:
 *
 * - events without `meta.recordedAt` are stamped with the clock's `now`, or with the log's
 *   last `recordedAt` when the clock is behind it (a clock stepped back, a log whose last
 *   event was backfilled "in the future"): an ordinary append never fails on time;
 * - an event given a `recordedAt` (a backfill, an import) earlier than the last one (the
 *   log's, or the previous event's in this append) is refused with `RecordedAtRegressed`.
 *
 * Instants are compared as strings: the `Instant` form (`YYYY-MM-DDTHH:mm:ss.sssZ`) orders
 * lexicographically as it orders in time.
 *
 * @example
 * planRecordedAt('risk-x', events, '2019-03-20T10:15:02.311Z', new Date());
 */
export function planRecordedAt(
  stream: string,
  events: readonly ProposedEvent[],
  last: string | null,
  now: Date,
): E.Either<RecordedAtRegressed, RecordedAtPlan> {
  const clock = isoOf(now);
  const stamp = last !== null && last > clock ? last : clock;
  let running = last;
  for (let index = 0; index < events.length; index++) {
    const given = (events[index] as ProposedEvent).meta.recordedAt;
    const at = given ?? stamp;
    if (running !== null && at < running)
      return E.left(StoreErrors.recordedAtRegressed(stream, index, running, at));
    running = at;
  }
  return E.right({ stamp, last: running });
}

/** The last instant written by {@link isoOf}: appends in one millisecond share its text. */
let lastIso = { ms: Number.NaN, text: '' };

/**
 * `now.toISOString()`, written once per millisecond of the clock (the text of a command's
 * `now` and of an append's `recordedAt`: `toISOString` is a call into the runtime, about a
 * microsecond, and consecutive calls mostly fall in the same millisecond).
 */
export function isoOf(now: Date): string {
  const ms = now.getTime();
  if (ms !== lastIso.ms) lastIso = { ms, text: now.toISOString() };
  return lastIso.text;
}
