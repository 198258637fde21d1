import { GENESIS_HASH, type ChainHead } from '@assure/event-store';
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
}

class StreamEntry implements IndexedStream {
  constructor(
    /** For each revision, the event's index in {@link LogIndex} order. */
    readonly events: number[],
    /** Where its last hash is in the index's slab of hashes. */
    readonly slot: number,
  ) {}
}

/** Bytes of a hash (64 lowercase hex digits) in the slab. */
const HASH_BYTES = 64;
/** The bytes of `GENESIS_HASH`, a new stream's `prevHash`. */
const GENESIS = Uint8Array.from(GENESIS_HASH, (c) => c.charCodeAt(0));

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
  /**
   * Each stream's last hash, as its 64 ASCII bytes at `slot * 64` (one string per stream
   * made only when asked for, not one per line indexed).
   */
  #hashes = Buffer.alloc(HASH_BYTES * 64);
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
    if (hash.length !== HASH_BYTES) throw new RangeError(`not a hash: ${hash}`);
    const at = this.#entry(head, stream, lineEnd) * HASH_BYTES;
    const slab = this.#hashes;
    for (let i = 0; i < HASH_BYTES; i++) slab[at + i] = hash.charCodeAt(i);
  }

  /**
   * {@link LogIndex.add} of the line whose hash is the 64 bytes of `bytes` at `hashAt`
   * (checked hex by the caller), given the stream's {@link LogIndex.streamHead} just taken
   * (no second lookup of the stream, no string made of the hash).
   */
  addBytes(
    head: IndexedStream | undefined,
    stream: string,
    bytes: Uint8Array,
    hashAt: number,
    lineEnd: number,
  ): void {
    const at = this.#entry(head, stream, lineEnd) * HASH_BYTES;
    const slab = this.#hashes;
    for (let i = 0; i < HASH_BYTES; i++) slab[at + i] = bytes[hashAt + i] as number;
  }

  /** Records the next line in the stream's entry (made if new): its slot for the hash. */
  #entry(head: IndexedStream | undefined, stream: string, lineEnd: number): number {
    const i = this.#offsets.length;
    this.#offsets.push(this.#end);
    this.#end = lineEnd;
    if (head instanceof StreamEntry) {
      head.events.push(i);
      return head.slot;
    }
    const slot = this.#streams.size;
    if ((slot + 1) * HASH_BYTES > this.#hashes.length) {
      const grown = Buffer.alloc(this.#hashes.length * 2);
      this.#hashes.copy(grown);
      this.#hashes = grown;
    }
    this.#streams.set(stream, new StreamEntry([i], slot));
    return slot;
  }

  /** The last hash of a stream the index holds. */
  #hashOf(entry: StreamEntry): string {
    const at = entry.slot * HASH_BYTES;
    return this.#hashes.toString('latin1', at, at + HASH_BYTES);
  }

  /**
   * Whether the 64 bytes of `bytes` at `at` are the last hash of the stream (`head`, just
   * taken with {@link LogIndex.streamHead}), or `GENESIS_HASH` (all zeros) for a new stream.
   */
  isLastHash(head: IndexedStream | undefined, bytes: Uint8Array, at: number): boolean {
    if (!(head instanceof StreamEntry)) {
      for (let i = 0; i < HASH_BYTES; i++) if (bytes[at + i] !== GENESIS[i]) return false;
      return true;
    }
    const slab = this.#hashes;
    const from = head.slot * HASH_BYTES;
    for (let i = 0; i < HASH_BYTES; i++) if (bytes[at + i] !== slab[from + i]) return false;
    return true;
  }

  /** {@link LogIndex.isLastHash} of a string (no string made of the index's hash). */
  isLastHashText(head: IndexedStream | undefined, hash: string): boolean {
    if (hash.length !== HASH_BYTES) return false;
    const slab = head instanceof StreamEntry ? this.#hashes : GENESIS;
    const from = head instanceof StreamEntry ? head.slot * HASH_BYTES : 0;
    for (let i = 0; i < HASH_BYTES; i++) if (hash.charCodeAt(i) !== slab[from + i]) return false;
    return true;
  }

  /** The chain head of a stream from its {@link LogIndex.streamHead}. */
  chainHeadOf(head: IndexedStream | undefined): ChainHead | undefined {
    return head instanceof StreamEntry
      ? { revision: head.events.length - 1, hash: this.#hashOf(head) }
      : undefined;
  }

  /** The head of one stream, or `undefined` when it has no event. */
  head(stream: string): StreamHead | undefined {
    const entry = this.#streams.get(stream);
    if (entry === undefined) return undefined;
    const revision = entry.events.length - 1;
    const last = entry.events[revision] as number;
    return { revision, hash: this.#hashOf(entry), position: String(this.#offsets[last]) };
  }

  /**
   * The chain head of one stream (last revision and hash), or `undefined` when it has no
   * event: {@link LogIndex.head} without the position, which a link check does not need
   * (no decimal string made per line on open).
   */
  chainHead(stream: string): ChainHead | undefined {
    return this.chainHeadOf(this.#streams.get(stream));
  }

  /**
   * Where one stream's chain stands, as the index holds it (no object made per call: a link
   * check on open asks for every line), or `undefined` when it has no event: its last
   * revision is `events.length - 1` (its last hash: {@link LogIndex.isLastHash},
   * {@link LogIndex.chainHeadOf}). Read-only, and current until the next add.
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
