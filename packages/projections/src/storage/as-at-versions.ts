import * as t from 'io-ts';
import { atOrBefore } from '../view/time';

/** The JSON form of a snapshot's as-at index, and the versions of its items (see `AsAtIndex`). */

/**
 * One version of an item, from its day on: `[day, 0, null]` absent; `[day, 1, fields]` the
 * fields that changed; `[day, 2, value]` a whole new value. A fourth element is the
 * position at which the entry was added, when that changed. In a monotone item an
 * append-only field holds its length (a prefix of the latest entry's array).
 */
export type ItemVersion = [string, 0 | 1 | 2, unknown] | [string, 0 | 1 | 2, unknown, string];

/** The JSON form of one view's items. */
export interface ViewItemsDoc {
  readonly keys: string[];
  /** The day of each item's latest event when its days never went back, else null. */
  readonly lastDays: (string | null)[];
  readonly versions: ItemVersion[][];
}

/** The JSON form of the index: events folded by valid day, and each view's items. */
export interface AsAtIndexDoc {
  /** `[day, events valid that day, latest occurredAt that day]`, days increasing. */
  readonly days: [string, number, string][];
  readonly views: Record<string, ViewItemsDoc>;
}

export const isPlainObject = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

function isVersion(u: unknown): u is ItemVersion {
  if (!Array.isArray(u) || (u.length !== 3 && u.length !== 4)) return false;
  const [day, kind, payload, pos] = u as unknown[];
  if (typeof day !== 'string' || (u.length === 4 && typeof pos !== 'string')) return false;
  return kind === 0 ? payload === null : kind === 1 ? isPlainObject(payload) : kind === 2;
}

function isItemsDoc(u: unknown): u is ViewItemsDoc {
  if (!isPlainObject(u)) return false;
  const { keys, lastDays, versions } = u;
  if (!Array.isArray(keys) || !Array.isArray(lastDays) || !Array.isArray(versions)) return false;
  if (keys.length !== lastDays.length || keys.length !== versions.length) return false;
  for (let i = 0; i < keys.length; i++) {
    const vs: unknown = versions[i];
    const lastDay: unknown = lastDays[i];
    if (typeof keys[i] !== 'string' || (typeof lastDay !== 'string' && lastDay !== null))
      return false;
    if (!Array.isArray(vs)) return false;
    let last = '';
    for (const v of vs) {
      // Days strictly increase: a version is looked up by binary search.
      if (!isVersion(v) || !(v[0] > last)) return false;
      last = v[0];
    }
  }
  return true;
}

function isDaysDoc(u: unknown): u is AsAtIndexDoc['days'] {
  if (!Array.isArray(u)) return false;
  let last = '';
  for (const d of u) {
    if (!Array.isArray(d) || d.length !== 3) return false;
    const [day, n, max] = d as unknown[];
    if (
      typeof day !== 'string' ||
      !(day > last) ||
      typeof n !== 'number' ||
      typeof max !== 'string'
    )
      return false;
    last = day;
  }
  return true;
}

/** The codec of {@link AsAtIndexDoc} (a guard: the index is read as it is written). */
export const AsAtIndexDoc: t.Type<AsAtIndexDoc, AsAtIndexDoc, unknown> = new t.Type<
  AsAtIndexDoc,
  AsAtIndexDoc,
  unknown
>(
  'AsAtIndexDoc',
  isIndexDoc,
  (u, c) => (isIndexDoc(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

function isIndexDoc(u: unknown): u is AsAtIndexDoc {
  return (
    isPlainObject(u) &&
    isDaysDoc(u['days']) &&
    isPlainObject(u['views']) &&
    Object.values(u['views']).every(isItemsDoc)
  );
}

/** An entry's JSON form as text: field by field for an object, else whole. */
export type Texts = Record<string, string> | string;

export const same = (a: Texts | null, b: Texts | null): boolean => {
  if (a === null || b === null || typeof a === 'string' || typeof b === 'string') return a === b;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (a[k] !== b[k]) return false;
  return true;
};

const parseText = (s: string): unknown => JSON.parse(s) as unknown;

/** A version from the texts before and after (null: absent). */
export function versionOf(
  day: string,
  before: Texts | null,
  after: Texts | null,
  beforePos: string | null,
  afterPos: string | null,
): ItemVersion {
  let v: ItemVersion;
  if (after === null) v = [day, 0, null];
  else if (typeof after === 'string') v = [day, 2, parseText(after)];
  else if (
    before === null ||
    typeof before === 'string' ||
    Object.keys(before).some((k) => !(k in after))
  ) {
    const whole: Record<string, unknown> = {};
    for (const k of Object.keys(after)) whole[k] = parseText(after[k] as string);
    v = [day, 2, whole];
  } else {
    const changed: Record<string, unknown> = {};
    for (const k of Object.keys(after))
      if (before[k] !== after[k]) changed[k] = parseText(after[k] as string);
    v = [day, 1, changed];
  }
  if (afterPos !== null && afterPos !== beforePos) v.push(afterPos);
  return v;
}

/** The value and insertion position after versions `0..upTo` (undefined value: absent). */
export function valueAt(
  versions: readonly ItemVersion[],
  upTo: number,
): { value: unknown; pos: string | null } {
  let value: unknown = undefined;
  let pos: string | null = null;
  for (let i = 0; i <= upTo; i++) {
    const v = versions[i] as ItemVersion;
    if (v[1] === 0) {
      value = undefined;
      pos = null;
      continue;
    }
    value = v[1] === 2 ? v[2] : { ...(value as Record<string, unknown>), ...(v[2] as object) };
    if (v.length === 4) pos = v[3];
  }
  return { value, pos };
}

/** The last version on or before `day`, or -1. */
export function versionOn(versions: readonly ItemVersion[], day: string): number {
  let lo = 0;
  let hi = versions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((versions[mid] as ItemVersion)[0] <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The valid day of an event, or null when its `occurredAt` is not a canonical instant. */
export function validDay(occurredAt: string): string | null {
  // `YYYY-MM-DDTHH:mm:ss.sssZ` compares with `${asAt}T23:59:59.999Z` as its day does with
  // `asAt`: on or before the day exactly when the day is on or before `asAt`.
  return occurredAt.length === 24 &&
    occurredAt.charCodeAt(10) === 84 &&
    occurredAt.charCodeAt(23) === 90 &&
    atOrBefore(occurredAt.slice(10), 'T23:59:59.999Z')
    ? occurredAt.slice(0, 10)
    : null;
}
