import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { LineScanner, type RawLine } from '@assure/store-file';

const dir = mkdtempSync(join(tmpdir(), 'assure-lines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** The lines a scan of `bytes[start, end)` must give, and where the last whole one ends. */
function expectedLines(bytes: Buffer, start: number, end: number) {
  const lines: RawLine[] = [];
  let s = start;
  for (let nl = bytes.indexOf(0x0a, s); nl !== -1 && nl < end; nl = bytes.indexOf(0x0a, s)) {
    lines.push({ offset: s, text: bytes.toString('utf8', s, nl), next: nl + 1 });
    s = nl + 1;
  }
  return { lines, completeEnd: s, partialBytes: Math.min(end, bytes.length) - s };
}

// Lines of ASCII and multi-byte characters (split across chunks at any byte), some empty.
const arbLine = fc.string({
  unit: fc.constantFrom('a', 'z', '0', '{', '"', 'é', '€', '😀', ' '),
  maxLength: 40,
});

describe('LineScanner', () => {
  it('property: any chunk size, start and end give exactly the whole lines in range, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbLine, { maxLength: 25 }),
        arbLine,
        fc.integer({ min: 1, max: 64 }),
        fc.nat(),
        fc.option(fc.nat(), { nil: undefined }),
        async (lines, tail, chunk, startPick, endPick) => {
          const bytes = Buffer.from(lines.map((l) => `${l}\n`).join('') + tail, 'utf8');
          // A start at the beginning of a line; an end anywhere after it (or none).
          const starts = [0];
          for (let i = bytes.indexOf(0x0a); i !== -1; i = bytes.indexOf(0x0a, i + 1))
            starts.push(i + 1);
          const start = starts[startPick % starts.length] as number;
          const end =
            endPick === undefined ? undefined : start + (endPick % (bytes.length - start + 1));
          const file = join(dir, `lines-${files++}.txt`);
          writeFileSync(file, bytes);
          const handle = await open(file, 'r');
          try {
            const scanner = new LineScanner(handle, start, end, chunk);
            const got: RawLine[] = [];
            for await (const batch of scanner.batches()) {
              expect(batch.length).toBeGreaterThan(0);
              got.push(...batch);
            }
            const want = expectedLines(bytes, start, end ?? bytes.length);
            expect(got).toEqual(want.lines);
            expect(scanner.completeEnd).toBe(want.completeEnd);
            if (end === undefined || end === bytes.length)
              expect(scanner.partialBytes).toBe(want.partialBytes);
          } finally {
            await handle.close();
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: lines a skip names are left out, by their index and end, and nothing else changes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbLine, { maxLength: 25 }),
        arbLine,
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 30 }),
        async (lines, tail, chunk, mask) => {
          const bytes = Buffer.from(lines.map((l) => `${l}\n`).join('') + tail, 'utf8');
          const file = join(dir, `lines-${files++}.txt`);
          writeFileSync(file, bytes);
          const handle = await open(file, 'r');
          try {
            const scanner = new LineScanner(handle, 0, undefined, chunk);
            const want = expectedLines(bytes, 0, bytes.length);
            const skipped = (i: number) => mask[i % mask.length] === true;
            const got: RawLine[] = [];
            for await (const batch of scanner.batches((i, next) => {
              // The index and end given are those of the line.
              expect(want.lines[i]?.next).toBe(next);
              return skipped(i);
            })) {
              expect(batch.length).toBeGreaterThan(0);
              got.push(...batch);
            }
            expect(got).toEqual(want.lines.filter((_, i) => !skipped(i)));
            expect(scanner.completeEnd).toBe(want.completeEnd);
            expect(scanner.partialBytes).toBe(want.partialBytes);
          } finally {
            await handle.close();
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: blocks give the same lines as bytes, a carried line alone before the block of its chunk', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbLine, { maxLength: 25 }),
        arbLine,
        fc.integer({ min: 1, max: 64 }),
        async (lines, tail, chunk) => {
          const bytes = Buffer.from(lines.map((l) => `${l}\n`).join('') + tail, 'utf8');
          const file = join(dir, `lines-${files++}.txt`);
          writeFileSync(file, bytes);
          const handle = await open(file, 'r');
          try {
            const scanner = new LineScanner(handle, 0, undefined, chunk);
            const got: RawLine[] = [];
            let carried = false;
            for await (const block of scanner.blocks()) {
              // A carried line's block is alone, and its chunk's block follows.
              if (carried) expect(block.carried).toBe(false);
              carried = block.carried;
              if (block.carried) expect(block.ends.length).toBe(1);
              let s = block.start;
              for (const nl of block.ends) {
                // The newline, or the end of a carried line's own bytes.
                if (block.carried) expect(nl).toBe(block.bytes.length);
                else expect(block.bytes[nl]).toBe(0x0a);
                got.push({
                  offset: block.at + s,
                  text: block.bytes.toString('utf8', s, nl),
                  next: block.at + nl + 1,
                });
                s = nl + 1;
              }
            }
            const want = expectedLines(bytes, 0, bytes.length);
            expect(got).toEqual(want.lines);
            expect(scanner.completeEnd).toBe(want.completeEnd);
            expect(scanner.partialBytes).toBe(want.partialBytes);
          } finally {
            await handle.close();
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: with `maxLines`, batches hold at most that many lines, and the same lines in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbLine, { maxLength: 25 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 6 }),
        async (lines, chunk, maxLines) => {
          const bytes = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
          const file = join(dir, `lines-${files++}.txt`);
          writeFileSync(file, bytes);
          const handle = await open(file, 'r');
          try {
            const got: RawLine[] = [];
            for await (const batch of new LineScanner(handle, 0, undefined, chunk).batches(
              undefined,
              undefined,
              maxLines,
            )) {
              expect(batch.length).toBeGreaterThan(0);
              expect(batch.length).toBeLessThanOrEqual(maxLines);
              got.push(...batch);
            }
            expect(got).toEqual(expectedLines(bytes, 0, bytes.length).lines);
          } finally {
            await handle.close();
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('with `maxLines`, a chunk of many lines is handed out in several batches', async () => {
    const file = join(dir, 'batched.txt');
    writeFileSync(file, Array.from({ length: 10 }, (_, i) => `line ${i}\n`).join(''));
    const handle = await open(file, 'r');
    try {
      const sizes: number[] = [];
      for await (const batch of new LineScanner(handle, 0).batches(undefined, undefined, 4))
        sizes.push(batch.length);
      // One chunk (the default 256 KiB) holds all ten lines.
      expect(sizes).toEqual([4, 4, 2]);
    } finally {
      await handle.close();
    }
  });

  it('a consumer that stops early leaves no read behind: the file closes cleanly', async () => {
    const file = join(dir, 'many.txt');
    writeFileSync(file, Array.from({ length: 1000 }, (_, i) => `line ${i}\n`).join(''));
    const handle = await open(file, 'r');
    const firsts: string[] = [];
    for await (const batch of new LineScanner(handle, 0, undefined, 64).batches()) {
      firsts.push(batch[0]?.text ?? '');
      if (firsts.length === 2) break;
    }
    await handle.close();
    // 64-byte chunks: lines 0-8 fill the first (and a byte of line 9, ended in the second).
    expect(firsts).toEqual(['line 0', 'line 9']);
  });

  it('does not read past a short read: bytes appended meanwhile are read in order', async () => {
    const file = join(dir, 'growing.txt');
    writeFileSync(file, 'first\nsec');
    const handle = await open(file, 'r+');
    try {
      const got: string[] = [];
      const scanner = new LineScanner(handle, 0, undefined, 4);
      for await (const batch of scanner.batches()) {
        got.push(...batch.map((l) => l.text));
        // The file grows while it is being read: nothing may be skipped or doubled.
        if (got.length === 1) await handle.write(Buffer.from('ond\nthird\n'), 0, 10, 9);
      }
      expect(got).toEqual(['first', 'second', 'third']);
      expect(scanner.partialBytes).toBe(0);
    } finally {
      await handle.close();
    }
  });
});
