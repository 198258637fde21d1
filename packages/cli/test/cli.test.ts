import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ExitCode, exitCodeOf } from '@assure/cli';
import {
  ADMIN,
  assure,
  changePhase,
  BIRMINGHAM,
  defineArea,
  ESTABLISH,
  establishProgramme,
  flags,
  identifyEqualPay,
  LOADER,
  logLines,
  OFFICER,
  tempDir,
} from './run';

/** The fields of a printed view or proof the tests below read (the rest via toMatchObject). */
interface Printed {
  readonly rows: readonly { readonly id: string; readonly stream: string }[];
  readonly heatMap: readonly unknown[];
  readonly toRoot: string;
  readonly policy: string;
  readonly knownAt: string | null;
}

/** The JSON document `assure --store file:bcc.ndjson --json <args>` prints in `cwd`. */
function bccJson(cwd: string, args: readonly string[]): Printed {
  const r = assure(cwd, ['--store', 'file:bcc.ndjson', '--json', ...args]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Printed;
}

function establish(cwd: string): void {
  const r = assure(cwd, ESTABLISH);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

describe('assure: usage', () => {
  it('prints help and exits 0', () => {
    const r = assure(tempDir(), ['--help']);
    expect(r.code).toBe(ExitCode.ok);
    expect(r.stdout).toContain('exec');
    expect(r.stdout).toContain('status');
  });

  it('lists the flags derived from a command codec', () => {
    const r = assure(tempDir(), ['risk', 'identify', '--help']);
    expect(r.code).toBe(0);
    for (const flag of [
      '--risk-id',
      '--inherent-likelihood',
      '--target-impact',
      '--next-review-on',
      '--area-id',
      '--on',
      '--command-id',
    ])
      expect(r.stdout).toContain(flag);
  });

  it('refuses an unknown flag with exit 2, one line on stderr, and writes nothing', () => {
    const cwd = tempDir();
    const r = assure(cwd, [
      ...ADMIN,
      'programme',
      'establish',
      ...flags({ programmeId: 'bcc', colour: 'red' }),
    ]);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--colour');
    expect(logLines(cwd)).toEqual([]);
  });

  it('gives the tagged error as JSON under --json', () => {
    const r = assure(tempDir(), ['--json', 'status', '--bogus']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr)).toMatchObject({ _tag: 'UsageError' });
  });

  it('refuses an unknown store URL with exit 2', () => {
    const r = assure(tempDir(), ['--store', 'ftp://x', 'status']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--store');
  });

  it('maps every tag to its normative exit code', () => {
    expect(exitCodeOf({ _tag: 'Forbidden' })).toBe(1);
    expect(exitCodeOf({ _tag: 'NotFound' })).toBe(1);
    expect(exitCodeOf({ _tag: 'AlreadyExists' })).toBe(1);
    expect(exitCodeOf({ _tag: 'InvalidTransition' })).toBe(1);
    expect(exitCodeOf({ _tag: 'RuleViolated' })).toBe(1);
    expect(exitCodeOf({ _tag: 'ValidationFailed' })).toBe(2);
    // The file store admits one writer; conflict.test.ts provokes a real exit 3 against the
    // EventStoreDB double, with a rival writer.
    expect(exitCodeOf({ _tag: 'WrongExpectedRevision' })).toBe(3);
    expect(exitCodeOf({ _tag: 'HeadMoved' })).toBe(3);
    expect(exitCodeOf({ _tag: 'StoreUnavailable' })).toBe(5);
    expect(exitCodeOf({ _tag: 'StoreCorrupt' })).toBe(5);
  });
});

describe('assure: writing', () => {
  it('applies a command and prints its events (0), as JSON too', () => {
    const cwd = tempDir();
    establish(cwd);
    const r = assure(cwd, [
      '--json',
      ...defineArea('area-finance', 'Financial planning and resilience', {
        on: '2014-12-09',
        commandId: 'cmd-area-finance',
      }),
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.stream).toBe('programme-bcc');
    expect(out.events).toEqual([
      expect.objectContaining({ type: 'PriorityAreaDefined', revision: 1 }),
    ]);
    const lines = logLines(cwd).map((l) => JSON.parse(l) as { meta: unknown });
    expect(lines).toHaveLength(2);
    expect(lines[1]?.meta).toMatchObject({
      actor: 'pmo-admin',
      role: 'admin',
      occurredAt: '2014-12-09T00:00:00.000Z',
      commandId: 'cmd-area-finance',
    });
  });

  it('takes actor and role from ASSURE_ACTOR / ASSURE_ROLE', () => {
    const cwd = tempDir();
    const r = assure(
      cwd,
      [
        'programme',
        'establish',
        ...flags({ programmeId: 'p1', title: 'T', body: 'B', phase: 'P' }),
      ],
      {
        env: { ASSURE_ACTOR: 'pmo-admin', ASSURE_ROLE: 'admin' },
      },
    );
    expect(r.code).toBe(0);
    expect(logLines(cwd)).toHaveLength(1);
  });

  it('rejects a domain refusal with exit 1 and writes nothing', () => {
    const cwd = tempDir();
    establish(cwd);
    const again = assure(cwd, establishProgramme());
    expect(again.code).toBe(ExitCode.rejected);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    const forbidden = assure(cwd, changePhase(OFFICER, 'X', 'r'));
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr.toLowerCase()).toContain('officer');
    expect(logLines(cwd)).toHaveLength(1);
  });

  it('refuses a bad date with exit 2 naming the field, and writes nothing', () => {
    const cwd = tempDir();
    establish(cwd);
    const r = assure(cwd, [...changePhase(ADMIN, 'Panel', 'r'), '--on', '2019-02-30']);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stderr).toContain('occurredAt');
    const due = assure(cwd, defineArea('Bad Id', 't'));
    expect(due.code).toBe(2);
    expect(due.stderr).toContain('data.areaId');
    expect(logLines(cwd)).toHaveLength(1);
  });

  it('refuses a score of 6 with exit 2 naming the field, and writes nothing', () => {
    const cwd = tempDir();
    establish(cwd);
    const r = assure(cwd, identifyEqualPay('6'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('data.inherent.likelihood');
    expect(r.stderr).toContain('1 to 5');
    expect(logLines(cwd)).toHaveLength(1);
  });

  it('reads lists as repeated flags or comma lists', () => {
    const cwd = tempDir();
    establish(cwd);
    expect(
      assure(cwd, [
        ...ADMIN,
        'body',
        'constitute',
        ...flags({ programmeId: 'bcc', bodyId: 'cabinet', kind: 'cabinet', name: 'Cabinet' }),
      ]).code,
    ).toBe(0);
    const r = assure(cwd, [
      ...ADMIN,
      'meeting',
      'record',
      ...flags({
        programmeId: 'bcc',
        bodyId: 'cabinet',
        meetingId: 'cabinet-2014-12-16',
        heldOn: '2014-12-16',
        attendees: 'cllr-leader,officer-cex',
      }),
      '--attendees',
      'officer-cfo',
    ]);
    expect(r.code).toBe(0);
    const last = JSON.parse(logLines(cwd).at(-1)!);
    expect(last.data.attendees).toEqual(['cllr-leader', 'officer-cex', 'officer-cfo']);
    expect(last.data.observers).toEqual([]);
  });

  it('reports an unopenable store with exit 5', () => {
    const cwd = tempDir();
    mkdirSync(path.join(cwd, 'not-a-file'));
    const r = assure(cwd, ['--store', 'file:not-a-file', ...establishProgramme('p')]);
    expect(r.code).toBe(ExitCode.storeUnavailable);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('assure seal', () => {
  it('refuses roles other than admin, auditor, system (Forbidden, exit 1), writing nothing', () => {
    const cwd = tempDir();
    establish(cwd);
    const before = logLines(cwd);
    for (const role of ['officer', 'board', 'adviser']) {
      const r = assure(cwd, ['--actor', 'x', '--role', role, '--json', 'seal']);
      expect(r.code).toBe(ExitCode.rejected);
      expect(r.stdout).toBe('');
      expect(JSON.parse(r.stderr)).toMatchObject({ _tag: 'Forbidden' });
    }
    expect(logLines(cwd)).toEqual(before);
  });

  it('seals through the audit library: the normative JSON, then a seal covering the first', () => {
    const cwd = tempDir();
    establish(cwd);
    const auditor = ['--actor', 'auditor-gt', '--role', 'auditor', '--json'];
    const first = assure(cwd, [...auditor, 'seal', '--on', '2015-01-31']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const s1 = JSON.parse(first.stdout);
    expect(Object.keys(s1).sort()).toEqual(['lastPosition', 'position', 'root', 'treeSize']);
    expect(s1.treeSize).toBe(1);
    const second = JSON.parse(assure(cwd, [...auditor, 'ledger', 'seal']).stdout);
    expect(second).toMatchObject({ treeSize: 2, lastPosition: s1.position });
    const lines = logLines(cwd).map((l): unknown => JSON.parse(l)) as Array<
      Record<string, unknown>
    >;
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatchObject({
      stream: 'ledger-seals',
      type: 'LedgerSealed',
      meta: { actor: 'auditor-gt', role: 'auditor', occurredAt: '2015-01-31T00:00:00.000Z' },
    });
  });

  it('seals from exec: backfilled meta kept, a repeated commandId seals once', () => {
    const cwd = tempDir();
    const establishLine = JSON.stringify({
      type: 'EstablishProgramme',
      data: { programmeId: 'bcc', title: 'T', body: 'B', phase: 'P' },
      meta: {
        actor: 'pmo-admin',
        role: 'admin',
        occurredAt: '2014-12-09',
        recordedAt: '2014-12-10T09:00:00.000Z',
        commandId: 'est-1',
      },
    });
    const sealLine = JSON.stringify({
      type: 'SealLedger',
      data: {},
      meta: {
        actor: 'auditor-gt',
        role: 'auditor',
        occurredAt: '2015-01-31',
        recordedAt: '2015-02-01T09:00:00.000Z',
        commandId: 'seal-1',
      },
    });
    writeFileSync(path.join(cwd, 'seal.ndjson'), `${establishLine}\n${sealLine}\n`);
    // History loaded by the system: the auditor's seal keeps the auditor's role.
    const load = [...LOADER, '--json', 'exec', '--backfill', 'seal.ndjson'];
    const r = assure(cwd, load);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ applied: 2, events: 2, failure: null });
    const again = assure(cwd, load);
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: 2, events: 0, failure: null });
    const lines = logLines(cwd).map((l): unknown => JSON.parse(l)) as Array<
      Record<string, unknown>
    >;
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({
      data: { treeSize: 1 },
      meta: {
        recordedAt: '2015-02-01T09:00:00.000Z',
        backfill: true,
        commandId: 'seal-1',
        correlationId: 'seal-1',
      },
    });
  });
});

describe('assure exec', () => {
  const line = (type: string, data: object, meta: object = {}) =>
    JSON.stringify({
      type,
      data,
      meta: { actor: 'pmo-admin', role: 'admin', occurredAt: '2014-12-09', ...meta },
    });
  /** The line that establishes the programme bcc, titled `title`, with `meta` over the default. */
  const establishing = (meta: object = {}, title = 'T') =>
    line('EstablishProgramme', { programmeId: 'bcc', title, body: 'B', phase: 'P' }, meta);
  const programme = establishing();
  const area = line('DefinePriorityArea', {
    programmeId: 'bcc',
    areaId: 'area-finance',
    title: 'Finance',
  });

  it('applies a file and prints the normative summary under --json', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'cmds.ndjson'), `${programme}\n\n${area}\n`);
    const r = assure(cwd, ['--json', 'exec', 'cmds.ndjson']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toEqual({ applied: 2, events: 2, lastPosition: expect.any(String), failure: null });
    expect(logLines(cwd)).toHaveLength(2);
  });

  it('reads standard input with -, filling actor and role from the flags', () => {
    const cwd = tempDir();
    const bare = JSON.stringify({
      type: 'EstablishProgramme',
      data: { programmeId: 'bcc', title: 'T', body: 'B', phase: 'P' },
    });
    const r = assure(cwd, [...ADMIN, '--json', 'exec', '-'], { input: `${bare}\n` });
    expect(r.code).toBe(0);
    expect(JSON.parse(logLines(cwd)[0]!).meta.actor).toBe('pmo-admin');
  });

  it('refuses an unknown command type (exit 2, line 1) and writes nothing', () => {
    const cwd = tempDir();
    writeFileSync(
      path.join(cwd, 'cmds.ndjson'),
      `${line('AbolishCouncil', { programmeId: 'bcc' })}\n${programme}\n`,
    );
    const r = assure(cwd, ['--json', 'exec', 'cmds.ndjson']);
    expect(r.code).toBe(2);
    const s = JSON.parse(r.stdout);
    expect(s.applied).toBe(0);
    expect(s.failure.line).toBe(1);
    expect(s.failure.error._tag).toBe('ValidationFailed');
    expect(JSON.stringify(s.failure.error)).toContain('AbolishCouncil');
    expect(logLines(cwd)).toEqual([]);
  });

  it('refuses a malformed line (exit 2) and writes nothing', () => {
    const cwd = tempDir();
    writeFileSync(
      path.join(cwd, 'cmds.ndjson'),
      `{"type": "EstablishProgramme", "data": {\n${programme}\n`,
    );
    const r = assure(cwd, ['exec', 'cmds.ndjson']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('line 1');
    expect(logLines(cwd)).toEqual([]);
  });

  it('stops at the first failure, keeping the commands before it, and names its line', () => {
    const cwd = tempDir();
    const dup = line('DefinePriorityArea', {
      programmeId: 'bcc',
      areaId: 'area-finance',
      title: 'Again',
    });
    writeFileSync(
      path.join(cwd, 'cmds.ndjson'),
      [
        programme,
        area,
        dup,
        line('DefinePriorityArea', { programmeId: 'bcc', areaId: 'area-x', title: 'X' }),
      ].join('\n'),
    );
    const r = assure(cwd, ['--json', 'exec', 'cmds.ndjson']);
    expect(r.code).toBe(1);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({
      applied: 2,
      events: 2,
      failure: { line: 3, error: { _tag: expect.any(String) } },
    });
    expect(logLines(cwd)).toHaveLength(2);
  });

  it('refuses meta.recordedAt without --backfill, and honours it with', () => {
    const cwd = tempDir();
    const backdated = establishing({ recordedAt: '2014-12-10T09:00:00.000Z' });
    writeFileSync(path.join(cwd, 'cmds.ndjson'), `${backdated}\n`);
    const refused = assure(cwd, ['exec', 'cmds.ndjson']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('meta.recordedAt');
    expect(logLines(cwd)).toEqual([]);
    const ok = assure(cwd, ['exec', '--backfill', 'cmds.ndjson']);
    expect(ok.code).toBe(0);
    const meta = JSON.parse(logLines(cwd)[0]!).meta;
    expect(meta).toMatchObject({ recordedAt: '2014-12-10T09:00:00.000Z', backfill: true });
  });

  it('is idempotent by commandId: a second run writes nothing', () => {
    const cwd = tempDir();
    const withId = establishing({ commandId: 'c-1' });
    writeFileSync(path.join(cwd, 'cmds.ndjson'), `${withId}\n`);
    expect(assure(cwd, ['exec', 'cmds.ndjson']).code).toBe(0);
    const again = assure(cwd, ['--json', 'exec', 'cmds.ndjson']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: 1, events: 0 });
    expect(logLines(cwd)).toHaveLength(1);
  });

  it('refuses a commandId reused by another command with exit 1, naming the first position', () => {
    const cwd = tempDir();
    const first = establishing({ commandId: 'c-1' });
    writeFileSync(path.join(cwd, 'first.ndjson'), `${first}\n`);
    expect(assure(cwd, ['exec', 'first.ndjson']).code).toBe(0);
    const position = (JSON.parse(logLines(cwd)[0]!) as { position: string }).position;
    const reused = [
      establishing({ commandId: 'c-1' }, 'Another title'),
      establishing({ commandId: 'c-1', actor: 'pmo-deputy' }),
    ];
    for (const other of reused) {
      writeFileSync(path.join(cwd, 'again.ndjson'), `${other}\n`);
      const r = assure(cwd, ['--json', 'exec', 'again.ndjson']);
      expect(r.code).toBe(ExitCode.rejected);
      expect(JSON.parse(r.stdout)).toMatchObject({
        applied: 0,
        events: 0,
        failure: { line: 1, error: { _tag: 'CommandIdReused', commandId: 'c-1', position } },
      });
      expect(logLines(cwd)).toHaveLength(1);
    }
    // The human form says what happened and where.
    const human = assure(cwd, ['exec', 'again.ndjson']);
    expect(human.stderr).toContain(`commandId c-1 was already used by another command`);
    expect(human.stderr).toContain(`position ${position}`);
  });

  it('keeps backfill to admin and system, and transaction time from going backwards', () => {
    const cwd = tempDir();
    const backfilled = (meta: object) =>
      establishing({
        recordedAt: '2014-12-10T09:00:00.000Z',
        ...meta,
      });
    // An officer may not give transaction time, in the line or as the one loading it.
    writeFileSync(path.join(cwd, 'officer.ndjson'), `${backfilled({ role: 'officer' })}\n`);
    const byOfficer = assure(cwd, ['--json', 'exec', '--backfill', 'officer.ndjson']);
    expect(byOfficer.code).toBe(ExitCode.rejected);
    expect(JSON.parse(byOfficer.stdout).failure.error._tag).toBe('Forbidden');
    writeFileSync(path.join(cwd, 'admin.ndjson'), `${backfilled({})}\n`);
    const loader = ['--actor', 'officer-cfo', '--role', 'officer'];
    const officerLoads = assure(cwd, [...loader, '--json', 'exec', '--backfill', 'admin.ndjson']);
    expect(officerLoads.code).toBe(ExitCode.rejected);
    expect(JSON.parse(officerLoads.stdout).failure.error._tag).toBe('Forbidden');
    // Recorded before it happened: bad input naming the field.
    writeFileSync(path.join(cwd, 'early.ndjson'), `${backfilled({ occurredAt: '2014-12-11' })}\n`);
    const early = assure(cwd, ['exec', '--backfill', 'early.ndjson']);
    expect(early.code).toBe(ExitCode.usage);
    expect(early.stderr).toContain('meta.occurredAt');
    expect(logLines(cwd)).toEqual([]);
    // Once something is recorded now, history cannot be slipped in before it.
    establish(cwd);
    const area = line(
      'DefinePriorityArea',
      { programmeId: 'bcc', areaId: 'area-x', title: 'X' },
      { recordedAt: '2014-12-10T09:00:00.000Z' },
    );
    writeFileSync(path.join(cwd, 'area.ndjson'), `${area}\n`);
    const rewrite = assure(cwd, ['--json', 'exec', '--backfill', 'area.ndjson']);
    expect(rewrite.code).toBe(ExitCode.usage);
    expect(JSON.parse(rewrite.stdout).failure.error).toMatchObject({
      _tag: 'RecordedAtRegressed',
      given: '2014-12-10T09:00:00.000Z',
    });
    expect(logLines(cwd)).toHaveLength(1);
  });

  it('reports a missing file with exit 2', () => {
    const r = assure(tempDir(), ['exec', 'nope.ndjson']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.ndjson');
  });
});

describe('assure on the Birmingham example', () => {
  const cwd = tempDir();
  const store = ['--store', 'file:bcc.ndjson'];

  beforeAll(() => {
    const r = assure(cwd, [...store, ...LOADER, '--json', 'exec', '--backfill', BIRMINGHAM]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('prints the status document (normative shape)', () => {
    const r = assure(cwd, [...store, '--json', 'status', '--as-at', '2019-10-31']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ asAt: '2019-10-31', knownAt: null, policy: 'bcc-cgip@2' });
    const p = doc.programmes[0];
    expect(Object.keys(p).sort()).toEqual(['areas', 'id', 'phase', 'title', 'totals']);
    const a = p.areas[0];
    expect(Object.keys(a).sort()).toEqual([
      'actions',
      'advisers',
      'id',
      'rag',
      'recommendations',
      'retired',
      'risks',
      'title',
    ]);
    expect(Object.keys(a.recommendations).sort()).toEqual([
      'byStatus',
      'done',
      'excluded',
      'late',
      'open',
      'overdue',
      'total',
    ]);
    expect(Object.keys(a.actions).sort()).toEqual([
      'cancelled',
      'completed',
      'done',
      'due',
      'excluded',
      'overdue',
      'percentComplete',
      'percentOfDueComplete',
      'total',
    ]);
    expect(Object.keys(a.risks).sort()).toEqual(['byBand', 'highestScore', 'open']);
  });

  it('answers other policies and known-at', () => {
    const doc = bccJson(cwd, [
      'status',
      ...flags({ asAt: '2018-06-30', knownAt: '2015-01-01T00:00:00.000Z', policy: 'slippage@1' }),
    ]);
    expect(doc.policy).toBe('slippage@1');
    expect(doc.knownAt).toBe('2015-01-01T00:00:00.000Z');
    const bad = assure(cwd, [...store, 'status', '--policy', 'nope@9']);
    expect(bad.code).toBe(2);
    const badDay = assure(cwd, [...store, 'status', '--as-at', '2019-13-01']);
    expect(badDay.code).toBe(2);
  });

  it('prints the tracker and the risk register', () => {
    const t = bccJson(cwd, ['tracker', '--as-at', '2019-03-31']);
    expect(t.rows.find((r: { id: string }) => r.id === 'rec-biip-2017-01')).toMatchObject({
      overdue: true,
      extensionRequested: true,
    });
    const k = bccJson(cwd, ['risks', '--as-at', '2019-10-31']);
    expect(k.heatMap).toHaveLength(5);
    expect(k.rows.find((r: { id: string }) => r.id === 'amey-contract')).toMatchObject({
      escalatedTo: 'spb',
    });
  });

  it('prints the trail as JSON and CSV, filtered', () => {
    const j = bccJson(cwd, ['trail', '--stream', 'risk-equal-pay']);
    expect(j.rows.length).toBeGreaterThan(3);
    expect(j.rows.every((r: { stream: string }) => r.stream === 'risk-equal-pay')).toBe(true);
    const csv = assure(cwd, [
      ...store,
      'trail',
      '--csv',
      ...flags({ byActor: 'auditor-gt', from: '2018-01-01', to: '2018-12-31' }),
    ]);
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trim().split('\n');
    expect(rows[0]).toContain('position');
    // three statutory recommendations raised, two recorded as sent (Schedule 7), two extensions
    expect(rows.length).toBe(1 + 7);
  });

  it('filters the trail by actor with --by-actor, never by the global --actor or ASSURE_ACTOR', () => {
    const count = (args: string[], env: Record<string, string> = {}): number => {
      const r = assure(cwd, [...store, '--json', ...args], { env });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return (JSON.parse(r.stdout) as { rows: unknown[] }).rows.length;
    };
    const all = count(['trail']);
    const byActor = count(['trail', '--by-actor', 'auditor-gt']);
    expect(byActor).toBeGreaterThan(0);
    expect(byActor).toBeLessThan(all);
    expect(count(['--actor', 'auditor-gt', 'trail'])).toBe(all);
    expect(count(['trail'], { ASSURE_ACTOR: 'auditor-gt' })).toBe(all);
    expect(count(['trail', '--actor', 'auditor-gt'])).toBe(byActor);
    expect(count(['--actor', 'pmo-admin', 'trail', '--by-actor', 'auditor-gt'])).toBe(byActor);
    const clash = assure(cwd, [
      ...store,
      'trail',
      ...flags({ byActor: 'auditor-gt', actor: 'pmo-admin' }),
    ]);
    expect(clash.code).toBe(ExitCode.usage);
    expect(clash.stdout).toBe('');
  });

  it('verifies the store (0), seals it, and finds tampering (4)', () => {
    const v = assure(cwd, [...store, '--json', 'verify']);
    expect(v.code).toBe(0);
    const report = JSON.parse(v.stdout);
    expect(report).toMatchObject({ ok: true, sealsChecked: 2, failures: [] });
    const seal = assure(cwd, [
      ...store,
      ...flags({ actor: 'auditor-gt', role: 'auditor' }),
      '--json',
      'seal',
    ]);
    expect(seal.code).toBe(0);
    const s = JSON.parse(seal.stdout);
    expect(s).toMatchObject({
      treeSize: report.events,
      root: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const witnessed = assure(cwd, [
      ...store,
      '--json',
      'verify',
      ...flags({ size: String(s.treeSize), root: s.root }),
    ]);
    expect(JSON.parse(witnessed.stdout)).toMatchObject({
      ok: true,
      witnessed: true,
      unsealedTail: 0,
    });

    const copy = tempDir();
    const text = readFileSync(path.join(cwd, 'bcc.ndjson'), 'utf8').replace(
      '"likelihood":5,"impact":5',
      '"likelihood":1,"impact":1',
    );
    writeFileSync(path.join(copy, 'bcc.ndjson'), text);
    const tampered = assure(copy, ['--store', 'file:bcc.ndjson', '--json', 'verify']);
    expect(tampered.code).toBe(ExitCode.verificationFailed);
    expect(JSON.parse(tampered.stdout).failures[0].reason).toBe('hash-mismatch');
    const status = assure(copy, ['--store', 'file:bcc.ndjson', 'status']);
    expect(status.code).toBe(ExitCode.storeUnavailable);
  });
});

describe('assure: export, import, replay, proofs, report', () => {
  const cwd = tempDir();
  const store = ['--store', 'file:bcc.ndjson'];
  beforeAll(() => {
    expect(assure(cwd, [...store, ...LOADER, 'exec', '--backfill', BIRMINGHAM]).code).toBe(0);
    expect(assure(cwd, [...store, 'export', '--out', 'bcc-export.ndjson']).code).toBe(0);
  });

  it('exports a header and every envelope, which verifies on its own', () => {
    const lines = readFileSync(path.join(cwd, 'bcc-export.ndjson'), 'utf8').trim().split('\n');
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({ format: 'assure-export', version: 1, events: lines.length - 1 });
    const v = assure(cwd, ['--json', 'verify', 'bcc-export.ndjson']);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, events: lines.length - 1 });
  });

  it('replays a view from the export alone, equal to the live store', () => {
    const live = bccJson(cwd, ['tracker', '--as-at', '2018-06-30']);
    const replayed = assure(tempDir(), [
      'replay',
      path.join(cwd, 'bcc-export.ndjson'),
      ...flags({ asAt: '2018-06-30', view: 'tracker' }),
    ]);
    expect(replayed.code).toBe(0);
    expect(JSON.parse(replayed.stdout)).toEqual(live);
  });

  it('imports into an empty store only', () => {
    const other = tempDir();
    const exp = path.join(cwd, 'bcc-export.ndjson');
    expect(assure(other, ['import', exp]).code).toBe(0);
    expect(logLines(other)).toHaveLength(
      JSON.parse(readFileSync(exp, 'utf8').split('\n')[0]!).events,
    );
    expect(assure(other, ['import', exp]).code).toBe(2);
  });

  it('proves inclusion and consistency; check-proof catches a forged proof (4)', () => {
    const eventId = JSON.parse(logLines(cwd, 'bcc.ndjson')[10]!).eventId;
    const inc = assure(cwd, [...store, '--json', 'prove', '--event', eventId]);
    expect(inc.code).toBe(0);
    expect(JSON.parse(inc.stdout)).toMatchObject({ eventId, leafIndex: 10 });
    writeFileSync(path.join(cwd, 'inc.json'), inc.stdout);
    expect(assure(tempDir(), ['check-proof', path.join(cwd, 'inc.json')]).code).toBe(0);
    const con = bccJson(cwd, ['prove', '--from-size', '100']);
    expect(con).toMatchObject({ fromSize: 100 });
    const forged = { ...con, fromRoot: con.toRoot };
    writeFileSync(path.join(cwd, 'forged.json'), JSON.stringify(forged));
    expect(assure(cwd, ['check-proof', 'forged.json']).code).toBe(ExitCode.verificationFailed);
    expect(assure(cwd, [...store, 'prove']).code).toBe(2);
  });

  it('writes the board pack as HTML and Markdown', () => {
    expect(
      assure(cwd, [...store, 'report', '--as-at', '2019-10-31', '--out', 'pack.html']).code,
    ).toBe(0);
    expect(readFileSync(path.join(cwd, 'pack.html'), 'utf8')).toContain('<html');
    expect(
      assure(cwd, [...store, 'report', '--as-at', '2019-10-31', '--out', 'pack.md']).code,
    ).toBe(0);
    expect(assure(cwd, [...store, 'report', '--out', 'pack.txt']).code).toBe(2);
  });
});

describe('assure demo', () => {
  it('loads the example into .assure/demo and prints the status', () => {
    const cwd = tempDir();
    const r = assure(cwd, ['demo']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Status as at 2019-10-31');
    expect(r.stdout).toContain('Waste services and industrial relations');
    expect(logLines(cwd, '.assure/demo/events.ndjson').length).toBeGreaterThan(280);
    const again = assure(cwd, ['--json', 'demo']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).asAt).toBe('2019-10-31');
    expect(logLines(cwd, '.assure/demo/events.ndjson').length).toBe(
      logLines(cwd, '.assure/demo/events.ndjson').length,
    );
  });
});
