/**
 * JSON values as compact bytes, for a snapshot's event journal: each value is a run of
 * tokens, each token an unsigned LEB128 varint of the zigzag of `value * 8 + tag`, with
 * strings and object shapes interned once, so a journal of a million payloads is a few
 * tens of bytes each, and reading one payload back builds only that payload.
 *
 * Tags:
 * - `INT`: a small integer (|value| < 2^28);
 * - `NUM`: any other number, by its index in the number pool;
 * - `STR`: a string, by its index in the string table;
 * - `LIT`: `null`, `false` or `true` (value 0, 1, 2);
 * - `ARR`: an array of `value` elements, their tokens following;
 * - `OBJ`: an object of shape `value` (its keys, interned), its values following in order.
 *
 * What is written is what `JSON.stringify` then `JSON.parse` would give back (a property
 * whose value JSON leaves out is left out, an array hole or non-finite number is null, -0
 * is 0, a `toJSON` method is followed), so a payload read from the journal equals the payload read
 * from the log. A value JSON cannot hold (a bigint) is refused.
 */

const TAG_BITS = 3;
const TAG_MASK = 7;
const INT = 0;
const NUM = 1;
const STR = 2;
const LIT = 3;
const ARR = 4;
const OBJ = 5;
const LIMIT = 2 ** 28;

/** A value the tokens cannot hold (JSON cannot either). */
export class UnencodableValue extends Error {}

/** Strings interned by their index (the journal's streams, types and times share it). */
export class StringTable {
  readonly #index = new Map<string, number>();
  readonly list: string[] = [];

  /** The index of `s`, added when new. */
  intern(s: string): number {
    const known = this.#index.get(s);
    if (known !== undefined) return known;
    const i = this.list.length;
    this.#index.set(s, i);
    this.list.push(s);
    return i;
  }

  /** A table of these strings, in order (distinct: the caller checks). */
  static of(list: readonly string[]): StringTable {
    const t = new StringTable();
    for (const s of list) t.intern(s);
    return t;
  }
}

/** The pools values refer to. */
export interface TokenPools {
  readonly strings: StringTable;
  /** Each shape: the string indexes of its keys, in order. */
  readonly shapes: number[][];
  readonly numbers: number[];
}

/** A growing byte buffer written with varints. */
export class ByteWriter {
  #bytes: Uint8Array;
  #length = 0;

  constructor(initial: Uint8Array = new Uint8Array(1024), length = 0) {
    this.#bytes = initial;
    this.#length = length;
  }

  /** How many bytes are written. */
  get length(): number {
    return this.#length;
  }

  /** The bytes written (a view of the first {@link length}). */
  bytes(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }

  #room(n: number): void {
    if (this.#length + n <= this.#bytes.length) return;
    const to = new Uint8Array(Math.max(this.#length + n, this.#bytes.length * 2));
    to.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = to;
  }

  /** An unsigned integer below 2^32, as LEB128. */
  varint(n: number): void {
    this.#room(5);
    let v = n >>> 0;
    while (v >= 0x80) {
      this.#bytes[this.#length++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    this.#bytes[this.#length++] = v;
  }

  /** Forgets what was written (the buffer is kept). */
  reset(): void {
    this.#length = 0;
  }

  /** Bytes as they are. */
  raw(b: Uint8Array): void {
    this.#room(b.length);
    this.#bytes.set(b, this.#length);
    this.#length += b.length;
  }
}

/** Writes values as tokens (see the module comment). */
export class TokenWriter {
  readonly #shapeIndex = new Map<string, number>();

  constructor(
    readonly pools: TokenPools,
    readonly out: ByteWriter,
  ) {
    pools.shapes.forEach((keys, i) =>
      this.#shapeIndex.set(JSON.stringify(keys.map((k) => pools.strings.list[k])), i),
    );
  }

  #token(value: number, tag: number): void {
    const t = value * 8 + tag;
    this.out.varint((t << 1) ^ (t >> 31));
  }

  /**
   * Writes one value as JSON would hold it.
   *
   * @throws UnencodableValue for a bigint (which JSON refuses too)
   */
  write(value: unknown): void {
    let v = value;
    if (typeof v === 'object' && v !== null && 'toJSON' in v && typeof v.toJSON === 'function')
      v = (v.toJSON as () => unknown)();
    switch (typeof v) {
      case 'string':
        this.#token(this.pools.strings.intern(v), STR);
        return;
      case 'number':
        if (!Number.isFinite(v)) this.#token(0, LIT);
        // -0 too: JSON writes it as 0.
        else if (Number.isInteger(v) && v > -LIMIT && v < LIMIT) this.#token(v === 0 ? 0 : v, INT);
        else {
          this.#token(this.pools.numbers.length, NUM);
          this.pools.numbers.push(v);
        }
        return;
      case 'boolean':
        this.#token(v ? 2 : 1, LIT);
        return;
      case 'bigint':
        throw new UnencodableValue('a bigint has no JSON form');
      case 'object':
        if (v === null) this.#token(0, LIT);
        else if (Array.isArray(v)) {
          const items: readonly unknown[] = v;
          this.#token(items.length, ARR);
          for (let i = 0; i < items.length; i++) {
            const item: unknown = items[i];
            if (item === undefined || typeof item === 'function' || typeof item === 'symbol')
              this.#token(0, LIT);
            else this.write(item);
          }
        } else this.#object(v);
        return;
      case 'undefined':
      case 'function':
      case 'symbol':
        // Nothing JSON holds (at the top of a payload): null stands in.
        this.#token(0, LIT);
    }
  }

  #object(o: object): void {
    const keys: string[] = [];
    const values: unknown[] = [];
    for (const [k, x] of Object.entries(o)) {
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
      keys.push(k);
      values.push(x);
    }
    // Unambiguous for any keys (an empty one, or one holding any character).
    const id = JSON.stringify(keys);
    let shape = this.#shapeIndex.get(id);
    if (shape === undefined) {
      shape = this.pools.shapes.length;
      this.pools.shapes.push(keys.map((k) => this.pools.strings.intern(k)));
      this.#shapeIndex.set(id, shape);
    }
    this.#token(shape, OBJ);
    for (const x of values) this.write(x);
  }
}

/** Why bytes do not read. */
export class BytesInvalid extends Error {
  constructor(
    readonly at: number,
    reason: string,
  ) {
    super(`${reason} at byte ${at}`);
  }
}

/**
 * Reads varints and values from bytes, every read checked: a varint cut short or too
 * long, an index outside the pools, a value running past `end` throw {@link BytesInvalid}.
 */
export class ByteReader {
  at = 0;
  /** The end of the payload being read (every value of it ends by there). */
  #end = 0;
  /** Reads the next value of the payload (what a shape's maker calls per key). */
  readonly #next = (): unknown => this.#value(this.#end);
  /** Per shape, a function making its objects (see {@link makerOf}), made when first met. */
  readonly #makers: (Maker | null | undefined)[] = [];

  constructor(
    readonly bytes: Uint8Array,
    readonly pools: TokenPools,
  ) {}

  /** An unsigned LEB128 integer below 2^32 that ends before `end`. */
  varint(end: number): number {
    const b = this.bytes;
    let at = this.at;
    if (at >= end) throw new BytesInvalid(at, 'a number is cut short');
    let byte = b[at++] as number;
    if (byte < 0x80) {
      this.at = at;
      return byte;
    }
    let v = byte & 0x7f;
    for (let shift = 7; ; shift += 7) {
      if (at >= end) throw new BytesInvalid(at, 'a number is cut short');
      byte = b[at++] as number;
      if (shift === 28) {
        if (byte > 0x0f) throw new BytesInvalid(at, 'a number is too large');
        this.at = at;
        return v + byte * 0x10000000;
      }
      v |= (byte & 0x7f) << shift;
      if (byte < 0x80) {
        this.at = at;
        return v;
      }
    }
  }

  /** The value whose tokens start here and end by `end`. */
  value(end: number): unknown {
    this.#end = end;
    return this.#value(end);
  }

  #value(end: number): unknown {
    const z = this.varint(end);
    // Undo the zigzag: back to the signed 32-bit token.
    const t = (z >>> 1) ^ -(z & 1);
    const n = t >> TAG_BITS;
    const p = this.pools;
    switch (t & TAG_MASK) {
      case INT:
        return n;
      case NUM:
        if (n < 0 || n >= p.numbers.length) throw new BytesInvalid(this.at, 'no such number');
        return p.numbers[n];
      case STR:
        if (n < 0 || n >= p.strings.list.length) throw new BytesInvalid(this.at, 'no such string');
        return p.strings.list[n];
      case LIT:
        if (n < 0 || n > 2) throw new BytesInvalid(this.at, 'no such literal');
        return n === 0 ? null : n === 2;
      case ARR: {
        if (n < 0 || n > end - this.at) throw new BytesInvalid(this.at, 'an array is too long');
        const out: unknown[] = new Array<unknown>(n);
        for (let i = 0; i < n; i++) out[i] = this.#value(end);
        return out;
      }
      case OBJ: {
        const keys = n < 0 ? undefined : p.shapes[n];
        if (keys === undefined) throw new BytesInvalid(this.at, 'no such shape');
        const strings = p.strings.list;
        let make = this.#makers[n];
        if (make === undefined) {
          make = makerOf(keys.map((k) => strings[k] as string));
          this.#makers[n] = make;
        }
        if (make !== null) return make(this.#next);
        const out: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) {
          const key = strings[keys[i] as number] as string;
          // JSON.parse makes `__proto__` an own property; an assignment would set the prototype.
          if (key === '__proto__')
            Object.defineProperty(out, key, {
              value: this.#value(end),
              enumerable: true,
              writable: true,
              configurable: true,
            });
          else out[key] = this.#value(end);
        }
        return out;
      }
      default:
        throw new BytesInvalid(this.at, 'no such kind of value');
    }
  }
}

/** Makes one object of a shape, its values read in key order by `next`. */
type Maker = (next: () => unknown) => Record<string, unknown>;

/** Shapes with more keys are built key by key. */
const MAKER_KEYS = 32;

/**
 * A function that builds an object of these keys as one object literal: measured at about
 * 12 ns an object against 65 ns for assigning the keys one by one (V8 makes the literal's
 * layout once); a replay of 900k risk rescores from a journal took 6% less user CPU. Each key is a computed property name from its JSON-quoted text, so any key,
 * `__proto__` included, is an own property as `JSON.parse` makes it, and no key can be
 * read as code. Null (build key by key) for a shape of many keys, or where code generation
 * from strings is refused.
 */
function makerOf(keys: readonly string[]): Maker | null {
  if (keys.length > MAKER_KEYS) return null;
  const fields = keys.map((k) => `[${JSON.stringify(k)}]: next()`).join(', ');
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- keys are quoted JSON strings
    return new Function('next', `return { ${fields} };`) as Maker;
  } catch {
    // Code generation from strings refused (--disallow-code-generation-from-strings, a
    // content security policy): objects of every shape are built key by key.
    return null;
  }
}
