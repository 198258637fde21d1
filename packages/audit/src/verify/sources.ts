import * as E from 'fp-ts/Either';
import type { EventStore } from '@assure/event-store';
import { storeErrorOf } from '@assure/event-store';
import type { SnapshotStore } from '@assure/projections';
import { ExportHeader } from '../export/format';
import { createReadStream, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ndjsonBatches, type NdjsonSource } from '../ndjson';
import { analyseLine, analyseStoreLine, type LineOutcome, type StoreLineInfo } from './analyse';
import { domainEventDecoder } from './domain';
import { AnalysePool, workerScript } from './parallel';
import { unpackBlock, type BlockResult } from './protocol';
import { FAILURE_REASONS, type FailureReason, type VerifyReport } from './report';
import { snapshotNotChecked, verifySnapshot, withSnapshotVerdict } from './snapshot';
import { Verifier, type VerifyOptions } from './verifier';

/**
 * Verifies an export (CLI.md): a header line, then one envelope per line in position order.
 * Reads the input as a stream. Besides every check of {@link Verifier}, a torn last line, or
 * fewer events than the header declares, is `truncated`: an export is written whole, so a
 * torn last line means the file was cut. The report's `tornTail` locates it (its byte
 * offset) and says whether the complete lines before it verify.
 *
 * @example
 * const report = await verifyExport('audit-2019.ndjson', { witness: { treeSize: 4210, root } });
 * if (!report.ok) console.log(report.failures[0]);
 */
export function verifyExport(
  source: NdjsonSource,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  return verifyExportInto(source, options, undefined);
}

/**
 * Receives the event lines of an export in log order, each once its outcome was applied (an
 * import writing them as it verifies): a block of whole lines as read (the parallel verify),
 * or one line (the sequential one). The header and a torn last line are never passed.
 */
export interface ExportLineSink {
  /**
   * `bytes`: the block's lines, as in the file (empty lines and CR LF included); `r`: its
   * worker's answer, with `store`; `positions`: each outcome's declared position (null: none).
   */
  block(bytes: Buffer, r: BlockResult, positions: readonly (string | null)[]): Promise<void>;
  line(text: string, info: StoreLineInfo): Promise<void>;
}

/** {@link verifyExport}, handing each verified event line to `sink` when there is one. */
export async function verifyExportInto(
  source: NdjsonSource,
  options: VerifyOptions,
  sink: ExportLineSink | undefined,
): Promise<VerifyReport> {
  const threads = threadsFor(source, options);
  const script = threads > 0 ? workerScript() : undefined;
  if (script !== undefined) return verifyExportParallel(source, options, script, threads, sink);
  const c = new ExportCheck(options);
  for await (const batch of ndjsonBatches(source)) {
    for (const l of batch) {
      if (!l.complete) c.torn(l);
      else if (c.header(l.text, l.line)) continue;
      else if (sink === undefined) c.event(analyseLine(l.text, c.v.decode), l.line);
      else {
        const info = analyseStoreLine(l.text, c.v.decode);
        c.event(info.outcome, l.line);
        await sink.line(l.text, info);
      }
    }
  }
  return c.finish();
}

const PARALLEL_MIN_BYTES = 16 << 20;

/** How many workers verify this source (see {@link VerifyOptions.threads}). */
function threadsFor(source: NdjsonSource, options: VerifyOptions): number {
  const d = options.decodeEvent;
  if (d !== undefined && d !== false && d !== domainEventDecoder) return 0;
  if (options.threads !== undefined) return Math.max(0, Math.floor(options.threads));
  const cores = availableParallelism();
  if (cores < 2 || typeof source !== 'string') return 0;
  try {
    return statSync(source).size >= PARALLEL_MIN_BYTES ? Math.min(4, cores) : 0;
  } catch {
    return 0; // the read reports the error
  }
}

/** The checks of an export around the verifier's: its header, torn lines, the event count. */
class ExportCheck {
  readonly v: Verifier;
  private head: ExportHeader | undefined;
  private sawHeader = false;
  private count = 0;

  constructor(options: VerifyOptions) {
    this.v = new Verifier(options);
  }

  /** A last line without its newline. */
  torn(at: { readonly line: number; readonly offset: number; readonly bytes: number }): void {
    const { line, offset, bytes } = at;
    this.v.tornTail({ offset, bytes, line });
    this.v.fail(
      'truncated',
      `line ${line} is incomplete (no newline; ${bytes} bytes at byte offset ${offset}): the file was cut`,
      { line },
    );
  }

  /** Offers a complete line: true when it was taken as the header (the first line only). */
  header(text: string, line: number): boolean {
    if (this.sawHeader) return false;
    this.sawHeader = true;
    this.head = readHeader(this.v, text, line);
    return this.head !== undefined;
  }

  /** One event line, analysed here or by a worker. */
  event(o: LineOutcome, line: number): void {
    this.count++;
    const h = this.head;
    if (h !== undefined && this.count === h.events + 1)
      this.v.fail(
        'decode-failed',
        `the header declares ${h.events} events; line ${line} is beyond them`,
        { line },
      );
    this.v.pushOutcome(o, line);
  }

  finish(): VerifyReport {
    const h = this.head;
    if (!this.sawHeader)
      this.v.fail('truncated', 'the export is empty: no header line', { line: 1 });
    else if (h !== undefined && this.count < h.events)
      this.v.fail(
        'truncated',
        `the header declares ${h.events} events, the file holds ${this.count}`,
        {
          line: null,
        },
      );
    return this.v.finish();
  }
}

const NEWLINE = 0x0a;
/** Blocks analysed or in flight at once, per worker (bounds the memory held). */
const IN_FLIGHT_PER_WORKER = 3;

/**
 * {@link verifyExport} with the per-line work (JSON.parse, envelope guard, canonical JSON,
 * SHA-256, payload decode, Merkle leaf) in worker threads: this thread cuts the input into
 * blocks of whole lines and applies the outcomes in log order, so the report is the same as
 * the sequential one.
 */
async function verifyExportParallel(
  source: NdjsonSource,
  options: VerifyOptions,
  script: string,
  threads: number,
  sink: ExportLineSink | undefined,
): Promise<VerifyReport> {
  const c = new ExportCheck(options);
  const pool = new AnalysePool(script, threads, c.v.decode !== false, sink !== undefined);
  // With a sink, each block's bytes are kept (a copy: the block's own move to its worker).
  const pending: { readonly result: Promise<BlockResult>; readonly kept: Buffer | null }[] = [];
  let lineNo = 0;
  let headerDone = false;
  const applyOldest = async (): Promise<void> => {
    const p = pending.shift();
    if (p === undefined) return;
    const r = await p.result;
    const base = lineNo;
    const positions: (string | null)[] = [];
    unpackBlock(r, (o, line) => {
      c.event(o, base + line);
      if (sink !== undefined) positions.push(o.kind === 'not-json' ? null : o.position);
    });
    lineNo += r.newlines;
    if (sink !== undefined && p.kept !== null) await sink.block(p.kept, r, positions);
  };
  try {
    const chunks =
      typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : source;
    let rest: Buffer | undefined;
    let read = 0; // bytes read from the source so far
    for await (const raw of chunks as AsyncIterable<Buffer | Uint8Array | string>) {
      const chunk = asBuffer(raw);
      read += chunk.length;
      const buf = rest === undefined || rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
      const last = buf.lastIndexOf(NEWLINE);
      if (last === -1) {
        rest = Buffer.from(buf); // keep a copy: the chunk's memory may be reused
        continue;
      }
      rest = Buffer.from(buf.subarray(last + 1));
      let start = 0;
      // The header (the first non-empty line) is read here, before any block is sent.
      while (!headerDone && start <= last) {
        const nl = buf.indexOf(NEWLINE, start);
        lineNo++;
        let end = nl;
        if (end > start && buf[end - 1] === 0x0d) end--;
        if (end > start) {
          headerDone = true;
          const text = buf.toString('utf8', start, end);
          if (c.header(text, lineNo)) {
            // the header is not an event: nothing to pass on
          } else if (sink === undefined) c.event(analyseLine(text, c.v.decode), lineNo);
          else {
            const info = analyseStoreLine(text, c.v.decode);
            c.event(info.outcome, lineNo);
            await sink.line(text, info);
          }
        }
        start = nl + 1;
      }
      if (start > last) continue;
      const block = new Uint8Array(last + 1 - start);
      block.set(buf.subarray(start, last + 1));
      const kept = sink === undefined ? null : Buffer.from(block);
      const p = pool.analyse(block);
      p.catch(() => undefined); // awaited in order below; avoid an unhandled rejection meanwhile
      pending.push({ result: p, kept });
      if (pending.length >= threads * IN_FLIGHT_PER_WORKER) await applyOldest();
    }
    while (pending.length > 0) await applyOldest();
    if (rest !== undefined && rest.length > 0 && rest.toString('utf8').trim().length > 0)
      c.torn({ line: lineNo + 1, offset: read - rest.length, bytes: rest.length });
  } finally {
    await pool.close();
  }
  return c.finish();
}

/** A chunk of the source as a Buffer over the same memory (text is encoded as UTF-8). */
function asBuffer(raw: Buffer | Uint8Array | string): Buffer {
  return typeof raw === 'string'
    ? Buffer.from(raw, 'utf8')
    : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
}

function readHeader(v: Verifier, text: string, line: number): ExportHeader | undefined {
  let u: unknown;
  try {
    u = JSON.parse(text);
  } catch {
    v.fail('decode-failed', 'the first line is not a JSON export header', { line });
    return undefined;
  }
  const h = ExportHeader.decode(u);
  if (h._tag === 'Right') return h.right;
  // Not a header: report it, then treat the line as an event (a headerless dump still verifies).
  v.fail('decode-failed', 'the first line is not an assure-export version 1 header', { line });
  return undefined;
}

/**
 * Verifies the log file of an embedded file store (raw NDJSON envelopes, no header), read as
 * a stream. An incomplete last line (no newline: an append that a crash cut short, which the
 * next writer to open the log removes) is not verified and is no failure: the report's
 * `tornTail` gives its byte offset and whether every complete line before it verifies. A
 * complete line that does not verify fails as usual.
 *
 * @example
 * const report = await verifyLog('.assure/events.ndjson');
 * if (report.tornTail !== null) console.warn('torn tail at byte', report.tornTail.offset);
 */
export async function verifyLog(
  source: NdjsonSource,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const v = new Verifier(options);
  for await (const batch of ndjsonBatches(source))
    for (const l of batch) {
      if (l.complete) v.pushLine(l.text, l.line);
      else v.tornTail({ offset: l.offset, bytes: l.bytes, line: l.line });
    }
  return v.finish();
}

/**
 * Verifies raw NDJSON lines of envelopes (no header), for example a store's log file or lines
 * read from a store.
 *
 * @example
 * const report = await verifyLines(lines);
 */
export async function verifyLines(
  lines: AsyncIterable<string> | Iterable<string>,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const v = new Verifier(options);
  let n = 0;
  for await (const l of lines) v.pushLine(l, ++n);
  return v.finish();
}

/** Options of {@link verifyStore}. */
export interface VerifyStoreOptions extends VerifyOptions {
  /**
   * The store's read-model snapshot, if it keeps one: when the log verifies, the views are
   * rebuilt from it and compared with the snapshot (see `verifySnapshot`); a snapshot that
   * differs is a `snapshot-mismatch` failure.
   */
  readonly snapshots?: SnapshotStore;
}

/**
 * Verifies a live store: reads the whole log with `readAll` (streaming) and runs every check,
 * then checks its read-model snapshot when given one. A store that itself reports a corrupt
 * or tampered record while reading ends the check there with a failure; an unavailable store
 * is an error (rejected promise).
 *
 * @example
 * const report = await verifyStore(store, { witness, snapshots: fileSnapshotStore(path) });
 */
export async function verifyStore(
  store: EventStore,
  options: VerifyStoreOptions = {},
): Promise<VerifyReport> {
  const { snapshots, ...logOptions } = options;
  const report = await verifyStoreLog(store, logOptions);
  if (snapshots === undefined) return report;
  return checkSnapshotOf(store, report, snapshots);
}

/**
 * Adds the verdict on a store's read-model snapshot to the report of its log: compared
 * when the log verified, `unchecked` otherwise (when there is a snapshot at all).
 *
 * @example
 * const report = await checkSnapshotOf(store, await verifyLines(lines), snapshots);
 */
export async function checkSnapshotOf(
  store: EventStore,
  report: VerifyReport,
  snapshots: SnapshotStore,
): Promise<VerifyReport> {
  if (report.ok) return withSnapshotVerdict(report, await verifySnapshot(store, snapshots));
  const present = await snapshots.load()();
  return E.isRight(present) && present.right === null
    ? report
    : withSnapshotVerdict(report, snapshotNotChecked(snapshots.location));
}

async function verifyStoreLog(store: EventStore, options: VerifyOptions): Promise<VerifyReport> {
  const v = new Verifier(options);
  try {
    for await (const e of store.readAll()) v.pushValue(e);
  } catch (err) {
    const se = storeErrorOf(err);
    if (se === undefined) throw err;
    switch (se._tag) {
      case 'StoreCorrupt':
        v.fail('decode-failed', se.message, { position: se.position });
        break;
      case 'Tampered': {
        const reason: FailureReason =
          FAILURE_REASONS.find((r) => r === se.reason) ?? 'hash-mismatch';
        v.fail(reason, se.message, {
          position: se.position,
          stream: se.stream,
          revision: se.revision,
        });
        break;
      }
      case 'StoreUnavailable':
      case 'AppendOutcomeUnknown':
      case 'WrongExpectedRevision':
      case 'HeadMoved':
      case 'PayloadRejected':
      case 'RecordedAtRegressed':
        throw err;
      default: {
        const never: never = se;
        throw new Error(`unexpected store error ${String(never)}`);
      }
    }
  }
  return v.finish();
}
