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

  /** The whole lines, one array per chunk read, in file order. */
  async *batches(): AsyncGenerator<RawLine[], void> {
    const span = this.end - this.start;
    let buf = Buffer.allocUnsafe(Math.max(1, Math.min(this.chunkBytes, span)));
    let filled = 0; // bytes held in buf: a carried partial line, then fresh bytes
    let bufStart = this.start; // file offset of buf[0]
    let pos = this.start; // file offset of the next read
    while (pos < this.end) {
      if (filled === buf.length) {
        // One line longer than the buffer: grow it.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const want = Math.min(buf.length - filled, this.end - pos);
      const { bytesRead } = await this.handle.read(buf, filled, want, pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      filled += bytesRead;
      const view = buf.subarray(0, filled);
      const lines: RawLine[] = [];
      let s = 0;
      for (let nl = view.indexOf(NEWLINE, s); nl !== -1; nl = view.indexOf(NEWLINE, s)) {
        lines.push({
          offset: bufStart + s,
          text: view.toString('utf8', s, nl),
          next: bufStart + nl + 1,
        });
        s = nl + 1;
      }
      if (s > 0) {
        buf.copy(buf, 0, s, filled);
        filled -= s;
        bufStart += s;
        this.#completeEnd = bufStart;
      }
      this.#partialBytes = filled;
      if (lines.length > 0) yield lines;
    }
  }
}
