import * as E from 'fp-ts/Either';
import { collect, numberedEvents } from '@assure/testing';
import { openStore, sql } from '@assure/store-postgres/testing';
import { follow } from './support/follow';
import { eventually } from './support/wait';
import { useFreshDatabase } from './support/database';
import { connect, holdInserts } from './support/gate';

// A reader that has seen position P must never later find an event before P. The trap:
// a position taken by a transaction that commits late. These tests make a commit finish
// late on purpose (a trigger makes one insert wait for a gate the test holds) and watch.

const db = useFreshDatabase(__filename);

const GATE = 4242;

/** Advisory locks waited for (not granted) in the test database. */
async function waitingAdvisoryLocks(): Promise<number> {
  const rows = await sql<{ n: string }>(
    db().url,
    `SELECT count(*) AS n FROM pg_locks
      WHERE locktype = 'advisory' AND NOT granted
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Each read must be a prefix of the final log: nothing ever appears before what was seen. */
function expectPrefixes(reads: readonly (readonly string[])[], final: readonly string[]): void {
  for (const r of reads) expect(final.slice(0, r.length)).toEqual(r);
}

it('the trap is real: with positions from a sequence, a reader finds an event before one it saw', async () => {
  // Shows the harness can see the failure the store is built to prevent: two transactions
  // take positions from a sequence, the one with the smaller position commits last.
  await sql(db().url, `CREATE TABLE naive (position bigint PRIMARY KEY, body text)`);
  await sql(db().url, `CREATE SEQUENCE naive_position START 1`);
  const slow = await connect(db().url);
  const fast = await connect(db().url);
  try {
    await slow.query('BEGIN');
    await slow.query(`INSERT INTO naive SELECT nextval('naive_position'), 'slow'`);
    await fast.query('BEGIN');
    await fast.query(`INSERT INTO naive SELECT nextval('naive_position'), 'fast'`);
    await fast.query('COMMIT');
    const first = await sql<{ position: string }>(
      db().url,
      `SELECT position FROM naive ORDER BY position`,
    );
    await slow.query('COMMIT');
    const later = await sql<{ position: string }>(
      db().url,
      `SELECT position FROM naive ORDER BY position`,
    );
    expect(first.map((r) => r.position)).toEqual(['2']);
    // The reader had seen position 2; position 1 appeared before it afterwards.
    expect(later.map((r) => r.position)).toEqual(['1', '2']);
  } finally {
    await slow.end();
    await fast.end();
  }
});

it('the store: an append held before its commit makes the next writer wait; readers only ever see prefixes', async () => {
  const url = db().schemaUrl('order');
  const writer = await openStore(url);
  const reader = await openStore(url, { pollIntervalMs: 50 });
  await writer.append('risk-first', numberedEvents(2), 'no-stream')();
  // A test-only trigger: an insert into risk-slow waits for the gate the test holds.
  const gate = await holdInserts({ url, schema: 'order', stream: 'risk-slow' }, GATE, db().url);
  const subscription = follow(reader);
  const reads: string[][] = [];
  let reading = true;
  const polling = (async () => {
    while (reading) reads.push((await collect(reader.readAll())).map((e) => e.eventId));
  })();
  try {
    // The slow append holds its position (the one after the head) and cannot commit.
    const slow = writer.append('risk-slow', numberedEvents(1, { eventId: 'slow' }), 'no-stream')();
    await eventually(
      'the slow append to wait at the gate',
      async () => (await waitingAdvisoryLocks()) === 1,
    );
    // A second writer (another pool, as another process would be) comes after it...
    const other = await openStore(url);
    const fast = other.append('risk-fast', numberedEvents(1, { eventId: 'fast' }), 'no-stream')();
    // ...and waits for the append lock: it cannot take a position, let alone commit first.
    await eventually(
      'the fast append to wait for the append lock',
      async () => (await waitingAdvisoryLocks()) === 2,
    );
    const during = (await collect(reader.readAll())).map((e) => e.eventId);
    expect(during).not.toContain('fast');
    expect(during).not.toContain('slow');
    await gate.query('SELECT pg_advisory_unlock($1)', [GATE]);
    const [s, f] = await Promise.all([slow, fast]);
    await other.close();
    if (E.isLeft(s) || E.isLeft(f)) throw new Error('an append failed');
    expect(BigInt(s.right.position)).toBeLessThan(BigInt(f.right.position));
    const final = (await collect(reader.readAll())).map((e) => e.eventId);
    expect(final.slice(-2)).toEqual(['slow', 'fast']);
    await eventually(
      'the subscription to see both',
      () => subscription.seen.length === final.length,
    );
    reading = false;
    await polling;
    expectPrefixes(reads, final);
    expect(subscription.seen.map((e) => e.eventId)).toEqual(final);
  } finally {
    reading = false;
    await subscription.stop();
    await polling;
    await gate.end();
    await reader.close();
    await writer.close();
  }
});

it('holds when the server defaults to REPEATABLE READ: appends from two stores at once all land, in one order', async () => {
  // Under REPEATABLE READ an append's snapshot would predate its wait for the lock, and it
  // would read a stale tail; the store begins every append READ COMMITTED.
  const options = encodeURIComponent('-c default_transaction_isolation=repeatable\\ read');
  const url = `${db().url}?schema=isolation&options=${options}`;
  const a = await openStore(url);
  const b = await openStore(url);
  try {
    const level = await sql<{ level: string }>(
      url,
      `SELECT current_setting('default_transaction_isolation') AS level`,
    );
    expect(level[0]?.level).toBe('repeatable read');
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        (i % 2 === 0 ? a : b).append(`action-a${i}`, numberedEvents(2), 'no-stream')(),
      ),
    );
    expect(results.filter(E.isLeft).map((r) => r.left.message)).toEqual([]);
    const log = await collect(a.readAll());
    expect(log.map((e) => e.position)).toEqual(log.map((_, i) => String(i)));
  } finally {
    await a.close();
    await b.close();
  }
});
