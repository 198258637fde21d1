import { ndjsonChunks, type NdjsonSource } from '../ndjson/split';
import { analyseLine, analyseStoreLine } from './analyse';
import { ExportCheck, type ExportLineSink } from './export-check';
import { AnalysePool } from './parallel';
import type { BlockResult } from './protocol';
import { unpackBlock } from './protocol';
import { FileIdRecall } from './recall';
import type { VerifyReport } from './report';
import type { VerifyOptions } from './verifier';

const NEWLINE = 0x0a;
/** Blocks analysed or in flight at once, per worker (bounds the memory held). */
const IN_FLIGHT_PER_WORKER = 3;

/**
 * {@link verifyExport} with the per-line work (JSON.parse, envelope guard, canonical JSON,
 * SHA-256, payload decode, Merkle leaf) in worker threads: this thread cuts the input into
 * blocks of whole lines and applies the outcomes in log order, so the report is the same as
 * the sequential one.
 */
export async function verifyExportParallel(
  source: NdjsonSource,
  options: VerifyOptions,
  script: string,
  threads: number,
  sink: ExportLineSink | undefined,
): Promise<VerifyReport> {
  const recall = typeof source === 'string' ? FileIdRecall.of(source) : undefined;
  const c = new ExportCheck(options, recall?.recall);
  const pool = new AnalysePool(script, threads, c.v.decode !== false, sink !== undefined);
  // With a sink, each block's bytes are kept (a copy: the block's own move to its worker).
  // `offset`: where the block starts in the source.
  const pending: {
    readonly result: Promise<BlockResult>;
    readonly kept: Buffer | null;
    readonly offset: number;
  }[] = [];
  let lineNo = 0;
  let headerDone = false;
  const applyOldest = async (): Promise<void> => {
    const p = pending.shift();
    if (p === undefined) return;
    const r = await p.result;
    const base = lineNo;
    const positions: (string | null)[] = [];
    unpackBlock(r, (o, line, start) => {
      c.event(o, base + line, p.offset + start);
      if (sink !== undefined) positions.push(o.kind === 'not-json' ? null : o.position);
    });
    lineNo += r.newlines;
    if (sink !== undefined && p.kept !== null) await sink.block(p.kept, r, positions);
  };
  try {
    let rest: Buffer | undefined;
    let read = 0; // bytes read from the source so far
    for await (const chunk of ndjsonChunks(source)) {
      read += chunk.length;
      const buf = rest === undefined || rest.length === 0 ? chunk : Buffer.concat([rest, chunk]);
      const last = buf.lastIndexOf(NEWLINE);
      if (last === -1) {
        rest = Buffer.from(buf); // keep a copy: the chunk's memory may be reused
        continue;
      }
      rest = Buffer.from(buf.subarray(last + 1));
      let start = 0;
      // The header (the first non-empty line) is read here, before any block is sent.
      while (!headerDone && start <= last) {
        const nl = buf.indexOf(NEWLINE, start);
        lineNo++;
        let end = nl;
        if (end > start && buf[end - 1] === 0x0d) end--;
        if (end > start) {
          headerDone = true;
          const text = buf.toString('utf8', start, end);
          await firstLine(c, sink, text, lineNo, read - buf.length + start);
        }
        start = nl + 1;
      }
      if (start > last) continue;
      const block = new Uint8Array(last + 1 - start);
      block.set(buf.subarray(start, last + 1));
      const kept = sink === undefined ? null : Buffer.from(block);
      const p = pool.analyse(block);
      p.catch(() => undefined); // awaited in order below; avoid an unhandled rejection meanwhile
      pending.push({ result: p, kept, offset: read - buf.length + start });
      if (pending.length >= threads * IN_FLIGHT_PER_WORKER) await applyOldest();
    }
    while (pending.length > 0) await applyOldest();
    if (rest !== undefined && rest.length > 0 && rest.toString('utf8').trim().length > 0)
      c.torn({ line: lineNo + 1, offset: read - rest.length, bytes: rest.length });
  } finally {
    recall?.close();
    await pool.close();
  }
  return c.finish();
}

/** The first non-empty line: the header, or else an event, analysed in this thread. */
async function firstLine(
  c: ExportCheck,
  sink: ExportLineSink | undefined,
  text: string,
  line: number,
  where: number,
): Promise<void> {
  if (c.header(text, line)) return;
  if (sink === undefined) return c.event(analyseLine(text, c.v.decode), line, where);
  const info = analyseStoreLine(text, c.v.decode);
  c.event(info.outcome, line, where);
  await sink.line(text, info);
}
