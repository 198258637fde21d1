// `assure rec record-sent`: the CLI command derived from RecordStatutoryRecommendationSent.
import { ExitCode } from '@assure/cli';
import { assure, logLines } from './run';
import { execSetup, PROGRAMME, STATUTORY_RECOMMENDATION } from './statutory';

const SETUP = [...PROGRAMME, STATUTORY_RECOMMENDATION];

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
    const { cwd, before } = execSetup(SETUP);

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
