import { ExportHeader } from '../export/format';
import type { StoreLineInfo, LineOutcome } from './analyse';
import type { EventIdRecall } from './fingerprints';
import type { BlockResult } from './protocol';
import type { VerifyReport } from './report';
import { Verifier, type VerifyOptions } from './verifier';

/**
 * Receives the event lines of an export in log order, each once its outcome was applied (an
 * import writing them as it verifies): a block of whole lines as read (the parallel verify),
 * or one line (the sequential one). The header and a torn last line are never passed.
 */
export interface ExportLineSink {
  /**
   * `bytes`: the block's lines, as in the file (empty lines and CR LF included); `r`: its
   * worker's answer, with `store`; `positions`: each outcome's declared position (null: none).
   */
  block(bytes: Buffer, r: BlockResult, positions: readonly (string | null)[]): Promise<void>;
  line(text: string, info: StoreLineInfo): Promise<void>;
}

/** The checks of an export around the verifier's: its header, torn lines, the event count. */
export class ExportCheck {
  readonly v: Verifier;
  private head: ExportHeader | undefined;
  private sawHeader = false;
  private count = 0;

  constructor(options: VerifyOptions, recall?: EventIdRecall) {
    this.v = new Verifier(options, recall);
  }

  /** A last line without its newline. */
  torn(at: { readonly line: number; readonly offset: number; readonly bytes: number }): void {
    const { line, offset, bytes } = at;
    this.v.tornTail({ offset, bytes, line });
    this.v.fail(
      'truncated',
      `line ${line} is incomplete (no newline; ${bytes} bytes at byte offset ${offset}): the file was cut`,
      { line },
    );
  }

  /** Offers a complete line: true when it was taken as the header (the first line only). */
  header(text: string, line: number): boolean {
    if (this.sawHeader) return false;
    this.sawHeader = true;
    this.head = readHeader(this.v, text, line);
    return this.head !== undefined;
  }

  /** One event line, analysed here or by a worker; `where`: its byte offset in the source. */
  event(o: LineOutcome, line: number, where?: number): void {
    this.count++;
    const h = this.head;
    if (h !== undefined && this.count === h.events + 1)
      this.v.fail(
        'decode-failed',
        `the header declares ${h.events} events; line ${line} is beyond them`,
        { line },
      );
    this.v.pushOutcome(o, line, where);
  }

  finish(): VerifyReport {
    const h = this.head;
    if (!this.sawHeader)
      this.v.fail('truncated', 'the export is empty: no header line', { line: 1 });
    else if (h !== undefined && this.count < h.events)
      this.v.fail(
        'truncated',
        `the header declares ${h.events} events, the file holds ${this.count}`,
        {
          line: null,
        },
      );
    return this.v.finish();
  }
}

export function readHeader(v: Verifier, text: string, line: number): ExportHeader | undefined {
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
