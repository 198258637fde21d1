import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ExitCode } from '@assure/cli';
import { ADMIN, assure, defineArea, tempDir } from './run';

const line = (type: string, data: object): string =>
  JSON.stringify({ type, data, meta: { occurredAt: '2014-12-09' } });
const commands = [
  line('EstablishProgramme', { programmeId: 'bcc', title: 'T', body: 'B', phase: 'P' }),
  line('DefinePriorityArea', { programmeId: 'bcc', areaId: 'area-finance', title: 'Finance' }),
  line('DefinePriorityArea', { programmeId: 'bcc', areaId: 'area-waste', title: 'Waste' }),
].join('\n');
/** The start of an append that a crash cut short. */
const partial = '{"position":"9999","stream":"programme-bcc","type":"PriorityAre';

/** A store of three events whose log ends with a torn line; returns its directory and size. */
function tornStore(): { cwd: string; whole: number; log: string } {
  const cwd = tempDir();
  writeFileSync(path.join(cwd, 'cmds.ndjson'), commands);
  expect(assure(cwd, [...ADMIN, 'exec', 'cmds.ndjson']).code).toBe(0);
  const log = path.join(cwd, '.assure', 'events.ndjson');
  const whole = statSync(log).size;
  appendFileSync(log, partial);
  return { cwd, whole, log };
}

describe('assure verify: a torn last line in the store', () => {
  it('is reported as a torn tail at its byte offset, exit 0 when the rest verifies', () => {
    const { cwd, whole } = tornStore();
    const r = assure(cwd, ['--json', 'verify']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(ExitCode.ok);
    expect(JSON.parse(r.stdout)).toMatchObject({
      ok: true,
      events: 3,
      failures: [],
      tornTail: { offset: whole, bytes: partial.length, line: 4, restVerifies: true },
    });
    const human = assure(cwd, ['verify']);
    expect(human.code).toBe(ExitCode.ok);
    expect(human.stdout).toContain(
      `torn tail: an incomplete last line (line 4, ${partial.length} bytes at byte offset ${whole}), not verified; the complete lines before it verify`,
    );
    expect(human.stdout).not.toContain('position ?');
  });

  it('with a tampered line before it: exit 4, and the torn tail says the rest does not verify', () => {
    const { cwd, log } = tornStore();
    writeFileSync(log, readFileSync(log, 'utf8').replace('"title":"Waste"', '"title":"Wasted"'));
    const r = assure(cwd, ['--json', 'verify']);
    expect(r.code).toBe(ExitCode.verificationFailed);
    const report = JSON.parse(r.stdout);
    expect(report.failures[0]).toMatchObject({
      reason: 'hash-mismatch',
      position: expect.any(String),
    });
    expect(report.tornTail).toMatchObject({ line: 4, restVerifies: false });
  });

  it('is gone once a writer has opened the log (it cuts the torn line)', () => {
    const { cwd, whole, log } = tornStore();
    const write = assure(cwd, defineArea('area-x', 'X'));
    expect(write.code).toBe(0);
    expect(write.stderr).toContain(`cut a torn last line`);
    expect(statSync(log).size).toBeGreaterThan(whole);
    const r = assure(cwd, ['--json', 'verify']);
    expect(r.code).toBe(ExitCode.ok);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, events: 4, tornTail: null });
  });
});
