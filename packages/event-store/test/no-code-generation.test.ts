import * as path from 'node:path';
import { runWithAndWithoutCodeGeneration } from '@assure/testing';

// Node refuses `new Function` and `eval` under --disallow-code-generation-from-strings (as a
// content security policy without `unsafe-eval` does): the store's functions made per object
// shape then give way to key-by-key copies and writers, with the same envelopes and hashes.
test('appends without code generation from strings store the same envelopes, hashes checked', () => {
  const { refused, allowed } = runWithAndWithoutCodeGeneration(
    path.join(__dirname, 'fixtures', 'no-code-generation.ts'),
    { cwd: path.join(__dirname, '..'), nodeArgs: ['-r', '@swc-node/register'] },
  );
  expect(refused.stderr).toBe('');
  expect(refused.status).toBe(0);
  expect(allowed.status).toBe(0);
  const lines = refused.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(41);
  expect(lines[40]).toBe('ok');
  expect(refused.stdout).toBe(allowed.stdout);
});
