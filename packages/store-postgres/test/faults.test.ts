import * as E from 'fp-ts/Either';
import type pg from 'pg';
import { collect, numberedEvents } from '@assure/testing';
import { openStore, SERVER, sql } from '@assure/store-postgres/testing';
import { runFixture } from './support/spawn';
import { follow } from './support/follow';
import { eventually } from './support/wait';
import { useFreshDatabase } from './support/database';
import { holdInserts } from './support/gate';

// Faults against the real server: a writer's backend terminated mid-transaction, every
// backend of a subscriber terminated mid-subscription, a statement timeout. Each ends with
// a clear error and nothing written, or a subscription that resumes with no gap and no
// duplicate.

const db = useFreshDatabase(__filename);

const GATE = 4343;

/** Makes inserts into `risk-stuck` of a schema wait for the gate the test holds. */
const installGate = (url: string, schema: string): Promise<pg.Client> =>
  holdInserts({ url, schema, stream: 'risk-stuck' }, GATE, db().url);

/** The backend waiting at the gate, once there is one. */
async function stuckBackend(): Promise<number> {
  let pid: number | undefined;
  await eventually('an append to wait at the gate', async () => {
    const rows = await sql<{ pid: number }>(
      db().url,
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1`,
      [GATE],
    );
    pid = rows[0]?.pid;
    return pid !== undefined;
  });
  return pid as number;
}

it('a writer whose backend is terminated mid-transaction gets StoreUnavailable, nothing is written, and the store goes on', async () => {
  const url = db().schemaUrl('terminated');
  const store = await openStore(url);
  const gate = await installGate(url, 'terminated');
  try {
    await store.append('risk-before', numberedEvents(2), 'no-stream')();
    const stuck = store.append('risk-stuck', numberedEvents(3), 'no-stream')();
    const pid = await stuckBackend();
    await sql(db().url, 'SELECT pg_terminate_backend($1)', [pid]);
    const r = await stuck;
    expect(E.isLeft(r) && r.left._tag).toBe('StoreUnavailable');
    expect(E.isLeft(r) && r.left.message).toMatch(/appending to risk-stuck: .*terminat/i);
    expect(await collect(store.readStream('risk-stuck'))).toEqual([]);
    // The broken connection was discarded: the next append uses a sound one.
    const next = await store.append('risk-after', numberedEvents(1), 'no-stream')();
    expect(E.isRight(next)).toBe(true);
    expect((await collect(store.readAll())).map((e) => e.stream)).toEqual([
      'risk-before',
      'risk-before',
      'risk-after',
    ]);
  } finally {
    await gate.end();
    await store.close();
  }
});

it('a connection checked out of the pool whose backend ends between two queries does not end the process: its next query fails as a lost connection and the pool goes on', async () => {
  let out = '';
  const child = runFixture('checked-out.ts', [db().url], { onStdout: (all) => (out = all) });
  try {
    await eventually('the connection to be checked out', () => /^pid \d+$/m.test(out));
    const pid = Number(/^pid (\d+)$/m.exec(out)?.[1]);
    await sql(SERVER_DB(), 'SELECT pg_terminate_backend($1)', [pid]);
  } finally {
    child.endInput();
  }
  const run = await child.done;
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout.split('\n').slice(1)).toEqual(['dead connection-loss', 'pool ok', '']);
});

it('a statement timeout ends an append with a clear StoreUnavailable and writes nothing; so does waiting for the append lock', async () => {
  const url = db().schemaUrl('timeout');
  const setup = await openStore(url);
  await setup.close();
  const gate = await installGate(url, 'timeout');
  const store = await openStore(url, { statementTimeoutMs: 300 });
  try {
    const r = await store.append('risk-stuck', numberedEvents(1), 'no-stream')();
    expect(E.isLeft(r) && r.left._tag).toBe('StoreUnavailable');
    expect(E.isLeft(r) && r.left.message).toMatch(/statement timeout \(57014\)/);
    // A writer stuck while holding the append lock makes the others time out, not hang.
    const patient = await openStore(url);
    const stuck = patient.append('risk-stuck', numberedEvents(1), 'no-stream')();
    await stuckBackend();
    const behind = await store.append('risk-behind', numberedEvents(1), 'no-stream')();
    expect(E.isLeft(behind) && behind.left.message).toMatch(
      /appending to risk-behind: .*statement timeout \(57014\)/,
    );
    await gate.query('SELECT pg_advisory_unlock($1)', [GATE]);
    expect(E.isRight(await stuck)).toBe(true);
    await patient.close();
    expect((await collect(store.readAll())).map((e) => e.stream)).toEqual(['risk-stuck']);
  } finally {
    await gate.end();
    await store.close();
  }
});

it('a subscription that loses the server resumes with no gap and no duplicate, and a lost notification loses no event', async () => {
  const url = db().schemaUrl('resumed');
  const writer = await openStore(url);
  const warnings: string[] = [];
  const reader = await openStore(url, {
    pollIntervalMs: 100,
    logger: { warn: (m) => warnings.push(m) },
  });
  const { seen, stop } = follow(reader);
  try {
    await writer.append('risk-a', numberedEvents(5), 'no-stream')();
    await eventually('the first events', () => seen.length === 5);
    await eventually('the LISTEN connection', async () => (await listeners()).length === 1);
    for (let round = 0; round < 2; round++) {
      // The server refuses new connections to the database and ends every open one: the
      // reader's LISTEN connection and pool, the writer's idle connections.
      await sql(SERVER_DB(), `ALTER DATABASE "${db().name}" WITH ALLOW_CONNECTIONS false`);
      await sql(
        SERVER_DB(),
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`,
        [db().name],
      );
      await eventually('the subscription to lose the server', () => warnings.length === round + 1);
      expect(warnings[round]).toMatch(
        new RegExp(
          `a live subscription lost the server .*; resuming after position ${4 + round * 4}`,
        ),
      );
      await sql(SERVER_DB(), `ALTER DATABASE "${db().name}" WITH ALLOW_CONNECTIONS true`);
      // Appended while the reader may listen to nothing: its notification can be lost.
      const r = await writer.append(`risk-r${round}`, numberedEvents(4), 'no-stream')();
      expect(E.isRight(r)).toBe(true);
      await eventually('the events of the round', () => seen.length === 9 + round * 4);
    }
    // Every backend but the test's own, connections allowed: the LISTEN connection goes
    // (its notifications with it) and events appended now reach the reader by its poll.
    await sql(
      db().url,
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    expect(E.isRight(await writer.append('risk-z', numberedEvents(2), 'no-stream')())).toBe(true);
    await eventually('the last events', () => seen.length === 15);
    await eventually('a new LISTEN connection', async () => (await listeners()).length === 1);
    expect(seen).toEqual(await collect(writer.readAll()));
  } finally {
    await sql(SERVER_DB(), `ALTER DATABASE "${db().name}" WITH ALLOW_CONNECTIONS true`);
    await stop();
    await reader.close();
    await writer.close();
  }
});

/** The server's `postgres` database (to act on the test database from outside it). */
const SERVER_DB = (): string => `${SERVER}/postgres`;

async function listeners(): Promise<{ pid: number }[]> {
  return sql<{ pid: number }>(
    db().url,
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
  );
}
