import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/Either';
import pg from 'pg';
import { openPostgresStore } from '@assure/store-postgres';
import {
  bearer,
  birminghamLines,
  feedUntil,
  key,
  post,
  request,
  rescore,
  seed,
  tempDir,
} from './helpers';
import { serve, type Served } from './process';

/** The machine's PostgreSQL (trust auth), or `ASSURE_TEST_PG`, as the store-postgres tests use. */
const SERVER = process.env['ASSURE_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432';
const name = `assure_test_server_${randomBytes(4).toString('hex')}`;

async function admin(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: `${SERVER}/postgres` });
  c.on('error', () => undefined);
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end().catch(() => undefined);
  }
}

describe('assure serve on PostgreSQL: many server instances over one store', () => {
  let dir: string;
  const url = `${SERVER}/${name}`;

  beforeAll(async () => {
    await admin(`CREATE DATABASE "${name}"`);
    const opened = await openPostgresStore(url, { migrate: true, poolSize: 2 })();
    if (E.isLeft(opened)) throw new Error(opened.left.message);
    await seed(opened.right, birminghamLines(19));
    await opened.right.close();
    dir = await tempDir();
  });
  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('a command sent to one instance is read and fed by the other', async () => {
    const keys = path.join(dir, 'keys.json');
    const officer = (await key(keys, 'officer-cfo', 'officer', 'write')).secret;
    const servers: Served[] = [];
    try {
      for (let i = 0; i < 2; i++) servers.push(await serve(dir, '', keys, [], url));
      const [a, b] = servers as [Served, Served];
      const trail = (await request(`${b.url}/v1/trail`, { headers: bearer(officer) })).json as {
        rows: { position: string }[];
      };
      const last = trail.rows.at(-1)?.position ?? '0';
      const frame = feedUntil(b.url, officer, last, 'event: change');
      const written = await post(a.url, officer, rescore('via-a', 2));
      expect(written.status).toBe(200);
      const position = (written.json as { position: string }).position;
      expect(await frame).toContain(`id: ${position}\n`);
      // Instance b waits for its followed model to reach the head: it reads the write.
      const risks = (await request(`${b.url}/v1/risks`, { headers: bearer(officer) })).json as {
        rows: { id: string; current: { likelihood: number } }[];
      };
      expect(risks.rows.find((r) => r.id === 'equal-pay')?.current.likelihood).toBe(2);
    } finally {
      for (const s of servers) expect(await s.stop()).toBe(0);
    }
  });
});
