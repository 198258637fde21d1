import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { parseEnvelopeLine, serializeEnvelope, StoreErrors } from '@assure/event-store';
import { AuditFailure, type AuditError } from '../errors';
import type { NdjsonSource } from '../ndjson';
import type { StoreLineInfo } from '../verify/analyse';
import { RECORDED_AT_LENGTH, type BlockResult } from '../verify/protocol';
import { verifyExportInto, type ExportLineSink } from '../verify/sources';
import type { VerifyOptions } from '../verify/verifier';
import { exportInvalid, toAuditError, type ImportResult } from './export';

/**
 * Where {@link importToLog} writes a file store's new log: whole lines, in order, the first
 * at byte offset 0 (the file store's `openLogLoader` gives one).
 */
export interface LogWriter {
  /** Appends whole lines (each ended by a newline) after those written before. */
  write(lines: Uint8Array): Promise<void>;
}

const NEWLINE = 0x0a;
const CR = 0x0d;
/** `{"position":"`: how every line the store writes begins. */
const LEAD = '{"position":"';
/** Lines gathered before a write, on the sequential path. */
const FLUSH_BYTES = 1 << 20;

const unreadable = (offset: number): AuditError =>
  StoreErrors.corrupt(
    String(offset),
    'a line of the export is not an envelope: it cannot be written to the log',
  );

/**
 * Turns the verified lines of an export into the lines of a file store's log, as the store
 * would write them if each event were appended in turn: `serializeEnvelope` of the event with
 * its position replaced by the byte offset of its line in the new log. A line already laid
 * out so (as every export `assure export` writes) has its position replaced, or is kept as
 * it is when its position already is that offset (an export of a file store). Transaction
 * time must not go backwards along the log, as on every append (`RecordedAtRegressed`).
 */
class LogLines implements ExportLineSink {
  #offset = 0;
  #lastRecordedAt: string | null = null;
  #lastPosition: string | null = null;
  #problem: AuditError | undefined;
  #pending: Buffer[] = [];
  #pendingBytes = 0;

  constructor(private readonly out: LogWriter) {}

  get problem(): AuditError | undefined {
    return this.#problem;
  }

  get lastPosition(): string | null {
    return this.#lastPosition;
  }

  /** Takes one more event at the current offset (its transaction time checked before). */
  #take(recordedAt: string, bytes: number): void {
    this.#lastRecordedAt = recordedAt;
    this.#lastPosition = String(this.#offset);
    this.#offset += bytes;
  }

  /** False (and a problem) when transaction time would go backwards with this event. */
  #follows(stream: string, recordedAt: string): boolean {
    const last = this.#lastRecordedAt;
    if (last === null || recordedAt >= last) return true;
    this.#problem = StoreErrors.recordedAtRegressed(stream, 0, last, recordedAt);
    return false;
  }

  /** A line that is not laid out as the store writes it: decoded and written anew. */
  #rewritten(text: string): Buffer | undefined {
    const parsed = parseEnvelopeLine(text);
    if (E.isLeft(parsed)) {
      this.#problem = unreadable(this.#offset);
      return undefined;
    }
    const e = parsed.right;
    const line = Buffer.from(
      `${serializeEnvelope({ ...e, position: String(this.#offset) })}\n`,
      'utf8',
    );
    if (!this.#follows(e.stream, e.meta.recordedAt)) return undefined;
    this.#take(e.meta.recordedAt, line.length);
    return line;
  }

  async block(bytes: Buffer, r: BlockResult, positions: readonly (string | null)[]): Promise<void> {
    if (this.#problem !== undefined) return;
    const store = r.store;
    if (store === undefined) {
      this.#problem = StoreErrors.unavailable('the verify worker did not describe the lines');
      return;
    }
    const { layout, recordedAt } = store;
    const lines = r.lines;
    // The new lines go into `out` (room for every position to grow by 20 digits), unless the
    // block's bytes are the new lines as they are (`asIs`: no line changed yet).
    let asIs = true;
    let out: Buffer | undefined;
    let o = 0;
    /** Leaves `asIs`: the lines before `upTo` were kept as they are, so copy them over. */
    const diverge = (upTo: number): Buffer => {
      if (out !== undefined) return out;
      asIs = false;
      out = Buffer.allocUnsafe(bytes.length + 20 * lines.length + 1);
      o = bytes.copy(out, 0, 0, upTo);
      return out;
    };
    let i = 0;
    let newline = 0;
    for (
      let start = 0, nl = bytes.indexOf(NEWLINE);
      nl !== -1;
      start = nl + 1, nl = bytes.indexOf(NEWLINE, start)
    ) {
      newline++;
      let end = nl;
      if (end > start && bytes[end - 1] === CR) end--;
      if (end === start || lines[i] !== newline) {
        diverge(start); // an empty line: the store writes none
        continue;
      }
      const position = positions[i] ?? null;
      const fits = layout[i] === 1 && position !== null;
      const at = recordedAt.slice(i * RECORDED_AT_LENGTH, (i + 1) * RECORDED_AT_LENGTH);
      i++;
      if (!fits) {
        const line = this.#rewritten(bytes.toString('utf8', start, end));
        if (line === undefined) return;
        const b = diverge(start);
        if (o + line.length > b.length) {
          out = Buffer.concat([b.subarray(0, o), line]);
          o = out.length;
        } else o += line.copy(b, o);
        continue;
      }
      const want = String(this.#offset);
      const length =
        position === want && end === nl
          ? nl + 1 - start
          : LEAD.length + want.length + (end - start - LEAD.length - position.length) + 1;
      const last = this.#lastRecordedAt;
      if (last !== null && at < last) {
        this.#problem = StoreErrors.recordedAtRegressed(
          streamOf(bytes.subarray(start, end)),
          0,
          last,
          at,
        );
        return;
      }
      this.#take(at, length);
      if (asIs && length === nl + 1 - start && position === want) continue;
      let b = diverge(start);
      if (o + length > b.length) {
        out = Buffer.concat([b.subarray(0, o), Buffer.alloc(length + bytes.length)]);
        b = out;
      }
      o += b.write(LEAD, o, 'latin1');
      o += b.write(want, o, 'latin1');
      o += bytes.copy(b, o, start + LEAD.length + position.length, end);
      b[o++] = NEWLINE;
    }
    await this.out.write(asIs || out === undefined ? bytes : out.subarray(0, o));
  }

  async line(text: string, info: StoreLineInfo): Promise<void> {
    if (this.#problem !== undefined) return;
    const o = info.outcome;
    if (o.kind !== 'envelope') {
      this.#problem = unreadable(this.#offset);
      return;
    }
    let line: Buffer | undefined;
    if (!info.layout || info.recordedAt === null) line = this.#rewritten(text);
    else {
      const want = String(this.#offset);
      const s =
        o.position === want ? text : `${LEAD}${want}${text.slice(LEAD.length + o.position.length)}`;
      const b = Buffer.from(`${s}\n`, 'utf8');
      if (this.#follows(o.stream, info.recordedAt)) {
        this.#take(info.recordedAt, b.length);
        line = b;
      }
    }
    if (line === undefined) return;
    this.#pending.push(line);
    this.#pendingBytes += line.length;
    if (this.#pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#pending.length === 0) return;
    const buf = Buffer.concat(this.#pending);
    this.#pending = [];
    this.#pendingBytes = 0;
    await this.out.write(buf);
  }
}

/** The stream of a line laid out as the store writes it, to name a regression (`..."stream":"<name>",...`). */
function streamOf(line: Buffer): string {
  const key = line.indexOf('"stream":"');
  if (key === -1) return '?';
  const from = key + '"stream":"'.length;
  return line.toString('latin1', from, line.indexOf(0x22, from));
}

/**
 * Imports an export into a NEW file store log in one pass: verifies every line (as
 * {@link verifyExport} does, in worker threads for a large file) and, as it goes, writes the
 * log the file store would hold had each event been appended in turn (the same bytes:
 * positions become byte offsets, every hash stays), to `out`. Nothing it wrote may be used
 * unless it returns `Right`: on `ExportInvalid` (the report), `RecordedAtRegressed`, or a
 * failed write, the caller discards what `out` received (the file store's loader then
 * removes its new log and leaves the store as it was).
 *
 * @example
 * const started = await openLogLoader('.assure/events.ndjson')();
 * // ... a LogLoader `loader` for an empty store:
 * const r = await importToLog('audit-2019.ndjson', loader)();
 * if (E.isRight(r)) await loader.commit(); else await loader.abort();
 */
export function importToLog(
  source: NdjsonSource,
  out: LogWriter,
  options: VerifyOptions = {},
): TE.TaskEither<AuditError, ImportResult> {
  return TE.tryCatch(async () => {
    const lines = new LogLines(out);
    const report = await verifyExportInto(source, options, lines);
    if (!report.ok) throw new AuditFailure(exportInvalid(report));
    const problem = lines.problem;
    if (problem !== undefined) throw new AuditFailure(problem);
    await lines.flush();
    return { events: report.events, streams: report.streams, lastPosition: lines.lastPosition };
  }, toAuditError);
}
