import * as E from 'fp-ts/Either';
import type { EventStore } from '@assure/event-store';
import { storeErrorOf } from '@assure/event-store';
import type { SnapshotStore } from '@assure/projections';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { NdjsonSource } from '../ndjson';
import { analyseLine, analyseStoreLine } from './analyse';
import { domainEventDecoder } from './domain';
import { ExportCheck, type ExportLineSink } from './export-check';
import { verifyExportParallel } from './export-parallel';
import { eachLine } from './lines';
import { workerScript } from './parallel';
import { FileIdRecall } from './recall';
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

export type { ExportLineSink } from './export-check';

/** {@link verifyExport}, handing each verified event line to `sink` when there is one. */
export async function verifyExportInto(
  source: NdjsonSource,
  options: VerifyOptions,
  sink: ExportLineSink | undefined,
): Promise<VerifyReport> {
  const threads = threadsFor(source, options);
  const script = threads > 0 ? workerScript() : undefined;
  if (script !== undefined) return verifyExportParallel(source, options, script, threads, sink);
  const recall = typeof source === 'string' ? FileIdRecall.of(source) : undefined;
  const c = new ExportCheck(options, recall?.recall);
  try {
    const torn = await eachLine(source, (text, line, offset) => {
      if (c.header(text, line)) return;
      if (sink === undefined) return c.event(analyseLine(text, c.v.decode), line, offset);
      const info = analyseStoreLine(text, c.v.decode);
      c.event(info.outcome, line, offset);
      return sink.line(text, info);
    });
    if (torn !== undefined) c.torn(torn);
  } finally {
    recall?.close();
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
  const recall = typeof source === 'string' ? FileIdRecall.of(source) : undefined;
  const v = new Verifier(options, recall?.recall);
  try {
    const torn = await eachLine(source, (text, line, offset) => v.pushLine(text, line, offset));
    if (torn !== undefined) v.tornTail(torn);
  } finally {
    recall?.close();
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
