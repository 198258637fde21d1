import { createReadStream, promises as fs } from 'node:fs';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  computeEventHash,
  Envelope,
  StoreErrors,
  StoreFailure,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type StoreError,
} from '@assure/event-store';

/**
 * A read-only view of a file store's log for the reading commands, that starts reading at
 * a position without indexing the whole log first: in the embedded file store a position is
 * the byte offset of the event's line, so `readAll({from})` seeks there (each line's
 * position is checked against its offset; {@link looksSeekable} tests the log first). This is what lets
 * `assure status` answer from a read-model snapshot in well under a second on a large log.
 *
 * Every line it reads is decoded with the envelope codec and its hash recomputed (an edited
 * event fails with `Tampered`), and the first line must carry the position sought (otherwise
 * `StoreCorrupt`). Stream chains and revisions are not re-checked here: `assure verify` does
 * that. An incomplete last line (a writer mid-append) is ignored.
 *
 * Only `readAll` and `headPosition` are served; writing is refused.
 */
export class FileLogReader implements EventStore {
  constructor(private readonly path: string) {}

  append(): TE.TaskEither<StoreError, AppendResult> {
    return () =>
      Promise.resolve(E.left(StoreErrors.unavailable('this store was opened to read only')));
  }

  async *readStream(stream: string): AsyncIterable<Envelope> {
    for await (const e of this.readAll()) if (e.stream === stream) yield e;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<Envelope> {
    const from = options.from ?? 0n;
    const max = options.maxCount ?? Infinity;
    if (max <= 0) return;
    let size: number;
    try {
      size = (await fs.stat(this.path)).size;
    } catch (e) {
      if ((e as { code?: unknown }).code === 'ENOENT') return;
      throw new StoreFailure(StoreErrors.unavailable(String(e)));
    }
    if (from >= BigInt(size)) return;
    // Start one byte early and skip to the end of that line: the first line read is then the
    // first one starting at or after `from` (positions need not be contiguous).
    let offset = from === 0n ? 0 : Number(from) - 1;
    let skipping = from !== 0n;
    let rest = '';
    let count = 0;
    for await (const chunk of createReadStream(this.path, { start: offset, encoding: 'utf8' })) {
      const text = rest + (chunk as string);
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const here = offset;
        offset += Buffer.byteLength(line, 'utf8') + 1;
        if (skipping) {
          skipping = false;
          continue;
        }
        if (line.trim() === '') continue;
        yield this.decode(line, here);
        if (++count >= max) return;
      }
    }
  }

  private decode(line: string, at: number): Envelope {
    let u: unknown;
    try {
      u = JSON.parse(line);
    } catch {
      throw new StoreFailure(StoreErrors.corrupt(String(at), 'a line of the log is not JSON'));
    }
    const d = Envelope.decode(u);
    if (E.isLeft(d))
      throw new StoreFailure(
        StoreErrors.corrupt(String(at), 'a line of the log is not an event envelope'),
      );
    const e = d.right;
    if (e.position !== String(at))
      throw new StoreFailure(
        StoreErrors.corrupt(String(at), `the line at byte ${at} carries position ${e.position}`),
      );
    if (computeEventHash(e) !== e.hash)
      throw new StoreFailure(
        StoreErrors.tampered(e.position, e.stream, e.revision, 'hash-mismatch'),
      );
    return e;
  }

  subscribe(): AsyncIterable<Envelope> {
    return this.readAll();
  }

  headPosition(): TE.TaskEither<StoreError, bigint | null> {
    return async () => {
      let last: bigint | null = null;
      try {
        for await (const e of this.readAll()) last = BigInt(e.position);
      } catch (thrown) {
        if (thrown instanceof StoreFailure) return E.left(thrown.error);
        throw thrown;
      }
      return E.right(last);
    };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Whether a file log's positions are the byte offsets of its lines (the embedded file
 * store's scheme), judged from its first two lines; a missing or empty file qualifies.
 */
export async function looksSeekable(path: string): Promise<boolean> {
  let head: string;
  try {
    const fh = await fs.open(path, 'r');
    try {
      const buf = Buffer.alloc(64 * 1024);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await fh.close();
    }
  } catch (e) {
    return (e as { code?: unknown }).code === 'ENOENT';
  }
  const lines = head.split('\n');
  const positionOf = (l: string | undefined): string | null =>
    /^\{"position":"(\d+)"/.exec(l ?? '')?.[1] ?? null;
  if (head === '') return true;
  if (positionOf(lines[0]) !== '0') return false;
  if (lines.length < 3) return true;
  return positionOf(lines[1]) === String(Buffer.byteLength(lines[0] ?? '', 'utf8') + 1);
}
