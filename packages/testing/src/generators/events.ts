import * as fc from 'fast-check';
import type { ProposedEvent } from '@assure/event-store';

const KEY = /^[a-z][a-zA-Z0-9]{0,15}$/;

/** A JSON object key (never `__proto__` or other prototype names). */
export const arbJsonKey: fc.Arbitrary<string> = fc.stringMatching(KEY);

/** A JSON leaf: strings (Unicode included), safe numbers, booleans, null. */
export const arbJsonLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
  fc.boolean(),
  fc.constant(null),
);

/**
 * A JSON object as an event's `data` may hold: nested objects and arrays, values that
 * survive a JSON round trip unchanged (no `-0`, no `undefined`, no non-finite numbers).
 */
export const arbJsonObject: fc.Arbitrary<Record<string, unknown>> = fc.letrec<{
  value: unknown;
  object: Record<string, unknown>;
}>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    arbJsonLeaf,
    fc.array(tie('value'), { maxLength: 4 }),
    tie('object'),
  ),
  object: fc.dictionary(arbJsonKey, tie('value'), { maxKeys: 5, noNullPrototype: true }),
})).object;

/** A calendar day `YYYY-MM-DD` within the Birmingham story (2014-2019). */
export const arbDay: fc.Arbitrary<string> = fc
  .date({
    min: new Date('2014-12-01T00:00:00.000Z'),
    max: new Date('2019-12-31T00:00:00.000Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

/**
 * An instant in `toISOString()` form from `min` to `max` (instants in that form, both
 * included).
 *
 * @example
 * arbInstantBetween('0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z');
 */
export function arbInstantBetween(min: string, max: string): fc.Arbitrary<string> {
  return fc
    .date({ min: new Date(min), max: new Date(max), noInvalidDate: true })
    .map((d) => d.toISOString());
}

/** An instant in `toISOString()` form within the Birmingham story (2014-2019). */
export const arbInstant: fc.Arbitrary<string> = arbInstantBetween(
  '2014-12-01T00:00:00.000Z',
  '2019-12-31T23:59:59.999Z',
);

/** A lowercase hex SHA-256 digest (64 characters), as envelopes' hashes are. */
export const arbHash: fc.Arbitrary<string> = fc.stringMatching(/^[0-9a-f]{64}$/);

/** A stream category of the domain. */
export const arbCategory: fc.Arbitrary<string> = fc.constantFrom(
  'programme',
  'adviser',
  'recommendation',
  'action',
  'risk',
);

/** A domain id (`^[a-z0-9][a-z0-9-]{0,63}$`), short. */
export const arbId: fc.Arbitrary<string> = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,11}$/);

/** A stream name `<category>-<id>`. */
export const arbStreamName: fc.Arbitrary<string> = fc
  .tuple(arbCategory, arbId)
  .map(([category, id]) => `${category}-${id}`);

/** Actors of the Birmingham story, by role. */
const ACTORS_BY_ROLE: Readonly<Record<string, readonly string[]>> = {
  admin: ['admin-bcc'],
  officer: ['officer-cfo', 'officer-ceo'],
  auditor: ['auditor-gt'],
  board: ['board-spb'],
  adviser: ['nea-finance'],
  system: ['system'],
};

/** Actors and their roles from the Birmingham story. */
export const arbIssuer: fc.Arbitrary<{ readonly actor: string; readonly role: string }> =
  fc.constantFrom(
    ...Object.entries(ACTORS_BY_ROLE).flatMap(([role, actors]) =>
      actors.map((actor) => ({ actor, role })),
    ),
  );

/** Domain event type names. */
export const arbEventType: fc.Arbitrary<string> = fc.constantFrom(
  'ProgrammeEstablished',
  'PriorityAreaDefined',
  'RecommendationRaised',
  'RecommendationResponded',
  'ActionPlanned',
  'ActionProgressRecorded',
  'RiskIdentified',
  'RiskRescored',
  'AdviserAppointed',
  'MeetingRecorded',
);

/** Options of {@link arbProposedEvent}. */
export interface ProposedEventArbOptions {
  /** Allow backfilled events (with `meta.recordedAt` and `meta.backfill: true`); default true. */
  readonly backfill?: boolean;
}

/**
 * A well-formed {@link ProposedEvent}: uuid `eventId`, a domain type name, arbitrary JSON
 * `data`, meta with actor, role, occurredAt and optional lineage ids; sometimes a backfill
 * carrying its own `recordedAt`.
 *
 * @example
 * fc.assert(fc.asyncProperty(fc.array(arbProposedEvent()), async (events) => { ... }));
 */
export function arbProposedEvent(
  options: ProposedEventArbOptions = {},
): fc.Arbitrary<ProposedEvent> {
  return fc
    .record({
      eventId: fc.uuid(),
      type: arbEventType,
      schemaVersion: fc.integer({ min: 1, max: 3 }),
      data: arbJsonObject,
      issuer: arbIssuer,
      occurredAt: arbInstant,
      commandId: fc.option(fc.uuid(), { nil: undefined }),
      correlationId: fc.option(fc.uuid(), { nil: undefined }),
      causationId: fc.option(fc.uuid(), { nil: undefined }),
      recordedAt:
        options.backfill === false
          ? fc.constant(undefined)
          : fc.option(arbInstant, { nil: undefined, freq: 4 }),
    })
    .map((r) => ({
      eventId: r.eventId,
      type: r.type,
      schemaVersion: r.schemaVersion,
      data: r.data,
      meta: {
        actor: r.issuer.actor,
        role: r.issuer.role,
        occurredAt: r.occurredAt,
        ...(r.commandId === undefined ? {} : { commandId: r.commandId }),
        ...(r.correlationId === undefined ? {} : { correlationId: r.correlationId }),
        ...(r.causationId === undefined ? {} : { causationId: r.causationId }),
        ...(r.recordedAt === undefined
          ? {}
          : { recordedAt: r.recordedAt, backfill: true as const }),
      },
    }));
}

/**
 * A batch of appends: each a stream (from a small pool, so streams get several appends)
 * and one to four proposed events.
 */
export function arbAppendBatches(
  options: { readonly streams?: number; readonly maxAppends?: number } = {},
): fc.Arbitrary<{ readonly stream: string; readonly events: ProposedEvent[] }[]> {
  const pool = fc.uniqueArray(arbStreamName, {
    minLength: 1,
    maxLength: options.streams ?? 4,
  });
  return pool.chain((streams) =>
    fc.array(
      fc.record({
        stream: fc.constantFrom(...streams),
        events: fc.array(arbProposedEvent(), { minLength: 1, maxLength: 4 }),
      }),
      { minLength: 1, maxLength: options.maxAppends ?? 12 },
    ),
  );
}
