import { FingerprintTable, type EventIdRecall } from './fingerprints';

export type { EventIdRecall } from './fingerprints';

/**
 * The set of event ids `verify` has seen, kept compact and exact:
 *
 * - an id in the canonical lower-case UUID form (what the handler writes) is held as its 16
 *   bytes in an open-addressing hash table over one growing `Uint32Array` (four words a slot,
 *   linear probing), about 20 bytes an id at worst;
 * - any other id added with `where` (the set was given a `recall`, see {@link EventIdRecall})
 *   is held as a 32-bit hash and `where` (12 bytes a slot, see `FingerprintTable`): on a
 *   matching hash the earlier id is read back and compared whole;
 * - any other id falls back to a `Set<string>`.
 *
 * Membership is exact every way: two ids are the same only if all 128 bits, or the whole
 * strings, agree, so no id is ever reported twice that was not, and every repeat is found.
 *
 * Written by hand because no maintained package offers an exact set of 128-bit keys, or of
 * fingerprints with a check against the source, in flat typed memory; `Set<string>` was the
 * memory cost of verify on large logs.
 *
 * @example
 * const ids = new EventIdSet();
 * ids.add('0b9f0000-1c2e-4222-8333-944445555666'); // true: new
 * ids.add('0b9f0000-1c2e-4222-8333-944445555666'); // false: seen before
 */
export class EventIdSet {
  private words: Uint32Array;
  /** Slots in the table (a power of two). */
  private capacity: number;
  private used = 0;
  private readonly others = new Set<string>();
  private readonly key = new Uint32Array(4);
  private readonly prints: FingerprintTable | undefined;

  /** `recall`: reads back an id added with its `where` (see {@link EventIdRecall}). */
  constructor(initialCapacity = 1 << 12, recall?: EventIdRecall) {
    this.prints = recall === undefined ? undefined : new FingerprintTable(recall, initialCapacity);
    let c = 16;
    while (c < initialCapacity) c *= 2;
    this.capacity = c;
    this.words = new Uint32Array(c * 4);
  }

  /** How many distinct ids are held. */
  get size(): number {
    return this.used + this.others.size + (this.prints?.size ?? 0);
  }

  /**
   * Adds `id`; true if it was not in the set, false if it was (a duplicate). `where` says
   * where the set's `recall` can read it again (without it, or without a `recall`, an id
   * that is no canonical UUID is kept as a string).
   */
  add(id: string, where?: number): boolean {
    if (!toKey(id, this.key)) {
      if (this.others.has(id)) return false;
      const p = this.prints;
      if (p !== undefined && where !== undefined) return p.add(id, where);
      if (p !== undefined && p.has(id)) return false;
      this.others.add(id);
      return true;
    }
    if ((this.used + 1) * 4 > this.capacity * 3) this.grow();
    return this.insert(this.key);
  }

  /** Whether `id` is in the set. */
  has(id: string): boolean {
    if (!toKey(id, this.key)) return this.others.has(id) || (this.prints?.has(id) ?? false);
    const k = this.key;
    const mask = this.capacity - 1;
    for (let slot = hashOf(k) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 4;
      if (isEmpty(this.words, at)) return false;
      if (sameKey(this.words, at, k)) return true;
    }
  }

  private insert(k: Uint32Array): boolean {
    const w = this.words;
    const mask = this.capacity - 1;
    for (let slot = hashOf(k) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 4;
      if (isEmpty(w, at)) {
        w[at] = k[0] ?? 0;
        w[at + 1] = k[1] ?? 0;
        w[at + 2] = k[2] ?? 0;
        w[at + 3] = k[3] ?? 0;
        this.used++;
        return true;
      }
      if (sameKey(w, at, k)) return false;
    }
  }

  private grow(): void {
    const old = this.words;
    this.capacity *= 2;
    this.words = new Uint32Array(this.capacity * 4);
    this.used = 0;
    const k = new Uint32Array(4);
    for (let at = 0; at < old.length; at += 4) {
      if (isEmpty(old, at)) continue;
      k.set(old.subarray(at, at + 4));
      this.insert(k);
    }
  }
}

/** Where the dashes of a UUID are. */
const isDash = (i: number): boolean => i === 8 || i === 13 || i === 18 || i === 23;

/**
 * The 128 bits of a lower-case UUID (`8-4-4-4-12` hex digits) as four words in `out`, in one
 * pass over its characters. Returns false for any other string, and for the nil UUID, whose
 * all-zero key marks an empty slot (it is kept with the other ids).
 */
function toKey(id: string, out: Uint32Array): boolean {
  if (id.length !== 36) return false;
  let word = 0;
  let digits = 0;
  let acc = 0;
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i);
    if (isDash(i)) {
      if (c !== 45) return false;
      continue;
    }
    let v: number;
    if (c >= 48 && c <= 57) v = c - 48;
    else if (c >= 97 && c <= 102) v = c - 87;
    else return false;
    acc = ((acc << 4) | v) >>> 0;
    if (++digits === 8) {
      out[word++] = acc;
      acc = 0;
      digits = 0;
    }
  }
  return !(out[0] === 0 && out[1] === 0 && out[2] === 0 && out[3] === 0);
}

/** A slot is empty when all four words are zero (no key is). */
function isEmpty(w: Uint32Array, at: number): boolean {
  return w[at] === 0 && w[at + 1] === 0 && w[at + 2] === 0 && w[at + 3] === 0;
}

function sameKey(w: Uint32Array, at: number, k: Uint32Array): boolean {
  return w[at] === k[0] && w[at + 1] === k[1] && w[at + 2] === k[2] && w[at + 3] === k[3];
}

/** Mixes the four words (murmur3's finaliser over their xor-rotations). */
function hashOf(k: Uint32Array): number {
  let h = (k[0] ?? 0) ^ Math.imul(k[1] ?? 0, 0x9e3779b1) ^ Math.imul(k[2] ?? 0, 0x85ebca77);
  h ^= Math.imul(k[3] ?? 0, 0xc2b2ae3d);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
