import type { FileHandle } from 'node:fs/promises';

/** One whole line of the log: the byte offset where it starts and its text (newline excluded). */
export interface RawLine {
  /** Byte offset of the line's first byte in the file: the event's position. */
  readonly offset: number;
  /** The line's UTF-8 text without its trailing newline. */
  readonly text: string;
  /** Byte offset just after the line's newline (where the next line starts). */
  readonly next: number;
}

/** Default size of one sequential read. */
export const DEFAULT_CHUNK_BYTES = 256 * 1024;

/**
 * The most lines of a batch a log read hands out (see {@link LineScanner.batches}'
 * `maxLines`): its lines are made strings, parsed and folded before the next batch's are
 * made. A fold keeps little of each line, but the garbage collector's young-generation
 * scavenges copy whatever of the batch in hand is alive: a chunk's 1,900 lines (1 MiB) and
 * their envelopes held at once made a rebuild copy them at every scavenge. Callgrind, one-
 * pass rebuild of 100k generated events (whole process): 9.14G -> 8.77G instructions with
 * batches of 128 lines (32: 8.77G, 512: 8.80G).
 */
export const READ_BATCH_LINES = 128;

const NEWLINE = 0x0a;

/**
 * Reads whole lines of a file sequentially, from a byte offset up to an end offset (or to
 * the end of the file), in buffered chunks: memory holds one chunk (and one line longer
 * than a chunk, if any), never the file.
 *
 * After iteration, {@link LineScanner.completeEnd} is the offset just after the last
 * newline read, and {@link LineScanner.partialBytes} counts the bytes after it that do not
 * end with a newline (an incomplete last line).
 *
 * @example
 * const scanner = new LineScanner(handle, 0);
 * for await (const batch of scanner.batches()) for (const line of batch) handle(line);
 * if (scanner.partialBytes > 0) console.warn('torn tail at', scanner.completeEnd);
 */
export class LineScanner {
  #completeEnd: number;
  #partialBytes = 0;

  /**
   * @param handle an open file
   * @param start offset of the first line to read (must be the start of a line)
   * @param end offset to stop at (exclusive); default: the end of the file
   * @param chunkBytes size of one read
   */
  constructor(
    private readonly handle: FileHandle,
    private readonly start: number,
    private readonly end: number = Number.POSITIVE_INFINITY,
    private readonly chunkBytes: number = DEFAULT_CHUNK_BYTES,
  ) {
    this.#completeEnd = start;
  }

  /** Offset just after the last whole line read so far. */
  get completeEnd(): number {
    return this.#completeEnd;
  }

  /** Bytes read after {@link completeEnd} that were not terminated by a newline. */
  get partialBytes(): number {
    return this.#partialBytes;
  }

  /**
   * The whole lines, one array per chunk read (or per `maxLines` of its lines), in file
   * order.
   *
   * Reads ahead (see {@link LineScanner.blocks}); a chunk's lines are made strings before
   * its buffer is read into again.
   *
   * @param skip lines it says to skip are left out of the batches without being made
   *   strings (a chunk whose lines are all skipped gives no batch)
   * @param observe sees every byte read, once, in file order (each chunk as read, with the
   *   offset of its first byte), before the chunk's lines are handed out; a throw ends the
   *   scan with that error (how a read hashes the bytes it parses in the same pass)
   * @param maxLines the most lines a batch holds (default: every line of its chunk); a
   *   chunk's lines are then made strings batch by batch, as the consumer asks for them
   */
  async *batches(
    skip?: LineSkip,
    observe?: ChunkObserver,
    maxLines: number = Number.POSITIVE_INFINITY,
  ): AsyncGenerator<RawLine[], void> {
    /** Lines ended so far (the index of the next one). */
    let index = 0;
    let lines: RawLine[] = [];
    for await (const block of this.blocks(observe)) {
      const { bytes, at, ends } = block;
      let s = block.start;
      for (let k = 0; k < ends.length; k++) {
        const nl = ends[k] as number;
        const next = at + nl + 1;
        if (skip === undefined || !skip(index, next))
          lines.push({ offset: at + s, text: bytes.toString('utf8', s, nl), next });
        index++;
        s = nl + 1;
        // The block's bytes stay as they are while this generator waits (the next block is
        // read into the other buffer).
        if (lines.length >= maxLines) {
          yield lines;
          lines = [];
        }
      }
      // A line begun in earlier chunks comes in a block of its own: it joins its chunk's batch.
      if (block.carried) continue;
      if (lines.length > 0) {
        yield lines;
        lines = [];
      }
    }
  }

  /**
   * The whole lines as bytes, one {@link LineBlock} per chunk read (a line begun in earlier
   * chunks comes first, alone, in a block of its own), in file order: no string made.
   *
   * Reads ahead: after a full chunk, the next one is requested before this one's block is
   * handed out, so the disk (or page cache) works while the consumer reads it. Two buffers
   * take turns: a block's bytes may be read into again as soon as the consumer asks for the
   * next block, so it must be done with them by then (the partial line at a buffer's end is
   * copied aside). A short read (the end of the file as it was) is not read past: the
   * next read starts where it stopped.
   *
   * @param observe sees every byte read, once, in file order, before the chunk's lines are
   *   handed out (see {@link LineScanner.batches})
   */
  async *blocks(observe?: ChunkObserver): AsyncGenerator<LineBlock, void> {
    const size = Math.max(1, Math.min(this.chunkBytes, this.end - this.start));
    const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
    let turn = 0;
    const issue = (at: number): PendingRead | null => {
      if (at >= this.end) return null;
      const buffer = buffers[turn] as Buffer;
      turn = 1 - turn;
      const want = Math.min(buffer.length, this.end - at);
      return { at, want, buffer, result: this.handle.read(buffer, 0, want, at) };
    };
    /** The bytes of a line begun in earlier chunks and not ended yet, and their total. */
    let carry: Buffer[] = [];
    let carried = 0;
    let current = issue(this.start);
    let ahead: PendingRead | null = null;
    try {
      while (current !== null) {
        const { bytesRead } = await current.result;
        if (bytesRead === 0) break;
        const full = bytesRead === current.want;
        ahead = full ? issue(current.at + bytesRead) : null;
        const view = current.buffer.subarray(0, bytesRead);
        const viewStart = current.at;
        if (observe !== undefined) observe(view, viewStart);
        let s = 0;
        let nl = view.indexOf(NEWLINE, 0);
        if (nl !== -1 && carried > 0) {
          // The line begun in earlier chunks ends here.
          carry.push(view.subarray(0, nl));
          const whole = Buffer.concat(carry);
          const offset = viewStart - carried;
          carry = [];
          carried = 0;
          s = nl + 1;
          nl = view.indexOf(NEWLINE, s);
          yield { bytes: whole, at: offset, start: 0, ends: [whole.length], carried: true };
        }
        const start = s;
        const ends: number[] = [];
        for (; nl !== -1; nl = view.indexOf(NEWLINE, s)) {
          ends.push(nl);
          s = nl + 1;
        }
        if (s > 0) this.#completeEnd = viewStart + s;
        if (s < bytesRead) {
          // Copied: this buffer is read into again.
          carry.push(Buffer.from(view.subarray(s)));
          carried += bytesRead - s;
        }
        this.#partialBytes = carried;
        current = full ? ahead : issue(viewStart + bytesRead);
        ahead = null;
        yield { bytes: view, at: viewStart, start, ends, carried: false };
      }
    } finally {
      // A consumer that stops early leaves a read in flight: let it settle (its result is
      // not needed) before the caller may close the file.
      const inFlight = ahead ?? current;
      if (inFlight !== null) await inFlight.result.then(noop, noop);
    }
  }
}

/**
 * Whole lines of one chunk read, as bytes: lines follow one another from `start`, the `k`th
 * ending (its newline) at `ends[k]`; `bytes[i]` is the file's byte at offset `at + i`.
 */
export interface LineBlock {
  /** Valid until the consumer asks for the next block (the buffer is read into again). */
  readonly bytes: Buffer;
  /** The file offset of `bytes[0]`. */
  readonly at: number;
  /** Index in `bytes` of the first line's first byte. */
  readonly start: number;
  /** Index in `bytes` of each line's newline (one past its last byte), in order. */
  readonly ends: readonly number[];
  /** The block of a line begun in earlier chunks (alone; its chunk's block follows). */
  readonly carried: boolean;
}

/**
 * Whether {@link LineScanner.batches} leaves a line out: given the line's index among the
 * lines the scan ended (0 for the first) and the offset just after its newline.
 */
export type LineSkip = (index: number, next: number) => boolean;

/**
 * Sees the bytes {@link LineScanner.batches} reads: `bytes` (valid only during the call) are
 * the file's from offset `at`.
 */
export type ChunkObserver = (bytes: Buffer, at: number) => void;

/** A read issued on the file: where, how much, into which buffer. */
interface PendingRead {
  readonly at: number;
  readonly want: number;
  readonly buffer: Buffer;
  readonly result: Promise<{ readonly bytesRead: number }>;
}

const noop = (): void => undefined;
