import { GENESIS_HASH } from '@assure/event-store';

/** A stream's number in the index (0, 1, … in order of first event); -1: no such stream. */
export type StreamId = number;

/** Bytes of a hash (64 lowercase hex digits) in the slab. */
const HASH_BYTES = 64;
/** The bytes of `GENESIS_HASH`, a new stream's `prevHash`. */
const GENESIS = Uint8Array.from(GENESIS_HASH, (c) => c.charCodeAt(0));
/** Four bytes of `GENESIS_HASH` ("0000") as a word, in any byte order. */
const GENESIS_WORD = 0x30303030;
/** Whether this machine stores integers little-endian (as typed arrays read them). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
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
function grown<T extends Int32Array | Uint16Array>(
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

/** Ints of a stream's record: count, last, name's place and length, then its hash's 64 bytes. */
const RECORD = 4 + HASH_BYTES / 4;
const COUNT = 0;
const LAST = 1;
const NAME_AT = 2;
const NAME_LENGTH = 3;

/**
 * The streams of the log as the index holds them: for each (by {@link StreamId}) its name,
 * its count of events, the log index of its last event and its last hash, in typed arrays:
 * no object and no string per stream, so building the index of a log of many streams
 * allocates little and leaves the garbage collector almost nothing to trace or copy. A
 * stream's count, last event and hash are one record of 80 bytes (what a line's link check
 * reads and writes is in one or two cache lines). A stream is found by name through an
 * open-addressing table of (key, id) pairs keyed by FNV-1a of the name, from a string or
 * straight from the bytes of a line (its name's code units are kept, and a line's name is
 * ASCII), so an open that checks lines on their bytes makes no string per line.
 */
export class StreamTable {
  #size = 0;
  /** Room for this many streams. */
  #capacity = INITIAL;
  /** Open addressing: pairs of (key, id + 1), the id 0 when empty; at most half full. */
  #table = new Int32Array(4 * INITIAL);
  /** The records, as ints and (for the hashes) as bytes of the same memory. */
  #ints: Int32Array = new Int32Array(RECORD * INITIAL);
  #bytes: Uint8Array = new Uint8Array(this.#ints.buffer);
  /** The names' UTF-16 code units, each at its record's `NAME_AT`. */
  #names = new Uint16Array(16 * INITIAL);
  #namesEnd = 0;

  /** Number of streams. */
  get size(): number {
    return this.#size;
  }

  /** The stream named `name`, or -1. */
  idOf(name: string): StreamId {
    const key = keyOf(name);
    const table = this.#table;
    const ints = this.#ints;
    const names = this.#names;
    const mask = (table.length >> 1) - 1;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const id = (table[2 * i + 1] as number) - 1;
      if (id < 0) return -1;
      const r = id * RECORD;
      if (table[2 * i] !== key || ints[r + NAME_LENGTH] !== name.length) continue;
      const at = ints[r + NAME_AT] as number;
      let j = 0;
      while (j < name.length && names[at + j] === name.charCodeAt(j)) j++;
      if (j === name.length) return id;
    }
  }

  /** The stream named by the Latin-1 bytes `bytes[start, end)`, or -1 (no string made). */
  idAt(bytes: Uint8Array, start: number, end: number): StreamId {
    const key = keyAt(bytes, start, end);
    const table = this.#table;
    const ints = this.#ints;
    const names = this.#names;
    const mask = (table.length >> 1) - 1;
    const length = end - start;
    for (let i = key & mask; ; i = (i + 1) & mask) {
      const id = (table[2 * i + 1] as number) - 1;
      if (id < 0) return -1;
      const r = id * RECORD;
      if (table[2 * i] !== key || ints[r + NAME_LENGTH] !== length) continue;
      const at = ints[r + NAME_AT] as number;
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
    if (this.#size === this.#capacity) this.#grow();
    const at = this.#namesEnd;
    if (at + length > this.#names.length)
      this.#names = grown(this.#names, at + length, (n) => new Uint16Array(n));
    this.#namesEnd = at + length;
    return at;
  }

  #added(key: number, nameAt: number, nameLength: number): StreamId {
    const id = this.#size++;
    const r = id * RECORD;
    this.#ints[r + COUNT] = 0;
    this.#ints[r + LAST] = -1;
    this.#ints[r + NAME_AT] = nameAt;
    this.#ints[r + NAME_LENGTH] = nameLength;
    place(this.#table, key, id + 1);
    return id;
  }

  /** Doubles the room for streams (and the table, so it stays at most half full). */
  #grow(): void {
    this.#capacity *= 2;
    this.#ints = grown(this.#ints, RECORD * this.#capacity, int32s);
    this.#bytes = new Uint8Array(this.#ints.buffer);
    const old = this.#table;
    this.#table = new Int32Array(4 * this.#capacity);
    for (let i = 0; i < old.length; i += 2)
      if (old[i + 1] !== 0) place(this.#table, old[i] as number, old[i + 1] as number);
  }

  /** The stream's name. */
  nameOf(id: StreamId): string {
    const r = id * RECORD;
    const at = this.#ints[r + NAME_AT] as number;
    return String.fromCharCode(
      ...this.#names.subarray(at, at + (this.#ints[r + NAME_LENGTH] as number)),
    );
  }

  /** The stream's count of events (its next revision); 0 for -1. */
  countOf(id: StreamId): number {
    return id < 0 ? 0 : (this.#ints[id * RECORD + COUNT] as number);
  }

  /** The log index of the stream's last event (-1: none). */
  lastOf(id: StreamId): number {
    return this.#ints[id * RECORD + LAST] as number;
  }

  /**
   * Records the stream's next event: at log index `event`, with the hash (64 hex bytes) at
   * `hashAt` of `view`, copied as 16 words (in the machine's byte order, as the records' ints
   * hold them: the same bytes).
   */
  recordWords(id: StreamId, event: number, view: DataView, hashAt: number): void {
    const ints = this.#ints;
    const r = id * RECORD;
    ints[r + COUNT] = (ints[r + COUNT] as number) + 1;
    ints[r + LAST] = event;
    for (let w = 0; w < HASH_BYTES / 4; w++)
      ints[r + 4 + w] = view.getInt32(hashAt + 4 * w, LITTLE_ENDIAN);
  }

  /** {@link StreamTable.recordWords} of a hash given as a string. */
  recordText(id: StreamId, event: number, hash: string): void {
    if (hash.length !== HASH_BYTES) throw new RangeError(`not a hash: ${hash}`);
    const r = id * RECORD;
    this.#ints[r + COUNT] = (this.#ints[r + COUNT] as number) + 1;
    this.#ints[r + LAST] = event;
    const slab = this.#bytes;
    const at = (r + 4) * 4;
    for (let i = 0; i < HASH_BYTES; i++) slab[at + i] = hash.charCodeAt(i);
  }

  /** The stream's last hash (made a string only when asked for). */
  hashOf(id: StreamId): string {
    const at = (id * RECORD + 4) * 4;
    return Buffer.from(this.#bytes.buffer, at, HASH_BYTES).toString('latin1');
  }

  /**
   * Whether the 64 bytes of `view` at `at` (16 words at a time) are the stream's last hash,
   * or `GENESIS_HASH` (all zeros) for -1 (a new stream).
   */
  isLastHashWords(id: StreamId, view: DataView, at: number): boolean {
    const ints = this.#ints;
    const from = id * RECORD + 4;
    for (let w = 0; w < HASH_BYTES / 4; w++) {
      const word = view.getInt32(at + 4 * w, LITTLE_ENDIAN);
      if (word !== (id >= 0 ? ints[from + w] : GENESIS_WORD)) return false;
    }
    return true;
  }

  /** {@link StreamTable.isLastHashWords} of a string (no string made of the table's hash). */
  isLastHashText(id: StreamId, hash: string): boolean {
    if (hash.length !== HASH_BYTES) return false;
    const slab = id >= 0 ? this.#bytes : GENESIS;
    const from = id >= 0 ? (id * RECORD + 4) * 4 : 0;
    for (let i = 0; i < HASH_BYTES; i++) if (hash.charCodeAt(i) !== slab[from + i]) return false;
    return true;
  }
}

/** Puts `(key, value)` in the table of pairs at the first free place from the key's. */
function place(table: Int32Array, key: number, value: number): void {
  const mask = (table.length >> 1) - 1;
  let i = key & mask;
  while (table[2 * i + 1] !== 0) i = (i + 1) & mask;
  table[2 * i] = key;
  table[2 * i + 1] = value;
}
