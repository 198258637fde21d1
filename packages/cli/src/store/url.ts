import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  createMemoryStore,
  StoreErrors,
  type EventStore,
  type StoreError,
  type StoreUnavailable,
} from '@assure/event-store';
import { openFileStore } from '@assure/store-file';
import { parsePostgresUrl } from '@assure/store-postgres/config';
import { CliErrors, type UsageError } from '../errors';

/** The default store URL (CLI.md): an embedded log under the working directory. */
export const DEFAULT_STORE_URL = 'file:.assure/events.ndjson';

/** A store URL, parsed. */
export type StoreLocation =
  | { readonly _tag: 'memory' }
  | { readonly _tag: 'file'; readonly path: string }
  | { readonly _tag: 'esdb'; readonly url: string }
  | { readonly _tag: 'postgres'; readonly url: string };

/**
 * Parses a store URL: `memory:`, `file:PATH` (relative to `cwd`), `esdb://...`,
 * `esdb+discover://...` or `postgres://...` (`postgresql://...`; the host, database and
 * `schema` parameter are checked here, so a malformed one is a usage error).
 *
 * @example
 * parseStoreUrl('file:.assure/events.ndjson', '/work'); // right({_tag: 'file', path: '/work/.assure/events.ndjson'})
 */
export function parseStoreUrl(url: string, cwd: string): E.Either<UsageError, StoreLocation> {
  if (url === 'memory:' || url === 'memory') return E.right({ _tag: 'memory' });
  if (url.startsWith('file:')) {
    let p = url.slice('file:'.length);
    if (p.startsWith('//')) p = p.slice(2); // file:///abs/path
    if (p === '') return E.left(CliErrors.usage(`--store: file: needs a path (file:PATH)`));
    return E.right({ _tag: 'file', path: path.resolve(cwd, p) });
  }
  if (/^esdb(\+discover)?:\/\//i.test(url)) return E.right({ _tag: 'esdb', url });
  if (/^postgres(ql)?:\/\//i.test(url)) {
    const parsed = parsePostgresUrl(url);
    return E.isLeft(parsed)
      ? E.left(CliErrors.usage(`--store: ${parsed.left.message}`))
      : E.right({ _tag: 'postgres', url });
  }
  return E.left(
    CliErrors.usage(
      `--store: unknown store URL ${JSON.stringify(url)} (use memory:, file:PATH, esdb://host:2113, esdb+discover://... or postgres://user@host:5432/database)`,
    ),
  );
}

/**
 * Why a `file:` store cannot be read because its log does not exist (`StoreUnavailable`,
 * exit 5), or null when the file is there. Only a write creates the log: a read of a path
 * that holds no log is a mistake to report, not an empty store. `remedy` says how to begin
 * one there on purpose.
 */
export async function missingLog(
  file: string,
  remedy = 'a write creates it',
): Promise<StoreUnavailable | null> {
  try {
    await fs.stat(file);
    return null;
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') return null; // the open reports the rest
    return StoreErrors.unavailable(
      `no store at ${file}: the file does not exist (${remedy}; check --store or ASSURE_STORE)`,
    );
  }
}

/**
 * Runs `open` after creating the directory of a `file:` store to write (a write creates the
 * log and its directory), with an error that says which directory could not be made and why.
 */
function createDirectoryThen(
  file: string,
  open: TE.TaskEither<StoreError, EventStore>,
): TE.TaskEither<StoreError, EventStore> {
  return async () => {
    const dir = path.dirname(file);
    try {
      await fs.mkdir(dir, { recursive: true });
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      const why =
        code === 'ENOTDIR' || code === 'EEXIST'
          ? 'a part of that path is a file, not a directory'
          : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
            ? 'permission denied'
            : e instanceof Error
              ? e.message
              : String(e);
      return E.left(
        StoreErrors.unavailable(`cannot create the directory ${dir} for the store ${file}: ${why}`),
      );
    }
    return open();
  };
}

/**
 * Opens the store at a location; `readOnly` opens a file store as a reader (no lock), and
 * refuses one whose log does not exist (see {@link missingLog}).
 */
export function openStore(
  location: StoreLocation,
  options: { readonly readOnly?: boolean } = {},
): TE.TaskEither<StoreError, EventStore> {
  switch (location._tag) {
    case 'memory':
      return () => Promise.resolve(E.right(createMemoryStore()));
    case 'file': {
      const open = openFileStore(location.path, {
        readOnly: options.readOnly === true,
        logger: { warn: (m) => process.stderr.write(`assure: warning: ${m}\n`) },
      });
      if (options.readOnly !== true) return createDirectoryThen(location.path, open);
      return async () => {
        const missing = await missingLog(location.path);
        return missing === null ? open() : E.left(missing);
      };
    }
    case 'esdb':
      // Loaded on demand: the gRPC client is heavy, and most runs use the file store.
      return async () => (await import('@assure/store-esdb')).createEsdbStore(location.url);
    case 'postgres':
      // The schema must be migrated (`assure migrate`); opening never changes it.
      return async () => (await import('@assure/store-postgres')).openPostgresStore(location.url)();
    default: {
      const never: never = location;
      return never;
    }
  }
}
