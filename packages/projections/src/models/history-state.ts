import { eventCategory, eventTypes } from '@assure/domain';
import type { ItemHistory, UpdateFacts } from './history';
import { dayNumber, dayString } from './trail-columns';

/** What an item's history holds besides its updates (set by a few event types only). */
export type ItemFacts = Omit<ItemHistory, 'updates'>;

/** An item's facts before any event set one. */
export const freshItemFacts = (): ItemFacts => ({
  baselineDueOn: null,
  awaitingDate: false,
  reopenedOn: null,
  claimedOn: null,
  revisionApprovers: [],
  scores: [],
  appetite: null,
  tolerance: null,
  controls: [],
  mitigatingActions: [],
});

/** The event types of recommendations, actions and risks: the types an update can name. */
export const TRACKED_TYPES: readonly string[] = eventTypes.filter((k) => {
  const c = eventCategory[k];
  return c === 'recommendation' || c === 'action' || c === 'risk';
});
const TYPE_INDEX = new Map(TRACKED_TYPES.map((k, i) => [k, i]));
/** An update's code is `day * TYPE_SPAN + type index` (a power of two above the type count). */
export const TYPE_SPAN = 2 ** Math.ceil(Math.log2(TRACKED_TYPES.length + 1));
/** The code of an update kept as it came (see `#verbatim`): below every day's code. */
export const VERBATIM = -(2 ** 31);
const NONE = -1;

function grown(from: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= from.length) return from;
  const to = new Int32Array(Math.max(size, from.length * 2));
  to.set(from);
  return to;
}

/**
 * The item histories (see {@link ItemHistory}), by item key (`recommendation-<id>`,
 * `action-<id>`, `risk-<id>`), in the order items first appear.
 *
 * A rebuild folds one update per event: each is kept as one 32-bit code (its day and event
 * type) in columns shared by all items, linked item by item, not as an object and a day
 * string per event. The facts a few event types set are one object per item. An item's
 * {@link ItemHistory} is derived when read ({@link get}): a new object each time, equal to
 * what a fold into plain objects holds. A day that is not a real `YYYY-MM-DD` or a type not
 * of these kinds (from a snapshot) is kept as it came.
 *
 * @example
 * const h = state.get('recommendation-kerslake-2014-01');
 * console.log(h?.updates.length);
 */
/**
 * A history state's columns, items in order and each item's updates in order (what a
 * snapshot writes): per item its key, facts and update count; per update its code (day and
 * type, or VERBATIM); the updates kept as they came, by their place in `codes`.
 */
export interface HistoryColumns {
  readonly keys: readonly string[];
  readonly facts: readonly ItemFacts[];
  readonly counts: ArrayLike<number>;
  readonly codes: Int32Array;
  readonly verbatim: ReadonlyMap<number, UpdateFacts>;
}

export class HistoryState implements Iterable<[string, ItemHistory]> {
  /** Item number by key. */
  readonly #index = new Map<string, number>();
  readonly #keys: string[] = [];
  readonly #facts: ItemFacts[] = [];
  /** Per item: its first and last update row, NONE before any. */
  #first = new Int32Array(64);
  #last = new Int32Array(64);
  /** Per update row: its code, and the next row of the same item (NONE at the end). */
  #codes = new Int32Array(256);
  #next = new Int32Array(256);
  #rows = 0;
  /** Updates kept as they came, by row (their code is VERBATIM). */
  readonly #verbatim = new Map<number, UpdateFacts>();

  /** A state holding these histories (a snapshot's), in their order. */
  static of(entries: Iterable<readonly [string, ItemHistory]>): HistoryState {
    const s = new HistoryState();
    for (const [key, h] of entries) {
      const { updates, ...facts } = h;
      const item = s.#item(key, () => ({ ...facts }));
      for (const u of updates) {
        const day = u.on.length === 10 ? dayNumber(u.on) : Number.NaN;
        s.#append(item, day, u.event, u.on);
      }
    }
    return s;
  }

  /**
   * A state of these columns, taken as they are: the caller has checked them (keys
   * distinct, as many facts and counts as keys, counts summing to the codes' length, each
   * VERBATIM code and only those in `verbatim`, each other code a day and a tracked type).
   */
  static ofColumns(c: HistoryColumns): HistoryState {
    const s = new HistoryState();
    const items = c.keys.length;
    const rows = c.codes.length;
    s.#first = new Int32Array(Math.max(64, items));
    s.#last = new Int32Array(Math.max(64, items));
    s.#codes = new Int32Array(Math.max(256, rows));
    s.#codes.set(c.codes);
    s.#next = new Int32Array(Math.max(256, rows));
    let row = 0;
    for (let i = 0; i < items; i++) {
      const key = c.keys[i] as string;
      s.#index.set(key, i);
      s.#keys.push(key);
      s.#facts.push(c.facts[i] as ItemFacts);
      const n = c.counts[i] as number;
      s.#first[i] = n === 0 ? NONE : row;
      s.#last[i] = n === 0 ? NONE : row + n - 1;
      for (let k = 1; k < n; k++) s.#next[row + k - 1] = row + k;
      if (n > 0) s.#next[row + n - 1] = NONE;
      row += n;
    }
    s.#rows = rows;
    for (const [r, u] of c.verbatim) s.#verbatim.set(r, { on: u.on, event: u.event });
    return s;
  }

  /** The state's columns (see {@link HistoryColumns}): copies, each item's updates together. */
  columns(): HistoryColumns {
    const items = this.#keys.length;
    const counts = new Int32Array(items);
    const codes = new Int32Array(this.#rows);
    const verbatim = new Map<number, UpdateFacts>();
    let out = 0;
    for (let i = 0; i < items; i++) {
      const from = out;
      for (let row = this.#first[i] as number; row !== NONE; row = this.#next[row] as number) {
        const code = this.#codes[row] as number;
        if (code === VERBATIM) verbatim.set(out, { ...(this.#verbatim.get(row) as UpdateFacts) });
        codes[out++] = code;
      }
      counts[i] = out - from;
    }
    return { keys: [...this.#keys], facts: [...this.#facts], counts, codes, verbatim };
  }

  /** How many items have a history. */
  get size(): number {
    return this.#keys.length;
  }

  /** Whether an item has a history. */
  has(key: string): boolean {
    return this.#index.has(key);
  }

  /** The history of an item (a new object, derived now), or undefined. */
  get(key: string): ItemHistory | undefined {
    const item = this.#index.get(key);
    return item === undefined ? undefined : this.#history(item);
  }

  /** The item keys, in the order items first appear. */
  keys(): IterableIterator<string> {
    return this.#keys.values();
  }

  /** Every item's key and history, in the order items first appear. */
  *entries(): IterableIterator<[string, ItemHistory]> {
    const keys = this.#keys;
    for (let i = 0; i < keys.length; i++) yield [keys[i] as string, this.#history(i)];
  }

  [Symbol.iterator](): IterableIterator<[string, ItemHistory]> {
    return this.entries();
  }

  /**
   * Folds one update of an item: on the day `occurredAt` begins with, an event of `type`.
   *
   * @returns the item's facts (created empty with `fresh` for a new item), for the caller to update
   */
  fold(key: string, type: string, occurredAt: string, fresh: () => ItemFacts): ItemFacts {
    const item = this.#item(key, fresh);
    this.#append(item, dayNumber(occurredAt), type, occurredAt);
    return this.#facts[item] as ItemFacts;
  }

  #item(key: string, fresh: () => ItemFacts): number {
    const known = this.#index.get(key);
    if (known !== undefined) return known;
    const item = this.#keys.length;
    this.#index.set(key, item);
    this.#keys.push(key);
    this.#facts.push(fresh());
    this.#first = grown(this.#first, item + 1);
    this.#last = grown(this.#last, item + 1);
    this.#first[item] = NONE;
    this.#last[item] = NONE;
    return item;
  }

  /** Appends an update: `day` NaN (or an unknown type) keeps `{ on: at.slice(0, 10), event }`. */
  #append(item: number, day: number, type: string, at: string): void {
    const row = this.#rows;
    this.#codes = grown(this.#codes, row + 1);
    this.#next = grown(this.#next, row + 1);
    const index = TYPE_INDEX.get(type);
    if (index === undefined || Number.isNaN(day)) {
      this.#codes[row] = VERBATIM;
      this.#verbatim.set(row, { on: at.slice(0, 10), event: type });
    } else this.#codes[row] = day * TYPE_SPAN + index;
    this.#next[row] = NONE;
    const last = this.#last[item] as number;
    if (last === NONE) this.#first[item] = row;
    else this.#next[last] = row;
    this.#last[item] = row;
    this.#rows = row + 1;
  }

  #history(item: number): ItemHistory {
    const updates: UpdateFacts[] = [];
    for (let row = this.#first[item] as number; row !== NONE; row = this.#next[row] as number) {
      const code = this.#codes[row] as number;
      if (code === VERBATIM) updates.push({ ...(this.#verbatim.get(row) as UpdateFacts) });
      else {
        const index = code & (TYPE_SPAN - 1);
        const day = (code - index) / TYPE_SPAN;
        updates.push({ on: dayString(day), event: TRACKED_TYPES[index] as string });
      }
    }
    const f = this.#facts[item] as ItemFacts;
    // The fields in the order of the ItemHistory codec (a snapshot's JSON keeps it).
    return {
      baselineDueOn: f.baselineDueOn,
      awaitingDate: f.awaitingDate,
      reopenedOn: f.reopenedOn,
      claimedOn: f.claimedOn,
      revisionApprovers: f.revisionApprovers,
      updates,
      scores: f.scores,
      appetite: f.appetite,
      tolerance: f.tolerance,
      controls: f.controls,
      mitigatingActions: f.mitigatingActions,
    };
  }
}
