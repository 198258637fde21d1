import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describeReport, verifyExport, verifyLog, type VerifyReport } from '@assure/audit';
import { buildLog, chunked, exportText } from './fixtures';

const log = buildLog({ sealAfter: [7, 12] });
const logText = log.map((e) => `${JSON.stringify(e)}\n`).join('');
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
/** The start of an append a crash cut short (with a character of two bytes in it). */
const partial = '{"position":"99999","stream":"risk-équipe","type":"RiskRes';

/** A copy of a report without its torn tail, to compare with the report of the whole lines. */
const withoutTorn = (r: VerifyReport): Omit<VerifyReport, 'tornTail'> => {
  const { tornTail: _ignored, ...rest } = r;
  return rest;
};

function tempFile(text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'assure-torn-')), 'log.ndjson');
  writeFileSync(file, text);
  return file;
}

describe('verifyLog: a torn last line of a live log', () => {
  it('is reported as a torn tail at its byte offset, and is no failure when the rest verifies', async () => {
    const clean = await verifyLog(chunked(logText));
    expect(clean).toMatchObject({ ok: true, events: log.length, tornTail: null });
    for (const source of [chunked(logText + partial), tempFile(logText + partial)]) {
      const r = await verifyLog(source);
      expect(r.tornTail).toEqual({
        offset: bytes(logText),
        bytes: bytes(partial),
        line: log.length + 1,
        restVerifies: true,
      });
      expect(r.ok).toBe(true);
      expect(r.failures).toEqual([]);
      expect(withoutTorn(r)).toEqual(withoutTorn(clean));
      expect(describeReport(r)).toContain(
        `torn tail: an incomplete last line (line ${log.length + 1}, ${bytes(partial)} bytes at byte offset ${bytes(logText)}), not verified; the complete lines before it verify`,
      );
    }
  });

  it('is torn even when its text is a whole envelope: without its newline it was never appended', async () => {
    const lines = logText.split('\n');
    const last = lines.at(-2)!;
    const cut = logText.slice(0, logText.length - 1); // the last newline lost
    const r = await verifyLog(chunked(cut));
    expect(r.tornTail).toMatchObject({ offset: bytes(cut) - bytes(last), bytes: bytes(last) });
    expect(r).toMatchObject({ ok: true, events: log.length - 1 });
  });

  it('says when the complete lines before it do not verify', async () => {
    const tampered = logText.replace('"likelihood":5', '"likelihood":2');
    expect(tampered).not.toBe(logText);
    const r = await verifyLog(chunked(tampered + partial));
    expect(r.ok).toBe(false);
    expect(r.failures[0]?.reason).toBe('hash-mismatch');
    expect(r.tornTail).toMatchObject({ offset: bytes(tampered), restVerifies: false });
    expect(describeReport(r)).toContain('the complete lines before it do not all verify');
  });

  it('a complete line that is corrupt stays a failure, located by its line', async () => {
    const r = await verifyLog(chunked(`${logText}${partial}\n`));
    expect(r.ok).toBe(false);
    expect(r.tornTail).toBeNull();
    expect(r.failures).toEqual([
      expect.objectContaining({ reason: 'decode-failed', line: log.length + 1 }),
    ]);
    expect(describeReport(r)).toContain(`first decode-failed at line ${log.length + 1}`);
  });
});

describe('verifyExport: a torn last line of an export', () => {
  const text = exportText(log);
  const lastLine = `${JSON.stringify(log.at(-1))}\n`;
  const cut = text.slice(0, text.length - 40);

  it('is a torn tail at its byte offset and a failure (an export is written whole)', async () => {
    const r = await verifyExport(chunked(cut));
    expect(r.tornTail).toEqual({
      offset: bytes(text) - bytes(lastLine),
      bytes: bytes(lastLine) - 40,
      line: log.length + 1, // the header is line 1
      restVerifies: true,
    });
    expect(r.ok).toBe(false);
    expect(r.failures.map((f) => f.reason)).toEqual(['truncated', 'truncated']);
    expect(r.failures[0]?.message).toContain(`at byte offset ${bytes(text) - bytes(lastLine)}`);
  });

  it('reports the same torn tail with worker threads', async () => {
    const sequential = await verifyExport(tempFile(cut), { threads: 0 });
    for (const source of [tempFile(cut), chunked(cut, 61)])
      expect(await verifyExport(source, { threads: 2 })).toEqual(sequential);
  });

  it('an export that is whole has none', async () => {
    expect((await verifyExport(chunked(text))).tornTail).toBeNull();
  });
});
