import { createReadStream, promises as fs } from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import * as E from 'fp-ts/Either';
import {
  hasHeadConditionalAppend,
  hasRetainedEnvelopes,
  readAllInBatches,
  type BatchReader,
  type Envelope,
  type EventStore,
  type ReadAllOptions,
} from '@assure/event-store';
import type { Ctx } from './context';
import type { StoreLocation } from './store/url';

/**
 * A progress bar for one piece of long work. Every command gets one from
 * {@link startProgress}; it draws only when it should (see {@link progressShown}), so the
 * commands call it unconditionally.
 */
export interface Progress {
  /** Sets how much is done (in the bar's unit). */
  update(done: number): void;
  /** Adds to how much is done. */
  increment(by?: number): void;
  /** Removes the bar (idempotent). */
  stop(): void;
}

/** What the bar counts: shown after the numbers (`bytes` and `log` show a percentage only). */
export type ProgressUnit = 'commands' | 'events' | 'bytes' | 'log';

const QUIET: Progress = {
  update: () => undefined,
  increment: () => undefined,
  stop: () => undefined,
};

/**
 * Whether progress bars are drawn: only when standard output is a terminal and the output
 * is for people (not `--json`). Bars go to standard error, so stdout stays the document.
 */
export function progressShown(ctx: Ctx): boolean {
  return ctx.io.isTTY && !ctx.globals.json;
}

/**
 * Starts a bar labelled `label` over `total` units (a no-op when bars are not shown, or
 * when there is nothing to do).
 *
 * @example
 * const bar = startProgress(ctx, 'exec', 285, 'commands');
 * try { for (...) bar.increment(); } finally { bar.stop(); }
 */
export function startProgress(
  ctx: Ctx,
  label: string,
  total: number,
  unit: ProgressUnit,
): Progress {
  if (!progressShown(ctx) || !(total > 0)) return QUIET;
  const counts = unit === 'commands' || unit === 'events';
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}%${counts ? ` | {value}/{total} ${unit}` : ''} | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      ...(ctx.io.progressStream === undefined ? {} : { stream: ctx.io.progressStream }),
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  let stopped = false;
  let done = 0;
  return {
    update: (n) => {
      done = Math.min(n, total);
      bar.update(done);
    },
    increment: (by = 1) => {
      done = Math.min(done + by, total);
      bar.update(done);
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}

/** Runs `work` with a bar, stopping it however the work ends. */
export async function withProgress<T>(
  ctx: Ctx,
  label: string,
  total: number,
  unit: ProgressUnit,
  work: (progress: Progress) => Promise<T>,
): Promise<T> {
  const progress = startProgress(ctx, label, total, unit);
  try {
    return await work(progress);
  } finally {
    progress.stop();
  }
}

/** The size of a file in bytes (0 when it cannot be read: the command reports that itself). */
export async function fileSize(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch {
    return 0;
  }
}

/** A file's bytes as a stream of chunks, each counted on `progress` as it is read. */
export async function* countedBytes(file: string, progress: Progress): AsyncGenerator<Buffer> {
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    progress.increment(buf.length);
    yield buf;
  }
}

/**
 * Reads the file at `file` under a bar labelled `label` over `passes` times its size:
 * `counted` gets a source of its bytes (counted on the bar as they are read; call it once a
 * pass) and its size. With no bar to show, or an empty file, `plain` reads it by its path.
 */
export async function readFileWithProgress<T>(
  ctx: Ctx,
  label: string,
  file: string,
  o: {
    readonly plain: () => Promise<T>;
    readonly counted: (bytes: () => AsyncGenerator<Buffer>, size: number) => Promise<T>;
    readonly passes?: number;
  },
): Promise<T> {
  const size = progressShown(ctx) ? await fileSize(file) : 0;
  if (size === 0) return o.plain();
  return withProgress(ctx, label, (o.passes ?? 1) * size, 'bytes', (p) =>
    o.counted(() => countedBytes(file, p), size),
  );
}

/**
 * How far through the log a reading command is: by position up to `head` (a file store's
 * positions are byte offsets, so its size serves), or by events counted up to `events`.
 */
export type LogMeasure =
  | { readonly kind: 'position'; readonly head: number }
  | { readonly kind: 'count'; readonly events: number };

/**
 * How to measure a pass over a store's log: a file store by its size (positions are byte
 * offsets; its head would cost a pass), any other store by its head position. Null when
 * bars are not shown (nothing is read for them).
 */
export async function measureLog(
  ctx: Ctx,
  store: EventStore,
  location: StoreLocation | null,
): Promise<LogMeasure | null> {
  if (!progressShown(ctx)) return null;
  if (location !== null && location._tag === 'file')
    return { kind: 'position', head: await fileSize(location.path) };
  const head = await store.headPosition()();
  return E.isRight(head) && head.right !== null
    ? { kind: 'position', head: Number(head.right) }
    : null;
}

const EVERY = 256;

/**
 * A view of `store` that draws a bar over each full pass of `readAll` (from the start, with
 * no count limit: a rebuild, an export, a verification), measured by `measure`. Shorter
 * reads (a snapshot's tail, a probe) draw nothing. Returns `store` itself when there is
 * nothing to measure.
 */
export function trackReads(
  ctx: Ctx,
  label: string,
  store: EventStore,
  measure: LogMeasure | null,
): EventStore {
  if (measure === null) return store;
  const total = measure.kind === 'position' ? measure.head : measure.events;
  const unit: ProgressUnit = measure.kind === 'position' ? 'log' : 'events';
  async function* tracked(options: ReadAllOptions | undefined): AsyncGenerator<Envelope> {
    const progress = startProgress(ctx, label, total, unit);
    let n = 0;
    try {
      for await (const e of store.readAll(options)) {
        if (++n % EVERY === 0)
          progress.update(measure?.kind === 'position' ? Number(e.position) : n);
        yield e;
      }
    } finally {
      progress.stop();
    }
  }
  async function* trackedBatches(
    options: ReadAllOptions | undefined,
  ): AsyncGenerator<readonly Envelope[]> {
    const progress = startProgress(ctx, label, total, unit);
    let n = 0;
    try {
      for await (const batch of readAllInBatches(store, options)) {
        const last = batch[batch.length - 1];
        n += batch.length;
        if (last !== undefined)
          progress.update(measure?.kind === 'position' ? Number(last.position) : n);
        yield batch;
      }
    } finally {
      progress.stop();
    }
  }
  const fullPass = (options: ReadAllOptions | undefined): boolean =>
    (options?.from ?? 0n) === 0n && options?.maxCount === undefined;
  const view: EventStore & BatchReader = {
    ...(hasHeadConditionalAppend(store) ? { appendIfHead: store.appendIfHead.bind(store) } : {}),
    // The same envelopes pass through, so a store's claim to retain them still holds.
    ...(hasRetainedEnvelopes(store) ? { retainsEnvelopes: true as const } : {}),
    append: (stream, events, expected) => store.append(stream, events, expected),
    readStream: (stream, options) => store.readStream(stream, options),
    subscribe: (options) => store.subscribe(options),
    headPosition: () => store.headPosition(),
    close: () => store.close(),
    readAll: (options) => (fullPass(options) ? tracked(options) : store.readAll(options)),
    readAllBatches: (options) =>
      fullPass(options) ? trackedBatches(options) : readAllInBatches(store, options),
  };
  return view;
}
