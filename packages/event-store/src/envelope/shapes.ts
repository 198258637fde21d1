/**
 * Functions made once per object shape (an object's own enumerable keys, in their order),
 * found again from the keys of the next object: the in-memory store copies payloads and
 * metas with them. An object copied key by key (`out[k] = src[k]` with `k` varying) goes
 * through V8's generic keyed load and store for every key; one object literal per shape is
 * laid out once by V8 and reads each key by name. Bounded: past {@link MAX_SHAPES} shapes,
 * or for a shape of more than {@link MAX_KEYS} keys, callers copy key by key.
 */
export class ShapeCache<F> {
  /** The shapes met last, the most recent first (a payload type repeats its shape). */
  readonly #recent: Shape<F>[] = [];
  /** Every shape made, by the JSON of its keys. */
  readonly #all = new Map<string, Shape<F>>();

  /**
   * @param make the function for objects of these keys; when it throws (code generation
   *   from strings refused: `--disallow-code-generation-from-strings`, a content security
   *   policy), objects of that shape are copied key by key
   */
  constructor(readonly make: (keys: readonly string[]) => F) {}

  /** The function made for objects of these keys (null: copy key by key). */
  of(keys: readonly string[]): F | null {
    const recent = this.#recent;
    for (let i = 0; i < recent.length; i++) {
      const shape = recent[i] as Shape<F>;
      if (sameKeys(shape.keys, keys)) {
        if (i > 0) {
          recent.splice(i, 1);
          recent.unshift(shape);
        }
        return shape.made;
      }
    }
    return this.#miss(keys);
  }

  #miss(keys: readonly string[]): F | null {
    if (keys.length > MAX_KEYS) return null;
    const id = JSON.stringify(keys);
    let shape = this.#all.get(id);
    if (shape === undefined) {
      if (this.#all.size >= MAX_SHAPES) return null;
      shape = { keys: [...keys], made: madeOrNull(this.make, keys) };
      this.#all.set(id, shape);
    }
    this.#recent.unshift(shape);
    if (this.#recent.length > RECENT) this.#recent.pop();
    return shape.made;
  }
}

interface Shape<F> {
  readonly keys: readonly string[];
  readonly made: F | null;
}

/** What `make` makes for these keys, or null when it throws (see {@link ShapeCache}). */
function madeOrNull<F>(make: (keys: readonly string[]) => F, keys: readonly string[]): F | null {
  try {
    return make(keys);
  } catch {
    return null;
  }
}

/** Shapes compared key by key before the map of all shapes is looked up. */
const RECENT = 4;
/** Shapes made at most (then: key by key). */
const MAX_SHAPES = 1024;
/** Shapes with more keys are copied key by key. */
const MAX_KEYS = 32;

/** Equal key lists (keys read from an object's map are mostly the same string objects). */
function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A computed property name in an object literal: the key's JSON text, so any key,
 * `__proto__` included, is an own property (`{ ["__proto__"]: v }` defines one, where
 * `{ "__proto__": v }` would set the prototype), and no key is read as code.
 */
export function literalKey(key: string): string {
  return `[${JSON.stringify(key)}]`;
}

/**
 * Sets an own enumerable property, as an object literal or `JSON.parse` would: an
 * assignment of `__proto__` would set the prototype instead (and the key would be lost).
 */
export function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else out[key] = value;
}
