import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ExitCode } from '../src/exit-codes';
import { verifiedPrefixPath } from '@assure/store-file';
import { assure, BIRMINGHAM, LOADER, tempDir } from './run';

// The verified-prefix record beside a file log (`PATH.verified.json`) lets the reading
// commands skip recomputing the content hashes of lines already checked. It is never
// evidence: `verify` reads every line in full whatever the record says.

const STORE = ['--store', 'file:bcc.ndjson'];
const AS_AT = ['--as-at', '2019-10-31'];

/** The times of no lines: the SHA-256 of nothing (no times file is read). */
const EMPTY_SHA256 = createHash('sha256').digest('hex');

/** What a reader records after a full check, made here for the log as it now is. */
function forgeRecord(log: string): void {
  const bytes = readFileSync(log);
  writeFileSync(
    verifiedPrefixPath(log),
    JSON.stringify({
      format: 'assure-verified-prefix',
      version: 3,
      segments: [
        {
          end: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          lines: 0,
        },
      ],
      times: { days: EMPTY_SHA256, recorded: EMPTY_SHA256 },
    }),
  );
}

describe('the verified-prefix record of a file store', () => {
  const cwd = tempDir();
  const log = path.join(cwd, 'bcc.ndjson');

  beforeAll(() => {
    const r = assure(cwd, [...STORE, ...LOADER, '--json', 'exec', '--backfill', BIRMINGHAM]);
    expect(r.code).toBe(0);
  });

  it('an edit of the recorded prefix is found: by status when the record no longer matches, by verify always', () => {
    const honest = assure(cwd, [...STORE, '--json', 'status', ...AS_AT, '--no-snapshot']);
    expect(honest.code).toBe(ExitCode.ok);
    forgeRecord(log);
    expect(assure(cwd, [...STORE, '--json', 'status', ...AS_AT, '--no-snapshot']).stdout).toBe(
      honest.stdout,
    );
    const text = readFileSync(log, 'utf8');
    const edited = text.replace('"likelihood":4', '"likelihood":5');
    expect(edited).not.toBe(text);
    writeFileSync(log, edited);
    // The record is of the bytes before the edit: it no longer serves, the line is checked.
    const status = assure(cwd, [...STORE, '--json', 'status', ...AS_AT, '--no-snapshot']);
    expect(status.code).not.toBe(ExitCode.ok);
    expect(status.stderr).toContain('hash-mismatch');
    // The read found the edit after folding lines it trusted: no answer is given.
    expect(status.stdout).toBe('');
    // Forged again over the edited bytes: the reading commands trust it (as documented)...
    forgeRecord(log);
    expect(assure(cwd, [...STORE, '--json', 'status', ...AS_AT, '--no-snapshot']).code).toBe(
      ExitCode.ok,
    );
    // ...and verify, which checks everything, still finds the edit.
    const verify = assure(cwd, [...STORE, '--json', 'verify']);
    expect(verify.code).toBe(ExitCode.verificationFailed);
  });
});
