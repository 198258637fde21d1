import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import { randomBytes } from 'node:crypto';
import { ExitCode } from '@assure/cli';
import { SERVER, sql } from '@assure/store-postgres/testing';
import { recommendationStatuses } from '@assure/domain';
import {
  ADMIN,
  assure,
  BIRMINGHAM,
  LOADER,
  OFFICER,
  rescoreEqualPay,
  tempDir,
  type Run,
} from './run';

/**
 * Every JSON document `assure` prints is described by a JSON Schema (2020-12) under
 * `docs/schemas/`: this runs the real binary (`pnpm tsc -b` first) over the Birmingham
 * example and validates each output against its schema.
 */
const SCHEMAS = path.resolve(__dirname, '..', '..', '..', 'docs', 'schemas');
const CLI_MD = path.resolve(SCHEMAS, '..', 'cli.md');
const files = readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json'));

const ajv = new Ajv2020({ allErrors: true, strict: true });
for (const f of files) ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMAS, f), 'utf8')));

const used = new Set<string>();
function validator(name: string): ValidateFunction {
  const v = ajv.getSchema(`${name}.schema.json`);
  if (v === undefined) throw new Error(`no schema docs/schemas/${name}.schema.json`);
  return v;
}
/** Asserts that a value is valid against a schema, showing the schema's complaints if not. */
function expectValid(name: string, value: unknown): void {
  used.add(`${name}.schema.json`);
  const v = validator(name);
  expect(v(value) ? [] : v.errors).toEqual([]);
}
/** The JSON document a run printed on stdout, after checking its exit code. */
function stdoutOf(r: Run, code: number = ExitCode.ok): unknown {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code, stderr: '' });
  return JSON.parse(r.stdout);
}

describe('the JSON documents of assure, against docs/schemas', () => {
  const cwd = tempDir();
  const run = (args: readonly string[]): Run => assure(cwd, ['--json', ...args]);
  let firstEventId = '';

  beforeAll(() => {
    expectValid('exec-summary', stdoutOf(run([...LOADER, 'exec', '--backfill', BIRMINGHAM])));
  });

  it('every schema is a valid 2020-12 schema, linked from docs/cli.md', () => {
    const cli = readFileSync(CLI_MD, 'utf8');
    for (const f of files) expect(cli).toContain(`(schemas/${f})`);
  });

  it.each([
    ['status', ['status', '--as-at', '2019-10-31']],
    ['status', ['status', '--as-at', '2016-06-30', '--known-at', '2016-07-01']],
    ['status', ['status', '--policy', 'slippage@1', '--no-snapshot']],
    ['tracker', ['tracker', '--as-at', '2019-03-31']],
    ['risks', ['risks', '--as-at', '2019-10-31']],
    ['stocktakes', ['stocktakes', '--as-at', '2019-10-31']],
    ['trail', ['trail']],
    ['trail', ['trail', '--stream', 'risk-equal-pay']],
  ])('%s: %j', (schema, args) => {
    expectValid(schema, stdoutOf(run(args)));
  });

  it('export, its header and every envelope; verify of the store and of the export', () => {
    expectValid('export-result', stdoutOf(run(['export', '--out', 'ex.ndjson'])));
    const [header, ...lines] = readFileSync(path.join(cwd, 'ex.ndjson'), 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    expectValid('export-header', JSON.parse(header ?? ''));
    expect(lines.length).toBeGreaterThan(200);
    for (const l of lines) expectValid('envelope', JSON.parse(l));
    firstEventId = (JSON.parse(lines[0] ?? '') as { eventId: string }).eventId;
    const store = stdoutOf(run(['verify']));
    expect(store).toMatchObject({ ok: true, snapshot: { status: 'matches' } });
    expectValid('verify', store);
    expectValid('verify', stdoutOf(run(['verify', 'ex.ndjson'])));
  });

  it('a failed verify (a tampered export): exit 4, still a verify document', () => {
    const text = readFileSync(path.join(cwd, 'ex.ndjson'), 'utf8');
    writeFileSync(path.join(cwd, 'bad.ndjson'), text.replace('"Equal pay', '"Unequal pay'));
    const report = stdoutOf(run(['verify', 'bad.ndjson']), ExitCode.verificationFailed);
    expect(report).toMatchObject({ ok: false, failures: [{ reason: 'hash-mismatch' }] });
    expectValid('verify', report);
  });

  it('replay of the export, every view', () => {
    for (const view of ['status', 'tracker', 'risks', 'trail'])
      expectValid(view, stdoutOf(run(['replay', 'ex.ndjson', '--view', view])));
  });

  it('import into an empty store', () => {
    expectValid('import-result', stdoutOf(run(['--store', 'memory:', 'import', 'ex.ndjson'])));
  });

  it('prove and check-proof: inclusion, consistency, and a file that is no proof', () => {
    const inclusion = stdoutOf(run(['prove', '--event', firstEventId]));
    expectValid('inclusion-proof', inclusion);
    const consistency = stdoutOf(run(['prove', '--from-size', '10']));
    expectValid('consistency-proof', consistency);
    writeFileSync(path.join(cwd, 'inc.json'), JSON.stringify(inclusion));
    writeFileSync(path.join(cwd, 'con.json'), JSON.stringify(consistency));
    writeFileSync(path.join(cwd, 'no.json'), '{"kind":"nothing"}');
    expectValid('check-proof', stdoutOf(run(['check-proof', 'inc.json'])));
    expectValid('check-proof', stdoutOf(run(['check-proof', 'con.json'])));
    expectValid('check-proof', stdoutOf(run(['check-proof', 'no.json']), ExitCode.usage));
    const { treeSize, root } = inclusion as { treeSize: number; root: string };
    const witnessed = ['--root', root, '--size', String(treeSize)];
    expectValid('check-proof', stdoutOf(run(['check-proof', 'inc.json', ...witnessed])));
    const missed = ['--root', 'ab'.repeat(32), '--size', String(treeSize)];
    const other = stdoutOf(
      run(['check-proof', 'inc.json', ...missed]),
      ExitCode.verificationFailed,
    );
    expectValid('check-proof', other);
  });

  it('seal, a domain command, report', () => {
    expectValid('seal', stdoutOf(run([...ADMIN, 'seal', '--on', '2019-11-02'])));
    const args = rescoreEqualPay({
      likelihood: '2',
      impact: '5',
      rationale: 'Settled',
      on: '2019-11-03',
      nextReviewOn: '2020-03-31',
    });
    expectValid('command-result', stdoutOf(run(args)));
    expectValid('report-result', stdoutOf(run(['report', '--out', 'r.md'])));
    expectValid('spreadsheet-result', stdoutOf(run(['tracker', '--xlsx', 't.xlsx'])));
    expectValid('spreadsheet-result', stdoutOf(run(['trail', '--xlsx', 'tr.xlsx'])));
  });

  it('errors on stderr: a domain refusal, a bad field, a usage error', () => {
    const refused = run([...OFFICER, 'risk', 'reopen', '--risk-id', 'nope', '--reason', 'x']);
    const invalid = run(rescoreEqualPay({ likelihood: '9' }));
    const usage = run(['tracker', '--as-at', '2019-02-30']);
    expect([refused.code, invalid.code, usage.code]).toEqual([1, 2, 2]);
    for (const r of [refused, invalid, usage]) {
      expect(r.stdout).toBe('');
      expectValid('error', JSON.parse(r.stderr));
    }
    expect(JSON.parse(invalid.stderr)).toMatchObject({ _tag: 'ValidationFailed' });
  });

  it('exec that stops at a refused line: the summary on stdout, the failure on stderr', () => {
    writeFileSync(path.join(cwd, 'cmds.ndjson'), '{"type":"CloseRisk","data":{"riskId":"nope"}}\n');
    const r = run([...OFFICER, 'exec', 'cmds.ndjson']);
    expect(r.code).not.toBe(ExitCode.ok);
    const summary = JSON.parse(r.stdout) as { failure: { line: number } | null };
    expect(summary.failure?.line).toBe(1);
    expectValid('exec-summary', summary);
    expectValid('exec-failure', JSON.parse(r.stderr));
  });

  it('migrate on a postgres:// store: creating the database, then up to date', async () => {
    const url = `${SERVER}/assure_test_json_schemas_${randomBytes(4).toString('hex')}`;
    try {
      const created = stdoutOf(run(['--store', url, 'migrate', '--create-database']));
      expectValid('migrate-result', created);
      expect(created).toMatchObject({ databaseCreated: true, version: 3 });
      const again = stdoutOf(run(['--store', url, 'migrate']));
      expectValid('migrate-result', again);
      expect(again).toMatchObject({ databaseCreated: false, applied: [] });
    } finally {
      await sql(
        `${SERVER}/postgres`,
        `DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`,
      );
    }
  });

  it('project --to a postgres:// database: each progress line', async () => {
    const url = `${SERVER}/assure_test_json_schemas_rm_${randomBytes(4).toString('hex')}`;
    await sql(`${SERVER}/postgres`, `CREATE DATABASE "${new URL(url).pathname.slice(1)}"`);
    try {
      const r = run(['project', '--to', url, '--no-follow', '--batch-size', '100']);
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: ExitCode.ok, stderr: '' });
      const lines = r.stdout.split('\n').filter((l) => l !== '');
      expect(lines.length).toBeGreaterThan(2);
      for (const l of lines) expectValid('project-progress', JSON.parse(l));
      expect(JSON.parse(lines[0] ?? '')).toEqual({ _tag: 'leading', checkpoint: null });
    } finally {
      await sql(
        `${SERVER}/postgres`,
        `DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`,
      );
    }
  });

  it('has run every schema against real output', () => {
    // (jest runs the tests of a file in order: this one last.)
    expect(files.filter((f) => !used.has(f))).toEqual([]);
  });
});

describe('the schemas refuse what is not the contract', () => {
  const reject = (name: string, value: unknown): void => {
    expect(validator(name)(value)).toBe(false);
  };
  const scored = { likelihood: 4, impact: 5, score: 20, band: 'high' };
  const risk = {
    id: 'r',
    areaId: null,
    title: 'T',
    owner: 'o',
    inherent: scored,
    current: scored,
    target: scored,
    trend: 'new',
    trendSinceLastMeeting: null,
    controls: 0,
    controlEffectiveness: [],
    mitigatingActions: [],
    appetite: null,
    tolerance: null,
    outsideTolerance: null,
    nextReviewOn: '2019-01-01',
    reviewOverdue: false,
    escalatedTo: null,
    flags: [],
    status: 'open',
  };
  const heatMap = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);

  it('accepts the well-formed fixture the wrong ones are made from', () => {
    expectValid('risks', { asAt: '2019-01-01', rows: [risk], heatMap });
  });

  it.each([
    ['a band outside low/medium/high', { ...risk, current: { ...scored, band: 'severe' } }],
    ['a likelihood of 6', { ...risk, inherent: { ...scored, likelihood: 6 } }],
    ['an unknown trend', { ...risk, trend: 'sideways' }],
    ['an extra field', { ...risk, colour: 'red' }],
    ['a missing field', { ...risk, owner: undefined }],
  ])('risks: %s', (_, row) => {
    reject('risks', JSON.parse(JSON.stringify({ asAt: '2019-01-01', rows: [row], heatMap })));
  });

  it('status: a RAG outside red/amber/green; verify: an unknown reason; a header of another version; a ValidationFailed without its fields', () => {
    const byStatus = Object.fromEntries(recommendationStatuses.map((k) => [k, 0]));
    const totals = (rag: string) => ({
      recommendations: { total: 0, open: 0, overdue: 0, late: 0, done: 0, excluded: 0, byStatus },
      actions: {
        total: 0,
        completed: 0,
        cancelled: 0,
        overdue: 0,
        done: 0,
        excluded: 0,
        percentComplete: null,
        due: 0,
        percentOfDueComplete: null,
      },
      risks: { open: 0, highestScore: null, byBand: { low: 0, medium: 0, high: 0 } },
      rag,
    });
    const status = (rag: string) => ({
      asAt: '2019-01-01',
      knownAt: null,
      policy: 'bcc-cgip@2',
      programmes: [{ id: 'p', title: 'P', phase: 'x', areas: [], totals: totals(rag) }],
    });
    expectValid('status', status('amber'));
    reject('status', status('purple'));
    reject('verify', {
      ok: false,
      events: 1,
      streams: 1,
      treeSize: 1,
      root: '0'.repeat(64),
      sealsChecked: 0,
      witnessed: false,
      unsealedTail: 0,
      tornTail: null,
      failures: [
        { position: '0', stream: 's', revision: 0, reason: 'looks-odd', line: 2, message: 'm' },
      ],
    });
    reject('export-header', {
      format: 'assure-export',
      version: 2,
      exportedAt: '2019-01-01T00:00:00.000Z',
      events: 0,
    });
    reject('error', { _tag: 'ValidationFailed', message: 'invalid input' });
  });
});
