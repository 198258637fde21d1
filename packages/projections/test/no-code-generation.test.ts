import * as path from 'node:path';
import { runWithAndWithoutCodeGeneration } from '@assure/testing';

// Under --disallow-code-generation-from-strings (as under a content security policy without
// `unsafe-eval`), the journal's object makers give way to objects built key by key, and past
// days answered from the journal are the same.
test('past days from the event journal without code generation from strings', () => {
  const { refused, allowed } = runWithAndWithoutCodeGeneration(
    path.join(__dirname, 'fixtures', 'no-code-generation.ts'),
    { cwd: path.join(__dirname, '..'), nodeArgs: ['-r', '@swc-node/register'] },
  );
  expect(refused.stderr).toBe('');
  expect(refused.status).toBe(0);
  expect(allowed.status).toBe(0);
  const lines = refused.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(4);
  for (const line of lines) expect(line.split(' ')[1]).toBe('journal');
  expect(refused.stdout).toBe(allowed.stdout);
});
