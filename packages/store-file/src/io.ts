import * as fsp from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';

/** The message of a thrown value, for an error that names its cause. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Makes a directory's entries durable (a file just created or renamed in it). Some
 * platforms cannot fsync a directory: then the file's own fsync still covers its data.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms cannot fsync a directory; the file's own fsync still covers its data.
  } finally {
    await handle?.close();
  }
}
