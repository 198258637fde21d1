import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { EventIdSet, verifyExport, verifyLog } from '@assure/audit';
import { FingerprintTable, seededHash } from '../src/verify/fingerprints';
import { buildLog, chunked, exportText } from './fixtures';

// Ids that are no canonical UUID are held, when verify reads a file, as a 32-bit hash and
// the byte offset of their line; a matching hash is settled by reading the line again.
// Membership must stay exact: these tests force hash collisions and compare with a Set.

/** A table whose strings are kept in an array, read back by index. */
function tableWith(hash: (id: string) => number) {
  const kept: string[] = [];
  let reads = 0;
  const table = new FingerprintTable(
    (where) => {
      reads++;
      const s = kept[where];
      if (s === undefined) throw new Error(`nothing at ${where}`);
      return s;
    },
    16,
    hash,
  );
  const add = (id: string): boolean => {
    kept.push(id);
    return table.add(id, kept.length - 1);
  };
  return { table, add, reads: () => reads };
}

describe('FingerprintTable: hashes and a read back, never the strings', () => {
  it('stays exact when every string has the same hash', () => {
    const { table, add, reads } = tableWith(() => 5);
    const reference = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const id = `id-${(i * 37) % 400}`;
      expect(add(id)).toBe(!reference.has(id));
      reference.add(id);
    }
    expect(table.size).toBe(reference.size);
    expect(table.has('id-7')).toBe(true);
    expect(table.has('id-400')).toBe(false);
    expect(reads()).toBeGreaterThan(600); // every probe compared whole strings
  });

  it('answers like a Set<string> for any strings, with a weak or a seeded hash', () => {
    const weak = (id: string) => (id.length % 3) + 1;
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 200 }),
        fc.boolean(),
        (list, useWeak) => {
          const { table, add } = tableWith(useWeak ? weak : seededHash(12345));
          const reference = new Set<string>();
          for (const id of [...list, ...list.slice(0, 40)]) {
            expect(add(id)).toBe(!reference.has(id));
            reference.add(id);
          }
          expect(table.size).toBe(reference.size);
          for (const id of list) expect(table.has(id)).toBe(true);
        },
      ),
    );
  });

  it('never hashes to 0 (the empty slot)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (s, seed) => {
        expect(seededHash(seed)(s)).toBeGreaterThan(0);
      }),
    );
  });
});

describe('EventIdSet with a recall', () => {
  it('is exact whether an id came with where to read it again or not', () => {
    const kept: string[] = [];
    const ids = new EventIdSet(16, (where) => kept[where] ?? '');
    const withWhere = (id: string) => {
      kept.push(id);
      return ids.add(id, kept.length - 1);
    };
    expect(withWhere('evt-1')).toBe(true);
    expect(ids.add('evt-1')).toBe(false); // found among the fingerprints
    expect(ids.add('evt-2')).toBe(true); // kept as a string
    expect(withWhere('evt-2')).toBe(false); // found among the strings
    expect(withWhere('0b9f0000-1c2e-4222-8333-944445555666')).toBe(true);
    expect(ids.add('0b9f0000-1c2e-4222-8333-944445555666')).toBe(false);
    expect(ids.size).toBe(3);
    expect(ids.has('evt-1') && ids.has('evt-2') && !ids.has('evt-3')).toBe(true);
  });
});

describe('verify of a file: duplicate ids found by reading the file again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'assure-fingerprints-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const log = buildLog({ sealAfter: [6, 12], rounds: 3 });

  const write = (name: string, text: string): string => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it('passes an untouched export, and reports a repeated id where it repeats', async () => {
    const file = write('ok.ndjson', exportText(log));
    for (const threads of [0, 2]) expect((await verifyExport(file, { threads })).ok).toBe(true);
    const dup = log.map((e, i) => (i === 9 || i === 14 ? { ...e, eventId: log[2]!.eventId } : e));
    const text = exportText(dup).replace(/\n/g, '\r\n'); // CR LF lines read back as well
    const bad = write('dup.ndjson', text);
    const fromText = await verifyExport(chunked(text), { threads: 0 });
    for (const threads of [0, 2]) {
      const r = await verifyExport(bad, { threads });
      expect(r.failures.filter((f) => f.reason === 'duplicate-event-id')).toEqual([
        expect.objectContaining({ position: log[9]!.position, line: 11 }),
        expect.objectContaining({ position: log[14]!.position, line: 16 }),
      ]);
      expect(r).toEqual(fromText);
    }
  });

  it('verifyLog of a file: the same report as from its text', async () => {
    const dup = log.map((e, i) => (i === 5 ? { ...e, eventId: log[4]!.eventId } : e));
    const text = dup.map((e) => JSON.stringify(e)).join('\n') + '\n{"torn":';
    const r = await verifyLog(write('log.ndjson', text));
    expect(r.failures[0]).toMatchObject({ reason: 'duplicate-event-id', line: 6 });
    expect(r.tornTail).toMatchObject({ line: dup.length + 1, restVerifies: false });
    expect(r).toEqual(await verifyLog(chunked(text)));
  });
});
