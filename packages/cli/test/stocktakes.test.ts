// `assure stocktake record` and `assure stocktakes`, through the binary: bad input is exit 2
// naming the field, a broken rule exit 1, nothing written either way; the document shows the
// stocktake and its judgement.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ExitCode } from '@assure/cli';
import { assure, logLines, tempDir } from './run';

const line = (type: string, data: object, occurredAt: string) =>
  JSON.stringify({ type, data, meta: { actor: 'pmo-admin', role: 'admin', occurredAt } });

const SETUP = [
  line(
    'EstablishProgramme',
    { programmeId: 'bcc', title: 'Improvement', body: 'Birmingham City Council', phase: 'P' },
    '2018-01-01',
  ),
];

const record = (rating: string, periodEnd: string) => [
  '--actor',
  'officer-pmo',
  '--role',
  'officer',
  'stocktake',
  'record',
  '--programme-id',
  'bcc',
  '--stocktake-id',
  'stocktake-2018-06',
  '--held-on',
  '2018-06-26',
  '--period-start',
  '2017-07-01',
  '--period-end',
  periodEnd,
  '--assessor',
  'self-assessment',
  '--criteria-set',
  'lga-effective-organisation@1',
  '--findings',
  'Finance is the critical issue',
  '--rating',
  rating,
  '--on',
  '2018-06-27',
];

describe('assure stocktake record', () => {
  it('refuses bad input (exit 2, naming the field) and a broken rule (exit 1), writing nothing; then records it', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'setup.ndjson'), `${SETUP.join('\n')}\n`);
    expect(assure(cwd, ['exec', 'setup.ndjson']).code).toBe(ExitCode.ok);
    const before = logLines(cwd);

    const bad = assure(cwd, ['--json', ...record('purple', '2018-06-15')]);
    expect(bad.code).toBe(ExitCode.usage);
    expect(JSON.parse(bad.stderr)).toMatchObject({
      _tag: 'ValidationFailed',
      errors: [expect.objectContaining({ path: 'data.rating' })],
    });
    const backwards = assure(cwd, ['--json', ...record('amber', '2017-01-01')]);
    expect(backwards.code).toBe(ExitCode.rejected);
    expect(JSON.parse(backwards.stderr)).toMatchObject({
      _tag: 'RuleViolated',
      rule: 'stocktake-period',
    });
    expect(logLines(cwd)).toEqual(before);

    const ok = assure(cwd, record('amber', '2018-06-15'));
    expect({ code: ok.code, stderr: ok.stderr }).toEqual({ code: ExitCode.ok, stderr: '' });
    const after = logLines(cwd);
    expect(after).toHaveLength(before.length + 1);
    expect(JSON.parse(after[after.length - 1]!).type).toBe('StocktakeRecorded');

    const doc = JSON.parse(assure(cwd, ['--json', 'stocktakes', '--as-at', '2018-12-31']).stdout);
    expect(doc.programmes[0].stocktakes).toEqual([
      expect.objectContaining({ stocktakeId: 'stocktake-2018-06', rating: 'amber' }),
    ]);
  });
});
