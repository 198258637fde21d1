// The worker thread of a parallel verify (see ./parallel.ts): it receives blocks of whole
// NDJSON lines and answers with the order-independent outcome of each line.
import { parentPort, workerData } from 'node:worker_threads';
import { analyseLine, analyseStoreLine, type LineOutcome, type StoreLineInfo } from './analyse';
import { domainEventDecoder } from './domain';
import { isBlockRequest, packBlock, packStoreLines, type BlockResult } from './protocol';

const NEWLINE = 0x0a;
const data = workerData as { decode?: unknown; storeLines?: unknown } | null;
const decode = data?.decode === true && domainEventDecoder;
/** An import into a file store: each line's layout and `recordedAt` too (see StoreLines). */
const storeLines = data?.storeLines === true;

/** Splits a block exactly as `ndjsonBatches` does (empty lines skipped, CR LF accepted). */
function analyseBlock(id: number, bytes: Uint8Array): BlockResult {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const outcomes: LineOutcome[] = [];
  const infos: StoreLineInfo[] = [];
  const lines: number[] = [];
  const starts: number[] = [];
  let start = 0;
  let newlines = 0;
  for (let nl = buf.indexOf(NEWLINE, start); nl !== -1; nl = buf.indexOf(NEWLINE, start)) {
    newlines++;
    let end = nl;
    if (end > start && buf[end - 1] === 0x0d) end--;
    if (end > start) {
      const text = buf.toString('utf8', start, end);
      if (storeLines) {
        const info = analyseStoreLine(text, decode);
        outcomes.push(info.outcome);
        infos.push(info);
      } else outcomes.push(analyseLine(text, decode));
      lines.push(newlines);
      starts.push(start);
    }
    start = nl + 1;
  }
  return packBlock(
    id,
    newlines,
    lines,
    starts,
    outcomes,
    storeLines ? packStoreLines(infos) : undefined,
  );
}

const port = parentPort;
if (port !== null)
  port.on('message', (m: unknown) => {
    if (isBlockRequest(m)) port.postMessage(analyseBlock(m.id, m.bytes));
  });
