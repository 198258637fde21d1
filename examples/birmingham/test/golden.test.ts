import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GOLDEN_DAYS } from '../src';

// The golden documents are what the real `assure` binary prints for the example. To
// regenerate them after an intended change: `UPDATE_GOLDEN=1 pnpm exec jest examples/birmingham`
// (then read the diff: they are the project's showcase).
const root = path.resolve(__dirname, '..');
const bin = path.resolve(root, '..', '..', 'packages', 'cli', 'dist', 'bin.js');
const update = process.env['UPDATE_GOLDEN'] === '1';
const views = ['status', 'tracker', 'risks'] as const;

function assure(cwd: string, args: string[], store = 'file:bcc.ndjson'): string {
  const r = spawnSync(process.execPath, [bin, '--store', store, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'] ?? '' },
  });
  if (r.status !== 0) throw new Error(`assure ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

describe('golden documents of the Birmingham example', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'assure-golden-'));
  beforeAll(() => {
    // History is loaded by the system; each line keeps the role of the one who issued it.
    const loader = ['--actor', 'loader-bcc', '--role', 'system'];
    assure(cwd, [...loader, 'exec', '--backfill', path.join(root, 'commands.ndjson')]);
    // The example as it was when the @1 documents were first printed (before its corrections
    // against the sources): the @1 goldens are reproduced from that history, unchanged.
    assure(
      cwd,
      [
        ...loader,
        'exec',
        '--backfill',
        path.join(root, 'golden', 'commands-as-first-printed.ndjson'),
      ],
      'file:first.ndjson',
    );
  });

  for (const day of GOLDEN_DAYS)
    for (const view of views)
      it(`${view} as at ${day}`, () => {
        const actual = JSON.parse(assure(cwd, ['--json', view, '--as-at', day])) as unknown;
        const file = path.join(root, 'golden', `${view}-${day}.json`);
        if (update) writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
        expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
      });

  // `status-<day>.bcc-cgip@1.json` are the status documents as the project printed them
  // before the @2 policies (never regenerated): the @1 policy still gives every one of
  // their fields from the history they were printed from (`golden/commands-as-first-printed.ndjson`,
  // the example before its corrections), so old reports reproduce (the document has only
  // gained fields since).
  for (const day of GOLDEN_DAYS)
    it(`bcc-cgip@1: status as at ${day} is unchanged by the @2 policies`, () => {
      const actual = JSON.parse(
        assure(
          cwd,
          ['--json', 'status', '--as-at', day, '--policy', 'bcc-cgip@1'],
          'file:first.ndjson',
        ),
      ) as unknown;
      const file = path.join(root, 'golden', `status-${day}.bcc-cgip@1.json`);
      expect(actual).toMatchObject(JSON.parse(readFileSync(file, 'utf8')) as object);
    });
});
