// The pure part of an append: which queued appends go together, the checks and rows of
// each under the log's tail and the streams' heads, and the SQL text that writes them.
import * as E from 'fp-ts/Either';
import {
  checkExpected,
  planRecordedAt,
  StoreErrors,
  type AppendResult,
  type ExpectedRevision,
  type ProposedEvent,
  type StoreError,
} from '@assure/event-store';
import type { LogTail, StreamHead } from './log-view';
import { prepareRows, type EventRow } from './rows';

/** What escapes a value as an SQL literal (a node-postgres client). */
export interface Escaper {
  escapeLiteral(value: string): string;
}

/** An append waiting in the store's queue for its transaction. */
export interface PendingAppend {
  readonly stream: string;
  readonly events: readonly ProposedEvent[];
  readonly expected: ExpectedRevision;
  /** The log head an `appendIfHead` requires; undefined for a plain append. */
  readonly head: bigint | null | undefined;
  readonly resolve: (r: E.Either<StoreError, AppendResult>) => void;
}

/** A group planned from the store's view of the log, with the guess the server checks. */
export interface Guess {
  readonly tail: LogTail | null;
  /** Each stream's head as guessed before the group (`null`: empty). */
  readonly heads: ReadonlyMap<string, StreamHead | null>;
  readonly planned: E.Either<StoreError, AppendResult>[];
  readonly rows: readonly EventRow[];
}

/** The parameters of `append_if_unchanged` for a guessed group. */
export function guessValues(lockKey: string, channel: string, g: Guess): unknown[] {
  const heads = [...g.heads];
  const rows = g.rows;
  return [
    lockKey,
    channel,
    g.tail?.position ?? null,
    g.tail?.hash ?? null,
    heads.map(([stream]) => stream),
    heads.map(([, h]) => h?.revision ?? null),
    heads.map(([, h]) => h?.hash ?? null),
    rows.map((r) => r.position),
    rows.map((r) => r.stream),
    rows.map((r) => r.revision),
    rows.map((r) => r.hash),
    rows.map((r) => r.recordedAt),
    rows.map((r) => r.text),
  ];
}

/** What an append says when its connection was lost after its commit may have run. */
export function unknownOutcome(stream: string): string {
  return `appending to ${stream}: the commit's outcome is unknown (read the stream to see whether it landed; a retried command with the same commandId is applied once)`;
}

/** The most events one transaction writes for a group (a single larger append goes alone). */
export const GROUP_EVENTS = 1000;

/**
 * Takes the next group off the queue: the appends in arrival order up to
 * {@link GROUP_EVENTS} events, and never an `appendIfHead` with others (it must see the
 * log's head exactly as it is before it, not after its group mates).
 */
export function takeGroup(queue: PendingAppend[]): PendingAppend[] {
  const first = queue.shift();
  if (first === undefined) return [];
  const group = [first];
  if (first.head !== undefined) return group;
  let events = first.events.length;
  while (queue.length > 0) {
    const next = queue[0] as PendingAppend;
    if (next.head !== undefined || events + next.events.length > GROUP_EVENTS) break;
    events += next.events.length;
    group.push(next);
    queue.shift();
  }
  return group;
}

/** The query of the streams' heads in `table`: one index probe per stream. */
export function headsSql(table: string, client: Escaper, streams: readonly string[]): string {
  const [only] = streams;
  if (streams.length === 1 && only !== undefined)
    return `SELECT stream, revision, hash, position::text AS position FROM ${table} AS e
             WHERE stream = ${client.escapeLiteral(only)} ORDER BY e.revision DESC LIMIT 1`;
  const list = streams.map((s) => client.escapeLiteral(s)).join(', ');
  return `SELECT h.stream, h.revision, h.hash, h.position::text AS position
            FROM unnest(ARRAY[${list}]::text[]) AS s(stream)
            CROSS JOIN LATERAL (SELECT stream, revision, hash, position FROM ${table}
              WHERE stream = s.stream ORDER BY revision DESC LIMIT 1) AS h`;
}

/**
 * Under the lock: checks each append of the group in turn (the log's head for
 * `appendIfHead`, the expected revision, `recordedAt`) against the tail and heads the
 * earlier ones left, and builds the rows of those that pass into `rows`.
 */
export function planGroup(
  group: readonly PendingAppend[],
  tail: LogTail | undefined,
  heads: Map<string, StreamHead>,
  rows: EventRow[],
  clock: () => Date,
): E.Either<StoreError, AppendResult>[] {
  let last = tail === undefined ? null : BigInt(tail.position);
  // Transaction time never goes backwards along the log: under the lock, the tail's
  // recordedAt is the last one, whoever wrote it.
  let lastRecordedAt = tail?.recorded_at ?? null;
  return group.map((a) => {
    if (a.head !== undefined && last !== a.head) return E.left(StoreErrors.headMoved(a.head, last));
    const streamHead = heads.get(a.stream);
    const check = checkExpected(a.stream, a.expected, streamHead?.revision ?? null);
    if (E.isLeft(check)) return check;
    if (a.events.length === 0)
      return E.right({
        stream: a.stream,
        nextRevision: streamHead?.revision ?? -1,
        position: streamHead?.position ?? '-1',
        events: [],
      });
    const times = planRecordedAt(a.stream, a.events, lastRecordedAt, clock());
    if (E.isLeft(times)) return times;
    const first = last === null ? 0n : last + 1n;
    const made = prepareRows(a.stream, a.events, streamHead, first, times.right.stamp);
    if (E.isLeft(made)) return made;
    const lastRow = made.right[made.right.length - 1] as EventRow;
    rows.push(...made.right);
    last = BigInt(lastRow.position);
    lastRecordedAt = times.right.last;
    heads.set(a.stream, {
      stream: a.stream,
      revision: lastRow.revision,
      hash: lastRow.hash,
      position: lastRow.position,
    });
    return E.right({
      stream: a.stream,
      nextRevision: lastRow.revision,
      position: lastRow.position,
      events: made.right.map((row) => row.envelope),
    });
  });
}

/** The rows into `table`, the notification of the last position on `channel`, and the commit: one message. */
export function insertSql(
  table: string,
  channel: string,
  client: Escaper,
  rows: readonly EventRow[],
): string {
  const values = rows
    .map(
      (r) =>
        `(${r.position}, ${client.escapeLiteral(r.stream)}, ${r.revision}, ${client.escapeLiteral(r.hash)}, ${client.escapeLiteral(r.recordedAt)}, ${client.escapeLiteral(r.text)})`,
    )
    .join(',\n');
  const lastRow = rows[rows.length - 1] as EventRow;
  return `INSERT INTO ${table} (position, stream, revision, hash, recorded_at, envelope) VALUES ${values};
    SELECT pg_notify(${client.escapeLiteral(channel)}, '${lastRow.position}');
    COMMIT`;
}
