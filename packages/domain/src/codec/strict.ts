import * as t from 'io-ts';

/** The decoded type of a `strict` codec. */
export type StrictOf<R extends t.Props, O extends t.Props> = t.TypeOf<t.TypeC<R>> &
  Partial<t.TypeOf<t.TypeC<O>>>;
/** The encoded type of a `strict` codec. */
export type StrictOutputOf<R extends t.Props, O extends t.Props> = t.OutputOf<t.TypeC<R>> &
  Partial<t.OutputOf<t.TypeC<O>>>;

/**
 * The codec `strict` returns: an io-ts type that also exposes its required and
 * optional properties, so that tools (CLI flags, docs, generators) can walk its fields.
 */
export class StrictType<R extends t.Props, O extends t.Props> extends t.Type<
  StrictOf<R, O>,
  StrictOutputOf<R, O>,
  unknown
> {
  /** Discriminant, like io-ts's own codecs. */
  readonly _tag = 'StrictType' as const;
  constructor(
    name: string,
    is: t.Is<StrictOf<R, O>>,
    validate: t.Validate<unknown, StrictOf<R, O>>,
    encode: t.Encode<StrictOf<R, O>, StrictOutputOf<R, O>>,
    /** The required properties' codecs. */
    readonly required: R,
    /** The optional properties' codecs. */
    readonly optional: O,
  ) {
    super(name, is, validate, encode);
  }
}

/**
 * A codec for an object with required and optional properties that rejects any
 * property it does not declare (io-ts alone ignores extra keys, `t.exact` strips them).
 * Optional properties must be absent, never `undefined`/`null`.
 *
 * @example
 * const Point = strict({ x: t.number }, { label: t.string });
 * Point.decode({ x: 1 });            // right
 * Point.decode({ x: 1, y: 2 });      // left: "y" is not allowed
 */
export function strict<R extends t.Props>(required: R): StrictType<R, Record<never, never>>;
/** A codec for an object with the required and optional properties given (see the first form). */
export function strict<R extends t.Props, O extends t.Props>(
  required: R,
  optional: O,
  name?: string,
): StrictType<R, O>;
export function strict<R extends t.Props, O extends t.Props>(
  required: R,
  optional?: O,
  name?: string,
): StrictType<R, O> {
  const opt = (optional ?? {}) as O;
  const known = new Set([...Object.keys(required), ...Object.keys(opt)]);
  // Required and optional parts are validated side by side (not through t.intersection) so
  // that error paths name the field directly (`data.riskId`, not `data.0.riskId`).
  const req = t.type(required);
  const part = t.partial(opt);
  const inner = t.intersection([req, part]);
  const requiredEntries = Object.entries(required);
  const optionalEntries = Object.entries(opt);
  type A = StrictOf<R, O>;
  return new StrictType<R, O>(
    name ?? inner.name,
    // Exactly the values `validate` accepts (declared keys only, none undefined or null),
    // checked without allocating: this guard is the fast path of event decoding.
    (u): u is A => {
      if (typeof u !== 'object' || u === null || Array.isArray(u)) return false;
      const rec = u as Record<string, unknown>;
      let count = 0;
      for (const [k, codec] of requiredEntries) {
        if (!Object.hasOwn(rec, k) || !codec.is(rec[k])) return false;
        count += 1;
      }
      for (const [k, codec] of optionalEntries) {
        if (!Object.hasOwn(rec, k)) continue;
        if (!codec.is(rec[k])) return false;
        count += 1;
      }
      return Object.keys(rec).length === count;
    },
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u))
        return t.failure(u, c, 'expected an object');
      const errors: t.Errors = [];
      const rec = u as Record<string, unknown>;
      for (const k of Object.keys(rec)) {
        if (!known.has(k)) {
          errors.push({
            value: rec[k],
            context: [...c, { key: k, type: t.never, actual: rec[k] }],
            message: 'is not allowed',
          });
        } else if (rec[k] === undefined || (rec[k] === null && k in opt)) {
          errors.push({
            value: rec[k],
            context: [...c, { key: k, type: t.never, actual: rec[k] }],
            message: 'must be omitted when absent, not null or undefined',
          });
        }
      }
      const r1 = req.validate(u, c);
      const r2 = part.validate(u, c);
      if (r1._tag === 'Left' || r2._tag === 'Left')
        return t.failures([
          ...(r1._tag === 'Left' ? r1.left : []),
          ...(r2._tag === 'Left' ? r2.left : []),
          ...errors,
        ]);
      if (errors.length > 0) return t.failures(errors);
      // Both parts return their input unchanged unless a field codec transformed a value.
      if (r1.right === u && r2.right === u) return t.success(u as A);
      return t.success({ ...rec, ...r1.right, ...r2.right });
    },
    (a) => inner.encode(a),
    required,
    opt,
  );
}

/** The fields of a strict codec, as a table of them reads them. */
interface Fields {
  readonly required: t.Props;
  readonly optional: t.Props;
}

/**
 * Names each strict codec of a table after its key, so that an aggregate declares its events
 * (or commands) once, in one table that is also their registry, each name written once.
 *
 * @example
 * const riskEvents = named({ RiskClosed: strict({ riskId: Id, reason: Text }) });
 * riskEvents.RiskClosed.name; // 'RiskClosed'
 */
export function named<const T extends Readonly<Record<string, t.Mixed & Fields>>>(codecs: T): T {
  const out: Record<string, t.Mixed> = {};
  for (const [name, codec] of Object.entries(codecs))
    out[name] = strict(codec.required, codec.optional, name);
  // Each entry is rebuilt from its own fields under its own key: the codec it was.
  return out as T;
}
