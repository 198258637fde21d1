import type { FileHandle } from 'node:fs/promises';
import { StoreErrors, type StoreUnavailable } from '@assure/event-store';

/**
 * The log file as the parts of an open store share it: the store's reads, its group-commit
 * appender (a writer) and its follower of the file (a reader).
 */
export interface OpenFile {
  /** Absolute path of the log file. */
  readonly path: string;
  /** Null: a reader's file not created yet, or the store closed. */
  handle: FileHandle | null;
  closed: boolean;
}

/** The failure of any use of a closed store. */
export function closedError(file: OpenFile): StoreUnavailable {
  return StoreErrors.unavailable(`the file store ${file.path} is closed`);
}
