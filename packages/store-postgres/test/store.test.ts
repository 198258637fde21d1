import * as E from 'fp-ts/Either';
import pg from 'pg';
import { StoreFailure, type Envelope, type ProposedEvent } from '@assure/event-store';
import { collect, numberedEvents, proposedEvent } from '@assure/testing';
import { openStore, sql } from '@assure/store-postgres/testing';
import { useFreshDatabase } from './support/database';

// What the contract suite cannot see: the rows themselves, a reopened store, rows edited
// behind the store's back, events that cannot be stored.

const db = useFreshDatabase(__filename);

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
  const url = db().schemaUrl('rows');
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
  const url = db().schemaUrl('appendonly');
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
  const url = db().schemaUrl('edited');
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
  const store = await openStore(db().schemaUrl('refused'));
  const bad: ProposedEvent = { ...proposedEvent(), data: { when: new Date(0), n: Number.NaN } };
  const r = await store.append('risk-equal-pay', [proposedEvent(), bad], 'no-stream')();
  expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'StoreUnavailable' });
  expect(E.isLeft(r) && r.left.message).toMatch(/cannot store event 1 of risk-equal-pay: /);
  expect(await collect(store.readAll())).toEqual([]);
  await store.close();
});

it('a consumer that stops early leaves the store readable; two schemas are two stores', async () => {
  const a = await openStore(db().schemaUrl('left'), { readBatchSize: 2 });
  const b = await openStore(db().schemaUrl('right'));
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

it('appends issued together share transactions, each checked on its own: the refused ones write nothing, the others land in order', async () => {
  const url = db().schemaUrl('grouped');
  const store = await openStore(url);
  const bad: ProposedEvent = { ...proposedEvent(), data: { when: new Date(0) } };
  const results = await Promise.all([
    store.append('risk-a', numberedEvents(2), 'no-stream')(),
    store.append('risk-b', numberedEvents(1), 'no-stream')(),
    store.append('risk-a', numberedEvents(1), 'no-stream')(), // risk-a exists by then
    store.append('risk-c', [bad], 'no-stream')(),
    store.append('risk-a', numberedEvents(1), { revision: 1 })(),
    store.append('risk-b', numberedEvents(2), { revision: 0 })(),
    store.append('risk-d', numberedEvents(1), 'any')(),
    store.append('risk-e', numberedEvents(1), 'any')(),
  ]);
  expect(results.map((r) => (E.isLeft(r) ? r.left._tag : r.right.position))).toEqual([
    '1',
    '2',
    'WrongExpectedRevision',
    'StoreUnavailable',
    '3',
    '5',
    '6',
    '7',
  ]);
  const log = await collect(store.readAll());
  expect(log.map((e) => `${e.stream}@${e.revision}`)).toEqual([
    'risk-a@0',
    'risk-a@1',
    'risk-b@0',
    'risk-a@2',
    'risk-b@1',
    'risk-b@2',
    'risk-d@0',
    'risk-e@0',
  ]);
  expect(log.find((e) => e.stream === 'risk-a' && e.revision === 2)?.prevHash).toBe(
    log.find((e) => e.stream === 'risk-a' && e.revision === 1)?.hash,
  );
  // The first append went alone; the seven issued while it was in flight, one transaction.
  const txs = await sql<{ n: string }>(
    url,
    'SELECT count(DISTINCT xmin::text) AS n FROM grouped.events',
  );
  expect(txs[0]?.n).toBe('2');
  await store.close();
});

it('reads and appends do not depend on the process-wide pg type parsers another library may set', async () => {
  const store = await openStore(db().schemaUrl('parsers'));
  const int8 = pg.types.getTypeParser(20);
  const json = pg.types.getTypeParser(114);
  // What Emmett's SQL layer does on load: bigint as BigInt, json through its own parser.
  pg.types.setTypeParser(20, (v: string) => BigInt(v));
  pg.types.setTypeParser(114, (v: string) => ({ parsedBySomeoneElse: v }));
  try {
    const r = await store.append('risk-equal-pay', numberedEvents(3), 'no-stream')();
    expect(E.isRight(r)).toBe(true);
    const again = await store.append('risk-equal-pay', numberedEvents(1), { revision: 2 })();
    expect(E.isRight(again) && again.right.position).toBe('3');
    expect((await collect(store.readAll())).map((e) => e.position)).toEqual(['0', '1', '2', '3']);
    const head = await store.headPosition()();
    expect(E.isRight(head) && head.right).toBe(3n);
  } finally {
    pg.types.setTypeParser(20, int8);
    pg.types.setTypeParser(114, json);
    await store.close();
  }
});

it('when a group’s transaction fails, its appends refused under the lock keep their own refusal', async () => {
  const url = db().schemaUrl('groupfail');
  const store = await openStore(url);
  await store.append('risk-a', numberedEvents(1), 'no-stream')();
  // A test-only trigger that refuses any row of risk-boom, failing the whole transaction.
  await sql(
    url,
    `CREATE FUNCTION groupfail.boom() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN IF NEW.stream = 'risk-boom' THEN RAISE EXCEPTION 'boom refused'; END IF; RETURN NEW; END $$`,
  );
  await sql(
    url,
    `CREATE TRIGGER boom BEFORE INSERT ON groupfail.events FOR EACH ROW EXECUTE FUNCTION groupfail.boom()`,
  );
  try {
    const results = await Promise.all([
      store.append('risk-c', numberedEvents(1), 'no-stream')(), // goes alone, lands
      store.append('risk-a', numberedEvents(1), 'no-stream')(), // refused: risk-a exists
      store.append('risk-boom', numberedEvents(1), 'no-stream')(),
      store.append('risk-d', numberedEvents(1), 'no-stream')(),
    ]);
    expect(results.map((r) => (E.isLeft(r) ? r.left._tag : 'ok'))).toEqual([
      'ok',
      'WrongExpectedRevision',
      'StoreUnavailable',
      'StoreUnavailable',
    ]);
    const boom = results[2];
    expect(boom !== undefined && E.isLeft(boom) && boom.left.message).toMatch(
      /appending to risk-boom: boom refused/,
    );
    expect((await collect(store.readAll())).map((e) => e.stream)).toEqual(['risk-a', 'risk-c']);
  } finally {
    await store.close();
  }
});
