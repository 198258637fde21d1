// `assure replay`: a document built from a verified export alone.
import { createReadStream, existsSync } from 'node:fs';
import * as readline from 'node:readline';
import * as E from 'fp-ts/Either';
import { ExportHeader } from '@assure/audit';
import { fullReadModels } from '@assure/projections';
import { type Ctx, fail, printJson } from '../context';
import { CliErrors } from '../errors';
import { ExitCode } from '../exit-codes';
import { progressShown, trackReads } from '../progress';
import { timeOptions } from '../time-options';
import { fileArg, str, timeFlags, type Opts } from './audit-run';
import { verifiedExport } from './from-export';
import { witnessOf } from './witness';

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
  printJson(ctx, m[view]());
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
