import { randomInt } from 'node:crypto';

/**
 * Gives back the event id recorded at `where` (for `verifyExport` and `verifyLog` of a
 * file: the byte offset of its line, read again from the file). Throws when it cannot.
 */
export type EventIdRecall = (where: number) => string;

/** A 32-bit hash of a string; never 0 (0 marks an empty slot). */
export type IdHash = (id: string) => number;

/**
 * FNV-1a over the UTF-16 code units, seeded, then murmur3's finaliser (so the low bits, which
 * pick the slot, depend on every character). The seed is drawn per table: a log cannot be
 * written in advance so that many of its ids share a hash.
 */
export function seededHash(seed: number): IdHash {
  return (id: string): number => {
    let h = (0x811c9dc5 ^ seed) >>> 0;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0 || 1;
  };
}

/**
 * An exact set of strings that holds, per string, a 32-bit hash and where the string can be
 * read again (12 bytes a slot, open addressing with linear probing), never the string: when a
 * hash matches, the string kept at that slot is read back with `recall` and compared whole.
 * So no string is ever taken for another; reading back is needed only for a true duplicate
 * or, rarely, two strings of the same 32-bit hash.
 */
export class FingerprintTable {
  private tags: Uint32Array;
  private wheres: Float64Array;
  /** Slots in the table (a power of two). */
  private capacity: number;
  private used = 0;

  constructor(
    private readonly recall: EventIdRecall,
    initialCapacity = 1 << 12,
    private readonly hash: IdHash = seededHash(randomInt(2 ** 32 - 1)),
  ) {
    let c = 16;
    while (c < initialCapacity) c *= 2;
    this.capacity = c;
    this.tags = new Uint32Array(c);
    this.wheres = new Float64Array(c);
  }

  /** How many distinct strings are held. */
  get size(): number {
    return this.used;
  }

  /** Adds `id`, which can be read again at `where`: true if it was new, false if it was held. */
  add(id: string, where: number): boolean {
    if ((this.used + 1) * 4 > this.capacity * 3) this.grow();
    const tag = this.hash(id);
    const mask = this.capacity - 1;
    for (let slot = tag & mask; ; slot = (slot + 1) & mask) {
      const t = this.tags[slot];
      if (t === 0) {
        this.tags[slot] = tag;
        this.wheres[slot] = where;
        this.used++;
        return true;
      }
      if (t === tag && this.recall(this.wheres[slot] ?? 0) === id) return false;
    }
  }

  /** Whether `id` is held. */
  has(id: string): boolean {
    const tag = this.hash(id);
    const mask = this.capacity - 1;
    for (let slot = tag & mask; ; slot = (slot + 1) & mask) {
      const t = this.tags[slot];
      if (t === 0) return false;
      if (t === tag && this.recall(this.wheres[slot] ?? 0) === id) return true;
    }
  }

  private grow(): void {
    const tags = this.tags;
    const wheres = this.wheres;
    this.capacity *= 2;
    this.tags = new Uint32Array(this.capacity);
    this.wheres = new Float64Array(this.capacity);
    const mask = this.capacity - 1;
    for (let i = 0; i < tags.length; i++) {
      const tag = tags[i] ?? 0;
      if (tag === 0) continue;
      let slot = tag & mask;
      while (this.tags[slot] !== 0) slot = (slot + 1) & mask;
      this.tags[slot] = tag;
      this.wheres[slot] = wheres[i] ?? 0;
    }
  }
}
