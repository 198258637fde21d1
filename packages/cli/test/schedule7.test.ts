// `assure rec record-sent`: the CLI command derived from RecordStatutoryRecommendationSent.
import { ExitCode } from '@assure/cli';
import { assure, flags, logLines } from './run';
import { execSetup, PROGRAMME, STATUTORY_RECOMMENDATION, theOneAppended } from './statutory';

const SETUP = [...PROGRAMME, STATUTORY_RECOMMENDATION];

const recordSent = (role: string, sentOn: string, on: string) => [
  ...flags({ actor: 'auditor-gt', role }),
  'rec',
  'record-sent',
  ...flags({ recommendationId: 'rec-s24-01', sentOn, secretaryOfStateOn: sentOn, on }),
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
    const event = theOneAppended(cwd, ok, before);
    expect(event.type).toBe('StatutoryRecommendationSent');
    expect(event.data).toEqual({
      recommendationId: 'rec-s24-01',
      sentOn: '2018-10-02',
      secretaryOfStateOn: '2018-10-02',
    });
  });
});
