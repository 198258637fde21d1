import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import {
  describeReport,
  gatherReport,
  renderHtml,
  renderMarkdown,
  type VerifyReport,
  type Witness,
} from '@assure/audit';
import type { EventStore } from '@assure/event-store';
import { type Ctx, fail, printJson } from '../context';
import { CliErrors, messageOf } from '../errors';
import { ExitCode } from '../exit-codes';
import { htmlToPdf } from '../pdf';
import { timeOptions } from '../time-options';
import { str, timeFlags, withReadStore, type Opts } from './audit-run';
import { verifiedExport } from './from-export';
import { witnessOf } from './witness';

/**
 * `assure report [--from-export FILE] [--root HEX --size N] [--as-at] [--known-at]
 * [--body ID] --out FILE.html|.md|.pdf`. The log is verified first (an export before it is
 * read, a store while the report is gathered); when it fails (tampered, or not the
 * witnessed root) no pack is written and the exit code is 4.
 */
export async function reportCommand(ctx: Ctx, opts: Opts): Promise<ExitCode> {
  const out = str(opts['out']);
  if (out === undefined || !/\.(html|md|pdf)$/.test(out))
    return fail(ctx, CliErrors.usage('--out: a file ending in .html, .md or .pdf'));
  const witness = witnessOf(opts);
  if (E.isLeft(witness)) return fail(ctx, witness.left);
  const fromExport = str(opts['fromExport']);
  const build = (store: EventStore, verification?: VerifyReport) =>
    writeReport(ctx, store, out, opts, witness.right, verification);
  if (fromExport === undefined) return withReadStore(ctx, 'report', (store) => build(store));
  const v = await verifiedExport(ctx, fromExport, witness.right);
  return E.isLeft(v) ? fail(ctx, v.left) : build(v.right.store, v.right.report);
}

async function writeReport(
  ctx: Ctx,
  store: EventStore,
  out: string,
  opts: Opts,
  witness: Witness | undefined,
  verification: VerifyReport | undefined,
): Promise<ExitCode> {
  const time = timeOptions(timeFlags(opts));
  if (E.isLeft(time)) return fail(ctx, time.left);
  const body = str(opts['body']);
  const r = await gatherReport(store, {
    clock: ctx.io.now,
    ...time.right,
    ...(body === undefined ? {} : { body }),
    ...(witness === undefined ? {} : { verify: { witness } }),
    ...(verification === undefined ? {} : { verification }),
  })();
  if (E.isLeft(r)) return fail(ctx, r.left);
  const data = r.right;
  if (!data.verification.ok)
    return fail(ctx, {
      _tag: 'VerificationFailed',
      message: `the log did not verify, so no report was written: ${describeReport(data.verification)}`,
    });
  if (body !== undefined && data.changes.bodies.length === 0)
    return fail(
      ctx,
      CliErrors.usage(
        `--body: no active oversight body ${JSON.stringify(body)} as at ${data.asAt}`,
      ),
    );
  const file = path.resolve(ctx.io.cwd, out);
  try {
    if (out.endsWith('.pdf')) {
      const pdf = await htmlToPdf(renderHtml(data));
      if (E.isLeft(pdf)) return fail(ctx, pdf.left);
      await fs.writeFile(file, pdf.right);
    } else
      await fs.writeFile(
        file,
        out.endsWith('.html') ? renderHtml(data) : renderMarkdown(data),
        'utf8',
      );
  } catch (e) {
    return fail(ctx, CliErrors.unreadable(out, messageOf(e)));
  }
  if (ctx.globals.json)
    printJson(ctx, { out, verified: true, witnessed: data.verification.witnessed });
  else ctx.io.out(`wrote ${out}\n`);
  return ExitCode.ok;
}
