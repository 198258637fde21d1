// `assure export` and `assure import`: the whole log as an export file, and back.
import { existsSync } from 'node:fs';
import * as E from 'fp-ts/Either';
import {
  exportLog,
  importLog,
  importToLog,
  type AuditError,
  type ImportResult,
} from '@assure/audit';
import { openLogLoader, type LogLoader } from '@assure/store-file';
import { type Ctx, fail, printJson, withStore } from '../context';
import { CliErrors } from '../errors';
import { ExitCode } from '../exit-codes';
import { measureLog, readFileWithProgress, trackReads } from '../progress';
import { parseStoreUrl } from '../store/url';
import { fileArg, threadsFor } from './audit-run';

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
    const r = await readFileWithProgress(ctx, 'import (verify, then write)', absolute, {
      passes: 2,
      plain: () => importLog(absolute, store, { inFlight })(),
      counted: (bytes, size) => importLog(bytes, store, { threads: threadsFor(size), inFlight })(),
    });
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
    r = await readFileWithProgress(ctx, 'import', absolute, {
      plain: () => importToLog(absolute, loader)(),
      counted: (bytes, size) => importToLog(bytes(), loader, { threads: threadsFor(size) })(),
    });
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
