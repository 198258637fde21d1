import * as fsp from 'node:fs/promises';
import * as nodePath from 'node:path';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  StoreErrors,
  StoreFailure,
  type AppendResult,
  type BatchReader,
  type Envelope,
  type EventStore,
  type ReadAllOptions,
  type StoreError,
  type TimeBounds,
  type WindowedBatchReader,
} from '@assure/event-store';
import { LineIterator, lineBatches } from './line-iterator';
import { LineScanner, READ_BATCH_LINES, type RawLine } from './lines';
import { errnoOf } from './lock';
import { TrustedRead } from './trusted-read';

/**
 * A read-only open of a file log that builds no index: a position is the byte offset of
 * the event's line, so `readAll({from})` seeks there instead of reading the log before it
 * (a read-model snapshot then answers from its checkpoint without a pass over the whole
 * log). Its `BatchReader` hands out batches of up to 128 lines of the chunks it reads
 * (1 MiB each). See {@link openLogReader}.
 */
export interface SeekingLogReader extends EventStore, BatchReader, WindowedBatchReader {
  /** Absolute path of the log file. */
  readonly path: string;
}

/** Options of {@link openLogReader}. */
export interface LogReaderOptions {
  /**
   * Use and keep the verified-prefix record `PATH.verified.json` (default true): a read
   * from the start re-hashes the recorded prefix's bytes instead of recomputing each of its
   * lines' content hashes, and a read that checked at least `recordAfterBytes` more bytes
   * in full records them.
   */
  readonly verifiedPrefix?: boolean;
  /** Fully checked bytes past the recorded prefix before a read records them (1 MiB). */
  readonly recordAfterBytes?: number;
  /**
   * Follow each stream's chain in a read from the start of the log (default true): every
   * event must be its stream's next revision and carry the previous event's `hash` as its
   * `prevHash` (revision 0 and the genesis hash for a stream's first), checked in the same
   * pass as the lines are read, or the read fails with `Tampered` (`revision-gap`,
   * `chain-broken`) naming the first event that breaks its chain. A read from a later
   * position, or within time bounds (which leaves lines out), cannot follow chains and
   * does not.
   */
  readonly chains?: boolean;
}

/**
 * Opens the file log at `path` to read it without indexing it first (no lock, no writes:
 * appends fail with `StoreUnavailable`; an incomplete last line, a writer mid-append, is
 * ignored; a missing file reads as empty). Every line read goes through the envelope line
 * codec, must sit at the byte offset it declares as its position (`Tampered` otherwise), and
 * its content hash is recomputed (`Tampered` with `hash-mismatch`), except, in a read from
 * the start, for the lines of a verified prefix whose bytes are unchanged (see
 * {@link LogReaderOptions.verifiedPrefix} and the package README). A read from the start
 * follows each stream's chain too, in the same pass ({@link LogReaderOptions.chains}): with
 * the verified prefix, a rebuild checks and folds each line in one read. `readStream`
 * filters a full read; `subscribe` reads to the end of the log as it
 * is and stops (no live tail). For logs whose positions are byte offsets
 * ({@link positionsAreByteOffsets}): those the file store writes.
 *
 * @example
 * const reader = openLogReader('.assure/events.ndjson');
 * for await (const e of reader.readAll({ from: 1_048_576n })) console.log(e.position);
 */
export function openLogReader(path: string, options: LogReaderOptions = {}): SeekingLogReader {
  return new LogReader(nodePath.resolve(path), options);
}

class LogReader implements SeekingLogReader {
  readonly #usePrefix: boolean;
  readonly #recordAfter: number;
  readonly #chains: boolean;

  constructor(
    readonly path: string,
    options: LogReaderOptions,
  ) {
    this.#usePrefix = options.verifiedPrefix ?? true;
    this.#recordAfter = options.recordAfterBytes ?? 1 << 20;
    this.#chains = options.chains ?? true;
  }

  /** A read from `from`, following chains when it starts at the log's start. */
  #read(from: bigint): TrustedRead {
    return new TrustedRead(undefined, { chains: this.#chains && from <= 0n });
  }

  append(): TE.TaskEither<StoreError, AppendResult> {
    return () =>
      Promise.resolve(
        E.left(StoreErrors.unavailable(`the file log ${this.path} was opened to read only`)),
      );
  }

  readStream(
    stream: string,
    options: { readonly fromRevision?: number } = {},
  ): AsyncIterable<Envelope> {
    const all = this.readAll();
    const from = options.fromRevision ?? 0;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const e of all) if (e.stream === stream && e.revision >= from) yield e;
      },
    };
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<Envelope> {
    return {
      [Symbol.asyncIterator]: () => {
        const read = this.#read(options.from ?? 0n);
        return new LineIterator(
          () => this.#lines(options.from ?? 0n, read),
          read.map,
          options.maxCount ?? Number.POSITIVE_INFINITY,
          (e) => this.#ioFailure(e),
        );
      },
    };
  }

  readAllBatches(options: ReadAllOptions = {}): AsyncIterable<readonly Envelope[]> {
    const from = options.from ?? 0n;
    return this.#batches(from, options.maxCount, this.#read(from));
  }

  /**
   * The log from its start in batches, leaving out the lines of the verified prefix whose
   * recorded times fall outside `bounds` (see `WindowedBatchReader`). The recorded prefix is
   * hashed as it is read, so its lines are handed out before the last of their segment is
   * compared, and a segment that differs fails the read: for a consumer that answers only
   * once the read ended without error (a fold). With no bounds it leaves nothing out, and
   * follows every stream's chain (see {@link LogReaderOptions.chains}): a rebuild's one pass.
   */
  readAllBatchesWithin(bounds: TimeBounds): AsyncIterable<readonly Envelope[]> {
    const filters = this.#usePrefix && (bounds.asAt !== undefined || bounds.knownAt !== undefined);
    return this.#batches(
      0n,
      undefined,
      new TrustedRead(this.#usePrefix ? bounds : undefined, {
        chains: this.#chains && !filters,
        windowed: true,
      }),
    );
  }

  #batches(
    from: bigint,
    maxCount: number | undefined,
    read: TrustedRead,
  ): AsyncIterable<readonly Envelope[]> {
    return {
      [Symbol.asyncIterator]: () =>
        lineBatches(
          () => this.#lines(from, read),
          read.map,
          maxCount ?? Number.POSITIVE_INFINITY,
          (e) => this.#ioFailure(e),
        ),
    };
  }

  /**
   * The whole lines from the first one starting at or after `from` (null: none). The scan
   * starts one byte early and drops the line it lands in, so the first line handed out is
   * the first to start at or after `from` (positions need not be contiguous).
   */
  async #lines(from: bigint, read: TrustedRead): Promise<AsyncGenerator<RawLine[], void> | null> {
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(this.path, 'r');
    } catch (e) {
      if (errnoOf(e) === 'ENOENT') return null;
      throw e;
    }
    const { size } = await handle.stat();
    if (from >= BigInt(size)) {
      await handle.close();
      return null;
    }
    const start = from <= 0n ? 0 : Number(from) - 1;
    const scanner = new LineScanner(handle, start, Number.POSITIVE_INFINITY, 1 << 20);
    if (from > 0n || !this.#usePrefix) return ownedLines(handle, scanner, from > 0n);
    return read.lines(this.path, handle, size, scanner, this.#recordAfter);
  }

  #ioFailure(e: unknown): StoreFailure {
    if (e instanceof StoreFailure) return e;
    const message = e instanceof Error ? e.message : String(e);
    return new StoreFailure(StoreErrors.unavailable(`reading ${this.path} failed: ${message}`));
  }

  subscribe(): AsyncIterable<Envelope> {
    return this.readAll();
  }

  headPosition(): TE.TaskEither<StoreError, bigint | null> {
    return async () => {
      let last: bigint | null = null;
      try {
        for await (const batch of this.readAllBatches()) {
          const e = batch[batch.length - 1];
          if (e !== undefined) last = BigInt(e.position);
        }
      } catch (thrown) {
        if (thrown instanceof StoreFailure) return E.left(thrown.error);
        throw thrown;
      }
      return E.right(last);
    };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The scanner's batches (the first line dropped when `skipFirst`), closing the file after. */
async function* ownedLines(
  handle: fsp.FileHandle,
  scanner: LineScanner,
  skipFirst: boolean,
): AsyncGenerator<RawLine[], void> {
  let skip = skipFirst;
  try {
    for await (const batch of scanner.batches(undefined, undefined, READ_BATCH_LINES)) {
      if (skip) {
        skip = false;
        const rest = batch.slice(1);
        if (rest.length > 0) yield rest;
      } else yield batch;
    }
  } finally {
    await handle.close();
  }
}

/**
 * Whether a file log's positions are the byte offsets of its lines (the file store's
 * scheme, which {@link openLogReader} relies on), judged from its first two lines; a missing
 * or empty file qualifies.
 */
export async function positionsAreByteOffsets(path: string): Promise<boolean> {
  let head: string;
  try {
    const fh = await fsp.open(path, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await fh.close();
    }
  } catch (e) {
    return errnoOf(e) === 'ENOENT';
  }
  const lines = head.split('\n');
  const positionOf = (l: string | undefined): string | null =>
    /^\{"position":"(\d+)"/.exec(l ?? '')?.[1] ?? null;
  if (head === '') return true;
  if (positionOf(lines[0]) !== '0') return false;
  if (lines.length < 3) return true;
  return positionOf(lines[1]) === String(Buffer.byteLength(lines[0] ?? '', 'utf8') + 1);
}
