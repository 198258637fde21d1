import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import {
  parseEnvelopeLine,
  serializeEnvelope,
  StoreErrors,
  storeErrorOf,
  type Envelope,
  type EventStore,
  type ExpectedRevision,
  type ProposedEvent,
} from '@assure/event-store';
import { AuditFailure, type AuditError } from '../errors';
import { ndjsonBatches, type NdjsonSource } from '../ndjson';
import { verifyExport, type VerifyOptions, type VerifyReport } from '../verify';
import type { ExportHeader } from './format';

/** What {@link exportLog} wrote. */
export interface ExportResult {
  readonly events: number;
  readonly lastPosition: string | null;
  readonly bytes: number;
}

/** Options of {@link exportLog}. */
export interface ExportOptions {
  /** The `exportedAt` clock (default: the system clock). */
  readonly now?: () => Date;
}

/** One envelope as an export line, fields in the normative order (the envelope line codec's). */
export function envelopeLine(e: Envelope): string {
  return serializeEnvelope(e);
}

/** The tagged error a rejection carries (an audit failure, a store failure, or anything else). */
export const toAuditError = (err: unknown): AuditError =>
  err instanceof AuditFailure
    ? err.error
    : (storeErrorOf(err) ??
      StoreErrors.unavailable(err instanceof Error ? err.message : String(err)));

/** Events of the log up to and including `head`, in position order (streaming). */
async function* upTo(store: EventStore, head: bigint | null): AsyncGenerator<Envelope> {
  if (head === null) return;
  for await (const e of store.readAll()) {
    if (BigInt(e.position) > head) return;
    yield e;
  }
}

/**
 * Exports the whole log (CLI.md): a header line
 * `{"format":"assure-export","version":1,"exportedAt":...,"events":N}`, then one envelope
 * per line in position order. Streams the log twice (to count, then to write) up to the
 * head found at the start, so events appended meanwhile are left out and memory stays flat.
 * `out` is a file path or a writable stream (left open).
 *
 * @example
 * const r = await exportLog(store, 'audit-2019.ndjson')();
 */
export function exportLog(
  store: EventStore,
  out: string | NodeJS.WritableStream,
  options: ExportOptions = {},
): TE.TaskEither<AuditError, ExportResult> {
  return TE.tryCatch(async () => {
    const head = await store.headPosition()();
    if (E.isLeft(head)) throw new AuditFailure(head.left);
    let count = 0;
    for await (const _ of upTo(store, head.right)) count++;
    const header: ExportHeader = {
      format: 'assure-export',
      version: 1,
      exportedAt: (options.now ?? (() => new Date()))().toISOString(),
      events: count,
    };
    const stream = typeof out === 'string' ? createWriteStream(out) : out;
    let bytes = 0;
    let buf = JSON.stringify(header) + '\n';
    let written = 0;
    let last: string | null = null;
    const flush = async (): Promise<void> => {
      bytes += Buffer.byteLength(buf);
      if (!stream.write(buf)) await once(stream, 'drain');
      buf = '';
    };
    for await (const e of upTo(store, head.right)) {
      if (written === count) break;
      buf += envelopeLine(e) + '\n';
      written++;
      last = e.position;
      if (buf.length > 1 << 16) await flush();
    }
    await flush();
    if (typeof out === 'string') {
      stream.end();
      await once(stream, 'finish');
    }
    return { events: written, lastPosition: last, bytes };
  }, toAuditError);
}

/** What {@link importLog} wrote. */
export interface ImportResult {
  readonly events: number;
  readonly streams: number;
  readonly lastPosition: string | null;
}

/** Options of {@link importLog}: the verification's, and how many appends to keep in flight. */
export interface ImportOptions extends VerifyOptions {
  /**
   * Appends issued before their acknowledgements are awaited (default 1: one at a time).
   * Only for a store that orders appends in the order they are called and commits queued
   * appends together, as the file store does (one write and one sync per group commit):
   * the events keep the export's order, and 300k events take a few dozen syncs, not 300k.
   */
  readonly inFlight?: number;
}

/** The refusal of an export that does not verify, with its report. */
export const exportInvalid = (report: VerifyReport): AuditError => ({
  _tag: 'ExportInvalid',
  report,
  message: `the export does not verify: ${report.failures[0]?.reason ?? '?'} at position ${report.failures[0]?.position ?? '?'}`,
});

const hashDiffers = (want: Envelope, actual: string): AuditError => ({
  _tag: 'HashDiffers',
  eventId: want.eventId,
  stream: want.stream,
  revision: want.revision,
  expected: want.hash,
  actual,
  message: `the store computed ${actual} for ${want.stream}@${want.revision}, the export holds ${want.hash}`,
});

/**
 * Appends runs of envelopes (consecutive events of one stream) in order, up to `inFlight`
 * at a time, checking that the store computed each event's hash as the export holds it.
 */
class RunWriter {
  events = 0;
  lastPosition: string | null = null;
  readonly streams = new Set<string>();
  #pending: Promise<void>[] = [];
  /** The first failure of an append in flight (kept, so no rejection goes unhandled). */
  #failure: Error | undefined = undefined;

  constructor(
    private readonly store: EventStore,
    private readonly inFlight: number,
  ) {}

  async write(run: readonly Envelope[]): Promise<void> {
    const first = run[0];
    if (first === undefined) return;
    if (this.#failure !== undefined) return this.flush();
    const expected: ExpectedRevision =
      first.revision === 0 ? 'no-stream' : { revision: first.revision - 1 };
    const proposed: ProposedEvent[] = run.map((e) => ({
      eventId: e.eventId,
      type: e.type,
      schemaVersion: e.schemaVersion,
      data: e.data,
      meta: e.meta,
    }));
    this.events += run.length;
    this.streams.add(first.stream);
    this.#pending.push(
      this.store
        .append(first.stream, proposed, expected)()
        .then((r) => {
          if (E.isLeft(r)) throw new AuditFailure(r.left);
          r.right.events.forEach((stored, i) => {
            if (stored.hash !== run[i]!.hash)
              throw new AuditFailure(hashDiffers(run[i]!, stored.hash));
          });
          this.lastPosition = r.right.position;
        })
        .catch((e: unknown) => {
          this.#failure ??= e instanceof Error ? e : new Error(String(e));
        }),
    );
    // A sliding window: wait for the older half only, so the next appends are parsed and
    // prepared while the store writes and syncs the group commit before them.
    if (this.#pending.length >= this.inFlight) {
      await Promise.all(this.#pending.splice(0, Math.ceil(this.#pending.length / 2)));
      if (this.#failure !== undefined) await this.flush();
    }
  }

  /** Waits for every append in flight, then throws the first failure, if any. */
  async flush(): Promise<void> {
    const pending = this.#pending;
    this.#pending = [];
    await Promise.all(pending);
    if (this.#failure !== undefined) throw this.#failure;
  }
}

/**
 * Imports an export into an EMPTY store: verifies it first (refusing it with the report if
 * anything fails), then re-appends every event in order with its `eventId`, `data` and
 * `meta` (`recordedAt` and `backfill` included), so the store recomputes the same hashes;
 * it stops at the first event whose recomputed hash differs. Positions are the new
 * store's own. `source` must be readable twice: a path, or a function giving a fresh source.
 * With `inFlight` (a file store), appends are issued in batches and committed together.
 *
 * @example
 * const r = await importLog('audit-2019.ndjson', emptyStore)();
 */
export function importLog(
  source: string | (() => NdjsonSource),
  store: EventStore,
  options: ImportOptions = {},
): TE.TaskEither<AuditError, ImportResult> {
  const open = (): NdjsonSource => (typeof source === 'string' ? source : source());
  return TE.tryCatch(async () => {
    const head = await store.headPosition()();
    if (E.isLeft(head)) throw new AuditFailure(head.left);
    if (head.right !== null)
      throw new AuditFailure({
        _tag: 'StoreNotEmpty',
        headPosition: head.right.toString(),
        message: `the store is not empty (head at ${head.right}): import into an empty store only`,
      } satisfies AuditError);
    const { inFlight, ...verifyOptions } = options;
    const report = await verifyExport(open(), verifyOptions);
    if (!report.ok) throw new AuditFailure(exportInvalid(report));
    const writer = new RunWriter(store, Math.max(1, inFlight ?? 1));
    let run: Envelope[] = [];
    let header = true;
    for await (const batch of ndjsonBatches(open())) {
      for (const l of batch) {
        if (header) {
          header = false;
          continue;
        }
        const parsed = parseEnvelopeLine(l.text);
        if (E.isLeft(parsed))
          throw new AuditFailure(
            StoreErrors.corrupt('?', `line ${l.line} changed since it was verified`),
          );
        const u = parsed.right;
        if (run.length > 0 && (run[0]!.stream !== u.stream || run.length >= 500)) {
          await writer.write(run);
          run = [];
        }
        run.push(u);
      }
    }
    await writer.write(run);
    await writer.flush();
    return {
      events: writer.events,
      streams: writer.streams.size,
      lastPosition: writer.lastPosition,
    };
  }, toAuditError);
}
