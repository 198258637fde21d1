import { NdjsonSplitter, ndjsonChunks, type NdjsonSource } from './split';

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

export type { NdjsonSource } from './split';

/**
 * Splits a byte stream into NDJSON lines, in batches (one array per chunk read), without
 * loading the whole input. Empty lines are skipped. A final line without its newline is
 * yielded with `complete: false` (a torn write, or a cut file).
 *
 * @example
 * for await (const batch of ndjsonBatches('export.ndjson')) for (const l of batch) ...;
 */
export async function* ndjsonBatches(source: NdjsonSource): AsyncGenerator<NdjsonLine[]> {
  const splitter = new NdjsonSplitter();
  for await (const chunk of ndjsonChunks(source)) {
    const out: NdjsonLine[] = [];
    await splitter.push(chunk, (text, line, offset, bytes) => {
      out.push({ text, line, complete: true, offset, bytes });
    });
    if (out.length > 0) yield out;
  }
  const torn = splitter.end();
  if (torn !== undefined) {
    const { text, line, offset, bytes } = torn;
    yield [{ text, line, complete: false, offset, bytes }];
  }
}

/** The lines of an NDJSON source one by one (see {@link ndjsonBatches}). */
export async function* ndjsonLines(source: NdjsonSource): AsyncGenerator<NdjsonLine> {
  for await (const batch of ndjsonBatches(source)) yield* batch;
}
