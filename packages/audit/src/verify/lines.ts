import { splitNdjson, type NdjsonSource } from '../ndjson/split';

/** A last line without its newline (see `TornTail`). */
export interface TornLine {
  readonly line: number;
  readonly offset: number;
  readonly bytes: number;
}

/**
 * Reads `source` and calls `each` with every complete non-empty line, one line at a time, as
 * `ndjsonBatches` splits them (the same `NdjsonSplitter`; CR LF accepted, empty lines
 * skipped but counted): a line's string is made just before `each` and is garbage right
 * after, which keeps the peak memory of a pass over a large file low. Returns the incomplete
 * last line, if any (one of only white space is none).
 */
export async function eachLine(
  source: NdjsonSource,
  each: (text: string, line: number, offset: number) => void | Promise<void>,
): Promise<TornLine | undefined> {
  const torn = await splitNdjson(source, each);
  return torn === undefined
    ? undefined
    : { line: torn.line, offset: torn.offset, bytes: torn.bytes };
}
