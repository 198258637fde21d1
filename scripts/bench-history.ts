// The history the CLI and server benchmarks read: a programme with 10 priority areas and
// risks rescored day after day, written to a store through its `append`. One home for the
// generated log, so `assure status` (cli/bench) and `assure serve` (server/bench) measure
// the same kind of history.
import { randomUUID } from 'node:crypto';

/** A proposed event (a `ProposedEvent` of `@assure/event-store`) by the bench officer. */
export interface BenchEvent {
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Record<string, unknown>;
  readonly meta: {
    readonly actor: string;
    readonly role: string;
    readonly occurredAt: string;
    readonly commandId: string;
  };
}

/** An event of `type` on `day` (`YYYY-MM-DD`), with fresh event and command ids. */
export const benchEvent = (
  type: string,
  data: Record<string, unknown>,
  day: string,
): BenchEvent => ({
  eventId: randomUUID(),
  type,
  schemaVersion: 1,
  data,
  meta: {
    actor: 'officer-bench',
    role: 'officer',
    occurredAt: `${day}T00:00:00.000Z`,
    commandId: randomUUID(),
  },
});

/**
 * The order of the risks' events in the log: each risk's whole history at once (valid
 * times go back at every new risk), or day by day (every risk's event of a day, then the
 * next day: valid times follow the log, as when events are recorded as they happen).
 */
export type HistoryOrder = 'by-risk' | 'by-day';

/** The shape of a generated history. */
export interface RiskHistory {
  /** How many risks (streams `risk-risk-0`, `risk-risk-1`, ...). */
  readonly risks: number;
  /** Rescores per risk (the last risk has fewer, so the log holds exactly the count asked). */
  readonly perRisk: number;
  /** The first rescore's day; the k-th rescore of a risk is k days later. */
  readonly firstDay: string;
}

const FIRST_RESCORE = Date.UTC(2015, 0, 3);

/** The `k`-th rescore day after {@link RiskHistory.firstDay}. */
export const rescoreDay = (k: number): string =>
  new Date(FIRST_RESCORE + k * 86_400_000).toISOString().slice(0, 10);

/** One risk's history: identified, then `count` rescores, each a new score. */
function riskEvents(r: number, count: number): BenchEvent[] {
  const riskId = `risk-${r}`;
  const events: BenchEvent[] = [
    benchEvent(
      'RiskIdentified',
      {
        riskId,
        programmeId: 'bench',
        areaId: `area-${r % 10}`,
        title: `Risk ${r}`,
        category: 'Bench',
        owner: 'officer-bench',
        inherent: { likelihood: 4, impact: 4 },
        target: { likelihood: 2, impact: 2 },
        nextReviewOn: '2016-01-01',
      },
      '2015-01-02',
    ),
  ];
  let prev = { likelihood: 4, impact: 4 };
  for (let k = 0; k < count; k++) {
    const cur = { likelihood: 1 + ((k + r) % 5), impact: 1 + ((k * 3 + r) % 5) };
    if (cur.likelihood === prev.likelihood && cur.impact === prev.impact)
      cur.impact = (cur.impact % 5) + 1;
    const data = { riskId, ...cur, rationale: 'bench', previous: prev, current: cur };
    events.push(benchEvent('RiskRescored', data, rescoreDay(k)));
    prev = cur;
  }
  return events;
}

/**
 * Writes `events` events through `append`: a programme `bench` with 10 areas, then up to
 * 1,000 risks (one stream each), each identified and rescored once a day.
 */
export async function writeRiskHistory(
  append: (stream: string, events: BenchEvent[]) => Promise<void>,
  o: { readonly events: number; readonly order?: HistoryOrder },
): Promise<RiskHistory> {
  const risks = Math.max(1, Math.min(1_000, Math.floor(o.events / 100)));
  const perRisk = Math.floor(o.events / risks) - 1; // one RiskIdentified, then rescores
  const areas = Array.from({ length: 10 }, (_, i) => `area-${i}`);
  await append('programme-bench', [
    benchEvent(
      'ProgrammeEstablished',
      { programmeId: 'bench', title: 'Bench programme', body: 'Bench council', phase: 'Bench' },
      '2015-01-01',
    ),
    ...areas.map((areaId) =>
      benchEvent(
        'PriorityAreaDefined',
        { programmeId: 'bench', areaId, title: `Area ${areaId}` },
        '2015-01-01',
      ),
    ),
  ]);
  const written = 1 + areas.length;
  const perStream: BenchEvent[][] = [];
  for (let r = 0; r < risks; r++) {
    const count = r === risks - 1 ? Math.max(0, perRisk - written) : perRisk;
    const events = riskEvents(r, count);
    if (o.order === 'by-day') perStream.push(events);
    else await append(`risk-risk-${r}`, events);
  }
  // Day by day: the k-th event of every risk, then the (k+1)-th.
  for (let k = 0; perStream.some((es) => es.length > k); k++)
    for (const [r, es] of perStream.entries()) {
      const e = es[k];
      if (e !== undefined) await append(`risk-risk-${r}`, [e]);
    }
  return { risks, perRisk, firstDay: rescoreDay(0) };
}
