// The event the store benchmarks write: a risk rescore by the chief finance officer, spread
// over a number of risks (one stream each), with scores cycling through 1-5.

/** The data of the `i`-th rescore: risk `r{i mod streams}`. */
export function rescoreData(
  i: number,
  streams: number,
  rationale: string,
): { riskId: string; likelihood: number; impact: number; rationale: string } {
  return {
    riskId: `r${i % streams}`,
    likelihood: 1 + (i % 5),
    impact: 1 + ((i >> 3) % 5),
    rationale,
  };
}

/** What a benchmark chooses of its rescore events. */
export interface RescoreOptions {
  readonly streams: number;
  readonly eventId: string;
  readonly rationale: string;
  readonly occurredAt: string;
  /** Command ids and the like, added to the meta. */
  readonly ids?: Readonly<Record<string, string>>;
}

/** The `i`-th rescore as a proposed event (a `ProposedEvent` of `@assure/event-store`). */
export function rescoreEvent(
  i: number,
  o: RescoreOptions,
): {
  eventId: string;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  meta: { actor: string; role: string; occurredAt: string; [id: string]: string };
} {
  return {
    eventId: o.eventId,
    type: 'RiskRescored',
    schemaVersion: 1,
    data: rescoreData(i, o.streams, o.rationale),
    meta: { actor: 'officer-cfo', role: 'officer', occurredAt: o.occurredAt, ...o.ids },
  };
}

/** The part of an event store {@link appendConcurrently} uses. */
export interface Appender<P> {
  append(
    stream: string,
    events: readonly P[],
    expected: 'any',
  ): () => Promise<
    | { readonly _tag: 'Left'; readonly left: { readonly message: string } }
    | { readonly _tag: 'Right' }
  >;
}

/**
 * Appends events `first..first+count-1` (`first` 0 unless given), one an append to stream
 * `risk-r{i mod streams}`, from `writers` concurrent appenders that share the count; throws
 * on the first failure.
 */
export async function appendConcurrently<P>(
  store: Appender<P>,
  o: {
    readonly writers: number;
    readonly count: number;
    readonly streams: number;
    readonly event: (i: number) => P;
    readonly first?: number;
  },
): Promise<void> {
  const first = o.first ?? 0;
  let next = first;
  await Promise.all(
    Array.from({ length: o.writers }, async () => {
      for (let i = next++; i < first + o.count; i = next++) {
        const r = await store.append(`risk-r${i % o.streams}`, [o.event(i)], 'any')();
        if (r._tag === 'Left') throw new Error(r.left.message);
      }
    }),
  );
}
