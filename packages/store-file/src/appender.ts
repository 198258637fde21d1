import { fdatasync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import {
  type AppendNotifier,
  checkExpected,
  planRecordedAt,
  StoreErrors,
  type AppendResult,
  type Envelope,
  type ExpectedRevision,
  type ProposedEvent,
  type StoreError,
  type StoreUnavailable,
} from '@assure/event-store';
import { batchBuffer, SYNC_WRITE_MAX_BYTES, writeBatch } from './batch-write';
import { messageOf } from './io';
import { prepareAppend } from './line-codec';
import type { LogIndex, StreamHead } from './log-index';
import { closedError, type OpenFile } from './open-file';
import { datasync, type Settings } from './options';

/**
 * Up to this many streams, a committed head stays in the appender's map of heads; beyond,
 * a stream's head is dropped when its last append is committed (the index has it).
 */
const HEADS_KEPT = 4096;

/** An append waiting for its group commit. */
interface QueuedAppend {
  readonly start: number;
  readonly text: string;
  readonly bytes: number;
  readonly result: AppendResult;
  readonly ends: readonly number[];
  /** Settles the append's promise (its {@link GroupCommitAppender.pendingCommit} too). */
  readonly done: (result: E.Either<StoreError, AppendResult>) => void;
}

/** What the appender of an open store works with. */
export interface AppenderParts extends Pick<Settings, 'fsync' | 'clock' | 'maxBatchBytes'> {
  readonly file: OpenFile;
  readonly readOnly: boolean;
  readonly index: LogIndex;
  readonly notifier: AppendNotifier;
  /** The last line's `meta.recordedAt` (a writer's, read on open; null: an empty log). */
  readonly lastRecordedAt: string | null;
}

/**
 * The writer's appends: each checked and prepared synchronously (so appends are
 * serialised), then written with the others queued meanwhile in one group commit (one
 * write, one fsync), and acknowledged once durable. The index learns of an event only then.
 */
export class GroupCommitAppender {
  readonly #p: AppenderParts;
  /**
   * Heads of the streams this writer ordered appends to, pending ones included (ahead of
   * the index). A committed head is the index's own, and is kept (up to
   * {@link HEADS_KEPT} streams) so that the next append to the stream finds its head here:
   * the index makes a head from its slab (a hash string, a decimal position) on each call.
   */
  readonly #heads = new Map<string, StreamHead>();
  /** Per stream, the group commit of its last ordered append while it is pending. */
  readonly #pendingCommits = new Map<
    string,
    { readonly commit: Promise<unknown>; readonly result: AppendResult }
  >();
  #nextOffset: number;
  /** Position of the last event this writer has ordered (queued or written), if any. */
  #lastOrdered: string | undefined;
  /** `meta.recordedAt` of the last event ordered (queued or written); null: an empty log. */
  #lastRecordedAt: string | null;
  #queue: QueuedAppend[] = [];
  /** True from the scheduling of a group commit until the queue is found empty. */
  #active = false;
  /** Those waiting for the end of the group commits under way (a close). */
  readonly #idleWaiters: (() => void)[] = [];
  #commits = 0;
  /**
   * Where a commit of up to {@link SYNC_WRITE_MAX_BYTES} is encoded, reused by every such
   * commit (made at the first): such a commit is written by `writeSync` before the next is
   * encoded, one commit at a time.
   */
  #scratch: Buffer | undefined;
  /** Set after a failed write: the file may hold a partial batch, so the writer stops. */
  #broken: StoreUnavailable | undefined;

  constructor(parts: AppenderParts) {
    this.#p = parts;
    this.#nextOffset = parts.index.end;
    this.#lastRecordedAt = parts.lastRecordedAt;
  }

  /** Group commits (write + fsync) done since open. */
  get commits(): number {
    return this.#commits;
  }

  /** While group commits are under way: settles when the queue is empty (a close waits for it). */
  get flushing(): Promise<void> | undefined {
    if (!this.#active) return undefined;
    return new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
  }

  /** The group commit of the last append ordered to `stream`, while it is pending. */
  pendingCommit(stream: string): Promise<unknown> | undefined {
    return this.#pendingCommits.get(stream)?.commit;
  }

  /**
   * {@inheritDoc HeadConditionalAppend} The head counts the appends already queued for the
   * next group commit: they come before this one. It is checked in the same synchronous
   * step that orders the append.
   */
  appendIfHead(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
    head: bigint | null,
  ): Promise<E.Either<StoreError, AppendResult>> {
    const refused = this.#refusal();
    if (refused !== undefined) return Promise.resolve(E.left(refused));
    const actual =
      this.#lastOrdered === undefined ? this.#p.index.headPosition() : BigInt(this.#lastOrdered);
    if (actual !== head) return Promise.resolve(E.left(StoreErrors.headMoved(head, actual)));
    return this.append(stream, events, expected);
  }

  /** Checks and prepares synchronously (so appends are serialised), then joins a group commit. */
  append(
    stream: string,
    events: readonly ProposedEvent[],
    expected: ExpectedRevision,
  ): Promise<E.Either<StoreError, AppendResult>> {
    const refused = this.#refusal();
    if (refused !== undefined) return Promise.resolve(E.left(refused));
    const head = this.#heads.get(stream) ?? this.#p.index.head(stream);
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
    return this.#enqueue(stream, events, head);
  }

  #enqueue(
    stream: string,
    events: readonly ProposedEvent[],
    head: StreamHead | undefined,
  ): Promise<E.Either<StoreError, AppendResult>> {
    // Against the last transaction time ordered, queued appends included.
    const times = planRecordedAt(stream, events, this.#lastRecordedAt, this.#p.clock());
    if (E.isLeft(times)) return Promise.resolve(times);
    const prepared = prepareAppend(stream, events, head, this.#nextOffset, times.right.stamp);
    if (E.isLeft(prepared)) return Promise.resolve(prepared);
    this.#lastRecordedAt = times.right.last;
    const { envelopes, ends, text, bytes } = prepared.right;
    const last = envelopes[envelopes.length - 1] as Envelope;
    const start = this.#nextOffset;
    this.#nextOffset += bytes;
    this.#lastOrdered = last.position;
    this.#heads.set(stream, {
      revision: last.revision,
      hash: last.hash,
      position: last.position,
    });
    const result: AppendResult = {
      stream,
      nextRevision: last.revision,
      position: last.position,
      events: envelopes,
    };
    // One promise per append: the caller's, which is also the stream's pending commit (it is
    // forgotten when the batch settles, in `#settled`).
    const committed = new Promise<E.Either<StoreError, AppendResult>>((done) => {
      this.#queue.push({ start, text, bytes, result, ends, done });
      this.#scheduleFlush();
    });
    this.#pendingCommits.set(stream, { commit: committed, result });
    return committed;
  }

  #refusal(): StoreUnavailable | undefined {
    const file = this.#p.file;
    if (file.closed) return closedError(file);
    if (this.#p.readOnly)
      return StoreErrors.unavailable(`the file store ${file.path} was opened read-only`);
    return this.#broken;
  }

  #scheduleFlush(): void {
    if (this.#active) return;
    this.#active = true;
    // Start on the next turn of the event loop, so appends issued together share a commit.
    setImmediate(this.#flushNext);
  }

  /**
   * Group commit: writes the queued appends (within `maxBatchBytes`) in one write and one
   * fsync; once the fsync resolves, acknowledges them and goes on with the appends queued
   * meanwhile. Plain callbacks, not an async loop: between an fsync's completion and the
   * next write there is no promise of the appender's own to settle.
   */
  readonly #flushNext = (): void => {
    if (this.#queue.length === 0) {
      this.#idle();
      return;
    }
    const batch = this.#queue.splice(0, this.#batchLength());
    const handle = this.#p.file.handle;
    let written: Promise<void> | undefined;
    try {
      if (handle === null) throw new Error('no file handle');
      this.#scratch ??= Buffer.allocUnsafeSlow(SYNC_WRITE_MAX_BYTES);
      const bytes = batchBuffer(batch, this.#scratch);
      written = writeBatch(handle, bytes, (batch[0] as QueuedAppend).start);
    } catch (e) {
      this.#fail(batch, e);
      return;
    }
    if (written === undefined) this.#sync(handle, batch);
    else
      written.then(
        () => this.#sync(handle, batch),
        (e: unknown) => this.#fail(batch, e),
      );
  };

  /**
   * The fsync of a written batch, then its acknowledgement and the next commit. The default
   * fsync is called in its callback form (the same `fdatasync` of `datasync`): the batch is
   * acknowledged from its callback, without a promise of its own to settle first.
   */
  #sync(handle: FileHandle, batch: QueuedAppend[]): void {
    const { fsync } = this.#p;
    if (fsync === datasync) {
      fdatasync(handle.fd, (e) => (e === null ? this.#durable(batch) : this.#fail(batch, e)));
      return;
    }
    fsync(handle).then(
      () => this.#durable(batch),
      (e: unknown) => this.#fail(batch, e),
    );
  }

  /** A batch made durable: acknowledged, then the appends queued meanwhile are committed. */
  #durable(batch: readonly QueuedAppend[]): void {
    this.#commits++;
    this.#committed(batch);
    this.#flushNext();
  }

  /** No commit under way any more: wakes those waiting for it. */
  #idle(): void {
    this.#active = false;
    if (this.#idleWaiters.length > 0) for (const wake of this.#idleWaiters.splice(0)) wake();
  }

  /** How many queued appends the next commit takes: at least one, within `maxBatchBytes`. */
  #batchLength(): number {
    let take = 0;
    let bytes = 0;
    for (const q of this.#queue) {
      if (take > 0 && bytes + q.bytes > this.#p.maxBatchBytes) break;
      bytes += q.bytes;
      take++;
    }
    return take;
  }

  /** Indexes a durable batch, then acknowledges its appends and wakes the subscribers. */
  #committed(batch: readonly QueuedAppend[]): void {
    const index = this.#p.index;
    for (const q of batch) {
      const { events } = q.result;
      for (let i = 0; i < events.length; i++) {
        const e = events[i] as Envelope;
        index.add(e.stream, e.hash, q.ends[i] as number);
      }
      const last = events[events.length - 1] as Envelope;
      const heads = this.#heads;
      if (heads.size > HEADS_KEPT && heads.get(last.stream)?.position === last.position)
        heads.delete(last.stream);
    }
    this.#settled(batch, undefined);
    this.#p.notifier.notify();
  }

  #fail(batch: QueuedAppend[], cause: unknown): void {
    const error = StoreErrors.unavailable(
      `writing ${this.#p.file.path} failed (${messageOf(cause)}); this writer stops: reopen the store`,
    );
    this.#broken = error;
    this.#settled([...batch, ...this.#queue.splice(0)], error);
    this.#idle();
  }

  /**
   * Settles appends (acknowledged, or failed with `error`) and forgets the pending commits
   * they were the last of: an append ordered later to the same stream is still pending.
   */
  #settled(appends: readonly QueuedAppend[], error: StoreUnavailable | undefined): void {
    const pending = this.#pendingCommits;
    for (const q of appends) {
      q.done(error === undefined ? E.right(q.result) : E.left(error));
      const { stream } = q.result;
      if (pending.get(stream)?.result === q.result) pending.delete(stream);
    }
  }
}
