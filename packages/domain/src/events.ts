import type * as t from 'io-ts';
import { typeAndDataCodec } from './codec/type-and-data';
import type { Category } from './categories';
import { streamIn, tagged } from './categories';
import { programmeEvents } from './programme/events';
import { adviserEvents } from './adviser/events';
import { recommendationEvents } from './recommendation/events';
import { actionEvents } from './action/events';
import { riskEvents } from './risk/events';
import { ledgerEvents } from './ledger/events';

// Each aggregate's events live in its own folder (`<aggregate>/events.ts`); this file
// gathers them into the lookups the store, the projections and the docs read.

/** The data codec of every domain event, by event type, aggregate by aggregate (DOMAIN.md order). */
export const eventCodecs = {
  ...programmeEvents,
  ...adviserEvents,
  ...recommendationEvents,
  ...actionEvents,
  ...riskEvents,
  ...ledgerEvents,
} as const;

/** The name of a domain event type. */
export type EventType = keyof typeof eventCodecs;
/** The validated data of an event of type `K`. */
export type EventData<K extends EventType> = t.TypeOf<(typeof eventCodecs)[K]>;
/** A domain event of type `K`: `{type, data}`. */
export interface EventOf<K extends EventType> {
  readonly type: K;
  readonly data: EventData<K>;
}
/** Any domain event: the union of `{type, data}` over every event type. */
export type DomainEvent = { [K in EventType]: EventOf<K> }[EventType];

/** True when `s` names a domain event type. */
export const isEventType = (s: string): s is EventType => Object.hasOwn(eventCodecs, s);

/** Every event type, in DOMAIN.md order. */
export const eventTypes: readonly EventType[] = Object.keys(eventCodecs).filter(isEventType);

/** Builds a domain event, typed by its type name. */
export const event = <K extends EventType>(type: K, data: EventData<K>): EventOf<K> => ({
  type,
  data,
});

/** The aggregate category of each event type (its stream's name prefix). */
export const eventCategory = {
  ...tagged('programme', programmeEvents),
  ...tagged('adviser', adviserEvents),
  ...tagged('recommendation', recommendationEvents),
  ...tagged('action', actionEvents),
  ...tagged('risk', riskEvents),
  ...tagged('ledger', ledgerEvents),
} as const satisfies { readonly [K in EventType]: Category };

/** Events of one aggregate category. */
export type EventsOf<C extends Category> = {
  [K in EventType]: (typeof eventCategory)[K] extends C ? EventOf<K> : never;
}[EventType];

/** True when the event belongs to the given aggregate category (a type guard). */
export const isEventOf = <C extends Category>(category: C, e: DomainEvent): e is EventsOf<C> =>
  eventCategory[e.type] === category;

/** The stream an event belongs to: `<category>-<id>`, or `ledger-seals`. */
export function streamOfEvent(e: DomainEvent): string {
  return streamIn(eventCategory[e.type], e.data);
}

export { idFields, LEDGER_STREAM } from './categories';

/** The schema version new events are written with (all 1 today). */
export const CURRENT_SCHEMA_VERSION = 1;

/**
 * Codec of a whole domain event `{type, data}` at the current schema version: an unknown
 * `type` fails at path `type`, bad fields at `data.<field>`.
 */
export const DomainEvent = typeAndDataCodec<DomainEvent>('DomainEvent', 'event', eventCodecs);
