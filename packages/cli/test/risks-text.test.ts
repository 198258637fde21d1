// `assure risks` as text: each risk with actions linked as mitigating it lists them under
// "Mitigating actions" (id, title, status, percent complete, due date), as the JSON does.
import { ExitCode } from '@assure/cli';
import { BIRMINGHAM, LOADER, assure, tempDir } from './run';

describe('assure risks (text)', () => {
  const cwd = tempDir();
  beforeAll(() => {
    expect(assure(cwd, [...LOADER, 'exec', '--backfill', BIRMINGHAM]).code).toBe(ExitCode.ok);
  });

  it('lists the mitigating actions of a risk under it, with their state as at the day', () => {
    const r = assure(cwd, ['risks', '--as-at', '2019-10-31']);
    expect(r.code).toBe(ExitCode.ok);
    const section = r.stdout.slice(r.stdout.indexOf('Mitigating actions'));
    expect(section.split('\n').slice(0, 4)).toEqual([
      'Mitigating actions',
      '  industrial-relations',
      '    ir-framework "Develop a new industrial relations framework with the trades unions": planned, 50%, due 2019-12-31',
      '    waste-review "Carry out the independent review of waste services (commissioned by March 2019)": completed, 100%, due 2019-09-30',
    ]);
    const json = JSON.parse(assure(cwd, ['--json', 'risks', '--as-at', '2019-10-31']).stdout) as {
      rows: { id: string; mitigatingActions: { id: string }[] }[];
    };
    const linked = json.rows.flatMap((row) =>
      row.mitigatingActions.map((a) => `${row.id}/${a.id}`),
    );
    expect(linked).toEqual([
      'industrial-relations/ir-framework',
      'industrial-relations/waste-review',
    ]);
  });

  it('has no such section before any action is linked', () => {
    const r = assure(cwd, ['risks', '--as-at', '2018-06-30']);
    expect(r.code).toBe(ExitCode.ok);
    expect(r.stdout).toContain('Risk register as at 2018-06-30');
    expect(r.stdout).not.toContain('Mitigating actions');
  });
});
