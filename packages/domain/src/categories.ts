/** The aggregate categories (stream name prefixes). */
export type Category = 'programme' | 'adviser' | 'recommendation' | 'action' | 'risk' | 'ledger';

/**
 * Tags every key of an aggregate's codec table with the aggregate's category: the lookups
 * by type (`commandCategory`, `eventCategory`) are built from the tables, so a type is
 * listed once, in its aggregate's folder.
 */
export function tagged<C extends Category, M extends object>(
  category: C,
  codecs: M,
): { readonly [K in keyof M]: C } {
  const out: Record<string, C> = {};
  for (const key of Object.keys(codecs)) out[key] = category;
  // Every own key of `codecs` was given `category` just above.
  return out as { readonly [K in keyof M]: C };
}
