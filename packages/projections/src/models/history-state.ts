import { eventCategory, eventTypes, isAfterDay } from '@assure/domain';
import type { ItemHistory, ScoreOnFacts, UpdateFacts } from './history';
import { ItemRows, VERBATIM } from './history-rows';
import { freshItemFacts, NO_FACTS, type ItemFacts } from './item-facts';
import { dayNumber, dayString } from './trail-columns';

export { VERBATIM };

export { freshItemFacts, type ItemFacts };

/** The event types of recommendations, actions and risks: the types an update can name. */
export const TRACKED_TYPES: readonly string[] = eventTypes.filter((k) => {
  const c = eventCategory[k];
  return c === 'recommendation' || c === 'action' || c === 'risk';
});
const TYPE_INDEX = new Map(TRACKED_TYPES.map((k, i) => [k, i]));
/** The index of a tracked type in {@link TRACKED_TYPES}, undefined for any other string. */
export const trackedTypeIndex = (type: string): number | undefined => TYPE_INDEX.get(type);
/** An update's code is `day * TYPE_SPAN + type index` (a power of two above the type count). */
export const TYPE_SPAN = 2 ** Math.ceil(Math.log2(TRACKED_TYPES.length + 1));
/**
 * A score's code is `day * SCORE_SPAN + score` for a whole score from 0 below SCORE_SPAN
 * (a 5x5 score is at most 25); any other score (-0 too) is kept as it came.
 */
export const SCORE_SPAN = 512;

/** The code of a score on a day (a day number or NaN), undefined when it does not pack. */
const scoreCode = (day: number, score: number): number | undefined =>
  Number.isNaN(day) ||
  !Number.isInteger(score) ||
  score < 0 ||
  score >= SCORE_SPAN ||
  Object.is(score, -0)
    ? undefined
    : day * SCORE_SPAN + score;

/** The `YYYY-MM-DD` form of day numbers, cached (a history's days repeat across items). */
const dayTexts = new Map<number, string>();
function dayText(day: number): string {
  let s = dayTexts.get(day);
  if (s === undefined) {
    if (dayTexts.size >= 1 << 16) dayTexts.clear();
    s = dayString(day);
    dayTexts.set(day, s);
  }
  return s;
}

/**
 * A history state's columns, items in order and each item's updates and scores in order
 * (what a snapshot writes): per item its key, facts, update count and score count; per
 * update its code (day and type, or VERBATIM), per score its code (day and score, or
 * VERBATIM); the updates and the scores kept as they came, by their place in their codes.
 */
export interface HistoryColumns {
  readonly keys: readonly string[];
  readonly facts: readonly ItemFacts[];
  readonly counts: ArrayLike<number>;
  readonly codes: Int32Array<ArrayBuffer>;
  readonly verbatim: ReadonlyMap<number, UpdateFacts>;
  readonly scoreCounts: ArrayLike<number>;
  readonly scoreCodes: Int32Array<ArrayBuffer>;
  readonly scoreVerbatim: ReadonlyMap<number, ScoreOnFacts>;
}

const copyUpdate = (u: UpdateFacts): UpdateFacts => ({ on: u.on, event: u.event });
const copyScore = (u: ScoreOnFacts): ScoreOnFacts => ({ on: u.on, score: u.score });

/**
 * The item histories (see {@link ItemHistory}), by item key (`recommendation-<id>`,
 * `action-<id>`, `risk-<id>`), in the order items first appear.
 *
 * A rebuild folds one update per event: each is kept as one 32-bit code (its day and event
 * type) in rows shared by all items, linked item by item ({@link ItemRows}), not as an
 * object and a day string per event; a risk's scores likewise (day and score). The facts a
 * few event types set are one object per item. An item's {@link ItemHistory} is derived
 * when read ({@link get}): a new object each time, equal to what a fold into plain objects
 * holds; {@link facts} and {@link scoreAt} read less. A day that is not a real
 * `YYYY-MM-DD`, a type not of these kinds or a score that does not pack is kept as it came.
 *
 * @example
 * const h = state.get('recommendation-kerslake-2014-01');
 * console.log(h?.updates.length);
 */
export class HistoryState implements Iterable<[string, ItemHistory]> {
  /** Item number by key. */
  readonly #index = new Map<string, number>();
  readonly #keys: string[] = [];
  /** Per item its facts, undefined while no event set one (most items: see `itemFacts`). */
  readonly #facts: (ItemFacts | undefined)[] = [];
  /** Every item made by {@link itemFor} (a new item's key is then not looked up: see there). */
  #allNamed = true;
  #updates = new ItemRows<UpdateFacts>();
  #scores = new ItemRows<ScoreOnFacts>();
  /**
   * Item numbers by id, per kind of item (the caller's numbering, see {@link itemFor}): what
   * the fold looks an event's item up by. An id is short (a parsed one of up to ten
   * characters is the engine's unique copy), a key is longer and a fresh copy per parsed
   * line: looking it up hashes it and compares it with the stored key, character by
   * character, where an id is mostly compared by reference. Filled as the fold meets items.
   */
  readonly #byId: Map<string, number>[] = [];

  /** A state holding these histories (a snapshot's), in their order. */
  static of(entries: Iterable<readonly [string, ItemHistory]>): HistoryState {
    const s = new HistoryState();
    for (const [key, h] of entries) {
      const { updates, scores, ...facts } = h;
      const item = s.#item(key, () => ({ ...facts }));
      for (const u of updates) {
        const day = u.on.length === 10 ? dayNumber(u.on) : Number.NaN;
        s.#update(item, day, u.event, TYPE_INDEX.get(u.event), u.on);
      }
      for (const u of scores) {
        const day = u.on.length === 10 ? dayNumber(u.on) : Number.NaN;
        s.#score(item, day, u.score, u.on);
      }
    }
    return s;
  }

  /**
   * A state of these columns, taken as they are (the code arrays too, not copied): the
   * caller has checked them (keys
   * distinct, as many facts and counts of each kind as keys, each kind's counts summing to
   * its codes' length, each VERBATIM code and only those in its verbatim map, each other
   * code a day and a tracked type, or a day and a score).
   */
  static ofColumns(c: HistoryColumns): HistoryState {
    const s = new HistoryState();
    // Items of keys, not named by their ids.
    s.#allNamed = c.keys.length === 0;
    for (let i = 0; i < c.keys.length; i++) {
      const key = c.keys[i] as string;
      s.#index.set(key, i);
      s.#keys.push(key);
      s.#facts.push(c.facts[i]);
    }
    s.#updates = ItemRows.ofColumns(
      c.counts,
      c.codes,
      new Map([...c.verbatim].map(([r, u]) => [r, copyUpdate(u)])),
    );
    s.#scores = ItemRows.ofColumns(
      c.scoreCounts,
      c.scoreCodes,
      new Map([...c.scoreVerbatim].map(([r, u]) => [r, copyScore(u)])),
    );
    return s;
  }

  /** The state's columns (see {@link HistoryColumns}): copies, each item's rows together. */
  columns(): HistoryColumns {
    const items = this.#keys.length;
    const u = this.#updates.columns(items, copyUpdate);
    const sc = this.#scores.columns(items, copyScore);
    return {
      keys: [...this.#keys],
      facts: this.#facts.map((f) => f ?? freshItemFacts()),
      counts: u.counts,
      codes: u.codes,
      verbatim: u.verbatim,
      scoreCounts: sc.counts,
      scoreCodes: sc.codes,
      scoreVerbatim: sc.verbatim,
    };
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

  /**
   * The facts of an item (its history but its updates and scores; not a copy: read-only),
   * or undefined.
   */
  facts(key: string): Readonly<ItemFacts> | undefined {
    const item = this.#index.get(key);
    return item === undefined ? undefined : (this.#facts[item] ?? NO_FACTS);
  }

  /**
   * An item's score at the end of a day: the last of its scores whose day is not after
   * `day` (`isAfterDay`); null when none, undefined for
   * an item without a history.
   */
  scoreAt(key: string, day: string): number | null | undefined {
    const item = this.#index.get(key);
    if (item === undefined) return undefined;
    let at: number | null = null;
    this.#scores.forEach(item, (code, kept) => {
      const s = kept ?? scoreOf(code);
      if (!isAfterDay(s.on, day)) at = s.score;
    });
    return at;
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
    const item = this.itemOfKey(key, fresh);
    this.foldItem(item, type, TYPE_INDEX.get(type), occurredAt);
    return this.itemFacts(item);
  }

  /** The number of the item of `key`, created with `fresh` when new. */
  itemOfKey(key: string, fresh: () => ItemFacts): number {
    const known = this.#index.get(key);
    if (known !== undefined) return known;
    this.#allNamed = false;
    return this.#add(key, fresh);
  }

  /**
   * The number of the item of `id` of kind `kind` (a small number the caller gives each
   * kind), when {@link itemFor} has named it; else undefined.
   */
  itemById(kind: number, id: string): number | undefined {
    return this.#byId[kind]?.get(id);
  }

  /**
   * The number of the item of `id` of kind `kind`, else of `key` (created with `fresh` when
   * new), from now on also found by {@link itemById} as `id` of kind `kind`. The caller
   * gives each id of a kind one key, and each key to one id of one kind (what the history
   * view does: the key is the kind's name, which has no hyphen, a hyphen and the id).
   */
  itemFor(kind: number, id: string, key: string, fresh: () => ItemFacts): number {
    let ids = this.#byId[kind];
    if (ids === undefined) {
      ids = new Map();
      this.#byId[kind] = ids;
    }
    // Mostly just missed by `itemById`: found in the entry it has just read.
    const named = ids.get(id);
    if (named !== undefined) return named;
    // With every item named by its id, one not named has no key either: no lookup in vain.
    let item: number | undefined;
    if (!this.#allNamed) item = this.#index.get(key);
    if (item === undefined) item = this.#add(key, fresh);
    ids.set(id, item);
    return item;
  }

  /**
   * Folds one update of an item by its number (see {@link itemFor}): an event of `type`,
   * `index` its place in {@link TRACKED_TYPES} (undefined when not tracked); `day`, when
   * the caller has it, is `dayNumber(occurredAt)`. A caller that sets a fact takes the
   * facts with {@link itemFacts} (most events set none: no facts are made for them).
   */
  foldItem(
    item: number,
    type: string,
    index: number | undefined,
    occurredAt: string,
    day: number = dayNumber(occurredAt),
  ): void {
    this.#update(item, day, type, index, occurredAt);
  }

  /** The facts of an item by its number when an event set one (else undefined), to update. */
  setFacts(item: number): ItemFacts | undefined {
    return this.#facts[item];
  }

  /**
   * The facts of an item by its number (see {@link itemFor}), for the caller to update: made
   * now when none yet (19.7k of the 24.2k items of 100k generated events never need them).
   */
  itemFacts(item: number): ItemFacts {
    let f = this.#facts[item];
    if (f === undefined) {
      f = freshItemFacts();
      this.#facts[item] = f;
    }
    return f;
  }

  /** {@link scored} by the item's number (see {@link itemFor}); `day` as for {@link foldItem}. */
  scoredItem(
    item: number,
    occurredAt: string,
    score: number,
    day: number = dayNumber(occurredAt),
  ): void {
    this.#score(item, day, score, occurredAt);
  }

  /**
   * Folds a new current score of an item (already folded: see {@link fold}) from the day
   * `occurredAt` begins with; nothing for an item without a history.
   */
  scored(key: string, occurredAt: string, score: number): void {
    const item = this.#index.get(key);
    if (item !== undefined) this.#score(item, dayNumber(occurredAt), score, occurredAt);
  }

  #item(key: string, fresh: () => ItemFacts): number {
    const known = this.#index.get(key);
    if (known !== undefined) return known;
    this.#allNamed = false;
    return this.#add(key, fresh);
  }

  /** Adds the item of `key` (not there), its facts made with `fresh` (when set: see #facts). */
  #add(key: string, fresh: () => ItemFacts): number {
    const item = this.#keys.length;
    this.#index.set(key, item);
    this.#keys.push(key);
    this.#facts.push(fresh === freshItemFacts ? undefined : fresh());
    this.#updates.addItem(item);
    this.#scores.addItem(item);
    return item;
  }

  /**
   * Appends an update of `type` (`index` its place in TRACKED_TYPES): `day` NaN (or an
   * unknown type) keeps `{ on: at.slice(0, 10), event }`.
   */
  #update(item: number, day: number, type: string, index: number | undefined, at: string): void {
    if (index === undefined || Number.isNaN(day))
      this.#updates.appendVerbatim(item, { on: at.slice(0, 10), event: type });
    else this.#updates.append(item, day * TYPE_SPAN + index);
  }

  /** Appends a score: one that does not pack keeps `{ on: at.slice(0, 10), score }`. */
  #score(item: number, day: number, score: number, at: string): void {
    const code = scoreCode(day, score);
    if (code === undefined) this.#scores.appendVerbatim(item, { on: at.slice(0, 10), score });
    else this.#scores.append(item, code);
  }

  #history(item: number): ItemHistory {
    const updates: UpdateFacts[] = [];
    this.#updates.forEach(item, (code, kept) => {
      if (kept !== undefined) updates.push(copyUpdate(kept));
      else {
        const index = code & (TYPE_SPAN - 1);
        const day = (code - index) / TYPE_SPAN;
        updates.push({ on: dayText(day), event: TRACKED_TYPES[index] as string });
      }
    });
    const scores: ScoreOnFacts[] = [];
    this.#scores.forEach(item, (code, kept) => {
      scores.push(kept !== undefined ? copyScore(kept) : scoreOf(code));
    });
    // An item without facts reads fresh ones: its history's arrays are its own.
    const f = this.#facts[item] ?? freshItemFacts();
    // The fields in the order of the ItemHistory codec (a snapshot's JSON keeps it).
    return {
      baselineDueOn: f.baselineDueOn,
      awaitingDate: f.awaitingDate,
      reopenedOn: f.reopenedOn,
      claimedOn: f.claimedOn,
      revisionApprovers: f.revisionApprovers,
      updates,
      scores,
      appetite: f.appetite,
      tolerance: f.tolerance,
      controls: f.controls,
      mitigatingActions: f.mitigatingActions,
    };
  }
}

/** The score a packed code stands for. */
function scoreOf(code: number): ScoreOnFacts {
  const score = code & (SCORE_SPAN - 1);
  return { on: dayText((code - score) / SCORE_SPAN), score };
}
