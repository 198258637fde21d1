import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { collect } from '@assure/testing';
import { freshDatabase, openStore, sql, type TestDatabase } from '@assure/store-postgres/testing';
import { runFixture, type ChildRun } from './support/spawn';
import { follow } from './support/follow';
import { eventually } from './support/wait';

// A restart of the PostgreSQL server under a live subscription and under appends from
// another process. It restarts the machine's shared cluster, which would break every other
// test file running at the same time, so it runs only when ASSURE_PG_RESTART=1, alone:
// `.ci/run` runs it after the suite (`jest --runInBand packages/store-postgres/test/restart.test.ts`).
// To run it beside other work, give it a cluster of its own, e.g. `pg_createcluster 15 restart
// --port 5433` (trust auth), then ASSURE_PG_RESTART_CLUSTER=restart
// ASSURE_TEST_PG=postgres://postgres@127.0.0.1:5433.

const enabled = process.env['ASSURE_PG_RESTART'] === '1';
const describeRestart = enabled ? describe : describe.skip;

/** The cluster restarted: `main`, or `ASSURE_PG_RESTART_CLUSTER` (with `ASSURE_TEST_PG` naming its port). */
const cluster = process.env['ASSURE_PG_RESTART_CLUSTER'] ?? 'main';

function restartCluster(): void {
  const version = readdirSync('/etc/postgresql')[0];
  if (version === undefined) throw new Error('no cluster under /etc/postgresql');
  const r = spawnSync(
    'pg_ctlcluster',
    [
      '--skip-systemctl-redirect',
      version,
      cluster,
      'restart',
      '--',
      '-m',
      'fast',
      '-w',
      '-t',
      '60',
    ],
    { encoding: 'utf8', timeout: 90_000 },
  );
  if (r.status !== 0) throw new Error(`pg_ctlcluster restart failed: ${r.stderr}`);
}

async function serverReady(url: string): Promise<boolean> {
  try {
    await sql(url, 'SELECT 1');
    return true;
  } catch {
    return false;
  }
}

describeRestart('a server restart (ASSURE_PG_RESTART=1)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase(__filename);
  });
  afterAll(async () => {
    await eventually('the server', () => serverReady(db.url), 60_000);
    await db.drop();
  });

  it('appends fail with StoreUnavailable while it is down and go on after; the subscription resumes with no gap and no duplicate', async () => {
    const url = db.schemaUrl('restart');
    const warnings: string[] = [];
    const reader = await openStore(url, {
      pollIntervalMs: 100,
      resumeWithinMs: 60_000,
      logger: { warn: (m) => warnings.push(m) },
    });
    const { seen, stop } = follow(reader);
    let out = '';
    const writer = runFixture('append-loop.ts', [url], { onStdout: (all) => (out = all) });
    let ended: ChildRun | undefined;
    void writer.done.then((r) => (ended = r));
    // How many appends the writer acknowledged; a writer that died fails the test at once.
    const acks = (): number => {
      if (ended !== undefined)
        throw new Error(`the writer ended (code ${String(ended.code)}): ${ended.stderr}`);
      return out.split('\n').filter((l) => l.startsWith('ack ')).length;
    };
    try {
      await eventually('appends before the restart', () => acks() >= 20, 30_000);
      restartCluster();
      await eventually('the server', () => serverReady(db.url), 30_000);
      const after = acks();
      await eventually('appends after the restart', () => acks() >= after + 20, 30_000);
    } finally {
      writer.endInput();
    }
    const run = await writer.done;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n').filter((l) => l !== '');
    // Each refused append says why, as a tagged StoreUnavailable.
    for (const l of lines.filter((x) => x.startsWith('err ')))
      expect(l).toMatch(
        /^err loop-\d+-\d+ StoreUnavailable store unavailable: appending to risk-l\d: /,
      );
    const log = await collect(reader.readAll());
    const ids = log.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    // Every acknowledged append is in the log, at the position it was given.
    const at = new Map(log.map((e) => [e.eventId, e.position]));
    for (const l of lines.filter((x) => x.startsWith('ack '))) {
      const [, id, position] = l.split(' ');
      expect(at.get(id ?? '')).toBe(position);
    }
    await eventually('the subscription to catch up', () => seen.length === log.length, 30_000);
    await stop();
    expect(seen).toEqual(log);
    await reader.close();
  }, 180_000);
});
