import type { ChainHead } from '@assure/event-store';
/** Where one stream stands in the log. */
export interface StreamHead {
  /** The stream's last revision. */
  readonly revision: number;
  /** The last event's hash (the next event's `prevHash`). */
  readonly hash: string;
  /** The last event's position (decimal string). */
  readonly position: string;
}

/** What the index holds of one stream (see {@link LogIndex.streamHead}). */
export interface IndexedStream {
  /** For each revision, the event's index in log order. */
  readonly events: readonly number[];
  /** The last event's hash (the next event's `prevHash`). */
  readonly lastHash: string;
}

class StreamEntry implements IndexedStream {
  constructor(
    /** For each revision, the event's index in {@link LogIndex} order. */
    readonly events: number[],
    public lastHash: string,
  ) {}
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
 * is its position), and for every stream the log indexes of its events by revision plus
 * its last hash. About 16-24 bytes an event; never the event bodies.
 */
export class LogIndex {
  /** Byte offset of each event's line, in log order (strictly increasing). */
  readonly #offsets: number[] = [];
  readonly #streams = new Map<string, StreamEntry>();
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
    this.addAfter(this.#streams.get(stream), stream, hash, lineEnd);
  }

  /**
   * {@link LogIndex.add} given the stream's {@link LogIndex.streamHead} just taken (no
   * second lookup of the stream).
   */
  addAfter(head: IndexedStream | undefined, stream: string, hash: string, lineEnd: number): void {
    const i = this.#offsets.length;
    this.#offsets.push(this.#end);
    this.#end = lineEnd;
    if (head instanceof StreamEntry) {
      head.events.push(i);
      head.lastHash = hash;
    } else this.#streams.set(stream, new StreamEntry([i], hash));
  }

  /** The head of one stream, or `undefined` when it has no event. */
  head(stream: string): StreamHead | undefined {
    const entry = this.#streams.get(stream);
    if (entry === undefined) return undefined;
    const revision = entry.events.length - 1;
    const last = entry.events[revision] as number;
    return { revision, hash: entry.lastHash, position: String(this.#offsets[last]) };
  }

  /**
   * The chain head of one stream (last revision and hash), or `undefined` when it has no
   * event: {@link LogIndex.head} without the position, which a link check does not need
   * (no decimal string made per line on open).
   */
  chainHead(stream: string): ChainHead | undefined {
    const entry = this.#streams.get(stream);
    return entry === undefined
      ? undefined
      : { revision: entry.events.length - 1, hash: entry.lastHash };
  }

  /**
   * Where one stream's chain stands, as the index holds it (no object made per call: a link
   * check on open asks for every line), or `undefined` when it has no event: its last
   * revision is `events.length - 1`, its last hash `lastHash`. Read-only, and current until
   * the next {@link LogIndex.add}.
   */
  streamHead(stream: string): IndexedStream | undefined {
    return this.#streams.get(stream);
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
    const entry = this.#streams.get(stream);
    if (entry === undefined) return { spans: [], count: 0 };
    const spans: LineSpan[] = [];
    const events = entry.events;
    let current: { start: number; end: number; lastIndex: number } | undefined;
    for (let r = Math.max(0, fromRevision); r < events.length; r++) {
      const i = events[r] as number;
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
    return { spans, count: Math.max(0, events.length - Math.max(0, fromRevision)) };
  }
}
