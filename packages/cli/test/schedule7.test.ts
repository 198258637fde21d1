// `assure rec record-sent`: the CLI command derived from RecordStatutoryRecommendationSent.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ExitCode } from '@assure/cli';
import { assure, logLines, tempDir } from './run';

const line = (type: string, data: object, actor: string, role: string, occurredAt: string) =>
  JSON.stringify({ type, data, meta: { actor, role, occurredAt } });

const SETUP = [
  line(
    'EstablishProgramme',
    { programmeId: 'bcc', title: 'Improvement', body: 'Birmingham City Council', phase: 'P' },
    'pmo-admin',
    'admin',
    '2018-09-01',
  ),
  line(
    'DefinePriorityArea',
    { programmeId: 'bcc', areaId: 'area-finance', title: 'Finance' },
    'pmo-admin',
    'admin',
    '2018-09-01',
  ),
  line(
    'RaiseRecommendation',
    {
      recommendationId: 'rec-s24-01',
      programmeId: 'bcc',
      areaId: 'area-finance',
      source: 'external-auditor',
      classification: 'statutory',
      title: 'Deliver the savings programme',
      dueOn: '2019-03-31',
    },
    'auditor-gt',
    'auditor',
    '2018-10-01',
  ),
];

const recordSent = (role: string, sentOn: string, on: string) => [
  '--actor',
  'auditor-gt',
  '--role',
  role,
  'rec',
  'record-sent',
  '--recommendation-id',
  'rec-s24-01',
  '--sent-on',
  sentOn,
  '--secretary-of-state-on',
  sentOn,
  '--on',
  on,
];

describe('assure rec record-sent', () => {
  it('records the days sent for the auditor only, refuses a day after the command, writing nothing when refused', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'setup.ndjson'), `${SETUP.join('\n')}\n`);
    expect(assure(cwd, ['exec', 'setup.ndjson']).code).toBe(ExitCode.ok);
    const before = logLines(cwd);

    const officer = assure(cwd, ['--json', ...recordSent('officer', '2018-10-02', '2018-10-03')]);
    expect(officer.code).toBe(ExitCode.rejected);
    expect(JSON.parse(officer.stderr)).toMatchObject({ _tag: 'Forbidden', role: 'officer' });
    const future = assure(cwd, ['--json', ...recordSent('auditor', '2018-10-09', '2018-10-03')]);
    expect(future.code).toBe(ExitCode.rejected);
    expect(JSON.parse(future.stderr)).toMatchObject({
      _tag: 'RuleViolated',
      rule: 'day-not-future',
    });
    expect(logLines(cwd)).toEqual(before);

    const ok = assure(cwd, recordSent('auditor', '2018-10-02', '2018-10-03'));
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(ExitCode.ok);
    const after = logLines(cwd);
    expect(after).toHaveLength(before.length + 1);
    const event = JSON.parse(after[after.length - 1]!);
    expect(event.type).toBe('StatutoryRecommendationSent');
    expect(event.data).toEqual({
      recommendationId: 'rec-s24-01',
      sentOn: '2018-10-02',
      secretaryOfStateOn: '2018-10-02',
    });
  });
});
