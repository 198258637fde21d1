import * as t from 'io-ts';

/** What a `{type, data}` codec reads and writes: a type name and the data of that type. */
export interface TypeAndData {
  readonly type: string;
  readonly data: unknown;
}

/**
 * A codec of `{type, data}` whose data is decoded by the codec of its type in `codecs`: an
 * unknown `type` fails at path `type`, bad fields at `data.<field>`, and any other key is
 * refused. `noun` names the thing in messages ("command", "event"). The whole `Command` and
 * `DomainEvent` codecs are built with it.
 */
export function typeAndDataCodec<A extends TypeAndData>(
  name: string,
  noun: 'command' | 'event',
  codecs: Readonly<Record<string, t.Mixed>>,
): t.Type<A, { type: string; data: unknown }, unknown> {
  const isType = (s: string): boolean => Object.hasOwn(codecs, s);
  const aNoun = noun === 'event' ? 'an event' : 'a command';
  return new t.Type<A, { type: string; data: unknown }, unknown>(
    name,
    (u): u is A => {
      if (typeof u !== 'object' || u === null) return false;
      const r = u as { type?: unknown; data?: unknown };
      return (
        typeof r.type === 'string' &&
        isType(r.type) &&
        Object.keys(u).length === 2 &&
        codecs[r.type]?.is(r.data) === true
      );
    },
    (u, c) => {
      if (typeof u !== 'object' || u === null || Array.isArray(u))
        return t.failure(u, c, `expected ${aNoun} object {type, data}`);
      const rec = u as Record<string, unknown>;
      const errors: t.Errors = [];
      for (const k of Object.keys(rec)) {
        if (k !== 'type' && k !== 'data')
          errors.push({
            value: rec[k],
            context: [...c, { key: k, type: t.never, actual: rec[k] }],
            message: 'is not allowed',
          });
      }
      const type = rec['type'];
      const codec = typeof type === 'string' && isType(type) ? codecs[type] : undefined;
      if (typeof type !== 'string' || codec === undefined) {
        errors.push({
          value: type,
          context: [...c, { key: 'type', type: t.string, actual: type }],
          message:
            typeof type === 'string'
              ? `unknown ${noun} type ${JSON.stringify(type.slice(0, 60))}`
              : `expected ${aNoun} type name`,
        });
        return t.failures(errors);
      }
      const data = codec.validate(rec['data'], [
        ...c,
        { key: 'data', type: codec, actual: rec['data'] },
      ]);
      if (data._tag === 'Left') return t.failures([...errors, ...data.left]);
      if (errors.length > 0) return t.failures(errors);
      // The data was validated by the codec of exactly this type.
      return t.success({ type, data: data.right } as A);
    },
    (a) => ({ type: a.type, data: a.data }),
  );
}
