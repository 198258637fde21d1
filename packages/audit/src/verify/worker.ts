// The worker thread of a parallel verify (see ./parallel.ts): it receives blocks of whole
// NDJSON lines and answers with the order-independent outcome of each line.
import { parentPort, workerData } from 'node:worker_threads';
import { NdjsonSplitter } from '../ndjson/split';
import { analyseLine, analyseStoreLine, type LineOutcome, type StoreLineInfo } from './analyse';
import { domainEventDecoder } from './domain';
import { isBlockRequest, packBlock, packStoreLines, type BlockResult } from './protocol';

const data = workerData as { decode?: unknown; storeLines?: unknown } | null;
const decode = data?.decode === true && domainEventDecoder;
/** An import into a file store: each line's layout and `recordedAt` too (see StoreLines). */
const storeLines = data?.storeLines === true;

/** Splits a block of whole lines with the splitter `ndjsonBatches` uses. */
async function analyseBlock(id: number, bytes: Uint8Array): Promise<BlockResult> {
  const outcomes: LineOutcome[] = [];
  const infos: StoreLineInfo[] = [];
  const lines: number[] = [];
  const starts: number[] = [];
  const splitter = new NdjsonSplitter();
  await splitter.push(
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    (text, line, start) => {
      if (storeLines) {
        const info = analyseStoreLine(text, decode);
        outcomes.push(info.outcome);
        infos.push(info);
      } else outcomes.push(analyseLine(text, decode));
      lines.push(line);
      starts.push(start);
    },
  );
  return packBlock(
    id,
    splitter.newlines,
    lines,
    starts,
    outcomes,
    storeLines ? packStoreLines(infos) : undefined,
  );
}

const port = parentPort;
if (port !== null)
  port.on('message', (m: unknown) => {
    if (isBlockRequest(m)) void analyseBlock(m.id, m.bytes).then((r) => port.postMessage(r));
  });
