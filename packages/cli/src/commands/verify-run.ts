// `assure verify`: an export, the file store's raw log, or another store, checked whole.
import { existsSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import { StoreErrors, type EventStore } from '@assure/event-store';
import {
  checkSnapshotOf,
  explainReport,
  verifyExport,
  verifyLog,
  whereOf,
  verifyStore,
  type VerifyReport,
  type Witness,
} from '@assure/audit';
import { openLogReader, positionsAreByteOffsets } from '@assure/store-file';
import { type Ctx, fail, printJson } from '../context';
import { CliErrors, messageOf } from '../errors';
import { ExitCode } from '../exit-codes';
import {
  countedBytes,
  fileSize,
  measureLog,
  readFileWithProgress,
  trackReads,
  withProgress,
} from '../progress';
import { missingLog, openStore, parseStoreUrl } from '../store/url';
import { fileArg, threadsFor, type Opts } from './audit-run';
import { snapshotFor } from './read';
import { witnessOf } from './witness';

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
    const absolute = fileArg(ctx, file);
    if (!existsSync(absolute)) return fail(ctx, CliErrors.unreadable(file, 'no such file'));
    const report = await readFileWithProgress(ctx, 'verify', absolute, {
      plain: () => verifyExport(absolute, options),
      counted: (bytes, size) => verifyExport(bytes(), { ...options, threads: threadsFor(size) }),
    });
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
  // Verify never reads the verified-prefix record: every line read here is checked in full
  // (its chains were followed by verify itself, which reports every break).
  if (!verified || (await positionsAreByteOffsets(log)))
    return use(openLogReader(log, { verifiedPrefix: false, chains: false }));
  const opened = await openStore({ _tag: 'file', path: log }, { readOnly: true })();
  if (E.isLeft(opened)) return fail(ctx, opened.left);
  try {
    return await use(opened.right);
  } finally {
    await opened.right.close();
  }
}
