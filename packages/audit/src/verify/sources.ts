import type { EventStore } from '@assure/event-store';
import { storeErrorOf } from '@assure/event-store';
import { ExportHeader } from '../export/format';
import { ndjsonBatches, type NdjsonSource } from '../ndjson';
import { FAILURE_REASONS, type FailureReason, type VerifyReport } from './report';
import { Verifier, type VerifyOptions } from './verifier';

/**
 * Verifies an export (CLI.md): a header line, then one envelope per line in position order.
 * Reads the input as a stream. Besides every check of {@link Verifier}, a torn last line, or
 * fewer events than the header declares, is `truncated`.
 *
 * @example
 * const report = await verifyExport('audit-2019.ndjson', { witness: { treeSize: 4210, root } });
 * if (!report.ok) console.log(report.failures[0]);
 */
export async function verifyExport(
  source: NdjsonSource,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const v = new Verifier(options);
  let header: ExportHeader | undefined;
  let sawHeader = false;
  let count = 0;
  for await (const batch of ndjsonBatches(source)) {
    for (const l of batch) {
      if (!l.complete) {
        v.fail('truncated', `line ${l.line} is incomplete (no newline): the file was cut`, {
          line: l.line,
        });
        continue;
      }
      if (!sawHeader) {
        sawHeader = true;
        header = readHeader(v, l.text, l.line);
        if (header !== undefined) continue;
      }
      count++;
      if (header !== undefined && count === header.events + 1)
        v.fail(
          'decode-failed',
          `the header declares ${header.events} events; line ${l.line} is beyond them`,
          {
            line: l.line,
          },
        );
      v.pushLine(l.text, l.line);
    }
  }
  if (!sawHeader) v.fail('truncated', 'the export is empty: no header line', { line: 1 });
  else if (header !== undefined && count < header.events)
    v.fail('truncated', `the header declares ${header.events} events, the file holds ${count}`, {
      line: null,
    });
  return v.finish();
}

function readHeader(v: Verifier, text: string, line: number): ExportHeader | undefined {
  let u: unknown;
  try {
    u = JSON.parse(text);
  } catch {
    v.fail('decode-failed', 'the first line is not a JSON export header', { line });
    return undefined;
  }
  const h = ExportHeader.decode(u);
  if (h._tag === 'Right') return h.right;
  // Not a header: report it, then treat the line as an event (a headerless dump still verifies).
  v.fail('decode-failed', 'the first line is not an assure-export version 1 header', { line });
  return undefined;
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

/**
 * Verifies a live store: reads the whole log with `readAll` (streaming) and runs every check.
 * A store that itself reports a corrupt or tampered record while reading ends the check there
 * with a failure; an unavailable store is an error (rejected promise).
 *
 * @example
 * const report = await verifyStore(store, { witness });
 */
export async function verifyStore(
  store: EventStore,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
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
      case 'WrongExpectedRevision':
        throw err;
      default: {
        const never: never = se;
        throw new Error(`unexpected store error ${String(never)}`);
      }
    }
  }
  return v.finish();
}
