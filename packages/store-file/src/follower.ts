import type { FileHandle } from 'node:fs/promises';
import * as fsp from 'node:fs/promises';
import * as E from 'fp-ts/Either';
import { StoreErrors, type AppendNotifier, type StoreError } from '@assure/event-store';
import { messageOf } from './io';
import { decodeLine, indexLine } from './line-codec';
import { indexLinesLinksAt } from './line-links';
import { LineScanner, type ChunkObserver, type RawLine } from './lines';
import { errnoOf } from './lock';
import type { LogIndex } from './log-index';
import type { OpenFile } from './open-file';
import type { Settings } from './options';
import { dayNumber, type LineTimes } from './verified-prefix';

/** What {@link scanInto} indexed. */
export interface Scanned {
  /** Bytes of an incomplete last line after the whole lines (not indexed). */
  readonly partialBytes: number;
  readonly added: number;
  /** The last line's `meta.recordedAt` (null: none, or `links` checks only). */
  readonly lastRecordedAt: string | null;
}

/** How {@link scanInto} checks the lines it indexes. */
export interface ScanChecks {
  readonly check: 'full' | 'links';
  /**
   * The lines ending within this many bytes from the log's start are checked for their
   * links only (an unchanged verified prefix: see verified-prefix.ts). Default 0.
   */
  readonly trustedBytes?: number;
  /** Receives the times of each line checked in full (for the verified-prefix record). */
  readonly times?: LineTimes;
  /** Sees every byte read (see `LineScanner.blocks`); a throw ends the scan with it. */
  readonly observe?: ChunkObserver;
}

/** Reads whole lines from `index.end` to `end`, checking each and adding it to the index. */
export async function scanInto(
  handle: FileHandle,
  index: LogIndex,
  end: number,
  checks: ScanChecks,
): Promise<E.Either<StoreError, Scanned>> {
  const { check, times } = checks;
  const trusted = check === 'links' ? Number.POSITIVE_INFINITY : (checks.trustedBytes ?? 0);
  const scanner = new LineScanner(handle, index.end, end);
  let added = 0;
  let last: RawLine | undefined;
  let lastRecordedAt: string | null = null;
  for await (const block of scanner.blocks(checks.observe)) {
    const { bytes, at, ends } = block;
    // The lines checked on their bytes (not made strings), in a loop of their own.
    const linked = indexLinesLinksAt(index, block, trusted);
    if (typeof linked !== 'number') return E.left(linked);
    if (linked > 0) lastRecordedAt = null;
    added += linked;
    let s = linked === 0 ? block.start : (ends[linked - 1] as number) + 1;
    for (let k = linked; k < ends.length; k++) {
      const nl = ends[k] as number;
      const next = at + nl + 1;
      const r = indexLine(index, { offset: at + s, text: bytes.toString('utf8', s, nl), next });
      if (E.isLeft(r)) return r;
      const { meta } = r.right;
      lastRecordedAt = meta.recordedAt;
      times?.days.push(dayNumber(meta.occurredAt));
      times?.recorded.push(Date.parse(meta.recordedAt));
      added++;
      s = nl + 1;
    }
    // The last line so far, when checked for its links only: kept as text (its bytes are read
    // into again), for its time.
    const lastEnd = ends[ends.length - 1];
    if (check === 'full' && lastRecordedAt === null && lastEnd !== undefined) {
      const from = ends.length > 1 ? (ends[ends.length - 2] as number) + 1 : block.start;
      last = {
        offset: at + from,
        text: bytes.toString('utf8', from, lastEnd),
        next: at + lastEnd + 1,
      };
    }
  }
  // A line checked for its links only: its time read from it (a writer needs the last).
  if (check === 'full' && lastRecordedAt === null && last !== undefined) {
    const d = decodeLine(last);
    if (E.isLeft(d)) return d;
    lastRecordedAt = d.right.meta.recordedAt;
  }
  return E.right({ partialBytes: scanner.partialBytes, added, lastRecordedAt });
}

/** What a reader's follower of the file works with. */
export interface FollowerParts extends Pick<Settings, 'check' | 'pollIntervalMs'> {
  readonly file: OpenFile;
  readonly index: LogIndex;
  readonly notifier: AppendNotifier;
}

/**
 * A reader's view of what writers append: indexes the new whole lines on each look (before
 * a read, and on a timer while anyone is subscribed), opening the file once it exists.
 */
export class LogFollower {
  readonly #p: FollowerParts;
  #refreshing: Promise<E.Either<StoreError, number>> | undefined;
  #failure: StoreError | undefined;
  #subscribers = 0;
  #pollTimer: NodeJS.Timeout | undefined;

  constructor(parts: FollowerParts) {
    this.#p = parts;
  }

  /** Indexes the whole lines a writer appended since the last look (one look at a time). */
  refresh(): Promise<E.Either<StoreError, number>> {
    const previous = this.#refreshing ?? Promise.resolve(E.right(0));
    const next = previous.then(() => this.#refreshNow());
    this.#refreshing = next;
    return next;
  }

  async #refreshNow(): Promise<E.Either<StoreError, number>> {
    const { file, index } = this.#p;
    if (this.#failure !== undefined) return E.left(this.#failure);
    if (file.closed) return E.right(0);
    try {
      if (file.handle === null) {
        try {
          file.handle = await fsp.open(file.path, 'r');
        } catch (e) {
          if (errnoOf(e) === 'ENOENT') return E.right(0);
          throw e;
        }
      }
      const { size } = await file.handle.stat();
      if (size < index.end) {
        this.#failure = StoreErrors.unavailable(
          `the log ${file.path} shrank from ${index.end} to ${size} bytes: it was truncated or replaced`,
        );
        return E.left(this.#failure);
      }
      if (size === index.end) return E.right(0);
      const r = await scanInto(file.handle, index, size, this.#p);
      if (E.isLeft(r)) {
        this.#failure = r.left;
        return r;
      }
      // Whoever indexed the news (a read or the poller), every waiting subscriber must hear it.
      if (r.right.added > 0) this.#p.notifier.notify();
      return E.right(r.right.added);
    } catch (e) {
      return E.left(StoreErrors.unavailable(`reading ${file.path} failed: ${messageOf(e)}`));
    }
  }

  /** One more subscriber: looks at the file every `pollIntervalMs` while there is any. */
  startPolling(): void {
    this.#subscribers++;
    if (this.#pollTimer !== undefined) return;
    this.#pollTimer = setInterval(() => {
      void this.refresh().then((r) => {
        // A failure must reach the subscribers: they see it when they read again.
        if (E.isLeft(r)) this.#p.notifier.notify();
      });
    }, this.#p.pollIntervalMs);
  }

  stopPolling(): void {
    this.#subscribers = Math.max(0, this.#subscribers - 1);
    if (this.#subscribers === 0) this.#stopTimer();
  }

  /** Stops polling and waits for a look under way. */
  async close(): Promise<void> {
    this.#stopTimer();
    if (this.#refreshing !== undefined) await this.#refreshing;
  }

  #stopTimer(): void {
    if (this.#pollTimer !== undefined) clearInterval(this.#pollTimer);
    this.#pollTimer = undefined;
  }
}
