import { createReadStream, existsSync } from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import * as E from 'fp-ts/Either';
import { StoreErrors } from '@assure/event-store';
import {
  describeReport,
  verifyExport,
  verifyLines,
  verifyStore,
  type VerifyReport,
  type Witness,
} from '@assure/audit';
import { type Ctx, fail, printJson } from '../context';
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
