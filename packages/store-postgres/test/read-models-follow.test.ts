/**
 * `projectToPostgres` following a PostgreSQL event store live: events appended after the
 * catch-up reach the tables; the CLI refuses bad options with a usage error and writes nothing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { decodeEvent, domainModel } from '@assure/domain';
import { createCommandHandler } from '@assure/event-store';
import { FullReadModels, Projector, readModelViews } from '@assure/projections';
import { projectToPostgres, type ProjectionProgress } from '@assure/store-postgres/read-models';
import { openStore, sql } from '@assure/store-postgres/testing';
import { eventually } from './support/wait';
import { useFreshDatabase } from './support/database';

const COMMANDS = path.resolve(__dirname, '../../../examples/birmingham/commands.ndjson');
const BIN = path.resolve(__dirname, '../../cli/dist/bin.js');

interface Line {
  readonly type: string;
  readonly data: unknown;
  readonly meta: Record<string, unknown>;
}

const lines = (): Line[] =>
  fs
    .readFileSync(COMMANDS, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Line)
    .filter((l) => l.type !== 'SealLedger');

const db = useFreshDatabase(__filename);

it('follows a PostgreSQL store: events appended after the catch-up reach the tracker table', async () => {
  const store = await openStore(db().schemaUrl('events'));
  const handler = createCommandHandler({
    store,
    model: domainModel,
    clock: () => new Date('2019-11-01T00:00:00.000Z'),
    backfillBy: { actor: 'loader-bcc', role: 'system' },
  });
  const all = lines();
  const run = async (ls: readonly Line[]): Promise<void> => {
    for (const c of ls)
      await handler.handleUnknown({ type: c.type, data: c.data }, c.meta as never)();
  };
  await run(all.slice(0, 40));
  const clock = (): Date => new Date('2019-11-01T12:00:00.000Z');
  const progress: ProjectionProgress[] = [];
  const stop = new AbortController();
  const following = projectToPostgres(store, `${db().url}?schema=live`, {
    decode: decodeEvent,
    clock,
    signal: stop.signal,
    onProgress: (p) => progress.push(p),
  })();
  await eventually('the catch-up commit', () => progress.some((p) => p._tag === 'committed'));
  const before = await sql<{ n: string }>(db().url, 'SELECT count(*) AS n FROM live.tracker');
  await run(all.slice(40));
  // The expected tracker: the same log folded in memory, as at the same day.
  const projector = new Projector(readModelViews, { decode: decodeEvent });
  const folded = await projector.catchUp(store)();
  if (E.isLeft(folded)) throw new Error(folded.left._tag);
  const expected = new FullReadModels(folded.right.states, {
    asAt: '2019-11-01',
    knownAt: null,
  }).tracker().rows;
  await eventually('the live events in the tables', async () => {
    const [c] = await sql<{ position: string }>(
      db().url,
      'SELECT position::text AS position FROM live.checkpoint',
    );
    return c?.position === folded.right.checkpoint;
  });
  stop.abort();
  const ended = await following;
  expect(E.isRight(ended)).toBe(true);
  const rows = await sql<{ row: unknown }>(db().url, 'SELECT row FROM live.tracker ORDER BY ord');
  expect(Number(before[0]?.n)).toBeLessThan(expected.length);
  expect(rows.map((r) => r.row)).toEqual(expected);
  await store.close();
});

it('assure project refuses a --to that is not postgres:// and a bad --batch-size, writing nothing', async () => {
  const bad = spawnSync(
    process.execPath,
    [BIN, '--store', 'memory:', 'project', '--to', 'file:x'],
    {
      encoding: 'utf8',
    },
  );
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('--to');
  const size = spawnSync(
    process.execPath,
    [
      BIN,
      '--store',
      'memory:',
      'project',
      '--to',
      `${db().url}?schema=refused`,
      '--batch-size',
      '0',
    ],
    { encoding: 'utf8' },
  );
  expect(size.status).toBe(2);
  expect(size.stderr).toContain('--batch-size');
  const schema = await sql<{ found: string | null }>(
    db().url,
    "SELECT to_regnamespace('refused')::text AS found",
  );
  expect(schema[0]?.found).toBeNull();
});
