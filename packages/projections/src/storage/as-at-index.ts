import * as E from 'fp-ts/Either';
import type { EventStore } from '@assure/event-store';
import { ProjectionErrors, type ProjectionError } from '../view/errors';
import type { Checkpointed, EventDecoder } from '../view/runner';
import { atOrBefore, comparePositions } from '../view/time';
import type { ItemsSpec, Projected, View, ViewSet } from '../view/view';
import {
  isPlainObject,
  same,
  validDay,
  valueAt,
  versionOf,
  versionOn,
  type AsAtIndexDoc,
  type ItemVersion,
  type Texts,
  type ViewItemsDoc,
} from './as-at-versions';
import { itemEvents, textsOf, versionsByDay, type ItemView } from './as-at-refold';

export { AsAtIndexDoc, type ItemVersion, type ViewItemsDoc } from './as-at-versions';

/**
 * The as-at index of a snapshot: each item's versions by valid day, so that the states as
 * at any day are read off the snapshot instead of replayed (see {@link ItemsSpec}).
 *
 * An item's events in log order fold to its entry. When their valid days never go back
 * along the log (a "monotone" item), the events valid on or before a day are a prefix of
 * them, and the entry as at that day is the entry after that prefix: the index keeps one
 * version per day on which the entry changed, recorded while the full fold runs. When they
 * do go back, a prefix is not the answer: the item is refolded from its own events, day by
 * day, after the fold (a second read of the log), and each day's entry kept. Either way a
 * version is the change from the one before.
 */

interface ItemRecord {
  mono: boolean;
  versions: ItemVersion[];
  /** The latest event's day (monotone items). */
  lastDay: string | null;
  /** Texts after the last version (undefined: not worked out yet). */
  last: Texts | null | undefined;
  /** Texts and insertion position before the last version (undefined: not worked out yet). */
  base: Texts | null | undefined;
  basePos: string | null;
  /** The insertion position of the entry after the last version. */
  pos: string | null | undefined;
}

/**
 * Keeps the as-at index of a set of views while they fold: {@link AsAtIndex.wrap} gives
 * views that record each item's versions as they evolve, and a tap that counts every event
 * by valid day. Built empty (a fold from zero) or from a snapshot's index (a catch-up).
 */
export class AsAtIndex<Ev> {
  readonly #views: readonly ItemView<Ev>[];
  readonly #records: Map<string, ItemRecord>[];
  /** Events by valid day: count and latest `occurredAt`. */
  readonly #days: Map<string, [number, string]>;
  /** Items to refold from their events (valid days that go back), by view. */
  readonly #refold: Set<string>[];
  /** Why the index cannot serve (an irregular valid time), or null. */
  #broken: string | null = null;

  private constructor(views: readonly ItemView<Ev>[], doc: AsAtIndexDoc | null) {
    this.#views = views;
    this.#days = new Map((doc?.days ?? []).map(([d, n, max]) => [d, [n, max]]));
    this.#records = views.map(({ view }) => {
      const m = new Map<string, ItemRecord>();
      const of = doc?.views[view.name];
      if (of !== undefined)
        of.keys.forEach((k, i) =>
          m.set(k, {
            mono: of.lastDays[i] !== null,
            versions: of.versions[i] as ItemVersion[],
            lastDay: of.lastDays[i] ?? null,
            last: undefined,
            base: undefined,
            basePos: null,
            pos: undefined,
          }),
        );
      return m;
    });
    this.#refold = views.map(() => new Set());
  }

  /**
   * An index for a set of views, empty or from a snapshot's; null when a view does not
   * declare its items (or its state is not a map), or the snapshot's index is not for these views.
   */
  static of<S extends Record<string, unknown>, Ev>(
    views: ViewSet<S, Ev>,
    doc: AsAtIndexDoc | null,
  ): AsAtIndex<Ev> | null {
    const list: ItemView<Ev>[] = [];
    for (const key of Object.keys(views) as (keyof S & string)[]) {
      // The index handles every view's state as a map of entries (checked below).
      const view = views[key] as unknown as View<unknown, Ev>;
      const items = view.items as ItemsSpec<unknown, Ev> | undefined;
      if (items === undefined || !(view.initial() instanceof Map)) return null;
      if (doc !== null && doc.views[view.name] === undefined) return null;
      list.push({ view, items, appendOnly: new Set(items.appendOnly ?? []) });
    }
    return new AsAtIndex(list, doc);
  }

  /** The texts and position after versions `0..upTo` of a monotone item. */
  #textsAt(r: ItemRecord, upTo: number): { texts: Texts | null; pos: string | null } {
    const { value, pos } = valueAt(r.versions, upTo);
    if (value === undefined) return { texts: null, pos: null };
    if (!isPlainObject(value)) return { texts: JSON.stringify(value), pos };
    const out: Record<string, string> = {};
    for (const k of Object.keys(value)) out[k] = JSON.stringify(value[k]);
    return { texts: out, pos };
  }

  /** Views that record into this index as they evolve, and a tap on every event. */
  wrap<S extends Record<string, unknown>>(
    views: ViewSet<S, Ev>,
  ): ViewSet<Record<string, unknown>, Ev> {
    const out: Record<string, View<unknown, Ev>> = {};
    const keys = Object.keys(views);
    keys.forEach((key, i) => {
      const v = this.#views[i] as ItemView<Ev>;
      out[key] = { ...v.view, evolve: (state, p) => this.#evolve(i, state, p) };
    });
    out[TAP] = {
      name: TAP,
      initial: () => null,
      evolve: (state, p) => {
        const occurredAt = p.envelope.meta.occurredAt;
        const day = validDay(occurredAt);
        if (day === null) {
          this.#broken ??= `an event's valid time ${occurredAt} is not an instant like 2019-03-15T00:00:00.000Z`;
          return state;
        }
        const d = this.#days.get(day);
        if (d === undefined) this.#days.set(day, [1, occurredAt]);
        else {
          d[0]++;
          if (!atOrBefore(occurredAt, d[1])) d[1] = occurredAt;
        }
        return state;
      },
    };
    return out;
  }

  #evolve(i: number, state: unknown, p: Projected<Ev>): unknown {
    const v = this.#views[i] as ItemView<Ev>;
    const key = v.items.keyOf(p.event);
    if (key === undefined) return v.view.evolve(state, p);
    const records = this.#records[i] as Map<string, ItemRecord>;
    let r = records.get(key);
    if (r === undefined) {
      r = {
        mono: true,
        versions: [],
        lastDay: null,
        last: null,
        base: null,
        basePos: null,
        pos: null,
      };
      records.set(key, r);
    }
    const day = p.envelope.meta.occurredAt.slice(0, 10);
    if (r.mono && r.lastDay !== null && day < r.lastDay) r.mono = false;
    // The state is a map (checked by `of`).
    const map = state as Map<string, unknown>;
    if (!r.mono) {
      (this.#refold[i] as Set<string>).add(key);
      return v.view.evolve(state, p);
    }
    if (r.last === undefined) {
      r.last = textsOf(v, map.get(key), map.has(key), true);
      r.pos = this.#textsAt(r, r.versions.length - 1).pos;
    }
    const had = map.has(key);
    const out = v.view.evolve(state, p) as Map<string, unknown>;
    const has = out.has(key);
    r.lastDay = day;
    if (had && !has && v.appendOnly.size > 0) {
      // A removed entry's arrays are not in the latest state: refold it instead.
      r.mono = false;
      (this.#refold[i] as Set<string>).add(key);
      return out;
    }
    const now = textsOf(v, out.get(key), has, true);
    const pos = has ? (had ? (r.pos ?? null) : p.envelope.position) : null;
    if (pos === r.pos && same(now, r.last)) return out;
    const last = r.versions[r.versions.length - 1];
    if (last !== undefined && last[0] === day) {
      if (r.base === undefined) {
        const b = this.#textsAt(r, r.versions.length - 2);
        r.base = b.texts;
        r.basePos = b.pos;
      }
      r.versions.pop();
      if (!(pos === r.basePos && same(now, r.base)))
        r.versions.push(versionOf(day, r.base, now, r.basePos, pos));
    } else {
      r.base = r.last;
      r.basePos = r.pos ?? null;
      r.versions.push(versionOf(day, r.last, now, r.pos ?? null, pos));
    }
    r.last = now;
    r.pos = pos;
    return out;
  }

  /**
   * Refolds the items whose valid days went back, from their own events (one more read of
   * the log, up to position `last` when given, every event decoded): one version per day of
   * theirs.
   */
  async refold(
    store: EventStore,
    decode: EventDecoder<Ev>,
    last: string | null = null,
  ): Promise<E.Either<ProjectionError, void>> {
    if (this.#refold.every((s) => s.size === 0)) return E.right(undefined);
    const collected = await itemEvents(store, decode, this.#views, this.#refold, last);
    if (E.isLeft(collected)) return collected;
    const events = collected.right;
    for (const [i, v] of this.#views.entries())
      for (const key of this.#refold[i] as Set<string>) {
        const r = (this.#records[i] as Map<string, ItemRecord>).get(key) as ItemRecord;
        try {
          r.versions = versionsByDay(
            v,
            key,
            (events[i] as Map<string, Projected<Ev>[]>).get(key) ?? [],
          );
        } catch (cause) {
          return E.left(ProjectionErrors.viewFailed(v.view.name, 'refold', cause));
        }
        r.mono = false;
        r.last = undefined;
        r.base = undefined;
      }
    this.#refold.forEach((s) => s.clear());
    return E.right(undefined);
  }

  /** Why the index cannot serve, or null. */
  get problem(): string | null {
    return this.#broken;
  }

  /** The index as JSON (null when it cannot serve). */
  toDoc(): AsAtIndexDoc | null {
    if (this.#broken !== null) return null;
    const views: Record<string, ViewItemsDoc> = {};
    this.#views.forEach((v, i) => {
      const keys: string[] = [];
      const lastDays: (string | null)[] = [];
      const versions: ItemVersion[][] = [];
      for (const [k, r] of this.#records[i] as Map<string, ItemRecord>) {
        keys.push(k);
        lastDays.push(r.mono ? r.lastDay : null);
        versions.push(r.versions);
      }
      views[v.view.name] = { keys, lastDays, versions };
    });
    const days = [...this.#days.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([d, [n, max]]): [string, number, string] => [d, n, max]);
    return { days, views };
  }

  /**
   * The states as at `asAt` from the index and the latest states (each item's version on
   * or before the day, its append-only arrays cut from the latest entry's), with the count
   * and latest valid time of the events valid on or before the day; left: why it cannot.
   */
  statesAt<S extends Record<string, unknown>>(
    views: ViewSet<S, Ev>,
    latest: Checkpointed<S>,
    asAt: string,
  ): E.Either<string, Checkpointed<S>> {
    if (this.#broken !== null) return E.left(this.#broken);
    let folded = 0;
    let max: string | null = null;
    for (const [day, [n, m]] of this.#days)
      if (day <= asAt) {
        folded += n;
        if (max === null || !atOrBefore(m, max)) max = m;
      }
    const states: Record<string, unknown> = {};
    const keys = Object.keys(views) as (keyof S & string)[];
    for (const [i, name] of keys.entries()) {
      const v = this.#views[i] as ItemView<Ev>;
      const final = latest.states[name] as Map<string, unknown>;
      const entries: [string, string, unknown][] = [];
      for (const [key, r] of this.#records[i] as Map<string, ItemRecord>) {
        const at = versionOn(r.versions, asAt);
        if (at < 0) continue;
        const { value, pos } = valueAt(r.versions, at);
        if (value === undefined || pos === null) continue;
        let json = value;
        if (r.mono && v.appendOnly.size > 0 && isPlainObject(value)) {
          const whole = v.items.entry.encode(final.get(key));
          if (!isPlainObject(whole))
            return E.left(`item ${key} of ${v.view.name} is not in the latest state`);
          const cut: Record<string, unknown> = { ...value };
          for (const f of v.appendOnly) {
            const n = value[f];
            const arr = whole[f];
            if (typeof n === 'number' && Array.isArray(arr)) cut[f] = arr.slice(0, n);
          }
          json = cut;
        }
        const decoded = v.items.entry.decode(json);
        if (E.isLeft(decoded)) return E.left(`item ${key} of ${v.view.name} does not decode`);
        entries.push([pos, key, decoded.right]);
      }
      entries.sort((a, b) => comparePositions(a[0], b[0]));
      states[name] = new Map(entries.map(([, k, e]) => [k, e]));
    }
    return E.right({
      checkpoint: latest.checkpoint,
      checkpointHash: latest.checkpointHash,
      // Built above from each view's key: the states of `views`.
      states: states as S,
      folded,
      maxOccurredAt: max,
    });
  }
}

/** The key of the tap that counts events by day (not a view name a set may use). */
export const TAP = '\u0000as-at-index';
