import { Writable } from 'node:stream';
import * as E from 'fp-ts/Either';
import type { EventStore } from '@assure/event-store';
import { readModels } from '@assure/projections';
import { createServer, type AssureServer } from '@assure/server';
import { BOARD_READER, seededFolder, type Folder } from './fixture';
import { bearer, birminghamLines, key, openStore, request, seed } from './helpers';

// A past day or a known-at instant on the document routes is answered from the server's
// event journal: built by the first such read (one fold of the log), then followed; later
// reads read the store only after the journal's checkpoint (nothing, when it has folded the
// head), and the document is the one a replay of the log gives.

const clock = () => new Date('2019-10-31T12:00:00.000Z');

/**
 * The store, with a count of the envelopes its whole-log reads hand out (every method named
 * `readAll...` or `readDecodedBatches`; arrays counted by length, batches of decodings by
 * their envelopes). Methods run on the store itself, so its private fields work.
 */
function counting(store: EventStore): { store: EventStore; read: () => number } {
  let read = 0;
  const count = (item: unknown): number => {
    if (Array.isArray(item)) return item.length;
    if (typeof item === 'object' && item !== null && 'envelopes' in item) {
      const envelopes: unknown = item.envelopes;
      return Array.isArray(envelopes) ? envelopes.length : 0;
    }
    return 1;
  };
  async function* counted(items: AsyncIterable<unknown>): AsyncIterable<unknown> {
    for await (const item of items) {
      read += count(item);
      yield item;
    }
  }
  const proxy = new Proxy(store, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const bound = (...args: unknown[]): unknown => Reflect.apply(value, target, args);
      if (typeof prop === 'string' && (prop.startsWith('readAll') || prop === 'readDecodedBatches'))
        return (...args: unknown[]) => {
          const items = bound(...args);
          return typeof items === 'object' && items !== null && Symbol.asyncIterator in items
            ? counted(items as AsyncIterable<unknown>)
            : items;
        };
      return bound;
    },
  });
  return { store: proxy, read: () => read };
}

describe('past days on the document routes come from the followed event journal', () => {
  let folder: Folder;
  let server: AssureServer;
  let store: EventStore;
  let reads: () => number;
  let url: string;
  let secret: string;

  beforeAll(async () => {
    folder = await seededFolder(120);
    secret = (await key(folder.keys, BOARD_READER.actor, BOARD_READER.role, 'read')).secret;
    const c = counting(await openStore(folder.file));
    store = c.store;
    reads = c.read;
    const quiet = new Writable({ write: (_c, _e, cb) => cb() });
    const built = await createServer({
      store,
      keysFile: folder.keys,
      clock,
      logger: { level: 'error', stream: quiet },
    });
    if (E.isLeft(built)) throw new Error(built.left.message);
    server = built.right;
    url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  });

  const status = (query: string) =>
    request(`${url}/v1/status${query}`, { headers: bearer(secret) });

  async function replayed(asAt: string, knownAt?: string): Promise<unknown> {
    const r = await readModels(store, { asAt, ...(knownAt === undefined ? {} : { knownAt }) })();
    if (E.isLeft(r)) throw new Error(r.left._tag);
    expect(r.right.load.source).toBe('replayed');
    return JSON.parse(JSON.stringify(r.right.models.status()));
  }

  it('the first past-day read builds the journal: it reads the log once', async () => {
    const before = reads();
    const r = await status('?asAt=2016-02-29');
    expect(r.status).toBe(200);
    expect(reads() - before).toBe(120);
    expect(r.json).toEqual(await replayed('2016-02-29'));
  });
  afterAll(async () => {
    await server.close();
    await store.close();
    await folder.remove();
  });

  it.each([
    ['?asAt=2016-01-31', '2016-01-31', undefined],
    ['?knownAt=2016-03-01T00:00:00.000Z', '2019-10-31', '2016-03-01T00:00:00.000Z'],
    ['?asAt=2015-09-30&knownAt=2015-06-01T00:00:00.000Z', '2015-09-30', '2015-06-01T00:00:00.000Z'],
  ] as const)('GET /v1/status%s reads no event from the store', async (query, asAt, knownAt) => {
    const before = reads();
    const r = await status(query);
    expect(r.status).toBe(200);
    expect(reads() - before).toBe(0);
    expect(r.json).toEqual(await replayed(asAt, knownAt));
  });

  it('follows the log: after more events, past days still equal a replay', async () => {
    await seed(store, birminghamLines(140).slice(120));
    for (const [query, asAt, knownAt] of [
      ['?asAt=2016-01-31', '2016-01-31', undefined],
      ['?knownAt=2030-01-01T00:00:00.000Z', '2019-10-31', '2030-01-01T00:00:00.000Z'],
    ] as const) {
      const r = await status(query);
      expect(r.status).toBe(200);
      expect(r.json).toEqual(await replayed(asAt, knownAt));
    }
  });
});
