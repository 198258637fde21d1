// `assure prove` and `assure check-proof`: Merkle proofs, made from a log and checked alone.
import { promises as fs } from 'node:fs';
import * as E from 'fp-ts/Either';
import type { EventStore } from '@assure/event-store';
import { checkProof, proveConsistency, proveEvent, type ProofCheck } from '@assure/audit';
import { type Ctx, fail, printJson } from '../context';
import { CliErrors, messageOf } from '../errors';
import { ExitCode } from '../exit-codes';
import { fileArg, str, withReadStore, type Opts } from './audit-run';
import { verifiedExport } from './from-export';
import { witnessOf } from './witness';

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
