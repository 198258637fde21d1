import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ExitCode } from '@assure/cli';
import { ESTABLISH, logLines, tempDir, assure } from './run';

describe('assure: a file store whose log does not exist', () => {
  const reads: readonly (readonly string[])[] = [
    ['status'],
    ['tracker', '--as-at', '2019-03-31'],
    ['risks'],
    ['trail', '--csv'],
    ['verify'],
    ['export', '--out', 'out.ndjson'],
    ['prove', '--from-size', '0'],
    ['report', '--out', 'pack.md'],
  ];

  it.each(reads)('a read (%s) says so with exit 5, and creates nothing', (...args) => {
    const cwd = tempDir();
    const r = assure(cwd, ['--store', 'file:missing/e.ndjson', ...args]);
    expect(r.code).toBe(ExitCode.storeUnavailable);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `assure: store unavailable: no store at ${path.join(cwd, 'missing', 'e.ndjson')}: ` +
        'the file does not exist (a write creates it; check --store or ASSURE_STORE)\n',
    );
    expect(existsSync(path.join(cwd, 'missing'))).toBe(false);
  });

  it('is reported as the tagged error under --json', () => {
    const r = assure(tempDir(), ['--store', 'file:nope.ndjson', '--json', 'status']);
    expect(r.code).toBe(ExitCode.storeUnavailable);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr)).toMatchObject({ _tag: 'StoreUnavailable' });
  });

  it('an empty log is a store with nothing in it, not a missing one', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'e.ndjson'), '');
    const r = assure(cwd, ['--store', 'file:e.ndjson', '--json', 'status']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).programmes).toEqual([]);
  });

  it('a write creates the log and its directories', () => {
    const cwd = tempDir();
    const r = assure(cwd, ['--store', 'file:new/dir/e.ndjson', ...ESTABLISH]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(logLines(cwd, 'new/dir/e.ndjson')).toHaveLength(1);
    const read = assure(cwd, ['--store', 'file:new/dir/e.ndjson', '--json', 'status']);
    expect(read.code).toBe(0);
    expect(JSON.parse(read.stdout).programmes).toHaveLength(1);
  });

  it('a write whose directory cannot be made says which and why (exit 5)', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'a-file'), 'not a directory');
    const r = assure(cwd, ['--store', 'file:a-file/sub/e.ndjson', ...ESTABLISH]);
    expect(r.code).toBe(ExitCode.storeUnavailable);
    expect(r.stderr).toBe(
      `assure: store unavailable: cannot create the directory ${path.join(cwd, 'a-file', 'sub')} ` +
        `for the store ${path.join(cwd, 'a-file', 'sub', 'e.ndjson')}: a part of that path is a file, not a directory\n`,
    );
    mkdirSync(path.join(cwd, 'ok'));
    expect(assure(cwd, ['--store', 'file:ok/e.ndjson', ...ESTABLISH]).code).toBe(0);
  });
});
