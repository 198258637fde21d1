import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import {
  describeReport,
  exportStore,
  verifyExport,
  type ExportInvalid,
  type VerifyReport,
  type Witness,
} from '@assure/audit';
import type { EventStore } from '@assure/event-store';
import type { Ctx } from '../context';
import { CliErrors, type UnreadableFile } from '../errors';
import { countedBytes, fileSize, progressShown, withProgress } from '../progress';

/** An export that verified: a read-only store over it, and its verification. */
export interface VerifiedExport {
  readonly store: EventStore;
  readonly report: VerifyReport;
}

/**
 * Verifies an export file (against a witnessed root when given) and, when it holds, opens
 * it as a read-only store, so a reading command answers from the export exactly as from the
 * store. An export that fails is `ExportInvalid` (exit 4) and nothing is read from it.
 *
 * @example
 * const v = await verifiedExport(ctx, 'bcc.ndjson', { treeSize: 312, root: 'ab…' });
 */
export async function verifiedExport(
  ctx: Ctx,
  file: string,
  witness: Witness | undefined,
): Promise<E.Either<ExportInvalid | UnreadableFile, VerifiedExport>> {
  const absolute = path.resolve(ctx.io.cwd, file);
  if (!existsSync(absolute)) return E.left(CliErrors.unreadable(file, 'no such file'));
  const options = witness === undefined ? {} : { witness };
  const report = progressShown(ctx)
    ? await withProgress(ctx, 'verify', await fileSize(absolute), 'bytes', (p) =>
        verifyExport(countedBytes(absolute, p), options),
      )
    : await verifyExport(absolute, options);
  if (!report.ok)
    return E.left({
      _tag: 'ExportInvalid',
      report,
      message: `${file} did not verify, so nothing was read from it: ${describeReport(report)}`,
    });
  return E.right({ store: exportStore(absolute), report });
}
