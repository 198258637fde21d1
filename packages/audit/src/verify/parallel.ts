import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { isBlockResult, type BlockRequest, type BlockResult } from './protocol';

/**
 * The compiled worker script: beside this module when running from `dist`, else (running
 * from sources, as tests and benchmarks do) the package's built copy. Undefined when neither
 * exists: the caller then verifies in its own thread.
 */
export function workerScript(): string | undefined {
  const candidates = [join(__dirname, 'worker.js'), join(__dirname, '../../dist/verify/worker.js')];
  return candidates.find((f) => existsSync(f));
}

/**
 * A pool of verify workers: blocks go round robin, answers come back as promises. The
 * caller awaits them in the order it sent them, so the log order is kept.
 */
export class AnalysePool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<
    number,
    { resolve: (r: BlockResult) => void; reject: (e: Error) => void }
  >();
  private next = 0;
  private failed: Error | undefined = undefined;

  /** `storeLines`: answer each block with its `StoreLines` too (an import). */
  constructor(script: string, threads: number, decode: boolean, storeLines = false) {
    this.workers = Array.from({ length: threads }, () => {
      const w = new Worker(script, { workerData: { decode, storeLines } });
      w.on('message', (m: unknown) => {
        if (!isBlockResult(m)) return this.fail(new Error('verify worker: malformed answer'));
        const p = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        p?.resolve(m);
      });
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (this.waiting.size > 0) this.fail(new Error(`verify worker exited (${code})`));
      });
      return w;
    });
  }

  private fail(e: Error): void {
    this.failed ??= e;
    for (const p of this.waiting.values()) p.reject(e);
    this.waiting.clear();
  }

  /** Sends a block of whole lines (its bytes move to the worker); resolves to its outcomes. */
  analyse(bytes: Uint8Array): Promise<BlockResult> {
    if (this.failed !== undefined) return Promise.reject(this.failed);
    const id = this.next++;
    const w = this.workers[id % this.workers.length]!;
    return new Promise<BlockResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const req: BlockRequest = { id, bytes };
      w.postMessage(req, [bytes.buffer as ArrayBuffer]);
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
