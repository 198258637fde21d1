/** What {@link plainJsonCopy} returns for a value that is not plain JSON. */
export const NOT_PLAIN: unique symbol = Symbol('not plain JSON');

/** Deeper than this, a value is left to the slow path (`JSON.stringify`, then read back). */
const MAX_DEPTH = 64;

/**
 * A fresh copy of `value` when it is plain JSON data: strings, finite numbers (not -0),
 * booleans, null, arrays without holes and plain objects (of `Object.prototype` or none, no
 * `toJSON`, no `__proto__` key) of such values, at most {@link MAX_DEPTH} deep. Such a value is exactly
 * what `JSON.parse(JSON.stringify(copy))` gives back: the same keys in the same order, the
 * same strings and numbers. {@link NOT_PLAIN} for anything else (a Date, `undefined`, NaN, a
 * class instance, a cycle...): those are what `JSON.stringify` would change without a word,
 * and the caller takes the slow path that writes and reads them back.
 *
 * @example
 * plainJsonCopy({ a: [1, 'x', null] }); // { a: [1, 'x', null] }, a new object
 * plainJsonCopy({ at: new Date() }); // NOT_PLAIN
 */
export function plainJsonCopy(value: unknown, depth = 0): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? value : NOT_PLAIN;
    case 'object':
      if (value === null) return null;
      if (depth >= MAX_DEPTH) return NOT_PLAIN;
      return Array.isArray(value) ? arrayCopy(value, depth) : objectCopy(value, depth);
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      return NOT_PLAIN;
  }
}

function arrayCopy(a: readonly unknown[], depth: number): unknown {
  if (Object.getPrototypeOf(a) !== Array.prototype || hasToJson(a)) return NOT_PLAIN;
  const n = a.length;
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const v = plainJsonCopy(a[i], depth + 1);
    if (v === NOT_PLAIN) return NOT_PLAIN;
    out.push(v);
  }
  return out;
}

function objectCopy(o: object, depth: number): unknown {
  const proto: unknown = Object.getPrototypeOf(o);
  if ((proto !== Object.prototype && proto !== null) || hasToJson(o)) return NOT_PLAIN;
  const from: Readonly<Record<string, unknown>> = o as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(from)) {
    // Assigning `__proto__` would set the copy's prototype, not a key as `JSON.parse` makes.
    if (k === '__proto__') return NOT_PLAIN;
    const v = plainJsonCopy(from[k], depth + 1);
    if (v === NOT_PLAIN) return NOT_PLAIN;
    out[k] = v;
  }
  return out;
}

/** `JSON.stringify` would call a `toJSON` (own or inherited) instead of writing the value. */
function hasToJson(o: object): boolean {
  return 'toJSON' in o;
}
