import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { declaredMaxOccurredAt, type SnapshotDocument } from './snapshot';

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
 * Where read-model snapshots live. `load` returns the parsed JSON as unknown (the caller
 * decodes it), or null when there is none; an unparsable file also reads as unknown text
 * so that it is reported and rebuilt over, never trusted.
 */
export interface SnapshotStore {
  /** A readable description (a path, `memory`). */
  readonly location: string;
  /** The stored snapshot (unvalidated), or null when there is none. */
  load(): TE.TaskEither<
    SnapshotIoFailed,
    { readonly json: unknown } | { readonly unparsable: string } | null
  >;
  /** Replaces the snapshot, atomically. */
  save(doc: SnapshotDocument): TE.TaskEither<SnapshotIoFailed, void>;
  /**
   * The `maxOccurredAt` the stored snapshot declares in its head (see
   * {@link declaredMaxOccurredAt}), read without loading the rest; undefined when there is
   * no snapshot or its head does not say. Unchecked (no digest): a hint that lets a caller
   * skip loading a snapshot that cannot serve an as-at day, never a source of states.
   */
  readonly peekMaxOccurredAt?: () => Promise<string | null | undefined>;
}

/** Bytes of a snapshot file read to find its head: the fields before `views`. */
const HEAD_BYTES = 4096;

/**
 * Snapshots kept in memory (as JSON text, so the stored copy never shares objects with live
 * states): for embedding apps that restart projections without a process restart, and tests.
 *
 * @example
 * const snapshots = memorySnapshotStore();
 * await loadOrBuild(store, entityViews, snapshots, { decode })();
 */
export function memorySnapshotStore(): SnapshotStore & { readonly text: () => string | null } {
  let text: string | null = null;
  return {
    location: 'memory',
    text: () => text,
    load: () => () => {
      if (text === null) return Promise.resolve(E.right(null));
      try {
        return Promise.resolve(E.right({ json: JSON.parse(text) as unknown }));
      } catch (e) {
        return Promise.resolve(E.right({ unparsable: String(e) }));
      }
    },
    save: (doc) => () => {
      text = JSON.stringify(doc);
      return Promise.resolve(E.right(undefined));
    },
    peekMaxOccurredAt: () =>
      Promise.resolve(text === null ? undefined : declaredMaxOccurredAt(text.slice(0, HEAD_BYTES))),
  };
}

/**
 * Snapshots in one JSON file on disk. A save writes a temporary file next to it, flushes
 * it to disk and renames it over the old one, so a crash leaves the old or the new
 * snapshot, never a mix.
 *
 * @example
 * const snapshots = fileSnapshotStore('.assure/read-models.json');
 */
export function fileSnapshotStore(path: string): SnapshotStore {
  return {
    location: path,
    load: () => async () => {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (e) {
        if ((e as { code?: unknown }).code === 'ENOENT') return E.right(null);
        return E.left(ioFailed(path, e));
      }
      try {
        return E.right({ json: JSON.parse(text) as unknown });
      } catch (e) {
        return E.right({ unparsable: String(e) });
      }
    },
    save: (doc) => async () => {
      const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await mkdir(dirname(path), { recursive: true });
        const fh = await open(tmp, 'w');
        try {
          await fh.writeFile(JSON.stringify(doc), 'utf8');
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
    peekMaxOccurredAt: async () => {
      try {
        const fh = await open(path, 'r');
        try {
          const buffer = Buffer.alloc(HEAD_BYTES);
          const { bytesRead } = await fh.read(buffer, 0, HEAD_BYTES, 0);
          return declaredMaxOccurredAt(buffer.toString('utf8', 0, bytesRead));
        } finally {
          await fh.close();
        }
      } catch {
        // No file, or it cannot be read: `load` says which.
        return undefined;
      }
    },
  };
}
