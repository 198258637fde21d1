import * as E from 'fp-ts/Either';
import {
  event,
  streamOfEvent,
  type DomainEvent,
  type EventData,
  type EventType,
} from '@assure/domain';
import { createMemoryStore, type InMemoryEventStore } from '@assure/event-store';
import type { ProjectionEvent, View } from '@assure/projections';
import { riskIdentifiedData, riskRescoredData, riskScore } from '@assure/testing';

/** When and by whom an event happened. `on` is a day or an instant (valid time). */
export interface When {
  readonly on: string;
  /**
   * Transaction time (default: the valid instant plus one hour, or the last one given when
   * that is later: transaction time never goes backwards along the log).
   */
  readonly recordedAt?: string;
  readonly actor?: string;
  readonly role?: string;
}

const instant = (s: string): string => (s.length === 10 ? `${s}T00:00:00.000Z` : s);

let ids = 0;

/** A memory store with a typed way to append domain events at given valid and transaction times. */
export class History {
  readonly store: InMemoryEventStore = createMemoryStore();
  /** The last transaction time given: the log's never goes backwards. */
  #lastRecorded = '';

  /** Appends one event to its stream (`data` as plain literals, see {@link d}). */
  async add<K extends EventType>(type: K, data: Loose<EventData<K>>, when: When): Promise<string> {
    const e = event(type, d(type, data)) as DomainEvent;
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
    const hourLater = new Date(Date.parse(occurredAt) + 3_600_000).toISOString();
    // A backdated event (valid time before the last) is recorded when it is entered.
    const recordedAt =
      when.recordedAt === undefined
        ? hourLater > this.#lastRecorded
          ? hourLater
          : this.#lastRecorded
        : instant(when.recordedAt);
    this.#lastRecorded = recordedAt;
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
    {
      programmeId: 'bcc-improvement',
      title: 'Birmingham City Council improvement programme',
      body: 'Birmingham City Council',
      phase: 'Independent Improvement Panel',
    },
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
      { programmeId: 'bcc-improvement', areaId, title },
      { on: '2015-01-13', ...admin },
    );
  await h.add(
    'OversightBodyConstituted',
    {
      programmeId: 'bcc-improvement',
      bodyId: 'improvement-panel',
      kind: 'improvement-panel',
      name: 'Birmingham Independent Improvement Panel',
    },
    { on: '2015-01-13', ...admin },
  );
  await h.add(
    'OversightBodyConstituted',
    {
      programmeId: 'bcc-improvement',
      bodyId: 'cabinet',
      kind: 'cabinet',
      name: 'Cabinet',
    },
    { on: '2015-01-13', ...admin },
  );
  return h;
}

const officer = (actor: string) => ({ actor, role: 'officer' });
const board = { actor: 'board-chair', role: 'board' };
const auditor = { actor: 'auditor-gt', role: 'auditor' };
const admin = { actor: 'admin-bcc', role: 'admin' };

/** The programme moving to the Assurance Framework phase on `on` (the event's position). */
export async function phaseChanged(h: History, on: string): Promise<string> {
  return h.add(
    'ProgrammePhaseChanged',
    {
      programmeId: 'bcc-improvement',
      phase: 'Assurance Framework',
      reason: 'The panel stepped down on 31 March 2019',
      previousPhase: 'Independent Improvement Panel',
    },
    { on, ...admin },
  );
}

/** The equal pay risk identified by the chief finance officer on 2018-06-01. */
export async function equalPayIdentified(h: History): Promise<string> {
  return h.add(
    'RiskIdentified',
    riskIdentifiedData(
      { riskId: 'equal-pay', programmeId: 'bcc-improvement', areaId: 'area-finance' },
      'Equal pay claims',
      { category: 'financial', owner: 'officer-cfo' },
      { inherent: riskScore(5, 5), target: riskScore(3, 4), nextReviewOn: '2018-09-30' },
    ),
    { on: '2018-06-01', ...officer('officer-cfo') },
  );
}

/**
 * A fuller Birmingham history for the read models (see the comments for what each part
 * is there to show). The programme `bcc-improvement` with four priority areas; risks
 * `equal-pay`, `commonwealth-games`, `paradise-circus`, `amey-contract`.
 */
export async function birminghamJourney(): Promise<History> {
  const h = await birmingham();
  // Kerslake recommendation: raised, accepted, claimed with two evidence items, verified, closed.
  await h.add(
    'RecommendationRaised',
    {
      recommendationId: 'kerslake-2014-01',
      programmeId: 'bcc-improvement',
      areaId: 'area-governance',
      source: 'kerslake-review',
      classification: 'key',
      title: 'Move to all-out elections every four years',
      dueOn: '2015-12-31',
      raisedOn: '2015-01-20',
    },
    { on: '2015-01-20', ...board },
  );
  await h.add(
    'RecommendationResponded',
    {
      recommendationId: 'kerslake-2014-01',
      decision: 'accepted',
      response: 'Agreed by full council',
      late: false,
    },
    { on: '2015-02-10', ...board },
  );
  await h.add(
    'RecommendationOwnerAssigned',
    {
      recommendationId: 'kerslake-2014-01',
      owner: 'officer-ceo',
    },
    { on: '2015-02-11', ...officer('officer-ceo') },
  );
  await h.add(
    'ImplementationClaimed',
    {
      recommendationId: 'kerslake-2014-01',
      summary: 'Boundary review done; all-out elections from 2018',
      evidence: [
        { uri: 'https://www.birmingham.gov.uk/boundary-review' },
        { uri: 'https://www.birmingham.gov.uk/elections-2018', title: 'Elections 2018' },
      ],
      claimedBy: 'officer-ceo',
    },
    { on: '2016-03-01', ...officer('officer-ceo') },
  );
  await h.add(
    'ImplementationVerified',
    {
      recommendationId: 'kerslake-2014-01',
      outcome: 'verified',
      notes: 'Seen the order',
    },
    { on: '2016-04-01', ...board },
  );
  await h.add(
    'RecommendationClosed',
    { recommendationId: 'kerslake-2014-01', note: 'Done' },
    { on: '2016-05-01', ...board },
  );
  // A panel recommendation never responded to: overdue after 31 March 2019.
  await h.add(
    'RecommendationRaised',
    {
      recommendationId: 'panel-2017-05',
      programmeId: 'bcc-improvement',
      areaId: 'area-waste',
      source: 'improvement-panel',
      classification: 'improvement',
      title: 'Resolve the waste service industrial dispute',
      dueOn: '2019-03-31',
      raisedOn: '2017-09-01',
    },
    { on: '2017-09-01', ...board },
  );
  // Risks: equal pay (rescored down, escalated), Commonwealth Games (rescored up, flagged).
  await h.add(
    'RiskIdentified',
    riskIdentifiedData(
      { riskId: 'commonwealth-games', programmeId: 'bcc-improvement' },
      'Commonwealth Games 2022 delivery and cost',
      { category: 'delivery', owner: 'officer-ceo' },
      { inherent: riskScore(3, 4), target: riskScore(4, 5), nextReviewOn: '2019-06-30' },
    ),
    { on: '2018-01-10', ...officer('officer-ceo') },
  );
  await equalPayIdentified(h);
  await h.add(
    'RiskIdentified',
    riskIdentifiedData(
      { riskId: 'paradise-circus', programmeId: 'bcc-improvement', areaId: 'area-governance' },
      'Paradise Circus redevelopment',
      { category: 'regeneration', owner: 'officer-place' },
      { inherent: riskScore(3, 3), target: riskScore(2, 2), nextReviewOn: '2018-12-31' },
    ),
    { on: '2018-06-01', ...officer('officer-place') },
  );
  await h.add(
    'RiskIdentified',
    riskIdentifiedData(
      { riskId: 'amey-contract', programmeId: 'bcc-improvement', areaId: 'area-waste' },
      'Amey highways PFI contract dispute',
      { category: 'contractual', owner: 'officer-place' },
      { inherent: riskScore(2, 2), target: riskScore(1, 2), nextReviewOn: '2019-12-31' },
    ),
    { on: '2018-06-02', ...officer('officer-place') },
  );
  // External auditor's statutory recommendation: answered late, then its due date revised.
  await h.add(
    'RecommendationRaised',
    {
      recommendationId: 'rec-2018-s24-03',
      programmeId: 'bcc-improvement',
      areaId: 'area-finance',
      source: 'external-auditor',
      classification: 'statutory',
      reference: 'S24 2018/03',
      title: 'Deliver the savings programme with robust plans',
      dueOn: '2018-12-31',
      raisedOn: '2018-07-30',
    },
    { on: '2018-07-30', ...auditor },
  );
  await h.add(
    'RiskRescored',
    riskRescoredData('commonwealth-games', riskScore(3, 4), riskScore(4, 4), 'Village site delays'),
    { on: '2018-09-01', ...officer('officer-ceo') },
  );
  await h.add(
    'RecommendationResponded',
    {
      recommendationId: 'rec-2018-s24-03',
      decision: 'accepted',
      response: 'Accepted by cabinet',
      late: true,
      meetingId: 'cabinet-2018-09-10',
    },
    { on: '2018-09-10', ...board },
  );
  await h.add(
    'RecommendationOwnerAssigned',
    { recommendationId: 'rec-2018-s24-03', owner: 'officer-cfo' },
    { on: '2018-09-11', ...officer('officer-cfo') },
  );
  await h.add(
    'RiskRescored',
    {
      ...riskRescoredData(
        'equal-pay',
        riskScore(5, 5),
        riskScore(4, 5),
        'Equal pay settlements still outstanding',
      ),
      nextReviewOn: '2019-02-28',
    },
    { on: '2018-11-05', ...officer('officer-cfo') },
  );
  await h.add(
    'RiskEscalated',
    {
      riskId: 'equal-pay',
      to: 'improvement-panel',
      reason: 'Liability beyond the reserves',
    },
    { on: '2018-11-06', ...officer('officer-cfo') },
  );
  await h.add(
    'RecommendationExtensionRequested',
    {
      recommendationId: 'rec-2018-s24-03',
      proposedDueOn: '2019-06-30',
      reason: 'Savings plans re-phased',
    },
    { on: '2018-12-01', ...officer('officer-cfo') },
  );
  await h.add(
    'RecommendationDueDateRevised',
    {
      recommendationId: 'rec-2018-s24-03',
      dueOn: '2019-06-30',
      reason: 'Extension agreed',
      approvedBy: 'board-chair',
      previousDueOn: '2018-12-31',
      originalDueOn: '2018-12-31',
    },
    { on: '2018-12-10', ...board },
  );
  // Finance actions linked to the statutory recommendation.
  for (const [actionId, dueOn, title] of [
    ['act-fin-01', '2019-03-31', 'Four-year financial plan with a programme management office'],
    ['act-fin-02', '2019-02-28', 'Monthly savings tracker to cabinet'],
  ] as const)
    await h.add(
      'ActionPlanned',
      {
        actionId,
        programmeId: 'bcc-improvement',
        areaId: 'area-finance',
        recommendationIds: ['rec-2018-s24-03'],
        title,
        lead: 'officer-cfo',
        dueOn,
      },
      { on: '2018-12-15', ...officer('officer-cfo') },
    );
  await h.add(
    'ActionPlanned',
    {
      actionId: 'act-waste-01',
      programmeId: 'bcc-improvement',
      areaId: 'area-waste',
      recommendationIds: ['panel-2017-05'],
      title: 'Re-tender the waste fleet',
      lead: 'officer-place',
      dueOn: '2019-06-30',
    },
    { on: '2018-12-15', ...officer('officer-place') },
  );
  await h.add(
    'RiskClosed',
    { riskId: 'paradise-circus', reason: 'Phase one complete' },
    { on: '2019-01-10', ...officer('officer-place') },
  );
  await h.add(
    'ActionProgressRecorded',
    {
      actionId: 'act-fin-01',
      percentComplete: 40,
      narrative: 'Plan drafted',
    },
    { on: '2019-01-15', ...officer('officer-cfo') },
  );
  await h.add(
    'ActionProgressRecorded',
    {
      actionId: 'act-fin-02',
      percentComplete: 20,
      narrative: 'Tracker designed',
    },
    { on: '2019-01-15', ...officer('officer-cfo') },
  );
  await h.add(
    'ActionCancelled',
    {
      actionId: 'act-waste-01',
      reason: 'Superseded by the service review',
      approvedBy: 'board-chair',
    },
    { on: '2019-02-01', ...board },
  );
  await h.add(
    'RecommendationRaised',
    {
      recommendationId: 'rec-2019-s24-01',
      programmeId: 'bcc-improvement',
      areaId: 'area-children',
      source: 'external-auditor',
      classification: 'statutory',
      title: "Strengthen children's services commissioning",
      dueOn: '2019-09-30',
      raisedOn: '2019-03-01',
    },
    { on: '2019-03-01', ...auditor },
  );
  // Completed on 12 March 2019, recorded only on 20 March 2019 (out of order in valid time).
  await h.add(
    'ActionCompleted',
    {
      actionId: 'act-fin-01',
      evidence: [{ uri: 'https://www.birmingham.gov.uk/financial-plan-2019-23' }],
    },
    { on: '2019-03-12', recordedAt: '2019-03-20T10:15:02.311Z', ...officer('officer-cfo') },
  );
  await h.add(
    'MeetingRecorded',
    {
      programmeId: 'bcc-improvement',
      bodyId: 'cabinet',
      meetingId: 'cabinet-2019-03-26',
      heldOn: '2019-03-26',
      attendees: ['cllr-ward'],
      observers: [],
    },
    { on: '2019-03-26', ...admin },
  );
  await phaseChanged(h, '2019-04-01');
  await h.add(
    'OversightBodyConstituted',
    {
      programmeId: 'bcc-improvement',
      bodyId: 'strategic-programme-board',
      kind: 'programme-board',
      name: 'Strategic Programme Board',
    },
    { on: '2019-07-30', ...admin },
  );
  for (const [adviserId, name, areaIds] of [
    ['rob-whiteman', 'Rob Whiteman', ['area-finance']],
    ['sean-hanson', 'Sean Hanson', ['area-waste']],
    ['max-caller', 'Max Caller', ['area-governance']],
  ] as const)
    await h.add(
      'AdviserAppointed',
      {
        adviserId,
        programmeId: 'bcc-improvement',
        name,
        areaIds,
        termEndsOn: '2020-07-29',
      },
      { on: '2019-07-30', ...admin },
    );
  await h.add(
    'AdviserReassigned',
    {
      adviserId: 'max-caller',
      areaIds: ['area-governance', 'area-children'],
      previousAreaIds: ['area-governance'],
    },
    { on: '2019-10-01', ...admin },
  );
  await h.add(
    'AdviserReportSubmitted',
    {
      adviserId: 'sean-hanson',
      reportId: 'nea-letter-2019-10',
      summary: 'Waste service review recommendations under way',
    },
    { on: '2019-10-29', actor: 'sean-hanson', role: 'adviser' },
  );
  return h;
}

/** A view that records the positions and types it folds (`position:type`). */
export const seen: View<string[], ProjectionEvent> = {
  name: 'seen',
  initial: () => [],
  evolve: (s, p) => {
    s.push(`${p.envelope.position}:${p.event.type}`);
    return s;
  },
};
