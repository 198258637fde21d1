import { createReadStream, existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import * as E from 'fp-ts/Either';
import { StoreErrors } from '@assure/event-store';
import {
  checkProof,
  describeReport,
  exportLog,
  gatherReport,
  importLog,
  proveConsistency,
  proveEvent,
  renderHtml,
  renderMarkdown,
  replay,
  verifyExport,
  verifyLines,
  verifyStore,
  type VerifyReport,
  type Witness,
} from '@assure/audit';
import type { EventStore } from '@assure/event-store';
import { type Ctx, fail, printJson, withStore } from '../context';
import { CliErrors, messageOf } from '../errors';
import { ExitCode } from '../exit-codes';
import { openStore, parseStoreUrl } from '../store/url';

type Opts = Record<string, unknown>;
const str = (u: unknown): string | undefined => (typeof u === 'string' ? u : undefined);

/** Reads `--root HEX --size N` into a witness (both or neither). */
export function witnessOf(
  opts: Opts,
): E.Either<ReturnType<typeof CliErrors.usage>, Witness | undefined> {
  const root = str(opts['root']);
  const size = str(opts['size']);
  if (root === undefined && size === undefined) return E.right(undefined);
  if (root === undefined || size === undefined)
    return E.left(
      CliErrors.usage('--root and --size go together (the witnessed tree size and root)'),
    );
  if (!/^[0-9a-f]{64}$/.test(root))
    return E.left(CliErrors.usage('--root: expected 64 lowercase hex characters'));
  if (!/^(0|[1-9][0-9]*)$/.test(size))
    return E.left(CliErrors.usage('--size: expected an integer >= 0'));
  return E.right({ treeSize: Number(size), root });
}

function printVerify(ctx: Ctx, report: VerifyReport): ExitCode {
  if (ctx.globals.json) printJson(ctx, report);
  else {
    ctx.io.out(`${describeReport(report)}\n`);
    for (const f of report.failures.slice(0, 20))
      ctx.io.out(
        `  ${f.reason} at position ${f.position ?? '?'}${f.stream === null ? '' : ` (${f.stream}@${f.revision ?? '?'})`}: ${f.message}\n`,
      );
    if (report.failures.length > 20) ctx.io.out(`  ... and ${report.failures.length - 20} more\n`);
  }
  return report.ok ? ExitCode.ok : ExitCode.verificationFailed;
}

async function* fileLines(file: string): AsyncGenerator<string> {
  const rl = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  try {
    for await (const l of rl) if (l.trim() !== '') yield l;
  } finally {
    rl.close();
  }
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
    return printVerify(ctx, await verifyExport(absolute, options));
  }
  const location = parseStoreUrl(ctx.globals.store, ctx.io.cwd);
  if (E.isLeft(location)) return fail(ctx, location.left);
  if (location.right._tag === 'file') {
    // The raw log, line by line: a tampered log is a verification failure (4), not a store that
    // will not open (5).
    const log = location.right.path;
    if (!existsSync(log)) return fail(ctx, StoreErrors.unavailable(`${log} does not exist`));
    return printVerify(ctx, await verifyLines(fileLines(log), options));
  }
  const opened = await openStore(location.right, { readOnly: true })();
  if (E.isLeft(opened)) return fail(ctx, opened.left);
  try {
    return printVerify(ctx, await verifyStore(opened.right, options));
  } catch (e) {
    return fail(ctx, StoreErrors.unavailable(messageOf(e)));
  } finally {
    await opened.right.close();
  }
}

const fileArg = (ctx: Ctx, file: string): string => path.resolve(ctx.io.cwd, file);

/** `assure export --out FILE`: header line, then every envelope in position order. */
export async function exportCommand(ctx: Ctx, out: string): Promise<ExitCode> {
  return withStore(ctx, { readOnly: true }, async (store) => {
    const r = await exportLog(store, fileArg(ctx, out), { now: ctx.io.now })();
    if (E.isLeft(r)) return fail(ctx, r.left);
    if (ctx.globals.json) printJson(ctx, { out, ...r.right });
    else ctx.io.out(`exported ${r.right.events} events (${r.right.bytes} bytes) to ${out}\n`);
    return ExitCode.ok;
  });
}

/** `assure import FILE`: into an empty store only, verified first. */
export async function importCommand(ctx: Ctx, file: string): Promise<ExitCode> {
  const absolute = fileArg(ctx, file);
  if (!existsSync(absolute)) return fail(ctx, CliErrors.unreadable(file, 'no such file'));
  return withStore(ctx, {}, async (store) => {
    const r = await importLog(absolute, store)();
    if (E.isLeft(r)) return fail(ctx, r.left);
    if (ctx.globals.json) printJson(ctx, r.right);
    else ctx.io.out(`imported ${r.right.events} events in ${r.right.streams} streams\n`);
    return ExitCode.ok;
  });
}

/** `assure prove --event ID` or `--from-size N [--to-size M]`. */
export async function proveCommand(ctx: Ctx, opts: Opts): Promise<ExitCode> {
  const eventId = str(opts['event']);
  const from = str(opts['fromSize']);
  const to = str(opts['toSize']);
  const int = (s: string | undefined): number | undefined =>
    s !== undefined && /^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : undefined;
  if ((eventId === undefined) === (from === undefined))
    return fail(ctx, CliErrors.usage('give either --event ID or --from-size N [--to-size M]'));
  if (from !== undefined && int(from) === undefined)
    return fail(ctx, CliErrors.usage('--from-size: expected an integer >= 0'));
  if (to !== undefined && int(to) === undefined)
    return fail(ctx, CliErrors.usage('--to-size: expected an integer >= 0'));
  return withReadStore(ctx, async (store) => {
    const r =
      eventId !== undefined
        ? await proveEvent(store, eventId)()
        : await proveConsistency(store, int(from) ?? 0, int(to))();
    if (E.isLeft(r)) return fail(ctx, r.left);
    printJson(ctx, r.right);
    return ExitCode.ok;
  });
}

/** `assure check-proof FILE`: checks an inclusion or consistency proof with no store. */
export async function checkProofCommand(ctx: Ctx, file: string): Promise<ExitCode> {
  let u: unknown;
  try {
    u = JSON.parse(await fs.readFile(fileArg(ctx, file), 'utf8'));
  } catch (e) {
    return fail(ctx, CliErrors.unreadable(file, messageOf(e)));
  }
  const r = checkProof(u);
  if (ctx.globals.json) printJson(ctx, r);
  else
    ctx.io.out(
      r.ok
        ? `${r.kind} proof holds\n`
        : `${r.kind} proof FAILS${'message' in r ? `: ${r.message}` : ''}\n`,
    );
  if (r.kind === 'unreadable') return ExitCode.usage;
  return r.ok ? ExitCode.ok : ExitCode.verificationFailed;
}

/** `assure replay FILE [--as-at] [--known-at] [--view V]`: a document from an export alone. */
export async function replayCommand(ctx: Ctx, file: string, opts: Opts): Promise<ExitCode> {
  const absolute = fileArg(ctx, file);
  if (!existsSync(absolute)) return fail(ctx, CliErrors.unreadable(file, 'no such file'));
  const view = str(opts['view']) ?? 'status';
  if (view !== 'status' && view !== 'tracker' && view !== 'risks' && view !== 'trail')
    return fail(ctx, CliErrors.usage(`--view: one of status, tracker, risks, trail (got ${view})`));
  const asAt = str(opts['asAt']);
  const knownAt = str(opts['knownAt']);
  const r = await replay(absolute, {
    view,
    clock: ctx.io.now,
    ...(asAt === undefined ? {} : { asAt }),
    ...(knownAt === undefined ? {} : { knownAt }),
  })();
  if (E.isLeft(r)) return fail(ctx, r.left);
  printJson(ctx, r.right);
  return ExitCode.ok;
}

/** `assure report [--as-at] [--known-at] --out FILE.html|.md`. */
export async function reportCommand(ctx: Ctx, opts: Opts): Promise<ExitCode> {
  const out = str(opts['out']);
  if (out === undefined || !/\.(html|md)$/.test(out))
    return fail(ctx, CliErrors.usage('--out: a file ending in .html or .md'));
  const asAt = str(opts['asAt']);
  const knownAt = str(opts['knownAt']);
  return withReadStore(ctx, async (store) => {
    const r = await gatherReport(store, {
      clock: ctx.io.now,
      ...(asAt === undefined ? {} : { asAt }),
      ...(knownAt === undefined ? {} : { knownAt }),
    })();
    if (E.isLeft(r)) return fail(ctx, r.left);
    const text = out.endsWith('.html') ? renderHtml(r.right) : renderMarkdown(r.right);
    await fs.writeFile(fileArg(ctx, out), text, 'utf8');
    if (ctx.globals.json) printJson(ctx, { out });
    else ctx.io.out(`wrote ${out}\n`);
    return ExitCode.ok;
  });
}

function withReadStore(ctx: Ctx, use: (store: EventStore) => Promise<ExitCode>): Promise<ExitCode> {
  return withStore(ctx, { readOnly: true }, use);
}
