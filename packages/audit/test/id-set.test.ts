import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { EventIdSet } from '@assure/audit';

/** A UUID one hex digit away from `id` at digit index `at` (skipping dashes). */
function nearby(id: string, at: number): string {
  const idx = [...id].map((c, i) => (c === '-' ? -1 : i)).filter((i) => i >= 0)[at % 32] ?? 0;
  const c = id[idx] ?? '0';
  const next = c === 'f' ? '0' : c === '9' ? 'a' : String.fromCharCode(c.charCodeAt(0) + 1);
  return id.slice(0, idx) + next + id.slice(idx + 1);
}

describe('EventIdSet: the ids verify has seen', () => {
  it('agrees with a Set<string> over 200k ids with duplicates, near misses and odd ids', () => {
    const ids = new EventIdSet(16);
    const reference = new Set<string>();
    const base: string[] = [];
    let duplicates = 0;
    for (let i = 0; i < 200_000; i++) {
      let id: string;
      const pick = i % 10;
      if (pick === 0 && base.length > 0)
        id = base[(i * 7919) % base.length] ?? ''; // duplicate
      else if (pick === 1 && base.length > 0) id = nearby(base[(i * 31) % base.length] ?? '', i);
      else if (pick === 2 && base.length > 0) id = (base[i % base.length] ?? '').toUpperCase();
      else if (pick === 3)
        id = `evt-${i % 5000}`; // not a UUID: repeats every 5000
      else {
        id = randomUUID();
        base.push(id);
      }
      const expected = !reference.has(id);
      reference.add(id);
      if (!expected) duplicates++;
      expect(ids.add(id)).toBe(expected);
    }
    expect(duplicates).toBeGreaterThan(20_000);
    expect(ids.size).toBe(reference.size);
    for (const id of base.slice(0, 1000)) expect(ids.has(id)).toBe(true);
    expect(ids.has(randomUUID())).toBe(false);
  });

  it('keeps the nil UUID, upper-case UUIDs and malformed ones distinct and exact', () => {
    const ids = new EventIdSet();
    const nil = '00000000-0000-0000-0000-000000000000';
    const odd = [
      '',
      nil,
      '00000000-0000-0000-0000-00000000000A',
      'A0000000-0000-0000-0000-000000000000',
      'a0000000-0000-0000-0000-00000000000g',
      'a0000000x0000-0000-0000-000000000000',
    ];
    for (const id of odd) expect(ids.add(id)).toBe(true);
    expect(ids.add('a0000000-0000-0000-0000-000000000000')).toBe(true);
    for (const id of odd) expect(ids.add(id)).toBe(false);
    expect(ids.has('a0000000-0000-0000-0000-000000000001')).toBe(false);
    expect(ids.size).toBe(odd.length + 1);
  });

  it('answers like a Set<string> for any sequence of strings and UUIDs', () => {
    const idArb = fc.oneof(
      fc.uuid(),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('00000000-0000-0000-0000-000000000000'),
    );
    fc.assert(
      fc.property(fc.array(idArb, { maxLength: 300 }), (list) => {
        const ids = new EventIdSet(16);
        const reference = new Set<string>();
        for (const id of [...list, ...list.slice(0, 50)]) {
          expect(ids.add(id)).toBe(!reference.has(id));
          reference.add(id);
        }
        expect(ids.size).toBe(reference.size);
      }),
    );
  });
});
