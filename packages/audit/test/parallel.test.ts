import fc from 'fast-check';
import { verifyExport, verifyWorkerScript, type VerifyReport } from '@assure/audit';
import { buildLog, chunked, exportText } from './fixtures';

// The parallel verify hands lines to worker threads and applies their outcomes in log order:
// whatever the input, its report must be the sequential one, failure for failure.

const both = async (
  text: string,
  size: number,
  witness?: { treeSize: number; root: string },
): Promise<[VerifyReport, VerifyReport]> => {
  const w = witness === undefined ? {} : { witness };
  const seq = await verifyExport(chunked(text, size), { ...w, threads: 0 });
  const par = await verifyExport(chunked(text, size), { ...w, threads: 2 });
  return [seq, par];
};

const lines = (text: string): string[] => text.split('\n');

describe('verify in worker threads', () => {
  const log = buildLog({ sealAfter: [6, 12], rounds: 3 });
  const text = exportText(log);

  it('has a built worker to run (tsc -b before jest)', () => {
    expect(verifyWorkerScript()).toBeDefined();
  });

  it('gives the sequential report on an untouched export', async () => {
    const [seq, par] = await both(text, 4096);
    expect(seq.ok).toBe(true);
    expect(par).toEqual(seq);
  });

  it('gives the sequential report on a tampered export, first failing position included', async () => {
    const l = lines(text);
    // Change one field of one event, delete an event, swap two, duplicate one, add junk,
    // blank and CRLF lines, and cut the last line.
    l[5] = l[5]!
      .replace('"revision":', '"revision": ')
      .replace(/"actor":"[^"]*"/, '"actor":"mallory"');
    l.splice(9, 1);
    const a = l[20]!;
    l[20] = l[21]!;
    l[21] = a;
    l.splice(30, 0, l[29]!);
    l.splice(33, 0, '{not json', '', '{"position":"12","hash":"' + 'ab'.repeat(32) + '"}');
    l[40] = l[40]! + '\r';
    const tampered = l.join('\n').replace(/\n$/, '').slice(0, -17);
    const witness = { treeSize: 12, root: 'ff'.repeat(32) };
    for (const size of [61, 1000, 1 << 20]) {
      const [seq, par] = await both(tampered, size, witness);
      expect(seq.ok).toBe(false);
      expect(seq.failures.map((f) => f.reason)).toEqual(
        expect.arrayContaining(['hash-mismatch', 'chain-broken', 'decode-failed', 'truncated']),
      );
      expect(par).toEqual(seq);
    }
  });

  it('gives the sequential report whatever line is damaged (property)', async () => {
    const l = lines(text).slice(0, -1);
    await fc.assert(
      fc.asyncProperty(
        fc.nat(l.length - 1),
        fc.nat(400),
        fc.constantFrom('x', '"', '}', '\n', '7'),
        fc.integer({ min: 40, max: 5000 }),
        async (line, at, ch, size) => {
          const m = [...l];
          const s = m[line]!;
          const i = at % (s.length + 1);
          m[line] = s.slice(0, i) + ch + s.slice(i + 1);
          const [seq, par] = await both(m.join('\n') + '\n', size);
          expect(par).toEqual(seq);
        },
      ),
      { numRuns: 12 },
    );
  });
});
