import * as E from 'fp-ts/Either';
import {
  event,
  streamOfEvent,
  type DomainEvent,
  type EventData,
  type EventType,
} from '@assure/domain';
import { createMemoryStore, type InMemoryEventStore } from '@assure/event-store';

/** When and by whom an event happened. `on` is a day or an instant (valid time). */
export interface When {
  readonly on: string;
  /** Transaction time (default: the valid instant plus one hour). */
  readonly recordedAt?: string;
  readonly actor?: string;
  readonly role?: string;
}

const instant = (s: string): string => (s.length === 10 ? `${s}T00:00:00.000Z` : s);

let ids = 0;

/** A memory store with a typed way to append domain events at given valid and transaction times. */
export class History {
  readonly store: InMemoryEventStore = createMemoryStore();

  /** Appends one event to its stream. */
  async add<K extends EventType>(type: K, data: EventData<K>, when: When): Promise<string> {
    const e = event(type, data) as DomainEvent;
    return this.raw(streamOfEvent(e), type, data, when);
  }

  /** Appends one event as given (any type, any data), for undecodable-event tests. */
  async raw(
    stream: string,
    type: string,
    data: Record<string, unknown>,
    when: When,
    schemaVersion = 1,
  ): Promise<string> {
    const occurredAt = instant(when.on);
    const recordedAt =
      when.recordedAt === undefined
        ? new Date(Date.parse(occurredAt) + 3_600_000).toISOString()
        : instant(when.recordedAt);
    ids++;
    const r = await this.store.append(
      stream,
      [
        {
          eventId: `evt-${ids}`,
          type,
          schemaVersion,
          data,
          meta: {
            actor: when.actor ?? 'officer-pmo',
            role: when.role ?? 'officer',
            occurredAt,
            recordedAt,
          },
        },
      ],
      'any',
    )();
    if (E.isLeft(r)) throw new Error(r.left.message);
    return r.right.position;
  }
}

// The branded types of the domain's codecs are plain strings and numbers at run time;
// fixtures build data with these helpers so literals type-check.
type Loose<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends readonly (infer U)[]
      ? readonly Loose<U>[]
      : T extends object
        ? { [K in keyof T]: Loose<T[K]> }
        : T;

/** Typed builder of event data from plain literals. */
export const d = <K extends EventType>(_type: K, data: Loose<EventData<K>>): EventData<K> =>
  data as EventData<K>;

/**
 * The Birmingham improvement programme (2014-2019) as an event history: the programme and
 * its priority areas, the panel, the strategic programme board and cabinet, advisers,
 * recommendations, actions and the critical risks.
 */
export async function birmingham(): Promise<History> {
  const h = new History();
  const admin = { actor: 'admin-bcc', role: 'admin' };
  await h.add(
    'ProgrammeEstablished',
    d('ProgrammeEstablished', {
      programmeId: 'bcc-improvement',
      title: 'Birmingham City Council improvement programme',
      body: 'Birmingham City Council',
      phase: 'Independent Improvement Panel',
    }),
    { on: '2015-01-13', ...admin },
  );
  for (const [areaId, title] of [
    ['area-finance', 'Financial resilience'],
    ['area-governance', 'Good governance and cultural change'],
    ['area-waste', 'Waste governance and industrial relations'],
    ['area-children', 'Outcomes for vulnerable adults and children'],
  ] as const)
    await h.add(
      'PriorityAreaDefined',
      d('PriorityAreaDefined', { programmeId: 'bcc-improvement', areaId, title }),
      { on: '2015-01-13', ...admin },
    );
  await h.add(
    'OversightBodyConstituted',
    d('OversightBodyConstituted', {
      programmeId: 'bcc-improvement',
      bodyId: 'improvement-panel',
      kind: 'improvement-panel',
      name: 'Birmingham Independent Improvement Panel',
    }),
    { on: '2015-01-13', ...admin },
  );
  await h.add(
    'OversightBodyConstituted',
    d('OversightBodyConstituted', {
      programmeId: 'bcc-improvement',
      bodyId: 'cabinet',
      kind: 'cabinet',
      name: 'Cabinet',
    }),
    { on: '2015-01-13', ...admin },
  );
  return h;
}
