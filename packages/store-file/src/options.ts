import { fdatasync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { type BatchReader, type EventStore, type HeadConditionalAppend } from '@assure/event-store';
import type { StoreLogger } from './lock';

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
   * its bytes resolves. Default: fdatasync of the handle's descriptor (`fs.fdatasync`).
   * Inject to observe it.
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
  /**
   * Use and keep the verified-prefix record `PATH.verified.json` on open (default false).
   * The lines of the recorded prefix, when its bytes re-hash to the record (one SHA-256
   * over them), are checked for their links only (position, revision, `prevHash`, read from
   * the line's start and end): their content hashes are not recomputed and their bodies
   * not parsed. Every other line is checked in full, and an open that checked at least
   * `recordAfterBytes` more in full records it. A record that does not match is ignored. Whoever can
   * write beside the log can forge a record for an edited line: leave this off where the
   * open is evidence (`assure verify` never reads the record). Ignored with `check: 'links'`.
   */
  readonly verifiedPrefix?: boolean;
  /** With `verifiedPrefix`: the least bytes checked in full that an open records (default 1 MiB). */
  readonly recordAfterBytes?: number;
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

/** The options of {@link openFileStore} with their defaults filled in. */
export interface Settings {
  readonly logger: StoreLogger;
  readonly fsync: (handle: FileHandle) => Promise<void>;
  readonly clock: () => Date;
  readonly pollIntervalMs: number;
  readonly maxBatchBytes: number;
  readonly check: 'full' | 'links';
  readonly verifiedPrefix: boolean;
  readonly recordAfterBytes: number;
}

const defaultLogger: StoreLogger = {
  warn: (message) => {
    process.stderr.write(`assure store-file: ${message}\n`);
  },
};

const DEFAULT_MAX_BATCH_BYTES = 4 * 1024 * 1024;

/**
 * The default fsync: `fdatasync` of the handle's file descriptor, through the callback form
 * of `node:fs` rather than `handle.datasync()`. The same system call in the same thread
 * pool; the promise form wraps it in two async functions (three promises, and as many
 * turns of the microtask queue when it completes), on the path of every commit.
 */
export function datasync(handle: FileHandle): Promise<void> {
  return new Promise<void>((resolve, reject) =>
    fdatasync(handle.fd, (e) => (e === null ? resolve() : reject(e))),
  );
}

/** Fills in the defaults; a writer always checks in full. */
export function settingsOf(options: FileStoreOptions): Settings {
  return {
    logger: options.logger ?? defaultLogger,
    fsync: options.fsync ?? datasync,
    clock: options.clock ?? (() => new Date()),
    pollIntervalMs: options.pollIntervalMs ?? 50,
    maxBatchBytes: options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES,
    check: options.readOnly === true ? (options.check ?? 'full') : 'full',
    verifiedPrefix: options.verifiedPrefix ?? false,
    recordAfterBytes: options.recordAfterBytes ?? 1 << 20,
  };
}
