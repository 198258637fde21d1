import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { ExitCode } from '@assure/cli';
import { ADMIN, assure, BIRMINGHAM, LOADER, tempDir } from './run';

// `assure verify` speaks in plain sentences, and its JSON report keeps to its schema.

const SCHEMA = path.resolve(__dirname, '..', '..', '..', 'docs', 'schemas', 'verify.schema.json');
const validate = new Ajv2020({ allErrors: true }).compile(
  JSON.parse(readFileSync(SCHEMA, 'utf8')) as object,
);
const conforms = (stdout: string): unknown => {
  const report: unknown = JSON.parse(stdout);
  return validate(report) ? 'valid' : validate.errors;
};

describe('assure verify: plain sentences and a JSON schema', () => {
  const cwd = tempDir();
  const store = ['--store', 'file:bcc.ndjson'];
  let witness: string[];
  beforeAll(() => {
    expect(assure(cwd, [...store, ...LOADER, 'exec', '--backfill', BIRMINGHAM]).code).toBe(0);
    const sealed = JSON.parse(
      assure(cwd, [...store, ...ADMIN, '--json', 'seal', '--on', '2019-11-01']).stdout,
    ) as { treeSize: number; root: string };
    witness = ['--root', sealed.root, '--size', String(sealed.treeSize)];
    // The seal event that closes the witnessed tree, and one more event after it.
    expect(assure(cwd, [...store, ...ADMIN, 'seal', '--on', '2019-11-02']).code).toBe(0);
    expect(assure(cwd, [...store, 'export', '--out', 'x.ndjson']).code).toBe(0);
  });

  it('says what was checked, against what, and what rests on the hash chains alone', () => {
    const plain = assure(cwd, ['verify', 'x.ndjson']);
    expect(plain.code).toBe(0);
    const lines = plain.stdout.trim().split('\n');
    expect(lines[0]).toBe('verified: every check passed.');
    expect(lines[1]).toMatch(
      /^Checked: \d+ events in \d+ streams; each stream's hash chain, revisions, event ids and positions; 4 seals against/,
    );
    expect(lines[2]).toBe(
      "Against: the log's own 4 seals; no witnessed root was given (--root HEX --size N), so whoever can rewrite the log could rewrite its seals with it.",
    );
    expect(lines[3]).toBe(
      'Covered by the hash chains only: no event; every event is within the last seal.',
    );
    const held = assure(cwd, ['verify', 'x.ndjson', ...witness]);
    expect(held.code).toBe(0);
    expect(held.stdout).toContain(
      `Against: the witnessed root ${witness[1]} of tree size ${witness[3]}, which the first ${witness[3]} events of the log reproduce.`,
    );
    expect(held.stdout).toContain(
      'Covered by the hash chains only: 1 event after the witnessed tree (the seal event that closes it aside)',
    );
  });

  it('names the first failure with its position and reason', () => {
    const lines = readFileSync(path.join(cwd, 'x.ndjson'), 'utf8').split('\n');
    const at = lines.findIndex((l, i) => i > 0 && l.includes('"officer-cfo"'));
    const position = (JSON.parse(lines[at]!) as { position: string }).position;
    lines[at] = lines[at]!.replace('"officer-cfo"', '"officer-cex"');
    writeFileSync(path.join(cwd, 't.ndjson'), lines.join('\n'));
    const r = assure(cwd, ['verify', 't.ndjson']);
    expect(r.code).toBe(ExitCode.verificationFailed);
    expect(r.stdout.split('\n')[0]).toMatch(
      new RegExp(`^FAILED: \\d+ failure\\(s\\), first hash-mismatch at position ${position}\\.$`),
    );
    expect(r.stdout).toContain(`First failure: hash-mismatch at position ${position} (`);
  });

  it('its JSON report conforms to docs/schemas/verify.schema.json', () => {
    copyFileSync(path.join(cwd, 'x.ndjson'), path.join(cwd, 'torn.ndjson'));
    appendFileSync(path.join(cwd, 'torn.ndjson'), '{"position":"1');
    for (const args of [
      ['verify', 'x.ndjson'],
      ['verify', 'x.ndjson', ...witness],
      ['verify', 'x.ndjson', '--root', 'ab'.repeat(32), '--size', witness[3]!],
      ['verify', 't.ndjson'],
      ['verify', 'torn.ndjson'],
      [...store, 'verify'],
    ]) {
      const r = assure(cwd, ['--json', ...args]);
      expect({ args, schema: conforms(r.stdout) }).toEqual({ args, schema: 'valid' });
    }
    // A file store's verify looks at the read-model snapshot a read saved.
    expect(assure(cwd, [...store, 'status']).code).toBe(0);
    const withSnapshot = assure(cwd, ['--json', ...store, 'verify']);
    expect(JSON.parse(withSnapshot.stdout)).toHaveProperty('snapshot');
    expect(conforms(withSnapshot.stdout)).toBe('valid');
  });
});
