/** The code of a row kept as it came (see {@link ItemRows}): below every packed code. */
export const VERBATIM = -(2 ** 31);
const NONE = -1;
/**
 * A row's next is always a later row, so never row 0: a stored 0 stands for the row right
 * after (each item's rows loaded from columns, with no link written per row).
 */
const FOLLOWING = 0;
const nextOf = (next: Int32Array, row: number): number => {
  const n = next[row] as number;
  return n === FOLLOWING ? row + 1 : n;
};

function grown(from: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= from.length) return from;
  const to = new Int32Array(Math.max(size, from.length * 2));
  to.set(from);
  return to;
}

/**
 * Rows shared by all items, in the order folded and linked item by item: each row one
 * 32-bit code (what the caller packs into it), or {@link VERBATIM} with its value kept as it
 * came. Items are numbered from 0 in the order they are added.
 *
 * A fold appends one row at a time to any item; the columns (each item's rows together)
 * are what a snapshot writes, and a state is made back from them without a row object.
 */
export class ItemRows<V> {
  /** Per item: its first and last row, NONE before any. */
  #first = new Int32Array(64);
  #last = new Int32Array(64);
  /** Per row: its code, and the next row of the same item (NONE at the end, FOLLOWING: row + 1). */
  #codes = new Int32Array(256);
  #next = new Int32Array(256);
  #rows = 0;
  /** The values of the VERBATIM rows, by row. */
  readonly #verbatim = new Map<number, V>();

  /**
   * Rows of these columns (checked by the caller: counts summing to the codes' length, each
   * VERBATIM code and only those in `verbatim`). The codes are taken, not copied: the rows
   * never write over them (an append past their end grows into a new array).
   */
  static ofColumns<V>(
    counts: ArrayLike<number>,
    codes: Int32Array<ArrayBuffer>,
    verbatim: ReadonlyMap<number, V>,
  ): ItemRows<V> {
    const s = new ItemRows<V>();
    const items = counts.length;
    const rows = codes.length;
    const first = new Int32Array(Math.max(64, items));
    const last = new Int32Array(Math.max(64, items));
    const next = new Int32Array(Math.max(256, rows));
    // Every next is FOLLOWING (a new array's zeros) but each item's last.
    let row = 0;
    for (let i = 0; i < items; i++) {
      const n = counts[i] as number;
      first[i] = n === 0 ? NONE : row;
      last[i] = n === 0 ? NONE : row + n - 1;
      if (n > 0) next[row + n - 1] = NONE;
      row += n;
    }
    s.#first = first;
    s.#last = last;
    s.#codes = codes;
    s.#next = next;
    s.#rows = rows;
    for (const [r, v] of verbatim) s.#verbatim.set(r, v);
    return s;
  }

  /** Makes room for item number `item` (the next one), without rows. */
  addItem(item: number): void {
    this.#first = grown(this.#first, item + 1);
    this.#last = grown(this.#last, item + 1);
    this.#first[item] = NONE;
    this.#last[item] = NONE;
  }

  /**
   * Appends a row to an item: `code` (a packed code, not VERBATIM). No function is passed
   * for the kept value (a closure per row): rows that do not pack go through
   * {@link appendVerbatim}.
   */
  append(item: number, code: number): void {
    this.#link(item, code);
  }

  /** Appends a row to an item kept as it came: VERBATIM, with `value`. */
  appendVerbatim(item: number, value: V): void {
    this.#verbatim.set(this.#link(item, VERBATIM), value);
  }

  /** Appends a row of `code` to an item's chain; returns its row. */
  #link(item: number, code: number): number {
    const row = this.#rows;
    // The codes and the links grow together: one check of the room for both.
    if (row >= this.#codes.length || row >= this.#next.length) {
      this.#codes = grown(this.#codes, row + 1);
      this.#next = grown(this.#next, row + 1);
    }
    const codes = this.#codes;
    const next = this.#next;
    codes[row] = code;
    next[row] = NONE;
    const last = this.#last[item] as number;
    if (last === NONE) this.#first[item] = row;
    else next[last] = row;
    this.#last[item] = row;
    this.#rows = row + 1;
    return row;
  }

  /** Calls `f` with each row of an item in order: its code, and its value when VERBATIM. */
  forEach(item: number, f: (code: number, verbatim: V | undefined) => void): void {
    for (let row = this.#first[item] as number; row !== NONE; row = nextOf(this.#next, row)) {
      const code = this.#codes[row] as number;
      f(code, code === VERBATIM ? this.#verbatim.get(row) : undefined);
    }
  }

  /**
   * The columns of the first `items` items: copies, each item's rows together; `copy`
   * copies a verbatim value.
   */
  columns(
    items: number,
    copy: (v: V) => V,
  ): { counts: Int32Array; codes: Int32Array<ArrayBuffer>; verbatim: Map<number, V> } {
    const counts = new Int32Array(items);
    const codes = new Int32Array(this.#rows);
    const verbatim = new Map<number, V>();
    let out = 0;
    for (let i = 0; i < items; i++) {
      const from = out;
      for (let row = this.#first[i] as number; row !== NONE; row = nextOf(this.#next, row)) {
        const code = this.#codes[row] as number;
        if (code === VERBATIM) verbatim.set(out, copy(this.#verbatim.get(row) as V));
        codes[out++] = code;
      }
      counts[i] = out - from;
    }
    return { counts, codes, verbatim };
  }
}
