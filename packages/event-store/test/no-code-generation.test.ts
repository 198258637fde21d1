import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

// Node refuses `new Function` and `eval` under --disallow-code-generation-from-strings (as a
// content security policy without `unsafe-eval` does): the store's functions made per object
// shape then give way to key-by-key copies and writers, with the same envelopes and hashes.
// Real processes: the flag applies to a whole isolate.
const fixture = path.join(__dirname, 'fixtures', 'no-code-generation.ts');
const run = (flags: string[]) =>
  spawnSync(process.execPath, [...flags, '-r', '@swc-node/register', fixture], {
    encoding: 'utf8',
    cwd: path.join(__dirname, '..'),
    maxBuffer: 1 << 24,
  });

test('appends without code generation from strings store the same envelopes, hashes checked', () => {
  const refused = run(['--disallow-code-generation-from-strings']);
  const allowed = run([]);
  expect(refused.stderr).toBe('');
  expect(refused.status).toBe(0);
  expect(allowed.status).toBe(0);
  const lines = refused.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(41);
  expect(lines[40]).toBe('ok');
  expect(refused.stdout).toBe(allowed.stdout);
});
