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

/** The stream of seals (the ledger's one stream). */
export const LEDGER_STREAM = 'ledger-seals';

/**
 * The field of a command's or event's data naming its aggregate, by category: every command
 * and event of the category carries it (`null` for the ledger, whose stream is always
 * {@link LEDGER_STREAM}).
 */
export const idFields = {
  programme: 'programmeId',
  adviser: 'adviserId',
  recommendation: 'recommendationId',
  action: 'actionId',
  risk: 'riskId',
  ledger: null,
} as const satisfies { readonly [C in Category]: string | null };

/** The stream of a command or event of `category` with this data: `<category>-<id>`, or the ledger's. */
export function streamIn(category: Category, data: object): string {
  const field = idFields[category];
  if (field === null) return LEDGER_STREAM;
  // The codecs of every command and event of `category` require `field`, an Id.
  return `${category}-${(data as Readonly<Record<string, string>>)[field]}`;
}
