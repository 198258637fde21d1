import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { canonicalize } from 'json-canonicalize';
import { decodeEvent } from '@assure/domain';

/**
 * docs/envelope.md is enough to re-implement verify: this file does so from the page's
 * rules alone (node:crypto and an RFC 8785 library, none of Assure's hashing code) over the
 * Birmingham example exported by the real CLI (`pnpm tsc -b` first), and gets the hashes,
 * chains, seals and root that `assure` wrote and `assure verify` reports.
 */
const docs = path.resolve(__dirname, '..');
const root = path.resolve(docs, '..');
const BIN = path.join(root, 'packages', 'cli', 'dist', 'bin.js');
const BIRMINGHAM = path.join(root, 'examples', 'birmingham', 'commands.ndjson');
const PAGE = readFileSync(path.join(docs, 'envelope.md'), 'utf8');

// ---- the rules of docs/envelope.md ----

type Json = Record<string, unknown>;
const sha256 = (bytes: Buffer | string): Buffer => createHash('sha256').update(bytes).digest();
const ZEROS = '0'.repeat(64);
const FIELDS = [
  'data',
  'eventId',
  'hash',
  'meta',
  'position',
  'prevHash',
  'revision',
  'schemaVersion',
  'stream',
  'type',
];

/** "SHA-256 of the canonical JSON of the envelope without position and hash." */
function eventHash(e: Json): string {
  const { position: _p, hash: _h, ...hashed } = e;
  return sha256(canonicalize(hashed)).toString('hex');
}
/** "SHA-256(0x00 || the 32 raw bytes of its hash)." */
const leaf = (hashHex: string): Buffer =>
  sha256(Buffer.concat([Buffer.from([0]), Buffer.from(hashHex, 'hex')]));
/** "MTH(D[0:n])", as RFC 6962 section 2.1 defines it. */
function mth(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256('');
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(Buffer.concat([Buffer.from([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k))]));
}
const after = (a: string, b: string): boolean => BigInt(a) > BigInt(b);

interface Finding {
  readonly position: string;
  readonly reason: string;
}
/** The event checks of "What verify checks", over the envelopes of an export, in order. */
function verifyFromTheDoc(envelopes: readonly Json[]): {
  findings: Finding[];
  treeSize: number;
  root: string;
  seals: number;
} {
  const findings: Finding[] = [];
  const tips = new Map<string, { revision: number; hash: string }>();
  const ids = new Set<string>();
  const leaves: Buffer[] = [];
  let last: string | undefined;
  let seals = 0;
  for (const e of envelopes) {
    const position = e['position'] as string;
    const flag = (reason: string): void => void findings.push({ position, reason });
    if (Object.keys(e).sort().join() !== FIELDS.join()) flag('decode-failed');
    if (last !== undefined && !after(position, last)) flag('position-order');
    last = position;
    if (ids.has(e['eventId'] as string)) flag('duplicate-event-id');
    ids.add(e['eventId'] as string);
    if (eventHash(e) !== e['hash']) flag('hash-mismatch');
    const tip = tips.get(e['stream'] as string);
    if (e['prevHash'] !== (tip?.hash ?? ZEROS)) flag('chain-broken');
    if (e['revision'] !== (tip === undefined ? 0 : tip.revision + 1)) flag('revision-gap');
    tips.set(e['stream'] as string, {
      revision: e['revision'] as number,
      hash: e['hash'] as string,
    });
    if (e['type'] === 'LedgerSealed' && e['stream'] === 'ledger-seals') {
      seals++;
      const d = e['data'] as { treeSize: number; root: string };
      if (d.treeSize !== leaves.length || d.root !== mth(leaves).toString('hex'))
        flag('seal-mismatch');
    }
    leaves.push(leaf(e['hash'] as string));
  }
  return { findings, treeSize: leaves.length, root: mth(leaves).toString('hex'), seals };
}

// ---- the example of the page, and the Birmingham export ----

function block(marker: string): string {
  const m = new RegExp(
    `<!-- envelope-example: ${marker} -->\\n\\n\`\`\`[a-z]+\\n([\\s\\S]*?)\`\`\``,
  ).exec(PAGE);
  if (m === null) throw new Error(`docs/envelope.md has no ${marker} example`);
  return m[1]!;
}

function assure(cwd: string, args: readonly string[]): { code: number | null; stdout: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout };
}

describe('docs/envelope.md is enough to re-implement verify', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'assure-envelope-'));
  let lines: string[] = [];

  beforeAll(() => {
    const load = ['--actor', 'loader-bcc', '--role', 'system', 'exec', '--backfill', BIRMINGHAM];
    expect(assure(cwd, load).code).toBe(0);
    expect(assure(cwd, ['--actor', 'pmo-admin', '--role', 'admin', 'seal']).code).toBe(0);
    expect(assure(cwd, ['export', '--out', 'ex.ndjson']).code).toBe(0);
    lines = readFileSync(path.join(cwd, 'ex.ndjson'), 'utf8').split('\n');
  });

  it("the page's example: its canonical bytes and its hash follow from the rules", () => {
    const e = JSON.parse(block('envelope')) as Json;
    expect(canonicalize({ ...e, position: undefined, hash: undefined })).toBe(
      block('canonical').trim(),
    );
    expect(eventHash(e)).toBe(e['hash']);
    expect(PAGE).toContain(`whose SHA-256 is its \`hash\`, \`${e['hash'] as string}\``);
    expect(
      E.isRight(decodeEvent(e['type'] as string, e['schemaVersion'] as number, e['data'])),
    ).toBe(true);
  });

  it('the export: a header, then envelopes whose hashes, chains, seals and root are the ones assure wrote', () => {
    expect(lines.pop()).toBe(''); // the last line ends with LF
    const [header, ...rest] = lines.map((l) => JSON.parse(l) as Json);
    expect(header).toEqual({
      format: 'assure-export',
      version: 1,
      exportedAt: expect.any(String),
      events: rest.length,
    });
    const mine = verifyFromTheDoc(rest);
    expect(mine.findings).toEqual([]);
    expect(mine.seals).toBe(3);
    const report = JSON.parse(assure(cwd, ['--json', 'verify', 'ex.ndjson']).stdout) as Json;
    expect(report).toMatchObject({
      ok: true,
      treeSize: mine.treeSize,
      root: mine.root,
      sealsChecked: 3,
    });
    // The last seal's root is the root of everything before it.
    const seal = rest[rest.length - 1]!;
    expect((seal['data'] as Json)['root']).toBe(verifyFromTheDoc(rest.slice(0, -1)).root);
  });

  it('a tampered export: the rules find what verify finds, at the same event', () => {
    const events = lines.slice(1).map((l) => JSON.parse(l) as Json);
    const i = events.findIndex((e) => e['type'] === 'RiskRescored');
    const target = events[i]!;
    events[i] = {
      ...target,
      meta: { ...(target['meta'] as Json), occurredAt: '2019-01-01T00:00:00.000Z' },
    };
    writeFileSync(
      path.join(cwd, 'bad.ndjson'),
      [lines[0], ...events.map((e) => JSON.stringify(e))].join('\n') + '\n',
    );
    const report = JSON.parse(assure(cwd, ['--json', 'verify', 'bad.ndjson']).stdout) as {
      failures: { position: string; reason: string }[];
    };
    const found = report.failures.map((f) => ({ position: f.position, reason: f.reason }));
    expect(verifyFromTheDoc(events).findings).toEqual(found);
    expect(found).toEqual([{ position: target['position'], reason: 'hash-mismatch' }]);
  });
});
