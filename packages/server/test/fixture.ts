/**
 * The fixture most server tests start from: a temporary folder holding a file store seeded
 * with the Birmingham example and a keys file, and (with `startSeeded`) a server over them.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { EventStore } from '@assure/event-store';
import type { ServerOptions } from '@assure/server';
import { birminghamLines, key, openStore, seed, start, tempDir, type Running } from './helpers';

/** Who a key is issued to. */
export interface Holder {
  readonly actor: string;
  readonly role: string;
  readonly scope: 'read' | 'write';
}

/** The holders the tests use most. */
export const OFFICER: Holder = { actor: 'officer-cfo', role: 'officer', scope: 'write' };
export const ADMIN: Holder = { actor: 'pmo-admin', role: 'admin', scope: 'write' };
export const BOARD_READER: Holder = { actor: 'board-chair', role: 'board', scope: 'read' };

/** A key as issued: its id and its secret (shown once). */
export interface Issued {
  readonly id: string;
  readonly secret: string;
}

/** What goes into the store: the first `n` Birmingham commands, these commands, or a writer. */
export type Contents =
  number | readonly Record<string, unknown>[] | ((store: EventStore) => Promise<void>);

/** A temporary folder with a seeded file store, and where its keys file goes. */
export interface Folder {
  readonly dir: string;
  /** The file store (`events.ndjson`), closed. */
  readonly file: string;
  /** The keys file (`keys.json`): written by the first key issued. */
  readonly keys: string;
  /** Removes the folder and all in it. */
  remove(): Promise<void>;
}

/** A fresh folder whose file store holds `contents`. */
export async function seededFolder(contents: Contents): Promise<Folder> {
  const dir = await tempDir();
  const file = path.join(dir, 'events.ndjson');
  const store = await openStore(file);
  try {
    if (typeof contents === 'function') await contents(store);
    else await seed(store, typeof contents === 'number' ? birminghamLines(contents) : contents);
  } finally {
    await store.close();
  }
  return {
    dir,
    file,
    keys: path.join(dir, 'keys.json'),
    remove: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

/**
 * A value made for the enclosing `describe` and released after it: once for the suite
 * (`'all'`) or afresh for each test (`'each'`). The getter returned is called inside tests and hooks.
 */
function forSuite<T>(
  make: () => Promise<T>,
  release: (made: T) => Promise<void>,
  per: 'all' | 'each',
): () => T {
  let made: T | undefined;
  const [before, after] = per === 'all' ? [beforeAll, afterAll] : [beforeEach, afterEach];
  before(async () => {
    made = await make();
  });
  after(async () => {
    if (made !== undefined) await release(made);
    made = undefined;
  });
  return () => {
    if (made === undefined) throw new Error('a suite fixture is read outside its tests');
    return made;
  };
}

/** The seeded folder of a `describe` (see `forSuite`): `folder()` inside its tests and hooks. */
export const suiteFolder = (contents: Contents, per: 'all' | 'each' = 'all'): (() => Folder) =>
  forSuite(
    () => seededFolder(contents),
    (f) => f.remove(),
    per,
  );

/** Issues one key to each holder, in the order given, into the keys file `keys`. */
export async function issueKeys<K extends string>(
  keys: string,
  holders: Record<K, Holder>,
): Promise<Record<K, Issued>> {
  const out: Partial<Record<K, Issued>> = {};
  for (const name of Object.keys(holders) as K[]) {
    const h = holders[name];
    out[name] = await key(keys, h.actor, h.role, h.scope);
  }
  return out as Record<K, Issued>;
}

/** A running server over a seeded folder, with the keys issued for it. */
export interface SeededServer<K extends string> extends Running {
  readonly folder: Folder;
  readonly issued: Record<K, Issued>;
  /** Stops the server, closes its store and removes the folder. */
  stop(): Promise<void>;
}

/** What a seeded server holds: the store's contents, the keys' holders, the server's options. */
export interface Seeding<K extends string> {
  readonly contents: Contents;
  readonly holders: Record<K, Holder>;
  readonly options?: Partial<ServerOptions> | ((folder: Folder) => Promise<Partial<ServerOptions>>);
}

/**
 * Seeds a folder, issues the keys and starts a server over them on a free loopback port.
 * `options` may be worked out from the folder (a JWKS file written into it, say).
 */
export async function startSeeded<K extends string>(setup: Seeding<K>): Promise<SeededServer<K>> {
  const folder = await seededFolder(setup.contents);
  const issued = await issueKeys(folder.keys, setup.holders);
  const options =
    typeof setup.options === 'function' ? await setup.options(folder) : (setup.options ?? {});
  const running = await start(folder.file, folder.keys, options);
  return {
    ...running,
    folder,
    issued,
    stop: async () => {
      await running.stop();
      await folder.remove();
    },
  };
}

/** The server of a `describe`: its address, its store and folder, and each holder's key. */
export interface SuiteServer<K extends string> {
  readonly url: string;
  readonly store: EventStore;
  readonly folder: Folder;
  /** The secret of the key issued to `holder`. */
  secret(holder: K): string;
}

/**
 * A seeded server for the enclosing `describe`: started before its tests (`beforeAll`) and
 * stopped after them (`afterAll`). Its fields are read inside tests and hooks.
 */
export function seededSuite<K extends string>(setup: Seeding<K>): SuiteServer<K> {
  const now = forSuite(
    () => startSeeded(setup),
    (s) => s.stop(),
    'all',
  );
  return {
    get url() {
      return now().url;
    },
    get store() {
      return now().store;
    },
    get folder() {
      return now().folder;
    },
    secret: (holder) => now().issued[holder].secret,
  };
}
