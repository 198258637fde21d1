import type * as t from 'io-ts';

/** One problem found while decoding: where (a dotted path, `[i]` for array items) and why. */
export interface FieldError {
  readonly path: string;
  readonly message: string;
}

const isIndex = (key: string): boolean => /^(0|[1-9][0-9]*)$/.test(key);

/** The dotted path of one io-ts error, e.g. `data.evidence[0].uri` (empty string for the root). */
export function errorPath(error: t.ValidationError): string {
  let path = '';
  // context[0] is the root codec (key ''); union/intersection members repeat the parent key as a number.
  let previousType: t.Decoder<unknown, unknown> | undefined;
  let previousActual: unknown;
  for (const entry of error.context) {
    const parent = previousType as { _tag?: string } | undefined;
    const parentIsArray = Array.isArray(previousActual);
    previousType = entry.type;
    previousActual = entry.actual;
    if (entry.key === '') continue;
    const parentTag = parent?._tag;
    if (parentTag === 'UnionType' || parentTag === 'IntersectionType') continue;
    if (
      isIndex(entry.key) &&
      (parentTag === 'ArrayType' ||
        parentTag === 'ReadonlyArrayType' ||
        parentTag === 'TupleType' ||
        parentIsArray)
    ) {
      path += `[${entry.key}]`;
    } else {
      path += path === '' ? entry.key : `.${entry.key}`;
    }
  }
  return path;
}

/** A readable reason for one io-ts error. */
export function errorMessage(error: t.ValidationError): string {
  if (error.message !== undefined) return error.message;
  const last = error.context[error.context.length - 1];
  const values = vocabularyOf(last?.type);
  const expected =
    values === null
      ? (last?.type.name ?? 'a valid value')
      : `one of ${values.join(', ')} (${last?.type.name ?? 'a vocabulary'})`;
  return error.value === undefined
    ? `is required (${expected})`
    : `expected ${expected}, got ${describe(error.value)}`;
}

/** The allowed values of a `t.keyof` codec (a vocabulary), or null for any other codec. */
function vocabularyOf(codec: t.Decoder<unknown, unknown> | undefined): readonly string[] | null {
  const c = codec as { readonly _tag?: unknown; readonly keys?: unknown } | undefined;
  if (c?._tag !== 'KeyofType' || typeof c.keys !== 'object' || c.keys === null) return null;
  return Object.keys(c.keys);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'object') return 'an object';
  return typeof value === 'symbol' || typeof value === 'function'
    ? typeof value
    : `${value as string | number | boolean | bigint}`;
}

/**
 * Turns io-ts errors into a de-duplicated list of `{path, message}`, one per path
 * (union alternatives that fail at the same path are merged into one message).
 */
export function toFieldErrors(errors: t.Errors): FieldError[] {
  const byPath = new Map<string, string[]>();
  for (const e of errors) {
    const path = errorPath(e);
    const msg = errorMessage(e);
    const list = byPath.get(path) ?? [];
    if (!list.includes(msg)) list.push(msg);
    byPath.set(path, list);
  }
  return [...byPath.entries()].map(([path, msgs]) => ({ path, message: msgs.join('; or ') }));
}
