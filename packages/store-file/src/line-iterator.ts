import type { RawLine } from './lines';

/**
 * An async iterator over lines read in batches, mapping each line to a value: a hand-written
 * iterator rather than an async generator, because a value already in a batch is handed out
 * as a resolved promise without resuming a generator (reads run at hundreds of thousands of
 * events a second, where that overhead shows).
 *
 * `open` runs on the first `next()` and gives the batches (or `null`: nothing to read);
 * `map` may throw (a bad line), which rejects that `next()` and ends the iteration; `ioError`
 * turns an error of reading into what the consumer sees.
 */
export class LineIterator<T> implements AsyncIterableIterator<T> {
  #source: AsyncGenerator<RawLine[], void> | null | undefined;
  #batch: readonly RawLine[] = [];
  #i = 0;
  #left: number;
  #done = false;

  constructor(
    private readonly open: () => Promise<AsyncGenerator<RawLine[], void> | null>,
    private readonly map: (line: RawLine) => T,
    max: number,
    private readonly ioError: (e: unknown) => unknown,
  ) {
    this.#left = max;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.#done || this.#left <= 0) return this.#finish();
    if (this.#i < this.#batch.length) {
      try {
        const value = this.map(this.#batch[this.#i++] as RawLine);
        this.#left--;
        return Promise.resolve({ done: false, value });
      } catch (e) {
        void this.#finish();
        return Promise.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
    return this.#fill();
  }

  return(): Promise<IteratorResult<T, undefined>> {
    return this.#finish();
  }

  async #fill(): Promise<IteratorResult<T, undefined>> {
    try {
      if (this.#source === undefined) this.#source = await this.open();
      for (;;) {
        if (this.#source === null || this.#done) return await this.#finish();
        const r = await this.#source.next();
        if (r.done === true) return await this.#finish();
        if (r.value.length > 0) {
          this.#batch = r.value;
          this.#i = 0;
          return await this.next();
        }
      }
    } catch (e) {
      await this.#finish();
      throw this.ioError(e);
    }
  }

  #finish(): Promise<IteratorResult<T, undefined>> {
    this.#done = true;
    this.#batch = [];
    const source = this.#source;
    this.#source = null;
    if (source !== null && source !== undefined)
      void source.return(undefined).catch(() => undefined);
    return Promise.resolve({ done: true, value: undefined });
  }
}

/**
 * The batched counterpart of {@link LineIterator}: the same lines, `map`ped the same way (a
 * throw ends the read after handing out the batch so far), at most `max` of them, one array
 * a batch as the source reads it; `ioError` turns an error of reading into what the consumer
 * sees.
 */
export async function* lineBatches<T>(
  open: () => Promise<AsyncGenerator<RawLine[], void> | null>,
  map: (line: RawLine) => T,
  max: number,
  ioError: (e: unknown) => unknown,
): AsyncGenerator<readonly T[], void> {
  let left = max;
  if (left <= 0) return;
  let source: AsyncGenerator<RawLine[], void> | null;
  try {
    source = await open();
  } catch (e) {
    throw ioError(e);
  }
  if (source === null) return;
  try {
    for (;;) {
      let next: IteratorResult<RawLine[], void>;
      try {
        next = await source.next();
      } catch (e) {
        throw ioError(e);
      }
      if (next.done === true) return;
      const batch: T[] = [];
      let failure: unknown;
      let failed = false;
      for (const line of next.value) {
        if (left <= 0) break;
        try {
          batch.push(map(line));
        } catch (e) {
          failure = ioError(e);
          failed = true;
          break;
        }
        left--;
      }
      if (batch.length > 0) yield batch;
      if (failed) throw failure;
      if (left <= 0) return;
    }
  } finally {
    void source.return(undefined).catch(() => undefined);
  }
}
