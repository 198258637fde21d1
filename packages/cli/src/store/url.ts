import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { createMemoryStore, type EventStore, type StoreError } from '@assure/event-store';
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

/** Opens the store at a location; `readOnly` opens a file store as a reader (no lock). */
export function openStore(
  location: StoreLocation,
  options: { readonly readOnly?: boolean } = {},
): TE.TaskEither<StoreError, EventStore> {
  switch (location._tag) {
    case 'memory':
      return () => Promise.resolve(E.right(createMemoryStore()));
    case 'file':
      return openFileStore(location.path, {
        readOnly: options.readOnly === true,
        logger: { warn: (m) => process.stderr.write(`assure: warning: ${m}\n`) },
      });
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
