import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { freshDatabase, SERVER, sql, type TestDatabase } from '@assure/store-postgres/testing';
import { assure, BIN, BIRMINGHAM, tempDir, type Run } from './run';

// The CLI on PostgreSQL, against the real server: `postgres://` store URLs, `assure migrate`,
// the demo, and several `assure exec` processes writing to shared streams at once.

let db: TestDatabase;
beforeAll(async () => {
  db = await freshDatabase(__filename);
});
afterAll(async () => {
  await db.drop();
});

const env = (store: string): { env: Record<string, string> } => ({ env: { ASSURE_STORE: store } });

/** `assure` as a child process that runs alongside others. */
function assureAsync(cwd: string, args: readonly string[], store: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, ASSURE_STORE: store },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('postgres:// store URLs and assure migrate', () => {
  it('a store not migrated is refused naming assure migrate; migrate applies each version once', () => {
    const cwd = tempDir();
    const url = db.schemaUrl('migrated');
    const before = assure(cwd, ['status'], env(url));
    expect(before.code).toBe(5);
    expect(before.stderr).toMatch(
      /schema migrated is at version 0, this release needs \d+: run `assure migrate`/,
    );
    const first = assure(cwd, ['--json', 'migrate'], env(url));
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as { applied: { version: number }[]; version: number };
    expect(report.applied.map((m) => m.version)).toEqual([1, 2, 3]);
    expect(report.version).toBe(3);
    const again = assure(cwd, ['migrate'], env(url));
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('schema migrated is up to date (version 3)\n');
    expect(assure(cwd, ['status'], env(url)).code).toBe(0);
  });

  it('malformed postgres URLs are usage errors naming the part; migrate needs a postgres store', () => {
    const cwd = tempDir();
    const noDb = assure(cwd, ['status'], env(`${SERVER}/`));
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toMatch(/--store: database: the URL names no database/);
    const badSchema = assure(cwd, ['status'], env(`${db.url}?schema=Bad-Name`));
    expect(badSchema.code).toBe(2);
    expect(badSchema.stderr).toMatch(/--store: schema: "Bad-Name" is not a schema name/);
    const onFile = assure(cwd, ['migrate']);
    expect(onFile.code).toBe(2);
    expect(onFile.stderr).toMatch(/only a postgres:\/\/ store has a schema to migrate/);
  });

  it('an unreachable server is StoreUnavailable (exit 5)', () => {
    const r = assure(tempDir(), ['status'], env('postgres://postgres@127.0.0.1:1/nowhere'));
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/store unavailable: connecting: .*ECONNREFUSED/);
  });
});

describe('assure demo on PostgreSQL', () => {
  const name = `assure_test_cli_demo_${randomBytes(4).toString('hex')}`;
  afterAll(async () => {
    await sql(`${SERVER}/postgres`, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });

  it('creates its database, loads the example, and status there equals the file store’s', () => {
    const cwd = tempDir();
    const url = `${SERVER}/${name}`;
    const demo = assure(cwd, ['demo'], env(url));
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain(`into ${url}`);
    const onPg = assure(cwd, ['status', '--as-at', '2019-10-31'], env(url));
    expect(assure(cwd, ['demo']).code).toBe(0);
    const onFile = assure(cwd, [
      '--store',
      'file:.assure/demo/events.ndjson',
      'status',
      '--as-at',
      '2019-10-31',
    ]);
    expect(onPg.code).toBe(0);
    expect(onPg.stdout).toBe(onFile.stdout);
    expect(onPg.stdout).toContain('Birmingham City Council improvement programme');
    // Run again: the demo's own database starts afresh (same events, same status).
    const again = assure(cwd, ['--json', 'demo'], env(url));
    expect(again.code).toBe(0);
    expect(assure(cwd, ['status', '--as-at', '2019-10-31'], env(url)).stdout).toBe(onFile.stdout);
    const verified = assure(cwd, ['verify'], env(url));
    expect(verified.code).toBe(0);
    // Every command of the example is one event.
    const events = readFileSync(BIRMINGHAM, 'utf8')
      .split('\n')
      .filter((l) => l !== '').length;
    expect(verified.stdout).toMatch(
      new RegExp(`^verified: every check passed\\.\\nChecked: ${events} events `),
    );
  });

  it('never loads into a database it did not create that holds events (StoreNotEmpty, exit 2)', () => {
    const cwd = tempDir();
    const url = db.schemaUrl('someone');
    expect(assure(cwd, ['migrate'], env(url)).code).toBe(0);
    const setup = path.join(cwd, 'one.ndjson');
    writeFileSync(setup, `${readFileSync(BIRMINGHAM, 'utf8').split('\n')[0] ?? ''}\n`);
    expect(
      assure(
        cwd,
        ['--actor', 'loader-bcc', '--role', 'system', 'exec', '--backfill', setup],
        env(url),
      ).code,
    ).toBe(0);
    const demo = assure(cwd, ['demo'], env(url));
    expect(demo.code).toBe(2);
    expect(demo.stderr).toMatch(
      /the demo loads into an empty store, and .* already holds events up to position 0/,
    );
  });
});

describe('several assure exec processes on shared streams', () => {
  const PROCESSES = 4;
  const COMMANDS = 12;
  const RISKS = ['equal-pay', 'strategic-capacity'];

  it('every command is applied once, in one order, and verify passes', async () => {
    const cwd = tempDir();
    const url = db.schemaUrl('exec');
    expect(assure(cwd, ['migrate'], env(url)).code).toBe(0);
    // The programme, its areas and two risks (the example's lines, without their history).
    const setupLines = readFileSync(BIRMINGHAM, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map(
        (l) =>
          JSON.parse(l) as {
            type: string;
            data: { riskId?: string };
            meta: Record<string, unknown>;
          },
      )
      .filter(
        (c) =>
          ['EstablishProgramme', 'DefinePriorityArea'].includes(c.type) ||
          (c.type === 'IdentifyRisk' && RISKS.includes(c.data.riskId ?? '')),
      )
      .map(({ meta: { recordedAt: _r, ...meta }, ...c }) => JSON.stringify({ ...c, meta }));
    writeFileSync(path.join(cwd, 'setup.ndjson'), `${setupLines.join('\n')}\n`);
    expect(assure(cwd, ['exec', 'setup.ndjson'], env(url)).code).toBe(0);
    for (let p = 0; p < PROCESSES; p++) {
      const lines = Array.from({ length: COMMANDS }, (_, k) =>
        JSON.stringify({
          type: 'RescoreRisk',
          data: {
            riskId: RISKS[(p + k) % RISKS.length],
            likelihood: 1 + ((p + k) % 5),
            impact: 4,
            rationale: `Monthly review ${k} by writer ${p}`,
          },
          meta: {
            actor: 'officer-cfo',
            role: 'officer',
            occurredAt: '2019-04-01',
            commandId: `w${p}-c${k}`,
          },
        }),
      );
      writeFileSync(path.join(cwd, `w${p}.ndjson`), `${lines.join('\n')}\n`);
    }
    const runs = await Promise.all(
      Array.from({ length: PROCESSES }, (_, p) =>
        assureAsync(cwd, ['--json', 'exec', `w${p}.ndjson`], url),
      ),
    );
    for (const r of runs) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({
        applied: COMMANDS,
        events: COMMANDS,
        failure: null,
      });
    }
    const exported = assure(cwd, ['export', '--out', 'all.ndjson'], env(url));
    expect(exported.code).toBe(0);
    const events = readFileSync(path.join(cwd, 'all.ndjson'), 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .slice(1)
      .map((l) => JSON.parse(l) as { position: string; meta: { commandId: string } });
    const reviews = events.filter((e) => /^w\d+-c\d+$/.test(e.meta.commandId));
    expect(reviews).toHaveLength(PROCESSES * COMMANDS);
    expect(new Set(reviews.map((e) => e.meta.commandId)).size).toBe(PROCESSES * COMMANDS);
    expect(events.map((e) => e.position)).toEqual(events.map((_, i) => String(i)));
    const verified = assure(cwd, ['verify'], env(url));
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(
      new RegExp(`^verified: every check passed\\.\\nChecked: ${events.length} events `),
    );
    // An edit made behind the store's back (its append-only trigger dropped) is caught.
    await sql(url, `ALTER TABLE exec.events DISABLE TRIGGER events_append_only`);
    await sql(
      url,
      `UPDATE exec.events SET envelope = replace(envelope::text, 'Monthly review 3 by writer 1', 'Monthly review 3 by writer 9')::json
        WHERE envelope->'data'->>'rationale' = 'Monthly review 3 by writer 1'`,
    );
    const tampered = assure(cwd, ['verify'], env(url));
    expect(tampered.code).toBe(4);
    expect(tampered.stdout + tampered.stderr).toMatch(/hash-mismatch/);
  });
});
