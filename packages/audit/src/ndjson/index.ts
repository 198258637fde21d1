import { createReadStream } from 'node:fs';

/** One line of an NDJSON source; `complete` is false for a last line without its newline. */
export interface NdjsonLine {
  readonly text: string;
  /** 1-based line number. */
  readonly line: number;
  readonly complete: boolean;
  /** Byte offset of the line's first byte in the source. */
  readonly offset: number;
  /** The line's length in bytes (its newline, and a CR before it, excluded). */
  readonly bytes: number;
}

/** Anything NDJSON can be read from: a file path, or chunks of bytes or text. */
export type NdjsonSource = string | AsyncIterable<Buffer | Uint8Array | string>;

const NEWLINE = 0x0a;

/**
 * Splits a byte stream into NDJSON lines, in batches (one array per chunk read), without
 * loading the whole input. Empty lines are skipped. A final line without its newline is
 * yielded with `complete: false` (a torn write, or a cut file).
 *
 * @example
 * for await (const batch of ndjsonBatches('export.ndjson')) for (const l of batch) ...;
 */
export async function* ndjsonBatches(source: NdjsonSource): AsyncGenerator<NdjsonLine[]> {
  const chunks =
    typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : source;
  let rest: Buffer | undefined;
  let lineNo = 0;
  let base = 0; // byte offset of buf[0] in the source
  for await (const raw of chunks as AsyncIterable<Buffer | Uint8Array | string>) {
    const chunk =
      typeof raw === 'string'
        ? Buffer.from(raw, 'utf8')
        : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    const buf = rest === undefined || rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
    const out: NdjsonLine[] = [];
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE, start); nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
      lineNo++;
      let end = nl;
      if (end > start && buf[end - 1] === 0x0d) end--;
      if (end > start)
        out.push({
          text: buf.toString('utf8', start, end),
          line: lineNo,
          complete: true,
          offset: base + start,
          bytes: end - start,
        });
      start = nl + 1;
    }
    rest = start < buf.length ? buf.subarray(start) : undefined;
    base += start;
    if (out.length > 0) yield out;
  }
  if (rest !== undefined && rest.length > 0) {
    const text = rest.toString('utf8');
    if (text.trim().length > 0)
      yield [{ text, line: lineNo + 1, complete: false, offset: base, bytes: rest.length }];
  }
}

/** The lines of an NDJSON source one by one (see {@link ndjsonBatches}). */
export async function* ndjsonLines(source: NdjsonSource): AsyncGenerator<NdjsonLine> {
  for await (const batch of ndjsonBatches(source)) yield* batch;
}
