import { createReadStream } from 'node:fs';
import type { NdjsonSource } from '../ndjson';

const NEWLINE = 0x0a;

/** A last line without its newline (see `TornTail`). */
export interface TornLine {
  readonly line: number;
  readonly offset: number;
  readonly bytes: number;
}

/**
 * Reads `source` and calls `each` with every complete non-empty line, as `ndjsonBatches`
 * splits them (CR LF accepted, empty lines skipped but counted), one line at a time: a line's
 * string is made just before `each` and is garbage right after. Holding the strings of a
 * whole chunk at once, as a batch does, keeps them alive through young-generation
 * collections, so they are moved to the old generation and stay there as garbage until a
 * full collection: most of the peak memory of a bare pass over a large file. Returns the
 * incomplete last line, if any (one of only white space is none).
 */
export async function eachLine(
  source: NdjsonSource,
  each: (text: string, line: number, offset: number) => void | Promise<void>,
): Promise<TornLine | undefined> {
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
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE, start); nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
      lineNo++;
      let end = nl;
      if (end > start && buf[end - 1] === 0x0d) end--;
      if (end > start) {
        const r = each(buf.toString('utf8', start, end), lineNo, base + start);
        if (r !== undefined) await r;
      }
      start = nl + 1;
    }
    // A copy: the rest of a chunk would otherwise keep the whole chunk alive.
    rest = start < buf.length ? Buffer.from(buf.subarray(start)) : undefined;
    base += start;
  }
  if (rest === undefined || rest.toString('utf8').trim().length === 0) return undefined;
  return { line: lineNo + 1, offset: base, bytes: rest.length };
}
