/**
 * How the EventStoreDB adapter reads: page by page (a gRPC read left half-consumed never
 * finishes), the project's events only, decoded into envelopes. Used by the store for
 * `readStream`, `readAll`, the tail of a stream before an append and the backwards scans
 * of `$all` (the newest event, the record at or before a position).
 */
import * as E from 'fp-ts/Either';
import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  StreamNotFoundError,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import {
  StoreErrors,
  StoreFailure,
  type Envelope,
  type ReadAllOptions,
  type StoreError,
} from '@assure/event-store';
import { isProjectEvent, isTransient, mapClientError } from './mapping';
import { decodeRecorded, toEsdbPosition, type AnyResolvedEvent } from './recorded';

/** The last event of a stream, to chain an append onto. */
export interface Tail {
  readonly revision: number;
  readonly hash: string;
}

/** What a store that is closed answers. */
export const CLOSED = StoreErrors.unavailable('the EventStoreDB store is closed');

/**
 * Reads one request's results to their end. A gRPC read left half-consumed never
 * finishes, and the client's `dispose()` would wait for it forever; so every read is a
 * bounded page, drained, and iteration continues page by page.
 */
export async function drain<T>(read: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of read) out.push(x);
  return out;
}

function commitOf(resolved: AnyResolvedEvent | undefined): bigint | undefined {
  return resolved?.event?.position?.commit ?? resolved?.commitPosition;
}

/** The first page of a backwards scan of `$all` (see `scanBackwards`). */
const FIRST_BACKWARDS_PAGE = 8;

/** The adapter's reads over one client, stream prefix and page size. */
export class EsdbReader {
  constructor(
    private readonly client: EventStoreDBClient,
    private readonly prefix: string,
    private readonly streamFilter: RegExp,
    readonly pageSize: number,
    private readonly isClosed: () => boolean,
  ) {}

  /** Whether a record belongs to the project's log (its stream and type). */
  isProject(resolved: AnyResolvedEvent): boolean {
    const rec = resolved.event;
    return rec !== undefined && isProjectEvent(rec.streamId, rec.type, this.streamFilter);
  }

  decode(resolved: AnyResolvedEvent): E.Either<StoreError, Envelope> {
    return decodeRecorded(resolved, this.prefix);
  }

  decodeOrThrow(resolved: AnyResolvedEvent): Envelope {
    const d = this.decode(resolved);
    if (E.isLeft(d)) throw new StoreFailure(d.left);
    return d.right;
  }

  /** The stream's last event (null: no stream), read from the leader. */
  async readTail(stream: string): Promise<E.Either<StoreError, Tail | null>> {
    let page: AnyResolvedEvent[];
    try {
      page = await drain(
        this.client.readStream(this.prefix + stream, {
          fromRevision: END,
          direction: BACKWARDS,
          maxCount: 1,
          requiresLeader: true,
        }),
      );
    } catch (e) {
      if (e instanceof StreamNotFoundError) return E.right(null);
      return E.left(mapClientError(e, { stream }));
    }
    const [last] = page;
    if (last === undefined) return E.right(null);
    const d = this.decode(last);
    return E.isLeft(d) ? d : E.right({ revision: d.right.revision, hash: d.right.hash });
  }

  async *readStream(
    stream: string,
    options: { readonly fromRevision?: number } = {},
  ): AsyncGenerator<Envelope> {
    let from: bigint | typeof START =
      options.fromRevision === undefined ? START : BigInt(options.fromRevision);
    for (;;) {
      if (this.isClosed()) throw new StoreFailure(CLOSED);
      let page: AnyResolvedEvent[];
      try {
        page = await drain(
          this.client.readStream(this.prefix + stream, {
            fromRevision: from,
            maxCount: this.pageSize,
            direction: FORWARDS,
          }),
        );
      } catch (e) {
        if (e instanceof StreamNotFoundError) return;
        throw new StoreFailure(mapClientError(e, { stream }));
      }
      for (const resolved of page) yield this.decodeOrThrow(resolved);
      const last = page[page.length - 1]?.event;
      if (page.length < this.pageSize || last === undefined) return;
      from = last.revision + 1n;
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<Envelope> {
    const { from, maxCount } = options;
    if (maxCount !== undefined && maxCount <= 0) return;
    let position: Position | typeof START =
      from === undefined || from === 0n ? START : toEsdbPosition(from);
    let lastSeen: bigint | undefined;
    let anchored = from === undefined || from === 0n;
    let n = 0;
    for (;;) {
      if (this.isClosed()) throw new StoreFailure(CLOSED);
      let page: AnyResolvedEvent[];
      try {
        page = await drain(
          this.client.readAll({
            fromPosition: position,
            maxCount: this.pageSize,
            direction: FORWARDS,
          }),
        );
      } catch (e) {
        if (!anchored && from !== undefined && !isTransient(e)) {
          // A real server refuses to start inside a record (e.g. a checkpoint + 1): start
          // at the record at or before `from` instead; earlier events are skipped below.
          anchored = true;
          position = await this.anchor(from);
          continue;
        }
        throw new StoreFailure(mapClientError(e));
      }
      anchored = true;
      for (const resolved of page) {
        const commit = commitOf(resolved);
        // Each next page starts at the previous page's last record (reads are inclusive).
        if (lastSeen !== undefined && commit !== undefined && commit <= lastSeen) continue;
        if (!this.isProject(resolved)) continue;
        const env = this.decodeOrThrow(resolved);
        if (from !== undefined && BigInt(env.position) < from) continue;
        yield env;
        n += 1;
        if (maxCount !== undefined && n >= maxCount) return;
      }
      const lastCommit = commitOf(page[page.length - 1]);
      if (page.length < this.pageSize || lastCommit === undefined) return;
      if (lastSeen !== undefined && lastCommit <= lastSeen) return;
      lastSeen = lastCommit;
      position = toEsdbPosition(lastCommit);
    }
  }

  /**
   * Scans `$all` (any stream) backwards from the end, a page at a time: the first answer
   * `visit` gives for a record, or `atStart()` when it reaches the start of the log. The
   * answer is nearly always among the newest few records (the check before every append
   * looks for the newest event of the project), so the first page is small and each next
   * one four times larger, up to `pageSize`: a full page read before each append cost
   * 500 records on the wire for the one it needed.
   */
  async scanBackwards<T>(
    visit: (resolved: AnyResolvedEvent) => E.Either<StoreError, T> | undefined,
    atStart: () => E.Either<StoreError, T>,
  ): Promise<E.Either<StoreError, T>> {
    let position: Position | typeof END = END;
    let size = Math.min(this.pageSize, FIRST_BACKWARDS_PAGE);
    for (; ; size = Math.min(this.pageSize, size * 4)) {
      let page: AnyResolvedEvent[];
      try {
        page = await drain(
          this.client.readAll({
            fromPosition: position,
            direction: BACKWARDS,
            maxCount: size,
          }),
        );
      } catch (e) {
        return E.left(mapClientError(e));
      }
      for (const resolved of page) {
        const answer = visit(resolved);
        if (answer !== undefined) return answer;
      }
      const oldest = commitOf(page[page.length - 1]);
      if (page.length < size || oldest === undefined) return atStart();
      position = toEsdbPosition(oldest);
    }
  }

  /** The newest event of the project's log, decoded (null: none). */
  newestProjectEvent(): Promise<E.Either<StoreError, Envelope | null>> {
    return this.scanBackwards<Envelope | null>(
      (resolved) => (this.isProject(resolved) ? this.decode(resolved) : undefined),
      () => E.right(null),
    );
  }

  /**
   * The position of the last record of `$all` (any stream) at or before `p`, or START when
   * there is none: a valid place to start reading for a position that may fall inside a
   * record. Throws a StoreFailure when the scan fails, as a read does (its callers are reads).
   */
  async anchor(p: bigint): Promise<Position | typeof START> {
    const at = await this.scanBackwards<Position | typeof START>(
      (resolved) => {
        const c = commitOf(resolved);
        return c !== undefined && c <= p ? E.right(toEsdbPosition(c)) : undefined;
      },
      () => E.right(START),
    );
    if (E.isLeft(at)) throw new StoreFailure(at.left);
    return at.right;
  }
}
