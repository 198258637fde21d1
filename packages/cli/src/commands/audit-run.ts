import { createReadStream, existsSync, promises as fs } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import * as E from 'fp-ts/Either';
import { StoreErrors } from '@assure/event-store';
import {
  checkProof,
  type ProofCheck,
  checkSnapshotOf,
  explainReport,
  ExportHeader,
  exportLog,
  importLog,
  importToLog,
  type AuditError,
  type ImportResult,
  proveConsistency,
  proveEvent,
  verifyExport,
  verifyLog,
  whereOf,
  verifyStore,
  type VerifyOptions,
  type VerifyReport,
  type Witness,
} from '@assure/audit';
import type { EventStore } from '@assure/event-store';
import {
  openLogLoader,
  openLogReader,
  positionsAreByteOffsets,
  type LogLoader,
} from '@assure/store-file';
import { fullReadModels } from '@assure/projections';
import { type Ctx, fail, printJson, withStore } from '../context';
import { CliErrors, messageOf } from '../errors';
import { ExitCode } from '../exit-codes';
import {
  countedBytes,
  fileSize,
  measureLog,
  progressShown,
  trackReads,
  withProgress,
} from '../progress';
import { missingLog, openStore, parseStoreUrl } from '../store/url';
import { timeOptions } from '../time-options';
import { snapshotFor } from './read';
import { verifiedExport } from './from-export';
import { witnessOf } from './witness';

type Opts = Record<string, unknown>;
const str = (u: unknown): string | undefined => (typeof u === 'string' ? u : undefined);

/** `--as-at` and `--known-at` as given (checked by `timeOptions`). */
export function timeFlags(opts: Opts): { asAt?: string; knownAt?: string } {
  const asAt = str(opts['asAt']);
  const knownAt = str(opts['knownAt']);
  return {
    ...(asAt === undefined ? {} : { asAt }),
    ...(knownAt === undefined ? {} : { knownAt }),
  };
}

export { witnessOf } from './witness';

/** Prints a verify report: JSON, or plain sentences and then the failures one a line. */
function printVerify(ctx: Ctx, witness: Witness | undefined, report: VerifyReport): ExitCode {
  if (ctx.globals.json) printJson(ctx, report);
  else {
    ctx.io.out(`${explainReport(report, witness).join('\n')}\n`);
    if (report.failures.length > 1) ctx.io.out('Failures:\n');
    for (const f of report.failures.length > 1 ? report.failures.slice(0, 20) : [])
      ctx.io.out(
        `  ${f.reason} at ${whereOf(f)}${f.stream === null ? '' : ` (${f.stream}@${f.revision ?? '?'})`}: ${f.message}\n`,
      );
    if (report.failures.length > 20) ctx.io.out(`  ... and ${report.failures.length - 20} more\n`);
  }
  return report.ok ? ExitCode.ok : ExitCode.verificationFailed;
}

/** `assure verify [FILE] [--root HEX --size N]`. */
export async function verifyCommand(
  ctx: Ctx,
  file: string | undefined,
  opts: Opts,
): Promise<ExitCode> {
  const witness = witnessOf(opts);
  if (E.isLeft(witness)) return fail(ctx, witness.left);
  const options = witness.right === undefined ? {} : { witness: witness.right };
  if (file !== undefined) {
    const absolute = path.resolve(ctx.io.cwd, file);
    if (!existsSync(absolute)) return fail(ctx, CliErrors.unreadable(file, 'no such file'));
    if (!progressShown(ctx))
      return printVerify(ctx, witness.right, await verifyExport(absolute, options));
    const size = await fileSize(absolute);
    const report = await withProgress(ctx, 'verify', size, 'bytes', (p) =>
      verifyExport(countedBytes(absolute, p), { ...options, threads: threadsFor(size) }),
    );
    return printVerify(ctx, witness.right, report);
  }
  const location = parseStoreUrl(ctx.globals.store, ctx.io.cwd);
  if (E.isLeft(location)) return fail(ctx, location.left);
  if (location.right._tag === 'file') {
    // The raw log, line by line: a tampered log is a verification failure (4), not a store that
    // will not open (5).
    const log = location.right.path;
    const missing = await missingLog(log);
    if (missing !== null) return fail(ctx, missing);
    const report = await withProgress(ctx, 'verify', await fileSize(log), 'bytes', (p) =>
      verifyLog(countedBytes(log, p), options),
    );
    const snapshots = snapshotFor(location.right, {});
    if (snapshots === null) return printVerify(ctx, witness.right, report);
    return withSnapshotReader(ctx, log, report.ok, async (store) =>
      printVerify(ctx, witness.right, await checkSnapshotOf(store, report, snapshots)),
    );
  }
  const opened = await openStore(location.right, { readOnly: true })();
  if (E.isLeft(opened)) return fail(ctx, opened.left);
  try {
    const measure = await measureLog(ctx, opened.right, location.right);
    return printVerify(
      ctx,
      witness.right,
      await verifyStore(trackReads(ctx, 'verify', opened.right, measure), options),
    );
  } catch (e) {
    return fail(ctx, StoreErrors.unavailable(messageOf(e)));
  } finally {
    await opened.right.close();
  }
}

/**
 * Opens a verified file log to rebuild the views its snapshot is compared with: through
 * `openLogReader` (@assure/store-file) when its positions are byte offsets, else as a
 * read-only file store.
 * A log that failed verification is not opened (the snapshot is then not compared).
 */
async function withSnapshotReader(
  ctx: Ctx,
  log: string,
  verified: boolean,
  use: (store: EventStore) => Promise<ExitCode>,
): Promise<ExitCode> {
  // Verify never reads the verified-prefix record: every line read here is checked in full.
  if (!verified || (await positionsAreByteOffsets(log)))
    return use(openLogReader(log, { verifiedPrefix: false }));
  const opened = await openStore({ _tag: 'file', path: log }, { readOnly: true })();
  if (E.isLeft(opened)) return fail(ctx, opened.left);
  try {
    return await use(opened.right);
  } finally {
    await opened.right.close();
  }
}

const fileArg = (ctx: Ctx, file: string): string => path.resolve(ctx.io.cwd, file);

/** `assure export --out FILE`: header line, then every envelope in position order. */
export async function exportCommand(ctx: Ctx, out: string): Promise<ExitCode> {
  return withStore(ctx, { readOnly: true }, async (store, location) => {
    // Two passes over the log (count, then write): a bar for each.
    const tracked = trackReads(ctx, 'export', store, await measureLog(ctx, store, location));
    const r = await exportLog(tracked, fileArg(ctx, out), { now: ctx.io.now })();
    if (E.isLeft(r)) return fail(ctx, r.left);
    if (ctx.globals.json) printJson(ctx, { out, ...r.right });
    else ctx.io.out(`exported ${r.right.events} events (${r.right.bytes} bytes) to ${out}\n`);
    return ExitCode.ok;
  });
}

/** Appends `assure import` keeps in flight on a file store that already has a log file. */
const IMPORT_IN_FLIGHT = 2048;

/**
 * `assure import FILE`: into an empty store only, verified first. Into a new or empty file
 * store, in one pass: each line verified and written to a new log beside the store (under its
 * lock), which is put in place whole once every line verified (see `importIntoNewLog`).
 * Anywhere else (a database store; a log file that holds bytes, refused unless they are only
 * a torn line), verified, then appended in batches.
 */
export async function importCommand(ctx: Ctx, file: string): Promise<ExitCode> {
  const absolute = fileArg(ctx, file);
  if (!existsSync(absolute)) return fail(ctx, CliErrors.unreadable(file, 'no such file'));
  const location = parseStoreUrl(ctx.globals.store, ctx.io.cwd);
  if (E.isLeft(location)) return fail(ctx, location.left);
  if (location.right._tag === 'file') {
    const started = await openLogLoader(location.right.path, { logger: warnings })();
    if (E.isLeft(started)) return fail(ctx, started.left);
    if (started.right._tag === 'LogLoader') return importIntoNewLog(ctx, absolute, started.right);
  }
  return withStore(ctx, {}, async (store, where) => {
    // A file store orders appends as they are called and commits those queued together (one
    // write, one sync): thousands in flight make a few dozen syncs for 300k events.
    const inFlight = where._tag === 'file' ? IMPORT_IN_FLIGHT : 1;
    // The export is read twice (verified, then written): one bar over both passes.
    const size = progressShown(ctx) ? await fileSize(absolute) : 0;
    const r = await withProgress(ctx, 'import (verify, then write)', 2 * size, 'bytes', (p) =>
      size === 0
        ? importLog(absolute, store, { inFlight })()
        : importLog(() => countedBytes(absolute, p), store, {
            threads: threadsFor(size),
            inFlight,
          })(),
    );
    return importDone(ctx, r);
  });
}

const warnings = { warn: (m: string) => process.stderr.write(`assure: warning: ${m}\n`) };

/**
 * The one-pass import into a new file store log: verified and written line by line to the
 * loader's new log, which is committed (synced once, renamed into place) only when every
 * line verified; otherwise removed, leaving the store as it was.
 */
async function importIntoNewLog(ctx: Ctx, absolute: string, loader: LogLoader): Promise<ExitCode> {
  let r: E.Either<AuditError, ImportResult>;
  try {
    const size = progressShown(ctx) ? await fileSize(absolute) : 0;
    r = await withProgress(ctx, 'import', size, 'bytes', (p) =>
      size === 0
        ? importToLog(absolute, loader)()
        : importToLog(countedBytes(absolute, p), loader, { threads: threadsFor(size) })(),
    );
  } catch (e) {
    await loader.abort();
    throw e;
  }
  if (E.isLeft(r)) {
    await loader.abort();
    return fail(ctx, r.left);
  }
  const committed = await loader.commit();
  return importDone(ctx, E.isLeft(committed) ? committed : r);
}

function importDone(ctx: Ctx, r: E.Either<AuditError, ImportResult>): ExitCode {
  if (E.isLeft(r)) return fail(ctx, r.left);
  if (ctx.globals.json) printJson(ctx, r.right);
  else ctx.io.out(`imported ${r.right.events} events in ${r.right.streams} streams\n`);
  return ExitCode.ok;
}

/**
 * `assure prove --event ID [--size N]`, `--from-size N [--to-size M]` or `--size N` (the log
 * extends the witnessed size N), from the `--store` or `--from-export FILE`.
 */
export async function proveCommand(ctx: Ctx, opts: Opts): Promise<ExitCode> {
  const eventId = str(opts['event']);
  const int = (s: string | undefined): number | undefined =>
    s !== undefined && /^(0|[1-9][0-9]*)$/.test(s) && Number.isSafeInteger(Number(s))
      ? Number(s)
      : undefined;
  for (const [flag, key] of [
    ['--from-size', 'fromSize'],
    ['--to-size', 'toSize'],
    ['--size', 'size'],
  ] as const)
    if (str(opts[key]) !== undefined && int(str(opts[key])) === undefined)
      return fail(ctx, CliErrors.usage(`${flag}: expected an integer >= 0`));
  const size = int(str(opts['size']));
  const to = int(str(opts['toSize']));
  const from = int(str(opts['fromSize'])) ?? (eventId === undefined ? size : undefined);
  if (size !== undefined && eventId === undefined && str(opts['fromSize']) !== undefined)
    return fail(
      ctx,
      CliErrors.usage('--size: give it with --event, or alone (not with --from-size)'),
    );
  if ((eventId === undefined) === (from === undefined))
    return fail(
      ctx,
      CliErrors.usage('give either --event ID [--size N], --from-size N [--to-size M] or --size N'),
    );
  const prove = async (store: EventStore): Promise<ExitCode> => {
    const r =
      eventId !== undefined
        ? await proveEvent(store, eventId, size === undefined ? {} : { treeSize: size })()
        : await proveConsistency(store, from ?? 0, to)();
    if (E.isLeft(r)) return fail(ctx, r.left);
    printJson(ctx, r.right);
    return ExitCode.ok;
  };
  const fromExport = str(opts['fromExport']);
  if (fromExport === undefined) return withReadStore(ctx, 'prove', prove);
  const v = await verifiedExport(ctx, fromExport, undefined);
  return E.isLeft(v) ? fail(ctx, v.left) : prove(v.right.store);
}

/** `assure check-proof FILE [--root HEX --size N]`: checks a proof with no store. */
export async function checkProofCommand(ctx: Ctx, file: string, opts: Opts): Promise<ExitCode> {
  const witness = witnessOf(opts);
  if (E.isLeft(witness)) return fail(ctx, witness.left);
  let u: unknown;
  try {
    u = JSON.parse(await fs.readFile(fileArg(ctx, file), 'utf8'));
  } catch (e) {
    return fail(ctx, CliErrors.unreadable(file, messageOf(e)));
  }
  const r = checkProof(u, witness.right === undefined ? {} : { witness: witness.right });
  if (ctx.globals.json) printJson(ctx, r);
  else ctx.io.out(`${describeProofCheck(r)}\n`);
  if (r.kind === 'unreadable') return ExitCode.usage;
  return r.ok ? ExitCode.ok : ExitCode.verificationFailed;
}

/** What a proof check established, in a sentence. */
function describeProofCheck(r: ProofCheck): string {
  if (r.kind === 'unreadable') return `unreadable proof: ${r.message}`;
  if (!r.ok) return `${r.kind} proof FAILS: ${r.message ?? 'it does not hold'}`;
  return r.witnessed
    ? `${r.kind} proof holds, and reaches the witnessed root`
    : `${r.kind} proof holds against the root it carries; no witnessed root was given (--root/--size), so this shows only that the proof agrees with itself`;
}

/**
 * `assure replay FILE [--as-at] [--known-at] [--view V] [--root HEX --size N]`: a document
 * from an export alone, verified first (against the witnessed root when given).
 */
export async function replayCommand(ctx: Ctx, file: string, opts: Opts): Promise<ExitCode> {
  const absolute = fileArg(ctx, file);
  if (!existsSync(absolute)) return fail(ctx, CliErrors.unreadable(file, 'no such file'));
  const view = str(opts['view']) ?? 'status';
  if (view !== 'status' && view !== 'tracker' && view !== 'risks' && view !== 'trail')
    return fail(ctx, CliErrors.usage(`--view: one of status, tracker, risks, trail (got ${view})`));
  const time = timeOptions(timeFlags(opts));
  if (E.isLeft(time)) return fail(ctx, time.left);
  const witness = witnessOf(opts);
  if (E.isLeft(witness)) return fail(ctx, witness.left);
  const verified = await verifiedExport(ctx, file, witness.right);
  if (E.isLeft(verified)) return fail(ctx, verified.left);
  const events = progressShown(ctx) ? await headerEvents(absolute) : null;
  const source = trackReads(
    ctx,
    'replay',
    verified.right.store,
    events === null ? null : { kind: 'count', events },
  );
  const r = await fullReadModels(source, { clock: ctx.io.now, ...time.right })();
  if (E.isLeft(r)) return fail(ctx, r.left);
  const m = r.right.models;
  switch (view) {
    case 'status':
      printJson(ctx, m.status());
      break;
    case 'tracker':
      printJson(ctx, m.tracker());
      break;
    case 'risks':
      printJson(ctx, m.risks());
      break;
    case 'trail':
      printJson(ctx, m.trail());
      break;
    default: {
      const never: never = view;
      return never;
    }
  }
  return ExitCode.ok;
}

/** The event count an export's header declares (null when it has no readable header). */
async function headerEvents(file: string): Promise<number | null> {
  const rl = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  try {
    for await (const line of rl) {
      let u: unknown;
      try {
        u = JSON.parse(line);
      } catch {
        return null;
      }
      return ExportHeader.is(u) ? u.events : null;
    }
    return null;
  } finally {
    rl.close();
  }
}

/**
 * Worker threads for verifying an export given as a byte stream (the audit library picks
 * them itself only for a path): its own default, up to 4 for 16 MB or more on 2+ cores.
 */
function threadsFor(size: number): NonNullable<VerifyOptions['threads']> {
  const cores = availableParallelism();
  return cores >= 2 && size >= 16 << 20 ? Math.min(4, cores) : 0;
}

/** Opens the store to read, with a bar over each full pass of its log (see `trackReads`). */
export function withReadStore(
  ctx: Ctx,
  label: string,
  use: (store: EventStore) => Promise<ExitCode>,
): Promise<ExitCode> {
  return withStore(ctx, { readOnly: true }, async (store, location) =>
    use(trackReads(ctx, label, store, await measureLog(ctx, store, location))),
  );
}
