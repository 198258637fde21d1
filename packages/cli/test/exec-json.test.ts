import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ExitCode } from '@assure/cli';
import { ADMIN, assure, BIN, logLines, tempDir } from './run';

const programme = JSON.stringify({
  type: 'EstablishProgramme',
  data: { programmeId: 'bcc', title: 'T', body: 'B', phase: 'P' },
});
const area = JSON.stringify({
  type: 'DefinePriorityArea',
  data: { programmeId: 'bcc', areaId: 'area-finance', title: 'Finance' },
});

/** The normative summary `exec --json` prints on stdout, here for a failure before any line. */
function expectSummaryOfFailure(stdout: string, tag: string): void {
  expect(JSON.parse(stdout)).toEqual({
    applied: 0,
    events: 0,
    lastPosition: null,
    failure: {
      line: 0,
      error: expect.objectContaining({ _tag: tag, message: expect.any(String) }),
    },
  });
}

describe('assure exec --json: the summary on stdout on failure too', () => {
  it('when the store cannot be opened (a corrupt log): exit 5', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'e.ndjson'), 'not an event\n');
    writeFileSync(path.join(cwd, 'cmds.ndjson'), `${programme}\n`);
    const r = assure(cwd, [...ADMIN, '--store', 'file:e.ndjson', '--json', 'exec', 'cmds.ndjson']);
    expect(r.code).toBe(ExitCode.storeUnavailable);
    expectSummaryOfFailure(r.stdout, 'StoreCorrupt');
    expect(JSON.parse(r.stderr)).toMatchObject({ line: 0, error: { _tag: 'StoreCorrupt' } });
  });

  it('when another process holds the store: exit 5, and the holder is untouched', async () => {
    const cwd = tempDir();
    const holder = spawn(process.execPath, [BIN, ...ADMIN, 'exec', '-'], {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => holder.on('close', resolve));
    let r: ReturnType<typeof assure>;
    try {
      holder.stdin.write(`${programme}\n`);
      // The holder has the writer's lock once its first command is in the log.
      while (logLines(cwd).length < 1) await sleep(20);
      writeFileSync(path.join(cwd, 'cmds.ndjson'), `${area}\n`);
      r = assure(cwd, [...ADMIN, '--json', 'exec', 'cmds.ndjson']);
    } finally {
      holder.stdin.end(`${area}\n`);
    }
    expect(await exited).toBe(0);
    expect(r.code).toBe(ExitCode.storeUnavailable);
    expectSummaryOfFailure(r.stdout, 'StoreUnavailable');
    expect(logLines(cwd)).toHaveLength(2);
  });

  it('when its own arguments are wrong: exit 2', () => {
    const cwd = tempDir();
    const missing = assure(cwd, ['--json', 'exec']);
    expect(missing.code).toBe(ExitCode.usage);
    expectSummaryOfFailure(missing.stdout, 'UsageError');
    expect(missing.stdout).toContain("missing required argument 'file'");
    const unknown = assure(cwd, ['--json', 'exec', '--bogus', 'x.ndjson']);
    expect(unknown.code).toBe(ExitCode.usage);
    expectSummaryOfFailure(unknown.stdout, 'UsageError');
    const badUrl = assure(cwd, ['--store', 'nowhere', '--json', 'exec', '-']);
    expect(badUrl.code).toBe(ExitCode.usage);
    expectSummaryOfFailure(badUrl.stdout, 'UsageError');
  });

  it('and never without --json, nor for help', () => {
    const cwd = tempDir();
    const plain = assure(cwd, ['exec']);
    expect(plain.code).toBe(ExitCode.usage);
    expect(plain.stdout).toBe('');
    expect(plain.stderr).toBe("assure: missing required argument 'file'\n");
    const help = assure(cwd, ['--json', 'exec', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: assure exec');
  });
});
