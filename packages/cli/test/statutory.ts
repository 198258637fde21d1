/**
 * A statutory recommendation set up through `exec`, shared by the tests of the commands that
 * follow one (`rec respond`, `rec record-sent`).
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ExitCode } from '@assure/cli';
import { cabinetBody, cabinetMeeting, statutoryRecommendation } from '@assure/testing';
import { assure, logLines, tempDir, type Run } from './run';

/** One line of a command file for `exec`. */
const line = (
  command: { readonly type: string; readonly data: object },
  actor: string,
  role: string,
  occurredAt: string,
) => JSON.stringify({ type: command.type, data: command.data, meta: { actor, role, occurredAt } });

/** The programme `bcc` with its priority area `area-finance`, on 1 September 2018. */
export const PROGRAMME = [
  line(
    {
      type: 'EstablishProgramme',
      data: {
        programmeId: 'bcc',
        title: 'Improvement',
        body: 'Birmingham City Council',
        phase: 'P',
      },
    },
    'pmo-admin',
    'admin',
    '2018-09-01',
  ),
  line(
    {
      type: 'DefinePriorityArea',
      data: { programmeId: 'bcc', areaId: 'area-finance', title: 'Finance' },
    },
    'pmo-admin',
    'admin',
    '2018-09-01',
  ),
];

/** The programme's cabinet, constituted on 1 September 2018. */
export const CABINET = line(cabinetBody, 'pmo-admin', 'admin', '2018-09-01');

/**
 * The statutory recommendation `rec-s24-01`, raised by the external auditor on 1 October
 * 2018 (its consideration deadline is 31 October).
 */
export const STATUTORY_RECOMMENDATION = line(
  statutoryRecommendation,
  'auditor-gt',
  'auditor',
  '2018-10-01',
);

/** The cabinet's meeting of 15 December 2018. */
export const CABINET_MEETING = line(
  cabinetMeeting('2018-12-15'),
  'pmo-admin',
  'admin',
  '2018-12-15',
);

/**
 * Runs `lines` with `exec` in a fresh directory (asserting they are all applied); the
 * directory and the log's lines after the setup.
 */
export function execSetup(lines: readonly string[]): { cwd: string; before: string[] } {
  const cwd = tempDir();
  writeFileSync(path.join(cwd, 'setup.ndjson'), `${lines.join('\n')}\n`);
  expect(assure(cwd, ['exec', 'setup.ndjson']).code).toBe(ExitCode.ok);
  return { cwd, before: logLines(cwd) };
}

/**
 * Asserts that `r` succeeded quietly and appended exactly one event to the log of `cwd`
 * after `before`; that event, parsed.
 */
export function theOneAppended(
  cwd: string,
  r: Run,
  before: readonly string[],
): { readonly type: string; readonly data: unknown } {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(ExitCode.ok);
  const after = logLines(cwd);
  expect(after).toHaveLength(before.length + 1);
  return JSON.parse(after[after.length - 1] ?? 'null') as { type: string; data: unknown };
}
