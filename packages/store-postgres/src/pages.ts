// Reads of the log and of a stream: keyset pages, one short query each, decoded as they come.
import * as E from 'fp-ts/Either';
import { StoreFailure, type Envelope, type StoreError } from '@assure/event-store';
import { storeErrorOfPg } from './pg-errors';
import { decodeRow, type ReadRow } from './rows';

/**
 * The columns a read fetches, as text where node-postgres would otherwise apply its type
 * parsers: those are global to the process, and another library in it may change them
 * (Emmett's SQL layer makes `bigint` a BigInt and parses `json` its own way).
 */
export const READ_COLUMNS =
  'position::text AS position, stream, revision, envelope::text AS envelope';

/** What the pages of a read come from: the store's query, page size and state. */
export interface PageSource {
  query(sql: string, params: unknown[]): Promise<ReadRow[]>;
  readonly batch: number;
  closed(): boolean;
  closedError(): StoreError;
}

/**
 * Pages through a keyset query (its last parameter is the page size), one short query per
 * page, so a long read holds no transaction and no connection between pages. The next
 * page is asked for as soon as a page's rows arrive, before they are decoded and handed
 * on, so the server and the network work while this side decodes (a reader that stops
 * early leaves one page unread). A row that fails to decode ends the read after the rows
 * before it, with a `StoreFailure`.
 */
export function pages(
  source: PageSource,
  sql: string,
  params: (last: ReadRow | undefined) => unknown[],
  maxCount: number,
  doing: string,
): AsyncIterable<readonly Envelope[]> {
  return { [Symbol.asyncIterator]: () => pageRun(source, sql, params, maxCount, doing) };
}

async function* pageRun(
  source: PageSource,
  sql: string,
  params: (last: ReadRow | undefined) => unknown[],
  maxCount: number,
  doing: string,
): AsyncGenerator<readonly Envelope[], void> {
  let left = maxCount;
  if (left <= 0) return;
  const fetch = (last: ReadRow | undefined, limit: number): Promise<ReadRow[]> => {
    if (source.closed()) return Promise.reject(new StoreFailure(source.closedError()));
    const p = source.query(sql, [...params(last), limit]);
    p.catch(() => undefined); // awaited below; a page left unread must not go unhandled
    return p;
  };
  let limit = Math.min(source.batch, left);
  let pending = fetch(undefined, limit);
  let ahead = true;
  try {
    for (;;) {
      let rows: ReadRow[];
      try {
        rows = await pending;
      } catch (e) {
        if (e instanceof StoreFailure) throw e;
        throw new StoreFailure(source.closed() ? source.closedError() : storeErrorOfPg(e, doing));
      } finally {
        ahead = false;
      }
      left -= rows.length;
      const more = rows.length === limit && left > 0;
      if (more) {
        limit = Math.min(source.batch, left);
        pending = fetch(rows[rows.length - 1], limit);
        ahead = true;
      }
      const batch: Envelope[] = [];
      for (const row of rows) {
        const d = decodeRow(row);
        if (E.isLeft(d)) {
          if (batch.length > 0) yield batch;
          throw new StoreFailure(d.left);
        }
        batch.push(d.right);
      }
      if (batch.length > 0) yield batch;
      if (!more) return;
    }
  } finally {
    // A reader that stopped early waits for the page asked for ahead, so no query of
    // this read is still running (or waiting for a connection) once it has stopped.
    if (ahead) await pending.catch(() => undefined);
  }
}

/** Flattens batches into single events. */
export function flat(batches: AsyncIterable<readonly Envelope[]>): AsyncIterable<Envelope> {
  return {
    async *[Symbol.asyncIterator]() {
      for await (const batch of batches) yield* batch;
    },
  };
}
