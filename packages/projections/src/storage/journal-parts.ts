import { dayNumber } from '../models/trail-columns';
import { atOrBefore } from '../view/time';
import type { EnvelopeHead, HeadView } from '../view/view';

/** What a journal's replay keeps beside its records (see `journal.ts`). */

/**
 * By a valid time's string index: its day number, worked out once, and the `meta` last made
 * for it (shared by the records that follow with the same transaction time).
 */
export class RecordTimes {
  /**
   * The day numbers (whole, well inside 32 bits: read back as small integers, never boxed
   * into a heap number per record), and per string 0 not worked out yet, 1 a day, 2 NaN.
   */
  readonly #days: Int32Array;
  readonly #known: Uint8Array;
  readonly #metas: (EnvelopeHead['meta'] | undefined)[];
  /** The transaction time's string index of each `meta` kept. */
  readonly #recorded: Int32Array;

  constructor(private readonly strings: readonly string[]) {
    const n = strings.length;
    this.#days = new Int32Array(n);
    this.#known = new Uint8Array(n);
    this.#metas = new Array<EnvelopeHead['meta'] | undefined>(n);
    this.#recorded = new Int32Array(n);
  }

  /** `dayNumber` of the valid time of string index `occurred`. */
  day(occurred: number): number {
    let known = this.#known[occurred];
    if (known === 0) {
      const day = dayNumber(this.strings[occurred] as string);
      known = Number.isNaN(day) ? 2 : 1;
      this.#days[occurred] = known === 1 ? day : 0;
      this.#known[occurred] = known;
    }
    return known === 1 ? (this.#days[occurred] as number) : Number.NaN;
  }

  /** The meta of these valid and transaction times (by string index). */
  meta(occurred: number, recorded: number): EnvelopeHead['meta'] {
    const kept = this.#metas[occurred];
    if (kept !== undefined && this.#recorded[occurred] === recorded) return kept;
    const strings = this.strings;
    const meta = {
      occurredAt: strings[occurred] as string,
      recordedAt: strings[recorded] as string,
    };
    this.#metas[occurred] = meta;
    this.#recorded[occurred] = recorded;
    return meta;
  }
}

/**
 * The latest (`atOrBefore`) of the strings marked: the valid time a fold of events in
 * order keeps as its latest (strings of the table are distinct), or null when none is.
 */
export function latest(strings: readonly string[], marked: Uint8Array): string | null {
  let max: string | null = null;
  for (let i = 0; i < marked.length; i++) {
    const s = strings[i] as string;
    if (marked[i] === 1 && (max === null || !atOrBefore(s, max))) max = s;
  }
  return max;
}

/** The views each decoded type reaches (every view for an untyped event). */
export class Routes<Ev> {
  readonly #byName = new Map<string | undefined, readonly number[]>();
  /**
   * By a record type's string index, once an event of it decoded to that very type: the
   * decoded type (an equal string, mostly the decoder's own copy: what it looks its types
   * up by fastest), and its route.
   */
  readonly names: (string | undefined)[] = [];
  readonly #routed: (readonly number[] | undefined)[] = [];

  constructor(private readonly views: readonly HeadView<unknown, Ev>[]) {}

  /** The route of an event decoded to `name` from a record of type `recordType` (index `type`). */
  of(type: number, name: string | undefined, recordType: string): readonly number[] {
    const known = name === this.names[type] ? this.#routed[type] : undefined;
    if (known !== undefined) return known;
    let route = this.#byName.get(name);
    if (route === undefined) {
      route = this.views.flatMap((v, i) =>
        name === undefined || v.handles === undefined || v.handles.has(name) ? [i] : [],
      );
      this.#byName.set(name, route);
    }
    if (name === recordType) {
      this.names[type] = name;
      this.#routed[type] = route;
    }
    return route;
  }
}
