import { writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * Up to this many bytes, a group commit's write is made on the event loop's own thread
 * (`writeSync`); larger batches go through the thread pool. See {@link writeBatch}.
 */
export const SYNC_WRITE_MAX_BYTES = 64 * 1024;

/**
 * Writes all of `buf` at byte `position` of the file: a group commit's one write, before
 * its fsync. A small batch is written synchronously, and then nothing is returned: copying
 * a few kilobytes into the page cache takes microseconds, less than handing the write to
 * the thread pool and waking the event loop when it is done (a hop that, on a busy machine,
 * waits for the scheduler each time), and less than settling a promise. Nothing is durable
 * before the fsync either way: the write only orders the bytes. A large batch is written
 * asynchronously (the promise returned), so the event loop is never held for long.
 */
export function writeBatch(
  handle: FileHandle,
  buf: Buffer,
  position: number,
): Promise<void> | undefined {
  let done = 0;
  while (done < buf.length && buf.length - done <= SYNC_WRITE_MAX_BYTES) {
    done += accepted(writeSync(handle.fd, buf, done, buf.length - done, position + done));
  }
  return done < buf.length ? writeRest(handle, buf, position, done) : undefined;
}

/** The rest of a large batch, from byte `done` of `buf` on, through the thread pool. */
async function writeRest(
  handle: FileHandle,
  buf: Buffer,
  position: number,
  from: number,
): Promise<void> {
  let done = from;
  while (done < buf.length) {
    const want = buf.length - done;
    done += accepted(
      want <= SYNC_WRITE_MAX_BYTES
        ? writeSync(handle.fd, buf, done, want, position + done)
        : (await handle.write(buf, done, want, position + done)).bytesWritten,
    );
  }
}

function accepted(bytesWritten: number): number {
  if (bytesWritten <= 0) throw new Error('the disk accepted no bytes');
  return bytesWritten;
}

/** An append's lines and their UTF-8 length in bytes, as prepared. */
export interface BatchPart {
  readonly text: string;
  readonly bytes: number;
}

/**
 * The bytes of a group commit: the lines of its appends, one after another. With `scratch`,
 * a commit that fits in it is encoded into it and a view of it is returned (no buffer
 * allocated per commit, nor an `ArrayBuffer` for one over 4 KiB): the view is only valid
 * until the next commit is encoded into the same scratch. The appender's scratch holds
 * {@link SYNC_WRITE_MAX_BYTES}, so whatever is encoded there is written by `writeSync`
 * before the call returns; a larger commit gets its own buffer, which its asynchronous
 * write may keep.
 */
export function batchBuffer(batch: readonly BatchPart[], scratch?: Buffer): Buffer {
  let size = 0;
  for (const q of batch) size += q.bytes;
  let into: Buffer;
  if (scratch !== undefined && size <= scratch.length) into = scratch;
  else if (batch.length === 1 && batch[0] !== undefined) return Buffer.from(batch[0].text, 'utf8');
  else into = Buffer.allocUnsafe(size);
  let at = 0;
  for (const q of batch) at += into.write(q.text, at, 'utf8');
  if (at !== size) throw new Error(`a batch of ${size} bytes encoded to ${at}`);
  return into.length === size ? into : into.subarray(0, size);
}
