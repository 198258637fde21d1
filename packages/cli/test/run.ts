import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The built binary (`pnpm test` builds it first with `tsc -b`). */
export const BIN = path.resolve(__dirname, '..', 'dist', 'bin.js');

/** What one run of the binary did. */
export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `assure` in a directory, with no ASSURE_* variables unless given. */
export function assure(
  cwd: string,
  args: readonly string[],
  options: { input?: string; env?: Record<string, string> } = {},
): Run {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('ASSURE_') && v !== undefined) env[k] = v;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...env, ...(options.env ?? {}) },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary working directory. */
export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'assure-cli-'));
}

/** The lines of the default file store in a directory (none when it does not exist). */
export function logLines(cwd: string, file = '.assure/events.ndjson'): string[] {
  const p = path.join(cwd, file);
  if (!existsSync(p)) return [];
  return readFileSync(p, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
}

/** The Birmingham example's commands file. */
export const BIRMINGHAM = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'examples',
  'birmingham',
  'commands.ndjson',
);

/**
 * A command's flags from its data fields, in order: `{ programmeId: 'bcc', areaId: 'a' }` as
 * `--programme-id bcc --area-id a` (the CLI derives each flag from the codec's field name).
 */
export function flags(fields: Readonly<Record<string, string>>): string[] {
  return Object.entries(fields).flatMap(([k, v]) => [
    `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
    v,
  ]);
}

/** Acting as the programme office's admin, and as the chief finance officer. */
export const ADMIN = ['--actor', 'pmo-admin', '--role', 'admin'];
export const OFFICER = ['--actor', 'officer-cfo', '--role', 'officer'];

/** The one loading history with `exec --backfill`: the system, keeping each line's role. */
export const LOADER = ['--actor', 'loader-bcc', '--role', 'system'];

/** `programme establish` of `programmeId` (as admin), with short title, body and phase. */
export const establishProgramme = (programmeId = 'bcc', extra: Record<string, string> = {}) => [
  ...ADMIN,
  'programme',
  'establish',
  ...flags({ programmeId, title: 'T', body: 'B', phase: 'P', ...extra }),
];

/** The arguments that establish the programme `bcc` (as admin), on 9 December 2014. */
export const ESTABLISH = [
  ...ADMIN,
  'programme',
  'establish',
  ...flags({
    programmeId: 'bcc',
    title: 'Improvement programme',
    body: 'Birmingham City Council',
    phase: 'Kerslake review response',
    on: '2014-12-09',
  }),
];

/** `area define` of `areaId` in programme `bcc` (as admin), with `extra` flags after. */
export const defineArea = (areaId: string, title: string, extra: Record<string, string> = {}) => [
  ...ADMIN,
  'area',
  'define',
  ...flags({ programmeId: 'bcc', areaId, title, ...extra }),
];

/**
 * The arguments that identify the risk `equal-pay` in programme `bcc` (as the officer),
 * with the inherent likelihood given (a bad one makes a refused command).
 */
export function identifyEqualPay(inherentLikelihood = '5'): string[] {
  return [
    ...OFFICER,
    'risk',
    'identify',
    ...flags({
      riskId: 'equal-pay',
      programmeId: 'bcc',
      title: 'Equal pay claims',
      category: 'Financial',
      owner: 'officer-cfo',
      inherentLikelihood,
      inherentImpact: '5',
      targetLikelihood: '2',
      targetImpact: '5',
      nextReviewOn: '2015-03-31',
    }),
  ];
}

/** `risk rescore` of `equal-pay` (as the officer): the given fields only. */
export const rescoreEqualPay = (fields: Record<string, string>) => [
  ...OFFICER,
  'risk',
  'rescore',
  ...flags({ riskId: 'equal-pay', ...fields }),
];

/** The arguments that change the phase of programme `bcc` (as `who`), with the reason given. */
export function changePhase(who: readonly string[], phase: string, reason: string): string[] {
  return [...who, 'programme', 'change-phase', ...flags({ programmeId: 'bcc', phase, reason })];
}
