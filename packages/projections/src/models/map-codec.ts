import * as t from 'io-ts';

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
  const entries = t.array(t.tuple([t.string, value]));
  return new t.Type<Map<string, t.TypeOf<C>>, [string, t.OutputOf<C>][], unknown>(
    name,
    (u): u is Map<string, t.TypeOf<C>> =>
      u instanceof Map && [...u.entries()].every(([k, v]) => typeof k === 'string' && value.is(v)),
    (u, c) => {
      const r = entries.validate(u, c);
      if (r._tag === 'Left') return r;
      return t.success(new Map(r.right));
    },
    (m) => [...m.entries()].map(([k, v]) => [k, value.encode(v) as t.OutputOf<C>]),
  );
}
