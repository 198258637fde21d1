/**
 * The Birmingham journey through the file store and through the PostgreSQL store gives
 * exports identical except `position` values and the header's `exportedAt`. The seals are
 * left out, as in the EventStoreDB test: a seal's data names a global position, which by
 * design differs between stores (byte offsets in the file, 0, 1, 2... here).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import * as E from 'fp-ts/Either';
import { exportLog } from '@assure/audit';
import { domainModel } from '@assure/domain';
import { createCommandHandler, type EventStore } from '@assure/event-store';
import { openFileStore } from '@assure/store-file';
import { freshDatabase, openStore, type TestDatabase } from './support/db';

const COMMANDS = path.resolve(__dirname, '../../../examples/birmingham/commands.ndjson');
const STORE_CLOCK = () => new Date('2019-11-01T12:00:00.000Z');

interface Line {
  readonly type: string;
  readonly data: unknown;
  readonly meta: Record<string, unknown>;
}

function commands(): Line[] {
  return (
    fs
      .readFileSync(COMMANDS, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Line)
      // A seal's data names a global position, which by design differs between stores.
      .filter((l) => l.type !== 'SealLedger')
  );
}

/** Deterministic UUID-shaped event ids, as the handler's default randomUUID would give. */
function uuids(): () => string {
  let n = 0;
  return () => `00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`;
}

async function run(store: EventStore): Promise<{ outcomes: string[]; lines: string[] }> {
  const handler = createCommandHandler({
    store,
    model: domainModel,
    ids: uuids(),
    clock: () => new Date('2019-11-01T00:00:00.000Z'),
    // History loaded by the system, each command keeping its issuer's role.
    backfillBy: { actor: 'loader-bcc', role: 'system' },
  });
  const outcomes: string[] = [];
  for (const c of commands()) {
    const r = await handler.handle({ type: c.type, data: c.data }, c.meta as never)();
    outcomes.push(E.isLeft(r) ? `refused ${r.left._tag}` : `ok ${r.right.events.length}`);
  }
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (b: Buffer) => chunks.push(b));
  const exported = await exportLog(store, sink)();
  if (E.isLeft(exported)) throw new Error(exported.left.message);
  sink.end();
  return { outcomes, lines: Buffer.concat(chunks).toString('utf8').trimEnd().split('\n') };
}

/** Drops `exportedAt` from the header and `position` from every envelope line. */
function comparable(lines: readonly string[]): unknown[] {
  return lines.map((l, i) => {
    const { position: _p, exportedAt: _x, ...rest } = JSON.parse(l) as Record<string, unknown>;
    if (i === 0) expect(_x).toEqual(expect.any(String));
    else expect(_p).toEqual(expect.any(String));
    return rest;
  });
}

let db: TestDatabase;
let dir: string;
beforeAll(async () => {
  db = await freshDatabase(__filename);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'assure-pg-export-'));
});
afterAll(async () => {
  await db.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('the Birmingham journey exports the same envelopes from the file store and from PostgreSQL', async () => {
  const opened = await openFileStore(path.join(dir, 'events.ndjson'), { clock: STORE_CLOCK })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const fromFile = await run(opened.right);
  await opened.right.close();

  const pgStore = await openStore(db.schemaUrl('journey'), { clock: STORE_CLOCK });
  const fromPg = await run(pgStore);
  await pgStore.close();

  expect(fromPg.outcomes).toEqual(fromFile.outcomes);
  expect(fromFile.outcomes.filter((o) => o.startsWith('ok')).length).toBeGreaterThan(200);
  expect(fromPg.lines).toHaveLength(fromFile.lines.length);
  expect(comparable(fromPg.lines)).toEqual(comparable(fromFile.lines));
  // Only positions differ, and they really do (0, 1, 2... against byte offsets).
  expect(fromPg.lines[2]).not.toEqual(fromFile.lines[2]);
});
