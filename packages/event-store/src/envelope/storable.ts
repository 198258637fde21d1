import * as E from 'fp-ts/Either';
import type { Envelope } from './codec';
import { decodeEnvelope, describeEnvelopeErrors } from './line';

/**
 * Why a value is not plain JSON (a Date, a function, `undefined`, a non-finite number, a
 * class instance...), naming its path; `undefined` when it is. `JSON.stringify` would turn
 * some of these into something else (a Date into a string, NaN into null) without a word,
 * and a store would then keep data other than what it was given.
 *
 * @example
 * jsonProblem({ at: new Date() }, 'data', 0); // 'data.at: not a plain object'
 */
export function jsonProblem(value: unknown, path: string, depth: number): string | undefined {
  if (depth > 256) return `${path}: nested too deeply`;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `${path}: ${value} is not a JSON number`;
    case 'object': {
      if (value === null) return undefined;
      if (Array.isArray(value)) {
        for (const [i, v] of value.entries()) {
          const p = jsonProblem(v, `${path}[${i}]`, depth + 1);
          if (p !== undefined) return p;
        }
        return undefined;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return `${path}: not a plain object`;
      for (const [k, v] of Object.entries(value)) {
        const p = jsonProblem(v, `${path}.${k}`, depth + 1);
        if (p !== undefined) return p;
      }
      return undefined;
    }
    case 'undefined':
    case 'bigint':
    case 'function':
    case 'symbol':
      return `${path}: a ${typeof value} is not JSON`;
  }
}

/**
 * A draft envelope (see `draftEnvelope`) as a store writes it and reads it back: its data
 * and meta plain JSON (see {@link jsonProblem}: nothing converted on the way), its JSON text
 * parsed and accepted by the normative `Envelope` codec. Left: why
 * it cannot be stored, naming the field (`data.at: not a plain object`, `meta.actor:
 * expected a non-empty string`). The store hashes what is returned: what it reads back.
 *
 * @example
 * const r = storableEnvelope(draftEnvelope(proposed, place, recordedAt));
 * if (E.isLeft(r)) return E.left(StoreErrors.cannotStore(stream, 0, r.left));
 */
export function storableEnvelope(
  draft: Readonly<Record<string, unknown>>,
): E.Either<string, Envelope> {
  const notJson = jsonProblem(draft['data'], 'data', 0) ?? jsonProblem(draft['meta'], 'meta', 0);
  if (notJson !== undefined) return E.left(notJson);
  let json: unknown;
  try {
    json = JSON.parse(JSON.stringify(draft));
  } catch (e) {
    return E.left(e instanceof Error ? e.message : String(e));
  }
  const decoded = decodeEnvelope(json);
  return E.isLeft(decoded) ? E.left(describeEnvelopeErrors(decoded.left)) : decoded;
}
