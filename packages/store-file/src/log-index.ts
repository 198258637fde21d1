import type { ChainHead } from '@assure/event-store';
import type { Head } from './prefix-heads';
import { StreamTable, type StreamId } from './stream-table';

export type { StreamId } from './stream-table';

/** Where one stream stands in the log. */
export interface StreamHead {
  /** The stream's last revision. */
  readonly revision: number;
  /** The last event's hash (the next event's `prevHash`). */
  readonly hash: string;
  /** The last event's position (decimal string). */
  readonly position: string;
}

/** A contiguous run of whole lines in the file. */
export interface LineSpan {
  /** Offset of the first line. */
  readonly start: number;
  /** Offset just after the last line's newline. */
  readonly end: number;
}

/**
 * The in-memory index of the log, built on open: for every event its byte offset (which
 * is its position) and the log index of its stream's previous event, and for every stream
 * (a {@link StreamTable}) its name, count of events, last event and last hash. About 12
 * bytes an event and 100 a stream; never the event bodies.
 *
 * A stream is named by its {@link StreamId}, found from its name as a string
 * ({@link LogIndex.streamHead}) or as bytes of a line ({@link LogIndex.streamAt}).
 */
export class LogIndex {
  /** Byte offset of each event's line, in log order (strictly increasing). */
  readonly #offsets: number[] = [];
  /** For each event, the log index of its stream's previous event (-1: none). */
  #previous = new Int32Array(4096);
  readonly #streams = new StreamTable();
  #end = 0;

  /** Number of events indexed. */
  get count(): number {
    return this.#offsets.length;
  }

  /** Offset just after the last indexed line (where the next line starts). */
  get end(): number {
    return this.#end;
  }

  /** Number of streams. */
  get streamCount(): number {
    return this.#streams.size;
  }

  /** Records the next line of the log: it starts at the current end and ends at `lineEnd`. */
  add(stream: string, hash: string, lineEnd: number): void {
    this.addAfter(this.#streams.idOf(stream), stream, hash, lineEnd);
  }

  /**
   * {@link LogIndex.add} given the stream's {@link LogIndex.streamHead} just taken (no
   * second lookup of the stream).
   */
  addAfter(id: StreamId, stream: string, hash: string, lineEnd: number): void {
    const s = id >= 0 ? id : this.#streams.add(stream);
    this.#streams.recordText(s, this.#next(s, lineEnd), hash);
  }

  /**
   * {@link LogIndex.add} of the line whose stream is named by the ASCII bytes
   * `bytes[nameAt, nameEnd)` and whose hash is the 64 bytes of `view` (over the same memory)
   * at `hashAt` (checked hex by the caller, read as 16 words), given the stream's
   * {@link LogIndex.streamAt} just taken: no string made.
   */
  addAt(
    id: StreamId,
    bytes: Uint8Array,
    nameAt: number,
    nameEnd: number,
    view: DataView,
    hashAt: number,
    lineEnd: number,
  ): void {
    const s = id >= 0 ? id : this.#streams.addAt(bytes, nameAt, nameEnd);
    this.#streams.recordWords(s, this.#next(s, lineEnd), view, hashAt);
  }

  /** Records the next line, of stream `id`, ending at `lineEnd`: its log index. */
  #next(id: StreamId, lineEnd: number): number {
    const i = this.#offsets.length;
    this.#offsets.push(this.#end);
    this.#end = lineEnd;
    if (i >= this.#previous.length) {
      const grown = new Int32Array(this.#previous.length * 2);
      grown.set(this.#previous);
      this.#previous = grown;
    }
    this.#previous[i] = this.#streams.lastOf(id);
    return i;
  }

  /**
   * The stream named `stream` (its {@link StreamId}), or -1 when it has no event. Its count
   * of events ({@link LogIndex.countOf}) is its next revision; its last hash:
   * {@link LogIndex.isLastHashAt}, {@link LogIndex.chainHeadOf}. No object made per call (a
   * link check on open asks for every line).
   */
  streamHead(stream: string): StreamId {
    return this.#streams.idOf(stream);
  }

  /** {@link LogIndex.streamHead} of the stream named by the ASCII bytes `bytes[start, end)`. */
  streamAt(bytes: Uint8Array, start: number, end: number): StreamId {
    return this.#streams.idAt(bytes, start, end);
  }

  /** The count of events of a stream (its next revision): 0 for -1. */
  countOf(id: StreamId): number {
    return this.#streams.countOf(id);
  }

  /**
   * Whether the 64 bytes of `view` at `at` (read as 16 words) are the last hash of the
   * stream (`id`, just taken), or `GENESIS_HASH` (all zeros) for -1 (a new stream).
   */
  isLastHashAt(id: StreamId, view: DataView, at: number): boolean {
    return this.#streams.isLastHashWords(id, view, at);
  }

  /** {@link LogIndex.isLastHashAt} of a string (no string made of the index's hash). */
  isLastHashText(id: StreamId, hash: string): boolean {
    return this.#streams.isLastHashText(id, hash);
  }

  /** The chain head of a stream from its {@link LogIndex.streamHead}. */
  chainHeadOf(id: StreamId): ChainHead | undefined {
    return id < 0
      ? undefined
      : { revision: this.#streams.countOf(id) - 1, hash: this.#streams.hashOf(id) };
  }

  /** Every stream's chain head, by name (a new table: the verified-prefix record's heads). */
  chainHeads(): Map<string, Head> {
    const heads = new Map<string, Head>();
    const table = this.#streams;
    for (let id = 0; id < table.size; id++)
      heads.set(table.nameOf(id), { revision: table.countOf(id) - 1, hash: table.hashOf(id) });
    return heads;
  }

  /** The head of one stream, or `undefined` when it has no event. */
  head(stream: string): StreamHead | undefined {
    const id = this.#streams.idOf(stream);
    if (id < 0) return undefined;
    return {
      revision: this.#streams.countOf(id) - 1,
      hash: this.#streams.hashOf(id),
      position: String(this.#offsets[this.#streams.lastOf(id)]),
    };
  }

  /** The position of the last event, or `null` when the log is empty. */
  headPosition(): bigint | null {
    const n = this.#offsets.length;
    return n === 0 ? null : BigInt(this.#offsets[n - 1] as number);
  }

  /** Index of the first event whose position is `>= from` (`count` when none). */
  firstAtOrAfter(from: bigint): number {
    let lo = 0;
    let hi = this.#offsets.length;
    if (from <= 0n) return 0;
    if (from > BigInt(this.#end)) return hi;
    const target = Number(from);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.#offsets[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Byte offset of the event at log index `i`. */
  offsetAt(i: number): number {
    const o = this.#offsets[i];
    if (o === undefined) throw new RangeError(`no event at log index ${i}`);
    return o;
  }

  /** Offset just after the line of the event at log index `i`. */
  lineEndAt(i: number): number {
    return i + 1 < this.#offsets.length ? (this.#offsets[i + 1] as number) : this.#end;
  }

  /**
   * The stream's events from a revision, as runs of adjacent lines (each at most
   * `maxBytes` long unless one line is longer), with the revision each run starts at.
   * Taken at call time: later appends are not included.
   */
  streamSpans(
    stream: string,
    fromRevision: number,
    maxBytes: number,
  ): { readonly spans: LineSpan[]; readonly count: number } {
    const id = this.#streams.idOf(stream);
    if (id < 0) return { spans: [], count: 0 };
    const from = Math.max(0, fromRevision);
    // The events from `from` on, walked back from the last along each one's previous.
    const events: number[] = [];
    const previous = this.#previous;
    const table = this.#streams;
    let i = table.lastOf(id);
    for (let r = table.countOf(id) - 1; r >= from; r--) {
      events.push(i);
      i = previous[i] as number;
    }
    events.reverse();
    const spans: LineSpan[] = [];
    let current: { start: number; end: number; lastIndex: number } | undefined;
    for (const i of events) {
      const start = this.offsetAt(i);
      const end = this.lineEndAt(i);
      if (current !== undefined && current.lastIndex + 1 === i && end - current.start <= maxBytes) {
        current.end = end;
        current.lastIndex = i;
      } else {
        if (current !== undefined) spans.push({ start: current.start, end: current.end });
        current = { start, end, lastIndex: i };
      }
    }
    if (current !== undefined) spans.push({ start: current.start, end: current.end });
    return { spans, count: events.length };
  }
}
