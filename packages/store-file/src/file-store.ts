import { constants as fsConstants } from 'node:fs';
import * as fsp from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import * as nodePath from 'node:path';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  AppendNotifier,
  catchUpThenLive,
  checkExpected,
  planRecordedAt,
  StoreErrors,
  StoreFailure,
  type AppendResult,
  type BatchReader,
  type Envelope,
  type EventStore,
  type ExpectedRevision,
  type HeadConditionalAppend,
  type LiveSource,
  type ProposedEvent,
  type ReadAllOptions,
  type StoreError,
  type StoreUnavailable,
  type SubscribeOptions,
} from '@assure/event-store';
import { writeBatch } from './batch-write';
import { decodeLine, indexLine, indexLineLinks, prepareAppend } from './line-codec';
import { LineIterator, lineBatches } from './line-iterator';
import { DEFAULT_CHUNK_BYTES, LineScanner, type RawLine } from './lines';
import { acquireLock, errnoOf, type StoreLogger, type WriterLock } from './lock';
import { LogIndex, type LineSpan, type StreamHead } from './log-index';

/** Options of {@link openFileStore}. */
export interface FileStoreOptions {
  /**
   * Open as a reader: no lock, no writes (appends fail with `StoreUnavailable`), an
   * incomplete last line is ignored (not cut), and reads and subscriptions follow what a
   * writer (in any process) appends. A missing file reads as an empty log.
   */
  readonly readOnly?: boolean;
  /** Receives warnings: a torn last line cut, a stale lock recovered. Default: stderr. */
  readonly logger?: StoreLogger;
  /**
   * Makes written bytes durable; an append is acknowledged only after the call covering
   * its bytes resolves. Default: `handle.datasync()` (fdatasync). Inject to observe it.
   */
  readonly fsync?: (handle: FileHandle) => Promise<void>;
  /** Transaction-time clock for `meta.recordedAt` (default: the system clock). */
  readonly clock?: () => Date;
  /** How often a reader's live subscriptions look for new lines (default 50 ms). */
  readonly pollIntervalMs?: number;
  /** Upper bound of the bytes one group commit writes (default 4 MiB). */
  readonly maxBatchBytes?: number;
  /**
   * What a reader checks while indexing (on open, and as it follows the file). `full`
   * (the default, and always for a writer): every line decoded with the Envelope codec,
   * positions, revisions, chain links and content hashes. `links`: positions, revisions
   * and chain links only, read from the start and end of each line without parsing its
   * body, several times faster; edits of content are then caught by `assure verify` (and
   * unreadable lines when read), not on open.
   */
  readonly check?: 'full' | 'links';
}

/** Counts describing an open log. */
export interface FileStoreStats {
  /** Events indexed (acknowledged, for a writer). */
  readonly events: number;
  readonly streams: number;
  /** Bytes of whole lines indexed. */
  readonly bytes: number;
  /** Group commits (write + fsync) done by this writer since open. */
  readonly commits: number;
}

/**
 * The embedded file store: an {@link EventStore} over one NDJSON log file, with the
 * `BatchReader` (one batch per 256 KiB chunk read) and `HeadConditionalAppend` (a reader
 * refuses it, as it refuses `append`) capabilities.
 */
export interface FileStore extends EventStore, BatchReader, HeadConditionalAppend {
  /** Absolute path of the log file. */
  readonly path: string;
  /** True when opened with `readOnly`. */
  readonly readOnly: boolean;
  /** Counts of what is indexed now. */
  stats(): FileStoreStats;
}

const defaultLogger: StoreLogger = {
  warn: (message) => {
    process.stderr.write(`assure store-file: ${message}\n`);
  },
};

const DEFAULT_MAX_BATCH_BYTES = 4 * 1024 * 1024;

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** An append waiting for its group commit. */
interface QueuedAppend {
  readonly start: number;
  readonly text: string;
  readonly bytes: number;
  readonly envelopes: readonly Envelope[];
  readonly ends: readonly number[];
  readonly done: (result: E.Either<StoreError, void>) => void;
}

interface Settings {
  readonly path: string;
  readonly readOnly: boolean;
  readonly handle: FileHandle | null;
  readonly index: LogIndex;
  readonly lock: WriterLock | undefined;
  readonly logger: StoreLogger;
  readonly fsync: (handle: FileHandle) => Promise<void>;
  readonly clock: () => Date;
  readonly pollIntervalMs: number;
  readonly maxBatchBytes: number;
  readonly check: 'full' | 'links';
  /** The last line's `meta.recordedAt` (a writer's, read on open; null: an empty log). */
  readonly lastRecordedAt: string | null;
}

/** Reads whole lines from `index.end` to `end`, checking each and adding it to the index. */
async function scanInto(
  handle: FileHandle,
  index: LogIndex,
  end: number,
  check: 'full' | 'links',
): Promise<
  E.Either<
    StoreError,
    {
      readonly partialBytes: number;
      readonly added: number;
      /** The last full-checked line's `meta.recordedAt` (null: none). */
      readonly lastRecordedAt: string | null;
    }
  >
> {
  const scanner = new LineScanner(handle, index.end, end);
  let added = 0;
  let lastRecordedAt: string | null = null;
  for await (const batch of scanner.batches()) {
    for (const line of batch) {
      if (check === 'full') {
        const r = indexLine(index, line);
        if (E.isLeft(r)) return r;
        lastRecordedAt = r.right.meta.recordedAt;
      } else {
        const r = indexLineLinks(index, line);
        if (E.isLeft(r)) return r;
      }
      added++;
    }
  }
  return E.right({ partialBytes: scanner.partialBytes, added, lastRecordedAt });
}

class FileEventStore implements FileStore {
  readonly path: string;
  readonly readOnly: boolean;
  #handle: FileHandle | null;
  readonly #index: LogIndex;
  readonly #lock: WriterLock | undefined;
  readonly #fsync: (handle: FileHandle) => Promise<void>;
  readonly #clock: () => Date;
  readonly #pollIntervalMs: number;
  readonly #maxBatchBytes: number;
  readonly #check: 'full' | 'links';
  readonly #notifier = new AppendNotifier();
  readonly #live: LiveSource;

  // Writer state: heads and end offset including appends not yet committed.
  readonly #pendingHeads = new Map<string, StreamHead>();
  /**
   * Per stream, the group commit of its last ordered append while it is pending: a stream
   * read waits for it (see `readStream`).
   */
  readonly #pendingCommits = new Map<string, Promise<unknown>>();
  #nextOffset: number;
  /** Position of the last event this writer has ordered (queued or written), if any. */
  #lastOrdered: bigint | undefined;
  /** `meta.recordedAt` of the last event ordered (queued or written); null: an empty log. */
  #lastRecordedAt: string | null;
  #queue: QueuedAppend[] = [];
  #flushing: Promise<void> | undefined;
  #commits = 0;
  /** Set after a failed write: the file may hold a partial batch, so the writer stops. */
  #broken: StoreUnavailable | undefined;

  // Reader state.
  #refreshing: Promise<E.Either<StoreError, number>> | undefined;
  #readerFailure: StoreError | undefined;
  #subscribers = 0;
  #pollTimer: NodeJS.Timeout | undefined;

  #closed = false;

  constructor(s: Settings) {
    this.path = s.path;
    this.readOnly = s.readOnly;
    this.#handle = s.handle;
    this.#index = s.index;
    this.#lock = s.lock;
    this.#fsync = s.fsync;
    this.#clock = s.clock;
    this.#pollIntervalMs = s.pollIntervalMs;
    this.#maxBatchBytes = s.maxBatchBytes;
    this.#check = s.check;
    this.#nextOffset = s.index.end;
    this.#lastRecordedAt = s.lastRecordedAt;
    this.#live = { readAll: (o) => this.readAll(o), notifier: this.#notifier };
  }

  stats(): FileStoreStats {
    return {
      events: this.#index.count,
      streams: this.#index.streamCount,
      bytes: this.#index.end,
      commits: this.#commits,
    };
  }

  // ---------------------------------------------------------------- append

  append(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
  ): TE.TaskEither<StoreError, AppendResult> {
    return () => this.#append(stream, events, expected);
  }

  /**
   * {@inheritDoc HeadConditionalAppend} The head counts appends already queued for the
   * next group commit: they come before this one.
   */
  appendIfHead(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
    head: bigint | null,
  ): TE.TaskEither<StoreError, AppendResult> {
    return () => {
      const refused = this.#refusal();
      if (refused !== undefined) return Promise.resolve(E.left(refused));
      // Checked in the same synchronous step that orders the append (see #append).
      const actual = this.#lastOrdered ?? this.#index.headPosition();
      if (actual !== head) return Promise.resolve(E.left(StoreErrors.headMoved(head, actual)));
      return this.#append(stream, events, expected);
    };
  }

  /** Checks and prepares synchronously (so appends are serialised), then joins a group commit. */
  #append(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
  ): Promise<E.Either<StoreError, AppendResult>> {
    const refused = this.#refusal();
    if (refused !== undefined) return Promise.resolve(E.left(refused));
    const head = this.#pendingHeads.get(stream) ?? this.#index.head(stream);
    const check = checkExpected(stream, expected, head === undefined ? null : head.revision);
    if (E.isLeft(check)) return Promise.resolve(check);
    if (events.length === 0) {
      return Promise.resolve(
        E.right({
          stream,
          nextRevision: head === undefined ? -1 : head.revision,
          position: head === undefined ? '-1' : head.position,
          events: [],
        }),
      );
    }
    // Against the last transaction time ordered, queued appends included.
    const times = planRecordedAt(stream, events, this.#lastRecordedAt, this.#clock());
    if (E.isLeft(times)) return Promise.resolve(times);
    const prepared = prepareAppend(stream, events, head, this.#nextOffset, times.right.stamp);
    if (E.isLeft(prepared)) return Promise.resolve(prepared);
    this.#lastRecordedAt = times.right.last;
    const { envelopes, ends, text, bytes } = prepared.right;
    const last = envelopes[envelopes.length - 1] as Envelope;
    const start = this.#nextOffset;
    this.#nextOffset += bytes;
    this.#lastOrdered = BigInt(last.position);
    this.#pendingHeads.set(stream, {
      revision: last.revision,
      hash: last.hash,
      position: last.position,
    });
    const committed = new Promise<E.Either<StoreError, void>>((done) => {
      this.#queue.push({ start, text, bytes, envelopes, ends, done });
      this.#scheduleFlush();
    });
    this.#pendingCommits.set(stream, committed);
    void committed.then(() => {
      if (this.#pendingCommits.get(stream) === committed) this.#pendingCommits.delete(stream);
    });
    return committed.then((r) =>
      E.isLeft(r)
        ? r
        : E.right({
            stream,
            nextRevision: last.revision,
            position: last.position,
            events: envelopes,
          }),
    );
  }

  #refusal(): StoreUnavailable | undefined {
    if (this.#closed) return StoreErrors.unavailable(`the file store ${this.path} is closed`);
    if (this.readOnly)
      return StoreErrors.unavailable(`the file store ${this.path} was opened read-only`);
    return this.#broken;
  }

  #scheduleFlush(): void {
    if (this.#flushing !== undefined) return;
    // Start on the next turn of the event loop, so appends issued together share a commit.
    this.#flushing = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
      this.#flushLoop(),
    );
  }

  /** Group commit: writes every queued append in one write and one fsync, then acknowledges. */
  async #flushLoop(): Promise<void> {
    const handle = this.#handle;
    try {
      while (this.#queue.length > 0) {
        let take = 0;
        let bytes = 0;
        for (const q of this.#queue) {
          if (take > 0 && bytes + q.bytes > this.#maxBatchBytes) break;
          bytes += q.bytes;
          take++;
        }
        const batch = this.#queue.splice(0, take);
        const first = batch[0] as QueuedAppend;
        try {
          if (handle === null) throw new Error('no file handle');
          const buf = Buffer.from(batch.map((q) => q.text).join(''), 'utf8');
          await writeBatch(handle, buf, first.start);
          await this.#fsync(handle);
        } catch (e) {
          this.#fail(batch, e);
          return;
        }
        this.#commits++;
        for (const q of batch) {
          q.envelopes.forEach((e, i) => this.#index.add(e.stream, e.hash, q.ends[i] as number));
          const last = q.envelopes[q.envelopes.length - 1] as Envelope;
          if (this.#pendingHeads.get(last.stream)?.position === last.position)
            this.#pendingHeads.delete(last.stream);
        }
        for (const q of batch) q.done(E.right(undefined));
        this.#notifier.notify();
      }
    } finally {
      this.#flushing = undefined;
    }
  }

  #fail(batch: QueuedAppend[], cause: unknown): void {
    const error = StoreErrors.unavailable(
      `writing ${this.path} failed (${messageOf(cause)}); this writer stops: reopen the store`,
    );
    this.#broken = error;
    for (const q of [...batch, ...this.#queue.splice(0)]) q.done(E.left(error));
  }

  // ---------------------------------------------------------------- reads

  /**
   * {@inheritDoc EventStore.readStream} On a writer, the read first waits for the group
   * commit of the appends to this stream already ordered when it starts: it reads the
   * revision the next append's expectation is checked against (a command handler's retry
   * after a conflict would otherwise reload a stale stream while the winning append is
   * still pending, and conflict again).
   */
  readStream(
    stream: string,
    options: { readonly fromRevision?: number } = {},
  ): AsyncIterable<Envelope> {
    return {
      [Symbol.asyncIterator]: () => this.#readStream(stream, options.fromRevision ?? 0),
    };
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<Envelope> {
    return {
      [Symbol.asyncIterator]: () =>
        this.#readAll(options.from, options.maxCount ?? Number.POSITIVE_INFINITY),
    };
  }

  #readStream(stream: string, fromRevision: number): AsyncIterator<Envelope> {
    let revision = Math.max(0, fromRevision);
    return new LineIterator(
      async () => {
        const pending = this.#pendingCommits.get(stream);
        if (pending !== undefined) await pending;
        const handle = await this.#prepareRead();
        if (handle === null) return null;
        const { spans } = this.#index.streamSpans(stream, fromRevision, DEFAULT_CHUNK_BYTES);
        return spanBatches(handle, spans);
      },
      (line) => {
        const e = decodeOrThrow(line);
        if (e.stream !== stream || e.revision !== revision) {
          throw new StoreFailure(
            StoreErrors.tampered(
              e.position,
              e.stream,
              e.revision,
              `index-mismatch: expected ${stream}@${revision} here; the file changed under the store`,
            ),
          );
        }
        revision++;
        return e;
      },
      Number.POSITIVE_INFINITY,
      (e) => this.#ioFailure(e),
    );
  }

  /**
   * The same read as `readAll`, handed out as the decoded lines of each chunk the store reads
   * (256 KiB): no promise per event. A line that fails to decode ends it as in `readAll`:
   * the events before it in its chunk come first, then the same `StoreFailure`.
   */
  readAllBatches(options: ReadAllOptions = {}): AsyncIterable<readonly Envelope[]> {
    return {
      [Symbol.asyncIterator]: () =>
        lineBatches(
          () => this.#linesFrom(options.from),
          decodeOrThrow,
          options.maxCount ?? Number.POSITIVE_INFINITY,
          (e) => this.#ioFailure(e),
        ),
    };
  }

  #readAll(from: bigint | undefined, max: number): AsyncIterator<Envelope> {
    return new LineIterator(
      () => this.#linesFrom(from),
      decodeOrThrow,
      max,
      (e) => this.#ioFailure(e),
    );
  }

  /** The line batches of the log from the first event at or after `from` (null: none). */
  async #linesFrom(from: bigint | undefined): Promise<AsyncGenerator<RawLine[], void> | null> {
    const handle = await this.#prepareRead();
    if (handle === null) return null;
    const index = this.#index;
    const first = from === undefined ? 0 : index.firstAtOrAfter(from);
    if (first >= index.count) return null;
    return new LineScanner(handle, index.offsetAt(first), index.end).batches();
  }

  /** Turns an IO error of a read (a handle closed meanwhile, a disk error) into `StoreFailure`. */
  #ioFailure(e: unknown): StoreFailure {
    if (e instanceof StoreFailure) return e;
    return new StoreFailure(
      this.#closed
        ? StoreErrors.unavailable(`the file store ${this.path} is closed`)
        : StoreErrors.unavailable(`reading ${this.path} failed: ${messageOf(e)}`),
    );
  }

  /** Fails when closed; a reader first catches up with what was appended. */
  async #prepareRead(): Promise<FileHandle | null> {
    if (this.#closed)
      throw new StoreFailure(StoreErrors.unavailable(`the file store ${this.path} is closed`));
    if (this.readOnly) {
      const r = await this.#refresh();
      if (E.isLeft(r)) throw new StoreFailure(r.left);
    }
    return this.#handle;
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<Envelope> {
    const live = catchUpThenLive(this.#live, options);
    if (!this.readOnly) return live;
    // A reader learns of appends by polling the file while someone is subscribed.
    return {
      [Symbol.asyncIterator]: (): AsyncIterator<Envelope> => {
        const inner = live[Symbol.asyncIterator]();
        let active = true;
        this.#startPolling();
        const stop = (): void => {
          if (!active) return;
          active = false;
          this.#stopPolling();
        };
        return {
          next: async () => {
            try {
              const r = await inner.next();
              if (r.done === true) stop();
              return r;
            } catch (e) {
              stop();
              throw e;
            }
          },
          return: async () => {
            stop();
            return inner.return === undefined
              ? { done: true, value: undefined }
              : inner.return(undefined);
          },
        };
      },
    };
  }

  headPosition(): TE.TaskEither<StoreError, bigint | null> {
    return async () => {
      if (this.#closed)
        return E.left(StoreErrors.unavailable(`the file store ${this.path} is closed`));
      if (this.readOnly) {
        const r = await this.#refresh();
        if (E.isLeft(r)) return r;
      }
      return E.right(this.#index.headPosition());
    };
  }

  // ---------------------------------------------------------------- reader: follow the file

  /** Indexes the whole lines a writer appended since the last look (one look at a time). */
  #refresh(): Promise<E.Either<StoreError, number>> {
    const previous = this.#refreshing ?? Promise.resolve(E.right(0));
    const next = previous.then(() => this.#refreshNow());
    this.#refreshing = next;
    return next;
  }

  async #refreshNow(): Promise<E.Either<StoreError, number>> {
    if (this.#readerFailure !== undefined) return E.left(this.#readerFailure);
    if (this.#closed) return E.right(0);
    try {
      if (this.#handle === null) {
        try {
          this.#handle = await fsp.open(this.path, 'r');
        } catch (e) {
          if (errnoOf(e) === 'ENOENT') return E.right(0);
          throw e;
        }
      }
      const { size } = await this.#handle.stat();
      if (size < this.#index.end) {
        this.#readerFailure = StoreErrors.unavailable(
          `the log ${this.path} shrank from ${this.#index.end} to ${size} bytes: it was truncated or replaced`,
        );
        return E.left(this.#readerFailure);
      }
      if (size === this.#index.end) return E.right(0);
      const r = await scanInto(this.#handle, this.#index, size, this.#check);
      if (E.isLeft(r)) {
        this.#readerFailure = r.left;
        return r;
      }
      // Whoever indexed the news (a read or the poller), every waiting subscriber must hear it.
      if (r.right.added > 0) this.#notifier.notify();
      return E.right(r.right.added);
    } catch (e) {
      return E.left(StoreErrors.unavailable(`reading ${this.path} failed: ${messageOf(e)}`));
    }
  }

  #startPolling(): void {
    this.#subscribers++;
    if (this.#pollTimer !== undefined) return;
    this.#pollTimer = setInterval(() => {
      void this.#refresh().then((r) => {
        // A failure must reach the subscribers: they see it when they read again.
        if (E.isLeft(r)) this.#notifier.notify();
      });
    }, this.#pollIntervalMs);
  }

  #stopPolling(): void {
    this.#subscribers = Math.max(0, this.#subscribers - 1);
    if (this.#subscribers === 0 && this.#pollTimer !== undefined) {
      clearInterval(this.#pollTimer);
      this.#pollTimer = undefined;
    }
  }

  // ---------------------------------------------------------------- close

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#flushing !== undefined) await this.#flushing;
    if (this.#pollTimer !== undefined) clearInterval(this.#pollTimer);
    this.#pollTimer = undefined;
    this.#notifier.close();
    if (this.#refreshing !== undefined) await this.#refreshing;
    const handle = this.#handle;
    this.#handle = null;
    try {
      if (handle !== null) await handle.close();
    } finally {
      if (this.#lock !== undefined) await this.#lock.release();
    }
  }
}

/** The lines of several spans of the file, one batch per span. */
async function* spanBatches(
  handle: FileHandle,
  spans: readonly LineSpan[],
): AsyncGenerator<RawLine[], void> {
  for (const span of spans) {
    const scanner = new LineScanner(handle, span.start, span.end, span.end - span.start);
    yield* scanner.batches();
  }
}

function decodeOrThrow(line: RawLine): Envelope {
  const d = decodeLine(line);
  if (E.isLeft(d)) throw new StoreFailure(d.left);
  return d.right;
}

async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms cannot fsync a directory; the file's own fsync still covers its data.
  } finally {
    await handle?.close();
  }
}

async function openReader(
  path: string,
  s: Omit<Settings, 'path' | 'readOnly' | 'handle' | 'index' | 'lock' | 'lastRecordedAt'>,
): Promise<E.Either<StoreError, FileStore>> {
  let handle: FileHandle | null = null;
  try {
    handle = await fsp.open(path, 'r');
  } catch (e) {
    if (errnoOf(e) !== 'ENOENT')
      return E.left(StoreErrors.unavailable(`cannot open ${path}: ${messageOf(e)}`));
  }
  const index = new LogIndex();
  if (handle !== null) {
    try {
      const { size } = await handle.stat();
      const r = await scanInto(handle, index, size, s.check);
      if (E.isLeft(r)) {
        await handle.close();
        return r;
      }
    } catch (e) {
      await handle.close();
      return E.left(StoreErrors.unavailable(`cannot read ${path}: ${messageOf(e)}`));
    }
  }
  return E.right(
    new FileEventStore({
      ...s,
      path,
      readOnly: true,
      handle,
      index,
      lock: undefined,
      lastRecordedAt: null,
    }),
  );
}

async function openWriter(
  path: string,
  s: Omit<Settings, 'path' | 'readOnly' | 'handle' | 'index' | 'lock' | 'lastRecordedAt'>,
): Promise<E.Either<StoreError, FileStore>> {
  const dir = nodePath.dirname(path);
  let lock: WriterLock;
  try {
    await fsp.mkdir(dir, { recursive: true });
    const taken = await acquireLock(`${path}.lock`, s.logger);
    if (E.isLeft(taken)) return taken;
    lock = taken.right;
  } catch (e) {
    return E.left(StoreErrors.unavailable(`cannot lock ${path}: ${messageOf(e)}`));
  }
  let handle: FileHandle | undefined;
  try {
    let existed = true;
    try {
      await fsp.access(path);
    } catch {
      existed = false;
    }
    handle = await fsp.open(path, fsConstants.O_RDWR | fsConstants.O_CREAT, 0o644);
    if (!existed) await syncDirectory(dir);
    const { size } = await handle.stat();
    const index = new LogIndex();
    const r = await scanInto(handle, index, size, 'full');
    if (E.isLeft(r)) {
      await handle.close();
      await lock.release();
      return r;
    }
    if (r.right.partialBytes > 0) {
      s.logger.warn(
        `cut a torn last line of ${path}: ${r.right.partialBytes} bytes after byte offset ${index.end} ` +
          `(an append that was never acknowledged)`,
      );
      await handle.truncate(index.end);
      await s.fsync(handle);
    }
    const { lastRecordedAt } = r.right;
    return E.right(
      new FileEventStore({ ...s, path, readOnly: false, handle, index, lock, lastRecordedAt }),
    );
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await lock.release();
    return E.left(StoreErrors.unavailable(`cannot open ${path}: ${messageOf(e)}`));
  }
}

/**
 * Opens the NDJSON event log at `path` (relative paths resolve against the working
 * directory) and returns a `TaskEither`: `Left(StoreUnavailable)` when the log is locked by
 * another writer or cannot be opened, `Left(StoreCorrupt | Tampered)` naming the first bad
 * line, or `Right` with the store.
 *
 * As a writer (the default), it takes the writer's lock (its claim in the folder
 * `PATH.lock/`: exactly one writer at a time; see `lock.ts`), creates the file and its
 * directory if missing, checks every line and chain while building the index, and cuts a
 * torn last line (with a warning). With `readOnly`, it takes no lock and cuts nothing.
 *
 * @example
 * const opened = await openFileStore('.assure/events.ndjson')();
 * if (E.isLeft(opened)) throw new Error(opened.left.message);
 * const store = opened.right;
 * await store.append('risk-equal-pay', [proposed], 'no-stream')();
 * await store.close();
 */
export function openFileStore(
  path: string,
  options: FileStoreOptions = {},
): TE.TaskEither<StoreError, FileStore> {
  return () => {
    const absolute = nodePath.resolve(path);
    const settings = {
      logger: options.logger ?? defaultLogger,
      fsync: options.fsync ?? ((h: FileHandle) => h.datasync()),
      clock: options.clock ?? (() => new Date()),
      pollIntervalMs: options.pollIntervalMs ?? 50,
      maxBatchBytes: options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES,
      check: options.readOnly === true ? (options.check ?? 'full') : ('full' as const),
    };
    return options.readOnly === true
      ? openReader(absolute, settings)
      : openWriter(absolute, settings);
  };
}
