import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { EventIdRecall } from './fingerprints';

const NEWLINE = 0x0a;

/**
 * Reads event ids back from an NDJSON file, by the byte offset of their line (the exact
 * check behind `EventIdSet`'s fingerprints). The file is opened on the first read back,
 * which happens only for a repeated id or two ids of the same 32-bit hash.
 */
export class FileIdRecall {
  private fd: number | undefined;

  private constructor(private readonly path: string) {}

  /** A reader of `path` when it is a regular file (a pipe cannot be read twice), else undefined. */
  static of(path: string): FileIdRecall | undefined {
    try {
      return statSync(path).isFile() ? new FileIdRecall(path) : undefined;
    } catch {
      return undefined; // the read of the source reports the error
    }
  }

  /** The event id of the line at byte offset `where`. */
  readonly recall: EventIdRecall = (where) => {
    const id = eventIdOf(this.lineAt(where));
    if (id === undefined)
      throw new Error(
        `verify: the line at byte offset ${where} of ${this.path} changed while it was verified (it no longer holds an event id)`,
      );
    return id;
  };

  private lineAt(where: number): string {
    this.fd ??= openSync(this.path, 'r');
    for (let size = 4096; ; size *= 4) {
      const buf = Buffer.allocUnsafe(size);
      const n = readSync(this.fd, buf, 0, size, where);
      const nl = buf.subarray(0, n).indexOf(NEWLINE);
      if (nl !== -1 || n < size) {
        let end = nl === -1 ? n : nl;
        if (end > 0 && buf[end - 1] === 0x0d) end--;
        return buf.toString('utf8', 0, end);
      }
    }
  }

  /** Closes the file if it was opened. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

function eventIdOf(line: string): string | undefined {
  try {
    const u: unknown = JSON.parse(line);
    if (typeof u !== 'object' || u === null || !('eventId' in u)) return undefined;
    return typeof u.eventId === 'string' ? u.eventId : undefined;
  } catch {
    return undefined;
  }
}
