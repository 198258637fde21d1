import type * as t from 'io-ts';

/**
 * The plain form of a decoded type: what a caller writes. A branded string (`Id`,
 * `CalendarDate`, `ShortText`...) becomes `string`, a branded number (`Level`, `Percent`...)
 * becomes `number`, a branded list (`IdList`) a plain readonly array, recursively through objects and (readonly) arrays; literal unions (the
 * vocabularies, such as `'red' | 'amber' | 'green'`) and optional fields are kept, so a
 * misspelt field or a value outside a vocabulary is still a compile error.
 *
 * @example
 * type Plain = Unbranded<{ readonly riskId: Id; readonly likelihood: Level }>;
 * // { readonly riskId: string; readonly likelihood: number }
 */
export type Unbranded<T> =
  T extends t.Brand<unknown>
    ? T extends string
      ? string
      : T extends number
        ? number
        : T extends boolean
          ? boolean
          : T extends ReadonlyArray<infer U>
            ? ReadonlyArray<Unbranded<U>>
            : T
    : T extends ReadonlyArray<infer U>
      ? ReadonlyArray<Unbranded<U>>
      : T extends object
        ? { [K in keyof T]: Unbranded<T[K]> }
        : T;
