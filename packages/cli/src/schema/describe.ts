import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';

/**
 * What a field of a command or event holds, as far as a command line (and the event
 * catalogue) needs to know.
 */
export type FieldKind =
  | { readonly _tag: 'text' }
  | { readonly _tag: 'integer' }
  | { readonly _tag: 'enum'; readonly values: readonly string[] }
  | { readonly _tag: 'list'; readonly of: 'text' }
  | { readonly _tag: 'list'; readonly of: 'object'; readonly fields: readonly FieldSchema[] }
  | { readonly _tag: 'object'; readonly fields: readonly FieldSchema[] };

/** One field: its name, whether it is required, the codec's name and its kind. */
export interface FieldSchema {
  readonly name: string;
  readonly required: boolean;
  /** The io-ts codec's name (`Id`, `CalendarDate`, `Text`, `IdList`, ...). */
  readonly codec: string;
  readonly kind: FieldKind;
}

type AnyDecoder = t.Decoder<unknown, unknown> & { readonly name: string };

const PROBE = Symbol('assure-schema-probe');

/**
 * The fields a record codec reads, found without any private API: a validator has to read
 * every property it declares, so validating a recording proxy lists them; validating `{}`
 * tells the required from the optional ones; validating a value no codec accepts gives
 * each field's own codec, whose kind is then probed with a few sample values.
 *
 * Works for the domain's `strict()` codecs and for `t.type`/`t.partial`/`t.intersection`.
 *
 * @example
 * describeRecord(commandCodecs.RescoreRisk).map((f) => f.name);
 * // ['riskId', 'likelihood', 'impact', 'rationale', 'nextReviewOn']
 */
export function describeRecord(codec: t.Decoder<unknown, unknown>): readonly FieldSchema[] {
  const names = readKeys(codec);
  const required = requiredKeys(codec);
  return names.map((name) => {
    const field = fieldCodec(codec, name);
    return {
      name,
      required: required.has(name),
      codec: field?.name ?? 'unknown',
      kind: field === undefined ? { _tag: 'text' } : kindOf(field),
    };
  });
}

function readKeys(codec: t.Decoder<unknown, unknown>): string[] {
  const seen: string[] = [];
  const proxy = new Proxy(
    {},
    {
      get(_target, key) {
        if (typeof key === 'string' && !seen.includes(key)) seen.push(key);
        return undefined;
      },
      has(_target, key) {
        if (typeof key === 'string' && !seen.includes(key)) seen.push(key);
        return false;
      },
    },
  );
  codec.decode(proxy);
  return seen;
}

function requiredKeys(codec: t.Decoder<unknown, unknown>): Set<string> {
  const out = new Set<string>();
  const res = codec.decode({});
  if (E.isLeft(res))
    for (const err of res.left) {
      const key = err.context[1]?.key;
      if (key !== undefined && key !== '' && err.value === undefined) out.add(key);
    }
  return out;
}

/** The codec of one field: the last context entry of the error a symbol value provokes. */
function fieldCodec(codec: t.Decoder<unknown, unknown>, name: string): AnyDecoder | undefined {
  const res = codec.decode({ [name]: PROBE });
  if (E.isRight(res)) return undefined;
  for (const err of res.left) {
    const entry = [...err.context].reverse().find((c) => c.key === name);
    if (entry !== undefined && err.value === PROBE) return entry.type as AnyDecoder;
  }
  return undefined;
}

const ok = (codec: t.Decoder<unknown, unknown>, u: unknown): boolean => E.isRight(codec.decode(u));

function kindOf(codec: AnyDecoder): FieldKind {
  const keys = (codec as { readonly keys?: unknown }).keys;
  if (typeof keys === 'object' && keys !== null && !Array.isArray(keys))
    return { _tag: 'enum', values: Object.keys(keys) };
  if (ok(codec, [])) {
    if (ok(codec, ['a'])) return { _tag: 'list', of: 'text' };
    const element = elementCodec(codec);
    return {
      _tag: 'list',
      of: 'object',
      fields: element === undefined ? [] : describeRecord(element),
    };
  }
  if (readKeys(codec).length > 0) return { _tag: 'object', fields: describeRecord(codec) };
  if (ok(codec, 1) || ok(codec, 0)) return { _tag: 'integer' };
  return { _tag: 'text' };
}

function elementCodec(codec: AnyDecoder): AnyDecoder | undefined {
  const res = codec.decode([PROBE]);
  if (E.isRight(res)) return undefined;
  for (const err of res.left) {
    const entry = [...err.context].reverse().find((c) => c.key === '0');
    if (entry !== undefined) return entry.type as AnyDecoder;
  }
  return undefined;
}

/** `recommendationId` -> `recommendation-id`. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** `recommendation-id` -> `recommendationId`. */
export function camel(flag: string): string {
  return flag.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}
