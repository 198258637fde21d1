// The in-memory store's copy of a payload: deep, frozen, plain JSON only, with short
// strings shared. Kept apart from the store so the store reads as a plain log.
//
// Why the sharing: one string object per distinct short string of the stored payloads (ids,
// days, codes), each event's copy referring to it. The log then holds each id once, and a
// reader that looks ids up in a map compares them by reference and finds their hash already
// computed (a rebuild of every view from 1M events ran about a third faster when it was
// introduced). It changes no value: a copy equals its source.

import { literalKey, setOwn, ShapeCache } from '../envelope/shapes';

/** Strings up to this length are shared through the store's table (longer ones are text). */
const SHARED_STRING_MAX = 64;

/**
 * The store's shared strings, with those an append adds kept apart until it lands. One per
 * store, for its whole life (appends are synchronous, so one append at a time uses it): an
 * object made per append left no instance alive between appends, so every major garbage
 * collection dropped its hidden class and deoptimised the copy and the append that check it.
 */
export class SharedStrings {
  /** Made on the first new string: most appends of a running log bring none. */
  #added: Map<string, string> | undefined;

  constructor(readonly shared: Map<string, string>) {}

  /** The shared string equal to `s` (`s` itself, the first time). */
  share(s: string): string {
    const known = this.shared.get(s) ?? this.#added?.get(s);
    if (known !== undefined) return known;
    (this.#added ??= new Map()).set(s, s);
    return s;
  }

  /** The append landed: its new strings are shared from now on. */
  commit(): void {
    if (this.#added !== undefined) for (const s of this.#added.keys()) this.shared.set(s, s);
    this.#added = undefined;
  }

  /** An append starts: strings met by one that did not land (it failed or threw) are forgotten. */
  begin(): void {
    this.#added = undefined;
  }
}

/**
 * A deep, frozen copy of a JSON object, its short strings shared through `strings` (none
 * shared without it); throws a TypeError naming the path of anything
 * that is not plain JSON (so the stored event is exactly what its hash covers).
 */
export function frozenJsonCopy(
  value: Record<string, unknown>,
  path: string,
  strings: SharedStrings | undefined,
): Record<string, unknown> {
  try {
    return copyFast(value, 0, strings) as Record<string, unknown>;
  } catch {
    // Not plain JSON: walk it again, naming paths, for the error (thrown from there). The
    // first walk built no path, so the usual case allocates none.
    return copyJson(value, path, 0, new SharedStrings(new Map())) as Record<string, unknown>;
  }
}

/** `s`, or the shared string equal to it when it is short and a table is given. */
function sharedString(s: string, strings: SharedStrings | undefined): string {
  return strings === undefined || s.length > SHARED_STRING_MAX ? s : strings.share(s);
}

/** Thrown by {@link copyFast}; the caller finds and names the path. */
const NOT_JSON = new TypeError('not plain JSON');

/** {@link copyJson} without paths: throws {@link NOT_JSON} where that one names the path. */
function copyFast(value: unknown, depth: number, strings: SharedStrings | undefined): unknown {
  if (depth > 256) throw NOT_JSON;
  switch (typeof value) {
    case 'string':
      return sharedString(value, strings);
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw NOT_JSON;
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) out[i] = copyFast(value[i], depth + 1, strings);
        return Object.freeze(out);
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw NOT_JSON;
      const rec = value as Readonly<Record<string, unknown>>;
      const keys = Object.keys(rec);
      const copier = COPIERS.of(keys);
      if (copier !== null) return Object.freeze(copier(rec, copyFast, depth + 1, strings));
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const v = rec[k];
        if (v === undefined) throw NOT_JSON;
        setOwn(out, k, copyFast(v, depth + 1, strings));
      }
      return Object.freeze(out);
    }
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      throw NOT_JSON;
  }
}

/** Copies an object of one shape: each value by `copy`, in one object literal. */
type Copier = (
  src: Readonly<Record<string, unknown>>,
  copy: typeof copyFast,
  depth: number,
  strings: SharedStrings | undefined,
) => Record<string, unknown>;

/** The copiers of the payload shapes met, shared by every store (see `ShapeCache`). */
const COPIERS = new ShapeCache<Copier>((keys) => {
  const fields = keys
    .map((k) => `${literalKey(k)}: copy(src[${JSON.stringify(k)}], depth, strings)`)
    .join(', ');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- keys are quoted JSON strings
  return new Function('src', 'copy', 'depth', 'strings', `return { ${fields} };`) as Copier;
});

function copyJson(
  value: unknown,
  path: string,
  depth: number,
  strings: SharedStrings | undefined,
): unknown {
  if (depth > 256) throw new TypeError(`${path}: nested too deeply`);
  switch (typeof value) {
    case 'string':
      return sharedString(value, strings);
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} is not a JSON number`);
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        const out = value.map((v, i) => copyJson(v, `${path}[${i}]`, depth + 1, strings));
        return Object.freeze(out);
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null)
        throw new TypeError(`${path}: not a plain object`);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) throw new TypeError(`${path}.${k}: undefined is not JSON`);
        setOwn(out, k, copyJson(v, `${path}.${k}`, depth + 1, strings));
      }
      return Object.freeze(out);
    }
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      throw new TypeError(`${path}: a ${typeof value} is not JSON`);
  }
}
