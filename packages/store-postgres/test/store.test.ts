import * as E from 'fp-ts/Either';
import { StoreFailure, type Envelope, type ProposedEvent } from '@assure/event-store';
import { collect, numberedEvents, proposedEvent } from '@assure/testing';
import { freshDatabase, openStore, sql, type TestDatabase } from './support/db';

// What the contract suite cannot see: the rows themselves, a reopened store, rows edited
// behind the store's back, events that cannot be stored.

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase(__filename);
});
afterAll(async () => {
  await db.drop();
});

async function failureOf(
  iterable: AsyncIterable<unknown>,
): Promise<{ read: number; error: unknown }> {
  let read = 0;
  try {
    for await (const _ of iterable) read++;
  } catch (e) {
    return { read, error: e };
  }
  return { read, error: undefined };
}

it('stores each envelope verbatim beside its columns; a reopened store reads the same', async () => {
  const url = db.schemaUrl('rows');
  const store = await openStore(url);
  const r = await store.append('risk-equal-pay', numberedEvents(3), 'no-stream')();
  if (E.isLeft(r)) throw new Error(r.left.message);
  await store.close();
  const rows = await sql<{
    position: string;
    stream: string;
    revision: number;
    hash: string;
    text: string;
  }>(
    url,
    `SELECT position, stream, revision, hash, envelope::text AS text FROM rows.events ORDER BY position`,
  );
  expect(rows.map((row) => [row.position, row.stream, row.revision, row.hash])).toEqual(
    r.right.events.map((e) => [e.position, e.stream, e.revision, e.hash]),
  );
  // The text is the envelope in the normative field order, as it was hashed.
  expect(rows.map((row) => row.text)).toEqual(r.right.events.map((e) => JSON.stringify(e)));
  const reopened = await openStore(url, { migrate: false });
  expect(await collect(reopened.readAll())).toEqual(r.right.events);
  await reopened.close();
});

it('the table is append-only: UPDATE and DELETE are refused', async () => {
  const url = db.schemaUrl('appendonly');
  const store = await openStore(url);
  await store.append('risk-equal-pay', numberedEvents(1), 'no-stream')();
  await store.close();
  await expect(sql(url, `UPDATE appendonly.events SET stream = 'risk-other'`)).rejects.toThrow(
    /append-only: UPDATE refused/,
  );
  await expect(sql(url, `DELETE FROM appendonly.events`)).rejects.toThrow(
    /append-only: DELETE refused/,
  );
});

it('a row edited behind its back ends reads after the rows before it: StoreCorrupt, or Tampered when it is another row', async () => {
  const url = db.schemaUrl('edited');
  const store = await openStore(url, { readBatchSize: 2 });
  await store.append('risk-equal-pay', numberedEvents(5), 'no-stream')();
  await sql(url, `ALTER TABLE edited.events DISABLE TRIGGER events_append_only`);
  await sql(url, `UPDATE edited.events SET envelope = '{"position":"3"}' WHERE position = 3`);
  const all = await failureOf(store.readAll());
  expect(all.read).toBe(3);
  expect(all.error).toBeInstanceOf(StoreFailure);
  expect(all.error instanceof StoreFailure && all.error.error).toMatchObject({
    _tag: 'StoreCorrupt',
    position: '3',
  });
  const batches = await failureOf(store.readAllBatches());
  expect(batches.error instanceof StoreFailure && batches.error.error._tag).toBe('StoreCorrupt');
  // Row 4's envelope copied into row 3: it decodes, but is not row 3's.
  await sql(
    url,
    `UPDATE edited.events SET envelope = (SELECT envelope FROM edited.events WHERE position = 4) WHERE position = 3`,
  );
  const moved = await failureOf(store.readStream('risk-equal-pay'));
  expect(moved.read).toBe(3);
  expect(moved.error instanceof StoreFailure && moved.error.error).toMatchObject({
    _tag: 'Tampered',
    position: '3',
    reason: expect.stringMatching(/^row-mismatch: /),
  });
  await store.close();
});

it('refuses events it could not read back, and writes nothing for them', async () => {
  const store = await openStore(db.schemaUrl('refused'));
  const bad: ProposedEvent = { ...proposedEvent(), data: { when: new Date(0), n: Number.NaN } };
  const r = await store.append('risk-equal-pay', [proposedEvent(), bad], 'no-stream')();
  expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'StoreUnavailable' });
  expect(E.isLeft(r) && r.left.message).toMatch(/cannot store event 1 of risk-equal-pay: /);
  expect(await collect(store.readAll())).toEqual([]);
  await store.close();
});

it('a consumer that stops early leaves the store readable; two schemas are two stores', async () => {
  const a = await openStore(db.schemaUrl('left'), { readBatchSize: 2 });
  const b = await openStore(db.schemaUrl('right'));
  await a.append('risk-equal-pay', numberedEvents(7), 'no-stream')();
  await b.append('risk-equal-pay', numberedEvents(2), 'no-stream')();
  const first: Envelope[] = [];
  for await (const e of a.readAll()) {
    first.push(e);
    if (first.length === 3) break;
  }
  expect(await collect(a.readAll())).toHaveLength(7);
  expect((await collect(b.readAll())).map((e) => e.position)).toEqual(['0', '1']);
  await a.close();
  await b.close();
});
