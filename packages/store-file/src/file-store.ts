import type { FileHandle } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  AppendNotifier,
  catchUpThenLive,
  stoppable,
  StoreErrors,
  StoreFailure,
  type Envelope,
  type LiveSource,
  type ReadAllOptions,
  type StoreError,
  type SubscribeOptions,
} from '@assure/event-store';
import { GroupCommitAppender } from './appender';
import { LogFollower } from './follower';
import { messageOf } from './io';
import { decodeLine } from './line-codec';
import { LineIterator, lineBatches } from './line-iterator';
import { DEFAULT_CHUNK_BYTES, LineScanner, type RawLine } from './lines';
import type { WriterLock } from './lock';
import type { LineSpan, LogIndex } from './log-index';
import { closedError, type OpenFile } from './open-file';
import type { FileStore, FileStoreStats, Settings } from './options';

/** What an open store is made of (see `open.ts`). */
export interface StoreParts extends Settings {
  readonly file: OpenFile;
  readonly readOnly: boolean;
  readonly index: LogIndex;
  readonly lock: WriterLock | undefined;
  /** The last line's `meta.recordedAt` (a writer's, read on open; null: an empty log). */
  readonly lastRecordedAt: string | null;
}

/**
 * The file store: reads and subscriptions here; a writer's appends go to its
 * {@link GroupCommitAppender}, a reader follows the file with its {@link LogFollower}.
 */
export class FileEventStore implements FileStore {
  readonly path: string;
  readonly readOnly: boolean;
  readonly #file: OpenFile;
  readonly #index: LogIndex;
  readonly #lock: WriterLock | undefined;
  readonly #notifier = new AppendNotifier();
  readonly #live: LiveSource;
  readonly #appender: GroupCommitAppender;
  /** A reader's follower of what writers append (undefined: a writer). */
  readonly #follower: LogFollower | undefined;

  constructor(s: StoreParts) {
    this.path = s.file.path;
    this.readOnly = s.readOnly;
    this.#file = s.file;
    this.#index = s.index;
    this.#lock = s.lock;
    this.#live = { readAll: (o) => this.readAll(o), notifier: this.#notifier };
    this.#appender = new GroupCommitAppender({ ...s, notifier: this.#notifier });
    this.#follower = s.readOnly ? new LogFollower({ ...s, notifier: this.#notifier }) : undefined;
  }

  stats(): FileStoreStats {
    return {
      events: this.#index.count,
      streams: this.#index.streamCount,
      bytes: this.#index.end,
      commits: this.#appender.commits,
    };
  }

  readonly append: FileStore['append'] = (stream, events, expected) => () =>
    this.#appender.append(stream, events, expected);

  /**
   * {@inheritDoc HeadConditionalAppend} The head counts appends already queued for the
   * next group commit: they come before this one.
   */
  readonly appendIfHead: FileStore['appendIfHead'] = (stream, events, expected, head) => () =>
    this.#appender.appendIfHead(stream, events, expected, head);

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
        const pending = this.#appender.pendingCommit(stream);
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
      this.#file.closed
        ? closedError(this.#file)
        : StoreErrors.unavailable(`reading ${this.path} failed: ${messageOf(e)}`),
    );
  }

  /** Fails when closed; a reader first catches up with what was appended. */
  async #prepareRead(): Promise<FileHandle | null> {
    if (this.#file.closed) throw new StoreFailure(closedError(this.#file));
    if (this.#follower !== undefined) {
      const r = await this.#follower.refresh();
      if (E.isLeft(r)) throw new StoreFailure(r.left);
    }
    return this.#file.handle;
  }

  subscribe(options: SubscribeOptions = {}): AsyncIterable<Envelope> {
    const follower = this.#follower;
    if (follower === undefined) return catchUpThenLive(this.#live, options);
    // A reader learns of appends by polling the file while someone is subscribed.
    const live = this.#live;
    return stoppable(options.signal, async function* (stop) {
      follower.startPolling();
      try {
        yield* catchUpThenLive(live, { ...options, signal: stop });
      } finally {
        follower.stopPolling();
      }
      return undefined;
    });
  }

  headPosition(): TE.TaskEither<StoreError, bigint | null> {
    return async () => {
      if (this.#file.closed) return E.left(closedError(this.#file));
      if (this.#follower !== undefined) {
        const r = await this.#follower.refresh();
        if (E.isLeft(r)) return r;
      }
      return E.right(this.#index.headPosition());
    };
  }

  async close(): Promise<void> {
    const file = this.#file;
    if (file.closed) return;
    file.closed = true;
    const flushing = this.#appender.flushing;
    if (flushing !== undefined) await flushing;
    this.#notifier.close();
    await this.#follower?.close();
    const handle = file.handle;
    file.handle = null;
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
