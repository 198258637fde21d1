import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

// Under --disallow-code-generation-from-strings (as under a content security policy without
// `unsafe-eval`), the journal's object makers give way to objects built key by key, and past
// days answered from the journal are the same. Real processes: the flag applies to an isolate.
const fixture = path.join(__dirname, 'fixtures', 'no-code-generation.ts');
const run = (flags: string[]) =>
  spawnSync(process.execPath, [...flags, '-r', '@swc-node/register', fixture], {
    encoding: 'utf8',
    cwd: path.join(__dirname, '..'),
    maxBuffer: 1 << 26,
  });

test('past days from the event journal without code generation from strings', () => {
  const refused = run(['--disallow-code-generation-from-strings']);
  const allowed = run([]);
  expect(refused.stderr).toBe('');
  expect(refused.status).toBe(0);
  expect(allowed.status).toBe(0);
  const lines = refused.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(4);
  for (const line of lines) expect(line.split(' ')[1]).toBe('journal');
  expect(refused.stdout).toBe(allowed.stdout);
});
