import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { ExitCode } from '@assure/cli';
import {
  ADMIN,
  assure,
  BIRMINGHAM,
  changePhase,
  ESTABLISH,
  flags,
  LOADER,
  logLines,
  tempDir,
} from './run';

// The auditor's path: an export and a witnessed root, nothing of the council's systems.

const AS_AT = ['--as-at', '2019-10-31'];
const CHROMIUM = '/usr/bin/chromium';

describe('assure: the auditor works from an export alone', () => {
  const cwd = tempDir();
  const store = ['--store', 'file:bcc.ndjson'];
  let witness: { treeSize: number; root: string };
  beforeAll(() => {
    expect(assure(cwd, [...store, ...LOADER, 'exec', '--backfill', BIRMINGHAM]).code).toBe(0);
    const sealed = assure(cwd, [...store, ...ADMIN, '--json', 'seal', '--on', '2019-11-01']);
    expect(sealed.code).toBe(0);
    witness = JSON.parse(sealed.stdout);
    expect(assure(cwd, [...store, 'export', '--out', 'bcc-export.ndjson']).code).toBe(0);
  });
  const witnessArgs = () => ['--root', witness.root, '--size', String(witness.treeSize)];
  const wrongRoot = () => ['--root', 'ab'.repeat(32), '--size', String(witness.treeSize)];

  it('status, tracker, risks and trail from an export equal those from the store', () => {
    for (const view of ['status', 'tracker', 'risks', 'trail']) {
      const live = assure(cwd, [
        ...store,
        '--json',
        view,
        ...AS_AT,
        '--known-at',
        '2019-10-01T00:00:00.000Z',
      ]);
      const fromExport = assure(tempDir(), [
        '--json',
        view,
        '--from-export',
        path.join(cwd, 'bcc-export.ndjson'),
        ...witnessArgs(),
        ...AS_AT,
        '--known-at',
        '2019-10-01T00:00:00.000Z',
      ]);
      expect(fromExport.stderr).toBe('');
      expect(fromExport.code).toBe(0);
      expect(JSON.parse(fromExport.stdout)).toEqual(JSON.parse(live.stdout));
    }
  });

  it('the report from an export equals the report from the store', () => {
    for (const ext of ['html', 'md']) {
      expect(assure(cwd, [...store, 'report', ...AS_AT, '--out', `store.${ext}`]).code).toBe(0);
      const r = assure(cwd, [
        'report',
        '--from-export',
        'bcc-export.ndjson',
        ...AS_AT,
        '--out',
        `export.${ext}`,
      ]);
      expect(r.code).toBe(0);
      expect(readFileSync(path.join(cwd, `export.${ext}`), 'utf8')).toBe(
        readFileSync(path.join(cwd, `store.${ext}`), 'utf8'),
      );
    }
    const md = readFileSync(path.join(cwd, 'export.md'), 'utf8');
    expect(md).toContain('No witnessed root was given');
  });

  it('the report states the witnessed root it was checked against', () => {
    const r = assure(cwd, [
      'report',
      '--from-export',
      'bcc-export.ndjson',
      ...witnessArgs(),
      ...AS_AT,
      '--out',
      'w.md',
    ]);
    expect(r.code).toBe(0);
    const md = readFileSync(path.join(cwd, 'w.md'), 'utf8');
    expect(md).toContain(
      `Checked against the witnessed root ${witness.root} of tree size ${witness.treeSize}: it matches.`,
    );
    expect(md).toContain('Verification: **passed, against the witnessed root**');
  });

  it('a tampered export or a wrong root stops report (and the reads) with exit 4, writing nothing', () => {
    const lines = readFileSync(path.join(cwd, 'bcc-export.ndjson'), 'utf8').split('\n');
    const at = lines.findIndex((l, i) => i > 0 && l.includes('"officer-cfo"'));
    expect(at).toBeGreaterThan(0);
    lines[at] = lines[at]!.replace('"officer-cfo"', '"officer-cex"');
    writeFileSync(path.join(cwd, 'tampered.ndjson'), lines.join('\n'));
    const tampered = assure(cwd, [
      'report',
      '--from-export',
      'tampered.ndjson',
      ...AS_AT,
      '--out',
      't.html',
    ]);
    expect(tampered.code).toBe(ExitCode.verificationFailed);
    expect(tampered.stderr).toMatch(/did not verify/);
    expect(existsSync(path.join(cwd, 't.html'))).toBe(false);
    const wrong = assure(cwd, [
      'report',
      '--from-export',
      'bcc-export.ndjson',
      ...wrongRoot(),
      '--out',
      'r.html',
    ]);
    expect(wrong.code).toBe(ExitCode.verificationFailed);
    expect(existsSync(path.join(cwd, 'r.html'))).toBe(false);
    const wrongStore = assure(cwd, [...store, 'report', ...wrongRoot(), '--out', 's.html']);
    expect(wrongStore.code).toBe(ExitCode.verificationFailed);
    expect(existsSync(path.join(cwd, 's.html'))).toBe(false);
    expect(assure(cwd, ['status', '--from-export', 'tampered.ndjson']).code).toBe(4);
    expect(assure(cwd, ['replay', 'bcc-export.ndjson', ...wrongRoot()]).code).toBe(4);
    expect(assure(cwd, ['replay', 'bcc-export.ndjson', ...witnessArgs()]).code).toBe(0);
  });

  it('proves inclusion and consistency against the witnessed size; check-proof holds them to the witnessed root', () => {
    // The export holds the witnessed events and the seal event; another seal makes the live
    // tree two events larger than the witnessed one.
    const more = assure(cwd, [...store, ...ADMIN, '--json', 'seal', '--on', '2019-11-02']);
    expect(more.code).toBe(0);
    const eventId = JSON.parse(logLines(cwd, 'bcc.ndjson')[10]!).eventId;
    const inc = assure(cwd, [
      ...store,
      '--json',
      'prove',
      '--event',
      eventId,
      '--size',
      String(witness.treeSize),
    ]);
    expect(inc.code).toBe(0);
    expect(JSON.parse(inc.stdout)).toMatchObject({
      treeSize: witness.treeSize,
      root: witness.root,
      leafIndex: 10,
    });
    writeFileSync(path.join(cwd, 'inc.json'), inc.stdout);
    const held = assure(tempDir(), ['check-proof', path.join(cwd, 'inc.json'), ...witnessArgs()]);
    expect(held.code).toBe(0);
    expect(held.stdout).toContain('reaches the witnessed root');
    const alone = assure(tempDir(), ['check-proof', path.join(cwd, 'inc.json')]);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toContain('no witnessed root was given');
    const other = assure(tempDir(), [
      '--json',
      'check-proof',
      path.join(cwd, 'inc.json'),
      ...wrongRoot(),
    ]);
    expect(other.code).toBe(ExitCode.verificationFailed);
    expect(JSON.parse(other.stdout)).toMatchObject({
      kind: 'inclusion',
      ok: false,
      witnessed: false,
    });
    // The current tree extends the witnessed one.
    const con = assure(cwd, [...store, '--json', 'prove', '--size', String(witness.treeSize)]);
    expect(con.code).toBe(0);
    const proof = JSON.parse(con.stdout);
    expect(proof).toMatchObject({
      fromSize: witness.treeSize,
      fromRoot: witness.root,
      toSize: witness.treeSize + 2,
    });
    writeFileSync(path.join(cwd, 'con.json'), con.stdout);
    expect(
      assure(tempDir(), ['check-proof', path.join(cwd, 'con.json'), ...witnessArgs()]).code,
    ).toBe(0);
    expect(
      assure(tempDir(), ['check-proof', path.join(cwd, 'con.json'), ...wrongRoot()]).code,
    ).toBe(4);
    // From the export alone, the same proof.
    const fromExport = assure(cwd, [
      '--json',
      'prove',
      '--from-export',
      'bcc-export.ndjson',
      '--event',
      eventId,
      '--size',
      String(witness.treeSize),
    ]);
    expect(JSON.parse(fromExport.stdout)).toMatchObject({
      treeSize: witness.treeSize,
      root: witness.root,
    });
  });
});

describe('assure: tracker and trail as CSV and XLSX, formulas neutralised', () => {
  const cwd = tempDir();
  const formula = '=HYPERLINK("http://evil.example/x","click")';
  beforeAll(() => {
    expect(assure(cwd, ESTABLISH).code).toBe(0);
    const r = assure(cwd, [...changePhase(ADMIN, 'Panel', formula), '--on', '2015-01-05']);
    expect(r.code).toBe(0);
  });

  it('a CSV cell =HYPERLINK(...) arrives neutralised', () => {
    const csv = assure(cwd, ['trail', '--csv']);
    expect(csv.code).toBe(0);
    const line = csv.stdout.split('\r\n').find((l) => l.includes('HYPERLINK'));
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example/x"",""click"")"`);
    expect(csv.stdout).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const tracker = assure(cwd, ['tracker', '--csv']);
    expect(tracker.code).toBe(0);
    expect(tracker.stdout.split('\r\n')[0]).toMatch(/^id,areaId,title,source,classification/);
  });

  it('writes the trail and the tracker as XLSX with the formula as inert text', async () => {
    expect(assure(cwd, ['trail', '--xlsx', 'trail.xlsx']).code).toBe(0);
    expect(assure(cwd, ['tracker', '--xlsx', 'tracker.xlsx']).code).toBe(0);
    expect(assure(cwd, ['trail', '--xlsx', 'trail.csv']).code).toBe(ExitCode.usage);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path.join(cwd, 'trail.xlsx'));
    const sheet = book.getWorksheet('Trail')!;
    const cells: unknown[] = [];
    sheet.eachRow((row) => row.eachCell((c) => cells.push(c.value)));
    expect(cells).toContain(`'${formula}`);
    expect(cells.some((v) => typeof v === 'object' && v !== null && 'formula' in v)).toBe(false);
    const tracker = new ExcelJS.Workbook();
    await tracker.xlsx.readFile(path.join(cwd, 'tracker.xlsx'));
    expect(tracker.getWorksheet('Tracker')!.getRow(1).getCell(1).value).toBe('id');
  });
});

describe('assure report --out FILE.pdf', () => {
  it('prints the pack through Chromium: every page numbered, stamped and carrying the verification', () => {
    if (!existsSync(CHROMIUM)) {
      console.warn(
        `${CHROMIUM} is missing (apt-get install -y chromium poppler-utils): the PDF check is skipped`,
      );
      return;
    }
    const cwd = tempDir();
    expect(
      assure(cwd, ['--store', 'file:bcc.ndjson', ...LOADER, 'exec', '--backfill', BIRMINGHAM]).code,
    ).toBe(0);
    const r = assure(cwd, [
      '--store',
      'file:bcc.ndjson',
      'report',
      ...AS_AT,
      ...flags({ body: 'audit-committee', out: 'pack.pdf' }),
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pdf = path.join(cwd, 'pack.pdf');
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info.stdout)?.[1]);
    // The whole pack is there, in order, and the page count the PDF declares is the one
    // every page's footer states: status, tracker, register, heat map and the Audit
    // Committee's changes take several A4 landscape pages.
    expect(pages).toBeGreaterThanOrEqual(5);
    const texts: string[] = [];
    for (let i = 1; i <= pages; i++)
      texts.push(
        spawnSync('pdftotext', ['-f', String(i), '-l', String(i), pdf, '-'], { encoding: 'utf8' })
          .stdout,
      );
    texts.forEach((text, i) => {
      expect(text).toContain(`Page ${i + 1} of ${pages}`);
      expect(text).toContain('Birmingham City Council: board pack for the Audit Committee');
      expect(text).toContain('As at 2019-10-31; as known at everything recorded');
      expect(text).toContain('Verification: passed, not witnessed');
    });
    const pageOf = (heading: string): number => texts.findIndex((t) => t.includes(heading));
    const order = [
      'Status',
      'Recommendation tracker',
      'Risk register',
      'Risk heat map',
      'Changes since the last meeting',
    ].map(pageOf);
    expect(order.every((p) => p >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });
});
