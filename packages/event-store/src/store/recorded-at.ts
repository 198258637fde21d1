import * as E from 'fp-ts/Either';
import { Instant, type ProposedEvent } from '../envelope';
import { StoreErrors, type RecordedAtRegressed, type StoreUnavailable } from './errors';

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
 *   log's, or the previous event's in this append) is refused with `RecordedAtRegressed`;
 * - an event that is not an object with a `meta` object, or whose given `recordedAt` is not
 *   an instant, is refused with `StoreUnavailable` naming the event and the field (a caller
 *   outside the types: the store's own envelope check names any other bad field).
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
): E.Either<RecordedAtRegressed | StoreUnavailable, RecordedAtPlan> {
  return planRecordedAtText(stream, events, last, isoOf(now));
}

/**
 * {@link planRecordedAt} with the clock's `now` already as text (see {@link isoOf} and
 * {@link isoOfNow}): the in-memory store on its default clock makes no `Date` per append.
 */
export function planRecordedAtText(
  stream: string,
  events: readonly ProposedEvent[],
  last: string | null,
  clock: string,
): E.Either<RecordedAtRegressed | StoreUnavailable, RecordedAtPlan> {
  const stamp = last !== null && last > clock ? last : clock;
  let running = last;
  for (let index = 0; index < events.length; index++) {
    const problem = outerProblem(events[index]);
    if (problem !== undefined) return E.left(StoreErrors.cannotStore(stream, index, problem));
    const given = (events[index] as ProposedEvent).meta.recordedAt;
    const at = given ?? stamp;
    if (running !== null && at < running)
      return E.left(StoreErrors.recordedAtRegressed(stream, index, running, at));
    running = at;
  }
  return E.right({ stamp, last: running });
}

/** What is wrong with a proposed event's outer shape, for a caller outside the types. */
function outerProblem(u: unknown): string | undefined {
  if (typeof u !== 'object' || u === null || Array.isArray(u))
    return '(the event): expected an object';
  const meta: unknown = (u as { readonly meta?: unknown }).meta;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta))
    return 'meta: expected an object';
  const given: unknown = (meta as { readonly recordedAt?: unknown }).recordedAt;
  if (given !== undefined && !Instant.is(given))
    return 'meta.recordedAt: expected an instant like 2019-03-12T00:00:00.000Z';
  return undefined;
}

/** The last instant written by {@link isoOf}: appends in one millisecond share its text. */
let lastIso = { ms: Number.NaN, text: '' };

/**
 * The second {@link isoOf} last asked `toISOString` for, and the first 20 characters of its
 * text (`YYYY-MM-DDTHH:mm:ss.`): the instants of the same second share them.
 */
let lastSecond = { second: Number.NaN, prefix: '' };

/** `000` to `999`: the milliseconds of an instant's text. */
const MILLIS: readonly string[] = Array.from({ length: 1000 }, (_, i) =>
  String(i).padStart(3, '0'),
);

/**
 * `now.toISOString()` (the text of a command's `now` and of an append's `recordedAt`),
 * asking the runtime once per second of the clock: within a second only the milliseconds
 * change, and they are appended to the second's text. A durable append pays for its
 * `recordedAt` on the path between one fsync and the next, where `toISOString`, a call into
 * the runtime's date formatting (a `printf`), costs several microseconds when that code is
 * cold in the caches, as it is after every wait for the disk. An instant outside years
 * 0000-9999 (a longer text) is always written by `toISOString`, as is an invalid date
 * (which throws as `toISOString` does).
 */
export function isoOf(now: Date): string {
  const ms = now.getTime();
  return ms === lastIso.ms ? lastIso.text : isoAt(ms, now);
}

/**
 * `new Date().toISOString()` as {@link isoOf} writes it, from `Date.now()`: a `Date` is made
 * only when the second changes (the system clock of the in-memory store's appends).
 */
export function isoOfNow(): string {
  const ms = Date.now();
  return ms === lastIso.ms ? lastIso.text : isoAt(ms, undefined);
}

/** The text of instant `ms` (`date`: the same instant as a `Date`, if the caller has one). */
function isoAt(ms: number, date: Date | undefined): string {
  const second = Math.floor(ms / 1000);
  let text: string;
  if (second === lastSecond.second) {
    text = `${lastSecond.prefix}${MILLIS[ms - second * 1000] as string}Z`;
  } else {
    text = (date ?? new Date(ms)).toISOString();
    if (text.length === 24) lastSecond = { second, prefix: text.slice(0, 20) };
  }
  lastIso = { ms, text };
  return text;
}
