import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { sha256Hex } from '@assure/event-store';
import { ExitCode } from '../src/exit-codes';
import { assure, BIRMINGHAM, LOADER, tempDir } from './run';

// A read-model snapshot (`PATH.read-models.json`) is a cache: whatever is written in it,
// the reading commands show the log's states or a state the log gives, `verify` compares
// it with the log, and `report` never reads it.

const STORE = ['--store', 'file:bcc.ndjson'];
const SNAPSHOT = 'bcc.ndjson.read-models.json';
const AS_AT = ['--as-at', '2019-10-31'];
/** A recommendation whose status the tests forge. */
const REC = 'rec-2018-s24-02';

const origin = tempDir();

beforeAll(() => {
  const r = assure(origin, [...STORE, ...LOADER, '--json', 'exec', '--backfill', BIRMINGHAM]);
  expect(r.code).toBe(0);
  // A first read saves the snapshot.
  expect(assure(origin, [...STORE, '--json', 'tracker', ...AS_AT]).code).toBe(0);
});

/** A fresh copy of the store with its snapshot. */
function copy(): string {
  const cwd = tempDir();
  for (const f of ['bcc.ndjson', SNAPSHOT]) copyFileSync(path.join(origin, f), path.join(cwd, f));
  return cwd;
}

interface Row {
  readonly id: string;
  readonly status: string;
}

function trackerRow(cwd: string, extra: readonly string[] = []): Row | undefined {
  const r = assure(cwd, [...STORE, '--json', 'tracker', ...AS_AT, ...extra]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { rows: Row[] }).rows.find((row) => row.id === REC);
}

interface Section {
  version: number;
  offset: number;
  length: number;
  digest: string;
}

/**
 * Sets the snapshot's status of {@link REC}. With `recomputeDigest`, the digests are
 * recomputed as the docs define them (each section's: SHA-256 of its text; the header's:
 * SHA-256 of the JSON text of every other header field): what someone who can write the
 * file can always do. Without, the section's old digest is left in the header.
 */
function forge(cwd: string, status: string, recomputeDigest: boolean): void {
  const file = path.join(cwd, SNAPSHOT);
  const bytes = readFileSync(file);
  const nl = bytes.indexOf(0x0a);
  const head = JSON.parse(bytes.toString('utf8', 0, nl)) as {
    views: Record<string, Section>;
    digest?: string;
  };
  // Sections as bytes: the event journal's is binary.
  const sections = Object.entries(head.views)
    .sort(([, a], [, b]) => a.offset - b.offset)
    .map(([name, s]): [string, Buffer] => {
      const section = bytes.subarray(nl + 1 + s.offset, nl + 1 + s.offset + s.length);
      if (name !== 'recommendations') return [name, section];
      const state = JSON.parse(section.toString('utf8')) as [string, { status: string }][];
      const entry = state.find(([id]) => id === REC);
      if (entry === undefined) throw new Error(`${REC} is not in the snapshot`);
      entry[1].status = status;
      return [name, Buffer.from(JSON.stringify(state))];
    });
  let offset = 0;
  for (const [name, section] of sections) {
    const s = head.views[name] as Section;
    head.views[name] = {
      ...s,
      offset,
      length: section.length,
      digest: recomputeDigest ? createHash('sha256').update(section).digest('hex') : s.digest,
    };
    offset += section.length + 1;
  }
  const { digest: _old, ...body } = head;
  head.digest = sha256Hex(JSON.stringify(body));
  const newline = Buffer.from('\n');
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from(`${JSON.stringify(head)}\n`),
      ...sections.flatMap(([, section]) => [section, newline]),
    ]),
  );
}

describe('a read-model snapshot is a cache, never shown as truth', () => {
  it('an edited snapshot (digest left alone) is rebuilt over: status and tracker show the log, with a warning', () => {
    const cwd = copy();
    const truth = trackerRow(cwd, ['--no-snapshot']);
    expect(truth?.status).toBe('agreed');
    const trueStatus = assure(cwd, [...STORE, '--json', 'status', ...AS_AT, '--no-snapshot']);
    forge(cwd, 'closed', false);

    const status = assure(cwd, [...STORE, '--json', 'status', ...AS_AT]);
    expect(status.code).toBe(0);
    expect(status.stdout).toBe(trueStatus.stdout);
    expect(status.stderr).toMatch(
      /^assure: warning: read-model snapshot .*bcc\.ndjson\.read-models\.json not used \(its digest does not match its contents/,
    );

    forge(cwd, 'closed', false);
    const tracker = assure(cwd, [...STORE, '--json', 'tracker', ...AS_AT]);
    expect(tracker.code).toBe(0);
    expect(tracker.stderr).toMatch(/warning: read-model snapshot .* not used/);
    const row = (JSON.parse(tracker.stdout) as { rows: Row[] }).rows.find((r) => r.id === REC);
    expect(row).toEqual(truth);

    // Rebuilt over: the next read uses the new snapshot, silently.
    const again = assure(cwd, [...STORE, '--json', 'tracker', ...AS_AT]);
    expect(again.stderr).toBe('');
    expect(again.stdout).toBe(tracker.stdout);
  });

  it('verify passes a genuine snapshot, and fails (4) an edited one, digest recomputed or not', () => {
    const cwd = copy();
    const good = assure(cwd, [...STORE, '--json', 'verify']);
    expect(good.code).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({
      ok: true,
      failures: [],
      snapshot: { status: 'matches', differs: [] },
    });

    forge(cwd, 'closed', true);
    const forged = assure(cwd, [...STORE, '--json', 'verify']);
    expect(forged.code).toBe(ExitCode.verificationFailed);
    const report = JSON.parse(forged.stdout) as {
      ok: boolean;
      failures: { reason: string; message: string }[];
      snapshot: { status: string; differs: string[] };
    };
    expect(report.ok).toBe(false);
    expect(report.failures.map((f) => f.reason)).toEqual(['snapshot-mismatch']);
    expect(report.failures[0]?.message).toMatch(/recommendations/);
    expect(report.snapshot).toMatchObject({ status: 'mismatch', differs: ['recommendations'] });

    const text = assure(cwd, [...STORE, 'verify']);
    expect(text.code).toBe(ExitCode.verificationFailed);
    expect(text.stdout).toMatch(/^FAILED: 1 failure\(s\), first snapshot-mismatch/);
    expect(text.stdout).toContain('does NOT match the log');

    forge(cwd, 'withdrawn', false);
    const corrupt = assure(cwd, [...STORE, '--json', 'verify']);
    expect(corrupt.code).toBe(ExitCode.verificationFailed);
    expect(JSON.parse(corrupt.stdout).failures[0].message).toMatch(/digest does not match/);
    // A read rebuilds over it; verify then passes.
    expect(assure(cwd, [...STORE, 'status', ...AS_AT]).code).toBe(0);
    expect(assure(cwd, [...STORE, 'verify']).code).toBe(0);
  });

  it('report is the same with and without a forged snapshot', () => {
    const cwd = copy();
    expect(assure(cwd, [...STORE, 'report', ...AS_AT, '--out', 'before.md']).code).toBe(0);
    forge(cwd, 'closed', true);
    expect(assure(cwd, [...STORE, 'report', ...AS_AT, '--out', 'after.md']).code).toBe(0);
    const before = readFileSync(path.join(cwd, 'before.md'), 'utf8');
    expect(readFileSync(path.join(cwd, 'after.md'), 'utf8')).toBe(before);
    expect(before).toContain(REC);
  });
});
