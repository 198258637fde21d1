import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { snapshotChunks, type EncodedSnapshot } from './snapshot';

/** Reading or writing snapshot storage failed (a disk error, not a bad snapshot). */
export interface SnapshotIoFailed {
  readonly _tag: 'SnapshotIoFailed';
  readonly path: string;
  readonly cause: string;
  readonly message: string;
}

const ioFailed = (path: string, cause: unknown): SnapshotIoFailed => ({
  _tag: 'SnapshotIoFailed',
  path,
  cause: String(cause),
  message: `snapshot storage ${path}: ${String(cause)}`,
});

/**
 * Where read-model snapshots live. `load` returns the stored bytes, unchecked (the caller
 * reads the header and the sections it needs: `openSnapshot`), or null when there is none.
 */
export interface SnapshotStore {
  /** A readable description (a path, `memory`). */
  readonly location: string;
  /** The stored snapshot's bytes (unchecked), or null when there is none. */
  load(): TE.TaskEither<SnapshotIoFailed, Uint8Array | null>;
  /** Replaces the snapshot, atomically. */
  save(snapshot: EncodedSnapshot): TE.TaskEither<SnapshotIoFailed, void>;
}

/**
 * Snapshots kept in memory (as the bytes a file would hold, so the stored copy never shares
 * objects with live states): for embedding apps that restart projections without a process restart, and tests.
 *
 * @example
 * const snapshots = memorySnapshotStore();
 * await loadOrBuild(store, entityViews, snapshots, { decode })();
 */
export function memorySnapshotStore(): SnapshotStore & { readonly text: () => string | null } {
  let bytes: Buffer | null = null;
  return {
    location: 'memory',
    text: () => (bytes === null ? null : bytes.toString('utf8')),
    load: () => () => Promise.resolve(E.right(bytes)),
    save: (snapshot) => () => {
      bytes = Buffer.concat(
        snapshotChunks(snapshot).map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c)),
      );
      return Promise.resolve(E.right(undefined));
    },
  };
}

/**
 * Snapshots in one file on disk (a header line, then each view's section). A save writes a
 * temporary file next to it, flushes it to disk and renames it over the old one, so a
 * crash leaves the old or the new snapshot, never a mix.
 *
 * @example
 * const snapshots = fileSnapshotStore('.assure/read-models.json');
 */
export function fileSnapshotStore(path: string): SnapshotStore {
  return {
    location: path,
    load: () => async () => {
      try {
        return E.right(await readFile(path));
      } catch (e) {
        if ((e as { code?: unknown }).code === 'ENOENT') return E.right(null);
        return E.left(ioFailed(path, e));
      }
    },
    save: (snapshot) => async () => {
      const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await mkdir(dirname(path), { recursive: true });
        const fh = await open(tmp, 'w');
        try {
          // Each writeFile goes on from where the last one ended.
          for (const chunk of snapshotChunks(snapshot))
            await (typeof chunk === 'string' ? fh.writeFile(chunk, 'utf8') : fh.writeFile(chunk));
          await fh.sync();
        } finally {
          await fh.close();
        }
        await rename(tmp, path);
        return E.right(undefined);
      } catch (e) {
        await rm(tmp, { force: true }).catch(() => undefined);
        return E.left(ioFailed(path, e));
      }
    },
  };
}
