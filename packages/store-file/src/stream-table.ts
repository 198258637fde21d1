import { GENESIS_HASH } from '@assure/event-store';

/** A stream's number in the index (0, 1, … in order of first event); -1: no such stream. */
export type StreamId = number;

/** Bytes of a hash (64 lowercase hex digits) in the slab. */
const HASH_BYTES = 64;
/** The bytes of `GENESIS_HASH`, a new stream's `prevHash`. */
const GENESIS = Uint8Array.from(GENESIS_HASH, (c) => c.charCodeAt(0));
/** Streams held before the arrays first grow. */
const INITIAL = 512;

/** FNV-1a of a name's bytes `[start, end)`. */
function keyAt(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h | 0;
}

/** FNV-1a of a name's UTF-16 code units: {@link keyAt} of its bytes when it is Latin-1. */
function keyOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** A copy of `a` at least `length` long (doubling), its contents kept. */
function grown<T extends Int32Array | Uint16Array | Buffer>(
  a: T,
  length: number,
  make: (n: number) => T,
): T {
  let n = Math.max(1, a.length * 2);
  while (n < length) n *= 2;
  const b = make(n);
  b.set(a);
  return b;
}

const int32s = (n: number): Int32Array => new Int32Array(n);

/**
 * The streams of the log as the index holds them: for each (by {@link StreamId}) its name,
 * its count of events, the log index of its last event and its last hash, all in typed
 * arrays: no object and no string per stream, so building the index of a log of many
 * streams allocates little and leaves the garbage collector almost nothing to trace or
 * copy. A stream is found by name through an open-addressing table keyed by FNV-1a of the
 * name, from a string or straight from the bytes of a line (its name's code units are kept,
 * and a line's name is ASCII), so an open that checks lines on their bytes makes no string
 * per line.
 */
export class StreamTable {
  #size = 0;
  /** Open addressing by key: the id + 1 of the stream there, 0 when empty; at most half full. */
  #table = new Int32Array(2 * INITIAL);
  #keys = int32s(INITIAL);
  #nameAt = int32s(INITIAL);
  #nameLength = int32s(INITIAL);
  #counts = int32s(INITIAL);
  #lasts = int32s(INITIAL);
  /** The names' UTF-16 code units, each at its `#nameAt`. */
  #names = new Uint16Array(16 * INITIAL);
  #namesEnd = 0;
  /** Each stream's last hash, as its 64 ASCII bytes at `id * 64`. */
  #hashes = Buffer.alloc(HASH_BYTES * INITIAL);

  /** Number of streams. */
  get size(): number {
    return this.#size;
  }

  /** The stream named `name`, or -1. */
  idOf(name: string): StreamId {
    const key = keyOf(name);
    const table = this.#table;
    const mask = table.length - 1;
    const names = this.#names;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const id = (table[i] as number) - 1;
      if (id < 0) return -1;
      if (this.#keys[id] !== key || this.#nameLength[id] !== name.length) continue;
      const at = this.#nameAt[id] as number;
      let j = 0;
      while (j < name.length && names[at + j] === name.charCodeAt(j)) j++;
      if (j === name.length) return id;
    }
  }

  /** The stream named by the Latin-1 bytes `bytes[start, end)`, or -1 (no string made). */
  idAt(bytes: Uint8Array, start: number, end: number): StreamId {
    const key = keyAt(bytes, start, end);
    const table = this.#table;
    const mask = table.length - 1;
    const names = this.#names;
    const length = end - start;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const id = (table[i] as number) - 1;
      if (id < 0) return -1;
      if (this.#keys[id] !== key || this.#nameLength[id] !== length) continue;
      const at = this.#nameAt[id] as number;
      let j = 0;
      while (j < length && names[at + j] === bytes[start + j]) j++;
      if (j === length) return id;
    }
  }

  /** A new stream (not held yet), with no event: its id. */
  add(name: string): StreamId {
    const at = this.#reserve(name.length);
    for (let j = 0; j < name.length; j++) this.#names[at + j] = name.charCodeAt(j);
    return this.#added(keyOf(name), at, name.length);
  }

  /** {@link StreamTable.add} of the name in the Latin-1 bytes `bytes[start, end)`. */
  addAt(bytes: Uint8Array, start: number, end: number): StreamId {
    const at = this.#reserve(end - start);
    for (let j = start; j < end; j++) this.#names[at + j - start] = bytes[j] as number;
    return this.#added(keyAt(bytes, start, end), at, end - start);
  }

  /** Room for one more stream and a name of `length` code units: where the name goes. */
  #reserve(length: number): number {
    if (this.#size === this.#keys.length) this.#grow();
    const at = this.#namesEnd;
    if (at + length > this.#names.length)
      this.#names = grown(this.#names, at + length, (n) => new Uint16Array(n));
    this.#namesEnd = at + length;
    return at;
  }

  #added(key: number, nameAt: number, nameLength: number): StreamId {
    const id = this.#size++;
    this.#keys[id] = key;
    this.#nameAt[id] = nameAt;
    this.#nameLength[id] = nameLength;
    this.#counts[id] = 0;
    this.#lasts[id] = -1;
    this.#place(id);
    return id;
  }

  #place(id: StreamId): void {
    const table = this.#table;
    const mask = table.length - 1;
    let i = (this.#keys[id] as number) & mask;
    while (table[i] !== 0) i = (i + 1) & mask;
    table[i] = id + 1;
  }

  /** Doubles the room for streams (and the table, so it stays at most half full). */
  #grow(): void {
    const n = this.#keys.length * 2;
    this.#keys = grown(this.#keys, n, int32s);
    this.#nameAt = grown(this.#nameAt, n, int32s);
    this.#nameLength = grown(this.#nameLength, n, int32s);
    this.#counts = grown(this.#counts, n, int32s);
    this.#lasts = grown(this.#lasts, n, int32s);
    this.#hashes = grown(this.#hashes, n * HASH_BYTES, (k) => Buffer.alloc(k));
    this.#table = new Int32Array(2 * n);
    for (let id = 0; id < this.#size; id++) this.#place(id);
  }

  /** The stream's count of events (its next revision); 0 for -1. */
  countOf(id: StreamId): number {
    return id < 0 ? 0 : (this.#counts[id] as number);
  }

  /** The log index of the stream's last event (-1: none). */
  lastOf(id: StreamId): number {
    return this.#lasts[id] as number;
  }

  /** Records the stream's next event: at log index `event`, with this hash (64 hex bytes). */
  recordAt(id: StreamId, event: number, bytes: Uint8Array, hashAt: number): void {
    this.#counts[id] = (this.#counts[id] as number) + 1;
    this.#lasts[id] = event;
    const slab = this.#hashes;
    const at = id * HASH_BYTES;
    for (let i = 0; i < HASH_BYTES; i++) slab[at + i] = bytes[hashAt + i] as number;
  }

  /** {@link StreamTable.recordAt} of a hash given as a string. */
  recordText(id: StreamId, event: number, hash: string): void {
    if (hash.length !== HASH_BYTES) throw new RangeError(`not a hash: ${hash}`);
    this.#counts[id] = (this.#counts[id] as number) + 1;
    this.#lasts[id] = event;
    const slab = this.#hashes;
    const at = id * HASH_BYTES;
    for (let i = 0; i < HASH_BYTES; i++) slab[at + i] = hash.charCodeAt(i);
  }

  /** The stream's last hash (made a string only when asked for). */
  hashOf(id: StreamId): string {
    const at = id * HASH_BYTES;
    return this.#hashes.toString('latin1', at, at + HASH_BYTES);
  }

  /**
   * Whether the 64 bytes of `bytes` at `at` are the stream's last hash, or `GENESIS_HASH`
   * (all zeros) for -1 (a new stream).
   */
  isLastHash(id: StreamId, bytes: Uint8Array, at: number): boolean {
    if (id < 0) {
      for (let i = 0; i < HASH_BYTES; i++) if (bytes[at + i] !== GENESIS[i]) return false;
      return true;
    }
    const slab = this.#hashes;
    const from = id * HASH_BYTES;
    for (let i = 0; i < HASH_BYTES; i++) if (bytes[at + i] !== slab[from + i]) return false;
    return true;
  }

  /** {@link StreamTable.isLastHash} of a string (no string made of the table's hash). */
  isLastHashText(id: StreamId, hash: string): boolean {
    if (hash.length !== HASH_BYTES) return false;
    const slab = id >= 0 ? this.#hashes : GENESIS;
    const from = id >= 0 ? id * HASH_BYTES : 0;
    for (let i = 0; i < HASH_BYTES; i++) if (hash.charCodeAt(i) !== slab[from + i]) return false;
    return true;
  }
}
