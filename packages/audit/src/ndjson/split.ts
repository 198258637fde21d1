import { createReadStream } from 'node:fs';

/** Anything NDJSON can be read from: a file path, or chunks of bytes or text. */
export type NdjsonSource = string | AsyncIterable<Buffer | Uint8Array | string>;

/** A last line without its newline: a torn write, or a cut file. */
export interface TornNdjsonLine {
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
  /** Byte offset of the line's first byte in the source. */
  readonly offset: number;
  /** The line's length in bytes. */
  readonly bytes: number;
}

/** Called with each complete non-empty line; a promise it returns is awaited. */
export type OnNdjsonLine = (
  text: string,
  line: number,
  offset: number,
  bytes: number,
) => void | Promise<void>;

const NEWLINE = 0x0a;
const CR = 0x0d;

/** The chunks of `source` as Buffers (a path is read in 1 MiB chunks). */
export async function* ndjsonChunks(source: NdjsonSource): AsyncGenerator<Buffer> {
  const chunks =
    typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : source;
  for await (const raw of chunks as AsyncIterable<Buffer | Uint8Array | string>)
    yield typeof raw === 'string'
      ? Buffer.from(raw, 'utf8')
      : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}

/**
 * The one byte-level NDJSON line splitter: `push` each chunk in order, then `end`. A line
 * ends at LF (a CR before it is dropped); empty lines are skipped but counted. Each line's
 * string is made just before `onLine` is called, one at a time, so a caller that does not
 * keep it lets it die young (holding a whole chunk's strings at once keeps them alive through
 * young-generation collections, into the old generation: most of the peak memory of a bare
 * pass over a large file). The bytes after the last newline of a chunk are copied (a view
 * would keep the whole chunk alive) and joined to the next chunk.
 */
export class NdjsonSplitter {
  private rest: Buffer | undefined;
  private lineNo = 0;
  /** Byte offset in the source of the first byte of `rest`. */
  private base = 0;

  /** How many newlines were pushed so far (the number of the last line ended). */
  get newlines(): number {
    return this.lineNo;
  }

  /** Calls `onLine` with every complete non-empty line that `chunk` ends. */
  async push(chunk: Buffer, onLine: OnNdjsonLine): Promise<void> {
    const rest = this.rest;
    const buf = rest === undefined ? chunk : Buffer.concat([rest, chunk]);
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE, start); nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
      this.lineNo++;
      let end = nl;
      if (end > start && buf[end - 1] === CR) end--;
      if (end > start) {
        const r = onLine(
          buf.toString('utf8', start, end),
          this.lineNo,
          this.base + start,
          end - start,
        );
        if (r !== undefined) await r;
      }
      start = nl + 1;
    }
    this.rest = start < buf.length ? Buffer.from(buf.subarray(start)) : undefined;
    this.base += start;
  }

  /** The incomplete last line once the source is done, if any (one of only white space is none). */
  end(): TornNdjsonLine | undefined {
    if (this.rest === undefined) return undefined;
    const text = this.rest.toString('utf8');
    if (text.trim().length === 0) return undefined;
    return { text, line: this.lineNo + 1, offset: this.base, bytes: this.rest.length };
  }
}

/**
 * Reads `source` through one {@link NdjsonSplitter}: `onLine` for each complete non-empty
 * line, `onChunk` (when given) after the lines of each chunk. Returns the incomplete last
 * line, if any.
 */
export async function splitNdjson(
  source: NdjsonSource,
  onLine: OnNdjsonLine,
  onChunk?: () => void | Promise<void>,
): Promise<TornNdjsonLine | undefined> {
  const splitter = new NdjsonSplitter();
  for await (const chunk of ndjsonChunks(source)) {
    await splitter.push(chunk, onLine);
    if (onChunk !== undefined) await onChunk();
  }
  return splitter.end();
}
