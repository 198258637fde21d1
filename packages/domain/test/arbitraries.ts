// fast-check arbitraries derived from the domain's io-ts codecs, by walking their structure.
import fc from 'fast-check';
import type * as t from 'io-ts';
import { StrictType } from '@assure/domain';

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const dayArb = fc
  .date({
    min: new Date('1990-01-01T00:00:00.000Z'),
    max: new Date('2040-12-31T00:00:00.000Z'),
    noInvalidDate: true,
  })
  .map(
    (d) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`,
  );
const nonBlank = (max: number) =>
  fc.string({ minLength: 1, maxLength: max }).filter((s) => s.trim().length > 0);
export const idArb = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);

const byName: Record<string, fc.Arbitrary<unknown>> = {
  Id: idArb,
  IdList: fc.uniqueArray(idArb, { maxLength: 4 }),
  CalendarDate: dayArb,
  Instant: fc
    .date({
      min: new Date('1990-01-01T00:00:00.000Z'),
      max: new Date('2040-12-31T00:00:00.000Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  Level: fc.integer({ min: 1, max: 5 }),
  Percent: fc.integer({ min: 0, max: 99 }),
  Count: fc.nat(),
  ShortText: nonBlank(200),
  Text: nonBlank(60),
  Uri: fc.webUrl(),
  Sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
  CriteriaSetRef: fc
    .tuple(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/), fc.integer({ min: 1, max: 99 }))
    .map(([name, n]) => `${name}@${n}`),
  Position: fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String),
};

interface Walkable {
  readonly _tag?: string;
  readonly name: string;
  readonly keys?: Record<string, unknown>;
  readonly value?: unknown;
  readonly type?: t.Mixed;
}

/** An arbitrary of valid (encoded) values of a codec built from strict, keyof, literal, arrays and named primitives. */
export function arbitraryOf(codec: t.Mixed): fc.Arbitrary<unknown> {
  if (codec instanceof StrictType) {
    const required = codec.required as t.Props;
    const optional = codec.optional as t.Props;
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [k, c] of Object.entries(required)) model[k] = arbitraryOf(c);
    for (const [k, c] of Object.entries(optional)) model[k] = arbitraryOf(c);
    return fc.record(model, { requiredKeys: Object.keys(required) });
  }
  const w = codec as unknown as Walkable;
  const named = byName[w.name];
  if (named !== undefined) return named;
  switch (w._tag ?? '') {
    case 'KeyofType':
      return fc.constantFrom(...Object.keys(w.keys ?? {}));
    case 'LiteralType':
      return fc.constant(w.value);
    case 'BooleanType':
      return fc.boolean();
    case 'ArrayType':
    case 'ReadonlyArrayType':
      if (w.type === undefined) break;
      return fc.array(arbitraryOf(w.type), { maxLength: 3 });
    default:
      break;
  }
  throw new Error(`no arbitrary for codec ${w.name} (${String(w._tag)})`);
}
