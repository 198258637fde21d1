import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import type { EventStore, ProposedEvent } from '@assure/event-store';

// Random risk histories whose valid times go back and forth along the log (shared by the
// time-travel property tests).

export const DAY0 = Date.UTC(2015, 0, 1);
export const dayOf = (n: number): string =>
  new Date(DAY0 + n * 86_400_000).toISOString().slice(0, 10);
export const clock = () => new Date('2020-01-01T00:00:00.000Z');

/** An instant `hours` after the first day. */
export const instant = (hours: number): string => new Date(DAY0 + hours * 3_600_000).toISOString();

/** A point of view to read at: an as-at day (else today), a known-at hour (else none). */
export const read = fc.record({
  day: fc.option(fc.nat(45), { nil: undefined }),
  hours: fc.option(fc.nat(700), { nil: undefined }),
});

export interface Op {
  readonly risk: number;
  readonly kind: 'rescore' | 'close' | 'reopen';
  /** Valid day, days after DAY0: random, so valid times go back and forth along the log. */
  readonly day: number;
  /** Transaction time step, in hours after the previous event (never backwards). */
  readonly hours: number;
}

export const op: fc.Arbitrary<Op> = fc.record({
  risk: fc.integer({ min: 0, max: 3 }),
  kind: fc.constantFrom('rescore', 'close', 'reopen'),
  day: fc.integer({ min: 0, max: 40 }),
  hours: fc.integer({ min: 0, max: 30 }),
});

/** The history as proposed events by stream, each with explicit valid and transaction times. */
export function history(ops: readonly Op[]): { stream: string; event: ProposedEvent }[] {
  let recorded = Date.UTC(2015, 0, 1);
  let n = 0;
  const at = (type: string, data: Record<string, unknown>, day: number, hours: number) => {
    recorded += hours * 3_600_000;
    n++;
    return {
      eventId: `evt-${n}`,
      type,
      schemaVersion: 1,
      data,
      meta: {
        actor: 'officer-prop',
        role: 'officer',
        occurredAt: `${dayOf(day)}T00:00:00.000Z`,
        recordedAt: new Date(recorded).toISOString(),
      },
    };
  };
  const out = [
    {
      stream: 'programme-prop',
      event: at(
        'ProgrammeEstablished',
        { programmeId: 'prop', title: 'P', body: 'B', phase: 'Ph' },
        0,
        0,
      ),
    },
    {
      stream: 'programme-prop',
      event: at('PriorityAreaDefined', { programmeId: 'prop', areaId: 'area-a', title: 'A' }, 0, 0),
    },
  ];
  const identified = new Set<number>();
  for (const o of ops) {
    const riskId = `risk-${o.risk}`;
    const stream = `risk-${riskId}`;
    if (!identified.has(o.risk)) {
      identified.add(o.risk);
      const data = {
        riskId,
        programmeId: 'prop',
        areaId: 'area-a',
        title: `Risk ${o.risk}`,
        category: 'Prop',
        owner: 'officer-prop',
        inherent: { likelihood: 4, impact: 4 },
        target: { likelihood: 2, impact: 2 },
        nextReviewOn: dayOf(o.day + 20),
      };
      out.push({ stream, event: at('RiskIdentified', data, o.day, o.hours) });
      continue;
    }
    const score = { likelihood: 1 + (o.day % 5), impact: 1 + (o.hours % 5) };
    const data =
      o.kind === 'rescore'
        ? {
            riskId,
            ...score,
            rationale: 'r',
            previous: { likelihood: 4, impact: 4 },
            current: score,
          }
        : { riskId, reason: o.kind };
    const type =
      o.kind === 'rescore' ? 'RiskRescored' : o.kind === 'close' ? 'RiskClosed' : 'RiskReopened';
    out.push({ stream, event: at(type, data, o.day, o.hours) });
  }
  return out;
}

export async function appendAll(
  store: EventStore,
  events: readonly { stream: string; event: ProposedEvent }[],
): Promise<void> {
  for (const { stream, event } of events) {
    const r = await store.append(stream, [event], 'any')();
    if (E.isLeft(r)) throw new Error(r.left.message);
  }
}
