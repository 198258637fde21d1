import type { EventRow } from './rows';

/** The last event of the log, as an append reads it under the lock. */
export interface LogTail {
  readonly position: string;
  readonly hash: string;
  readonly recorded_at: string;
}

/** The last event of a stream, as an append reads it under the lock. */
export interface StreamHead {
  readonly stream: string;
  readonly revision: number;
  readonly hash: string;
  readonly position: string;
}

/** The rows of each statement of a message of several (node-postgres gives an array). */
export function resultsOf(r: unknown): readonly (readonly unknown[])[] {
  const results: readonly unknown[] = Array.isArray(r) ? r : [r];
  return results.map((x) => {
    const rows: unknown = typeof x === 'object' && x !== null ? Reflect.get(x, 'rows') : undefined;
    return Array.isArray(rows) ? (rows as readonly unknown[]) : [];
  });
}

function field(row: unknown, name: string): unknown {
  return typeof row === 'object' && row !== null ? Reflect.get(row, name) : undefined;
}

function text(row: unknown, name: string): string {
  const v = field(row, name);
  if (typeof v !== 'string') throw new Error(`events table: ${name} is not text`);
  return v;
}

export function logTailOf(row: unknown): LogTail {
  return {
    position: text(row, 'position'),
    hash: text(row, 'hash'),
    recorded_at: text(row, 'recorded_at'),
  };
}

export function streamHeadOf(row: unknown): StreamHead {
  const revision = field(row, 'revision');
  if (typeof revision !== 'number') throw new Error('events table: revision is not a number');
  return {
    stream: text(row, 'stream'),
    revision,
    hash: text(row, 'hash'),
    position: text(row, 'position'),
  };
}

/** The most stream heads a {@link LogView} keeps (the least recently used go first). */
const MAX_HEADS = 10_000;

/**
 * What this store last knew of the log: its tail (`null` for an empty log) and the heads
 * of the streams it last read or wrote, all as of that tail. It is only ever a guess: an
 * append that plans from it sends the guess with its rows, and the server checks it under
 * the append lock (`append_if_unchanged`, migration 3). It is taken from what an append read or wrote
 * under the lock, and forgotten when an append failed (its outcome may be unknown).
 *
 * `othersWriting` says whether, at the last look, another writer had appended since this
 * store's previous append; while it does, appends read under the lock first instead of
 * guessing (a guess would mostly miss, and cost a round trip).
 */
export class LogView {
  #tail: LogTail | null | undefined;
  readonly #heads = new Map<string, StreamHead | null>();
  #othersWriting = true;

  /** The tail to plan from, when a guess is worth making. */
  guessTail(): LogTail | null | undefined {
    return this.#othersWriting ? undefined : this.#tail;
  }

  /**
   * The head of `stream` to plan from: a known head, `null` for a stream known (or, for an
   * append expecting no stream, guessed) to be empty; undefined when unknown.
   */
  guessHead(stream: string, expectsNoStream: boolean): StreamHead | null | undefined {
    const h = this.#heads.get(stream);
    if (h !== undefined) return h;
    return expectsNoStream ? null : undefined;
  }

  /**
   * What an append read under the lock: the tail, and the heads of `streams` (absent from
   * `heads` when empty). A tail other than the one known means another writer appended.
   */
  read(
    tail: LogTail | null,
    streams: readonly string[],
    heads: ReadonlyMap<string, StreamHead>,
  ): void {
    const known = this.#tail;
    const same =
      known !== undefined &&
      (known === null ? tail === null : tail !== null && sameTail(known, tail));
    this.#othersWriting = !same;
    if (!same) this.#heads.clear();
    this.#tail = tail;
    for (const s of streams) this.#setHead(s, heads.get(s) ?? null);
  }

  /** What an append committed: `rows` are now the log's last events. */
  wrote(rows: readonly EventRow[]): void {
    const last = rows[rows.length - 1];
    if (last === undefined) return;
    this.#tail = { position: last.position, hash: last.hash, recorded_at: last.recordedAt };
    for (const r of rows)
      this.#setHead(r.stream, {
        stream: r.stream,
        revision: r.revision,
        hash: r.hash,
        position: r.position,
      });
  }

  /** A guess the server refused: another writer appended. */
  missed(): void {
    this.#othersWriting = true;
    this.#heads.clear();
  }

  /** An append failed: what happened to the log is not known. */
  forget(): void {
    this.#tail = undefined;
    this.#othersWriting = true;
    this.#heads.clear();
  }

  #setHead(stream: string, head: StreamHead | null): void {
    this.#heads.delete(stream);
    this.#heads.set(stream, head);
    if (this.#heads.size > MAX_HEADS) {
      const oldest = this.#heads.keys().next();
      if (oldest.done !== true) this.#heads.delete(oldest.value);
    }
  }
}

function sameTail(a: LogTail, b: LogTail): boolean {
  return a.position === b.position && a.hash === b.hash;
}
