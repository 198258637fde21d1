import { writeSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * Up to this many bytes, a group commit's write is made on the event loop's own thread
 * (`writeSync`); larger batches go through the thread pool. See {@link writeBatch}.
 */
export const SYNC_WRITE_MAX_BYTES = 64 * 1024;

/**
 * Writes all of `buf` at byte `position` of the file: a group commit's one write, before
 * its fsync. A small batch is written synchronously: copying a few kilobytes into the page
 * cache takes microseconds, less than handing the write to the thread pool and waking the
 * event loop when it is done (a hop that, on a busy machine, waits for the scheduler each
 * time). Nothing is durable before the fsync either way: the write only orders the bytes.
 * A large batch is written asynchronously, so the event loop is never held for long.
 */
export async function writeBatch(handle: FileHandle, buf: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const want = buf.length - done;
    const bytesWritten =
      want <= SYNC_WRITE_MAX_BYTES
        ? writeSync(handle.fd, buf, done, want, position + done)
        : (await handle.write(buf, done, want, position + done)).bytesWritten;
    if (bytesWritten <= 0) throw new Error('the disk accepted no bytes');
    done += bytesWritten;
  }
}
