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

  /** Appends the steps in order; the last one's position. */
  async play(...steps: readonly Step[]): Promise<string> {
    let position = '';
    for (const { type, data, when } of steps) position = await this.add(type, data, when);
    return position;
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

/** Who acts (actor and role) and, for an event entered late, when it was recorded. */
export type By = Omit<When, 'on'>;

/** One event of a history: its type, its data as plain literals, and when and by whom. */
export interface Step {
  readonly type: EventType;
  readonly data: Loose<EventData<EventType>>;
  readonly when: When;
}

/** Where a recommendation or an action sits. */
type Place<Id extends string> = { readonly [K in Id]: string } & {
  readonly programmeId: string;
  readonly areaId: string;
};

/**
 * The events that happen on one day, by someone: a method a kind of event, its data from
 * parts in the event's field order (the fields spread in groups as the parts give them).
 * See {@link on}.
 */
export class Moment {
  constructor(readonly when: When) {}

  /** Any event, its data as plain literals. */
  event<K extends EventType>(type: K, data: Loose<EventData<K>>): Step {
    return { type, data, when: this.when };
  }

  /** `RecommendationRaised` on this day: where it sits, its source, class and due day, its title. */
  recommendationRaised(
    { recommendationId, programmeId, areaId }: Place<'recommendationId'>,
    terms: { source: string; classification: string; reference?: string; dueOn: string },
    title: string,
  ): Step {
    const { source, classification, reference, dueOn } = terms;
    return this.event('RecommendationRaised', {
      ...{ recommendationId, programmeId, areaId, source, classification },
      ...(reference === undefined ? {} : { reference }),
      ...{ title, dueOn, raisedOn: this.when.on },
    });
  }

  /** `RecommendationResponded`: the decision and response, late or not (at a meeting, if given). */
  recommendationResponded(
    recommendationId: string,
    [decision, response]: readonly [string, string],
    { late, meetingId }: { late: boolean; meetingId?: string },
  ): Step {
    const at = meetingId === undefined ? {} : { meetingId };
    return this.event('RecommendationResponded', {
      ...{ recommendationId, decision, response, late },
      ...at,
    });
  }

  /** `ImplementationClaimed`: a summary and its evidence, claimed by `claimedBy`. */
  implementationClaimed(
    recommendationId: string,
    summary: string,
    evidence: readonly { uri: string; title?: string }[],
    claimedBy: string,
  ): Step {
    return this.event('ImplementationClaimed', { recommendationId, summary, evidence, claimedBy });
  }

  /** `ImplementationVerified` with its outcome and the verifier's notes. */
  implementationVerified(recommendationId: string, outcome: string, notes: string): Step {
    return this.event('ImplementationVerified', { recommendationId, outcome, notes });
  }

  /** `RecommendationExtensionRequested`: a new due day asked for, for the reason given. */
  extensionRequested(recommendationId: string, proposedDueOn: string, reason: string): Step {
    return this.event('RecommendationExtensionRequested', {
      recommendationId,
      proposedDueOn,
      reason,
    });
  }

  /** `RecommendationDueDateRevised` from `previousDueOn` (first `originalDueOn`) to `dueOn`. */
  recommendationDueDateRevised(
    recommendationId: string,
    {
      dueOn,
      previousDueOn,
      originalDueOn,
    }: Record<'dueOn' | 'previousDueOn' | 'originalDueOn', string>,
    [reason, approvedBy]: readonly [string, string],
  ): Step {
    return this.event('RecommendationDueDateRevised', {
      ...{ recommendationId, dueOn, reason, approvedBy },
      ...{ previousDueOn, originalDueOn },
    });
  }

  /** `RiskIdentified` (see `riskIdentifiedData` in `@assure/testing`). */
  riskIdentified(...parts: Parameters<typeof riskIdentifiedData>): Step {
    return this.event('RiskIdentified', riskIdentifiedData(...parts));
  }

  /** `RiskRescored` (see `riskRescoredData` in `@assure/testing`), with any optional fields. */
  riskRescored(
    ...[riskId, previous, current, rationale, optional]: [
      ...Parameters<typeof riskRescoredData>,
      { nextReviewOn: string }?,
    ]
  ): Step {
    const data = riskRescoredData(riskId, previous, current, rationale);
    return this.event('RiskRescored', { ...data, ...optional });
  }

  /** `RiskEscalated` to a body, for the reason given. */
  riskEscalated(riskId: string, to: string, reason: string): Step {
    return this.event('RiskEscalated', { riskId, to, reason });
  }

  /** `ActionPlanned`: where the action sits, the recommendations it answers, its title, lead and due day. */
  actionPlanned(
    { actionId, programmeId, areaId }: Place<'actionId'>,
    recommendationIds: readonly string[],
    title: string,
    { lead, dueOn }: { lead: string; dueOn: string },
  ): Step {
    return this.event('ActionPlanned', {
      ...{ actionId, programmeId, areaId, recommendationIds },
      ...{ title, lead, dueOn },
    });
  }

  /** `ActionCancelled` for the reason given, approved by the board's chair. */
  actionCancelled(actionId: string, reason: string, approvedBy = 'board-chair'): Step {
    return this.event('ActionCancelled', { actionId, reason, approvedBy });
  }

  /** `StocktakeRecorded`: which stocktake, when it was held and over what period, its judgement. */
  stocktakeRecorded(
    [programmeId, stocktakeId]: readonly [string, string],
    [heldOn, periodStart, periodEnd]: readonly [string, string, string],
    judgement: { assessor: string; criteriaSet: string; findings: string; rating: string },
  ): Step {
    const { assessor, criteriaSet, findings, rating } = judgement;
    return this.event('StocktakeRecorded', {
      ...{ programmeId, stocktakeId, heldOn, periodStart, periodEnd },
      ...{ assessor, criteriaSet, findings, rating },
    });
  }

  /** `ProgrammePhaseChanged` from `previousPhase` to `phase`, with any optional fields. */
  programmePhaseChanged(
    programmeId: string,
    [previousPhase, phase]: readonly [string, string],
    reason: string,
    optional?: { startsOn: string; exitCriteria: string },
  ): Step {
    return this.event('ProgrammePhaseChanged', {
      ...{ programmeId, phase, reason, previousPhase },
      ...optional,
    });
  }

  /** `BodyOutputIssued`: which output, from and to whom, its kind and day, its title and summary. */
  bodyOutputIssued(
    [programmeId, outputId]: readonly [string, string],
    route: { from: string; to: string; kind: string; issuedOn: string },
    [title, summary]: readonly [string, string],
  ): Step {
    const { from, to, kind, issuedOn } = route;
    return this.event('BodyOutputIssued', {
      ...{ programmeId, outputId, from, to, kind, issuedOn },
      ...{ title, summary },
    });
  }
}

/** What happens on `day` (a day or an instant), by `by` (default: the PMO officer). */
export const on = (day: string, by: By = {}): Moment => new Moment({ on: day, ...by });

const officer = (actor: string) => ({ actor, role: 'officer' });
const board = { actor: 'board-chair', role: 'board' };
const auditor = { actor: 'auditor-gt', role: 'auditor' };
const admin = { actor: 'admin-bcc', role: 'admin' };
const ceo = officer('officer-ceo');
const cfo = officer('officer-cfo');
const place = officer('officer-place');
const bcc = 'bcc-improvement';

/**
 * The Birmingham improvement programme (2014-2019) as an event history: the programme and
 * its priority areas, the panel, the strategic programme board and cabinet, advisers,
 * recommendations, actions and the critical risks.
 */
export async function birmingham(): Promise<History> {
  const h = new History();
  const day = on('2015-01-13', admin);
  await h.play(
    day.event('ProgrammeEstablished', {
      programmeId: bcc,
      title: 'Birmingham City Council improvement programme',
      body: 'Birmingham City Council',
      phase: 'Independent Improvement Panel',
    }),
    ...[
      ['area-finance', 'Financial resilience'],
      ['area-governance', 'Good governance and cultural change'],
      ['area-waste', 'Waste governance and industrial relations'],
      ['area-children', 'Outcomes for vulnerable adults and children'],
    ].map(([areaId = '', title = '']) =>
      day.event('PriorityAreaDefined', { programmeId: bcc, areaId, title }),
    ),
    ...[
      ['improvement-panel', 'improvement-panel', 'Birmingham Independent Improvement Panel'],
      ['cabinet', 'cabinet', 'Cabinet'],
    ].map(([bodyId = '', kind = '', name = '']) =>
      day.event('OversightBodyConstituted', { programmeId: bcc, bodyId, kind, name }),
    ),
  );
  return h;
}

/** The programme moving to the Assurance Framework phase on `day` (the event's position). */
export async function phaseChanged(h: History, day: string): Promise<string> {
  return h.play(
    on(day, admin).programmePhaseChanged(
      bcc,
      ['Independent Improvement Panel', 'Assurance Framework'],
      'The panel stepped down on 31 March 2019',
    ),
  );
}

/** The equal pay risk, identified by the chief finance officer on 2018-06-01. */
const equalPay = on('2018-06-01', cfo).riskIdentified(
  { riskId: 'equal-pay', programmeId: bcc, areaId: 'area-finance' },
  'Equal pay claims',
  { category: 'financial', owner: 'officer-cfo' },
  { inherent: riskScore(5, 5), target: riskScore(3, 4), nextReviewOn: '2018-09-30' },
);

/** The equal pay risk identified by the chief finance officer on 2018-06-01. */
export async function equalPayIdentified(h: History): Promise<string> {
  return h.play(equalPay);
}

/**
 * The journey's recommendations, risks and actions to March 2019, one row an event (see the
 * comments for what each part is there to show): risks `equal-pay`, `commonwealth-games`,
 * `paradise-circus`, `amey-contract`.
 */
const journey: readonly Step[] = [
  // Kerslake recommendation: raised, accepted, claimed with two evidence items, verified, closed.
  on('2015-01-20', board).recommendationRaised(
    { recommendationId: 'kerslake-2014-01', programmeId: bcc, areaId: 'area-governance' },
    { source: 'kerslake-review', classification: 'key', dueOn: '2015-12-31' },
    'Move to all-out elections every four years',
  ),
  on('2015-02-10', board).recommendationResponded(
    'kerslake-2014-01',
    ['accepted', 'Agreed by full council'],
    { late: false },
  ),
  on('2015-02-11', ceo).event('RecommendationOwnerAssigned', {
    recommendationId: 'kerslake-2014-01',
    owner: 'officer-ceo',
  }),
  on('2016-03-01', ceo).implementationClaimed(
    'kerslake-2014-01',
    'Boundary review done; all-out elections from 2018',
    [
      { uri: 'https://www.birmingham.gov.uk/boundary-review' },
      { uri: 'https://www.birmingham.gov.uk/elections-2018', title: 'Elections 2018' },
    ],
    'officer-ceo',
  ),
  on('2016-04-01', board).implementationVerified('kerslake-2014-01', 'verified', 'Seen the order'),
  on('2016-05-01', board).event('RecommendationClosed', {
    recommendationId: 'kerslake-2014-01',
    note: 'Done',
  }),
  // A panel recommendation never responded to: overdue after 31 March 2019.
  on('2017-09-01', board).recommendationRaised(
    { recommendationId: 'panel-2017-05', programmeId: bcc, areaId: 'area-waste' },
    { source: 'improvement-panel', classification: 'improvement', dueOn: '2019-03-31' },
    'Resolve the waste service industrial dispute',
  ),
  // Risks: equal pay (rescored down, escalated), Commonwealth Games (rescored up, flagged).
  on('2018-01-10', ceo).riskIdentified(
    { riskId: 'commonwealth-games', programmeId: bcc },
    'Commonwealth Games 2022 delivery and cost',
    { category: 'delivery', owner: 'officer-ceo' },
    { inherent: riskScore(3, 4), target: riskScore(4, 5), nextReviewOn: '2019-06-30' },
  ),
  equalPay,
  on('2018-06-01', place).riskIdentified(
    { riskId: 'paradise-circus', programmeId: bcc, areaId: 'area-governance' },
    'Paradise Circus redevelopment',
    { category: 'regeneration', owner: 'officer-place' },
    { inherent: riskScore(3, 3), target: riskScore(2, 2), nextReviewOn: '2018-12-31' },
  ),
  on('2018-06-02', place).riskIdentified(
    { riskId: 'amey-contract', programmeId: bcc, areaId: 'area-waste' },
    'Amey highways PFI contract dispute',
    { category: 'contractual', owner: 'officer-place' },
    { inherent: riskScore(2, 2), target: riskScore(1, 2), nextReviewOn: '2019-12-31' },
  ),
  // External auditor's statutory recommendation: answered late, then its due date revised.
  on('2018-07-30', auditor).recommendationRaised(
    { recommendationId: 'rec-2018-s24-03', programmeId: bcc, areaId: 'area-finance' },
    {
      source: 'external-auditor',
      classification: 'statutory',
      reference: 'S24 2018/03',
      dueOn: '2018-12-31',
    },
    'Deliver the savings programme with robust plans',
  ),
  on('2018-09-01', ceo).riskRescored(
    'commonwealth-games',
    riskScore(3, 4),
    riskScore(4, 4),
    'Village site delays',
  ),
  on('2018-09-10', board).recommendationResponded(
    'rec-2018-s24-03',
    ['accepted', 'Accepted by cabinet'],
    { late: true, meetingId: 'cabinet-2018-09-10' },
  ),
  on('2018-09-11', cfo).event('RecommendationOwnerAssigned', {
    recommendationId: 'rec-2018-s24-03',
    owner: 'officer-cfo',
  }),
  on('2018-11-05', cfo).riskRescored(
    'equal-pay',
    riskScore(5, 5),
    riskScore(4, 5),
    'Equal pay settlements still outstanding',
    { nextReviewOn: '2019-02-28' },
  ),
  on('2018-11-06', cfo).riskEscalated(
    'equal-pay',
    'improvement-panel',
    'Liability beyond the reserves',
  ),
  on('2018-12-01', cfo).extensionRequested(
    'rec-2018-s24-03',
    '2019-06-30',
    'Savings plans re-phased',
  ),
  on('2018-12-10', board).recommendationDueDateRevised(
    'rec-2018-s24-03',
    { dueOn: '2019-06-30', previousDueOn: '2018-12-31', originalDueOn: '2018-12-31' },
    ['Extension agreed', 'board-chair'],
  ),
  // Finance actions linked to the statutory recommendation.
  ...[
    ['act-fin-01', '2019-03-31', 'Four-year financial plan with a programme management office'],
    ['act-fin-02', '2019-02-28', 'Monthly savings tracker to cabinet'],
  ].map(([actionId = '', dueOn = '', title = '']) =>
    on('2018-12-15', cfo).actionPlanned(
      { actionId, programmeId: bcc, areaId: 'area-finance' },
      ['rec-2018-s24-03'],
      title,
      { lead: 'officer-cfo', dueOn },
    ),
  ),
  on('2018-12-15', place).actionPlanned(
    { actionId: 'act-waste-01', programmeId: bcc, areaId: 'area-waste' },
    ['panel-2017-05'],
    'Re-tender the waste fleet',
    { lead: 'officer-place', dueOn: '2019-06-30' },
  ),
  on('2019-01-10', place).event('RiskClosed', {
    riskId: 'paradise-circus',
    reason: 'Phase one complete',
  }),
  ...(
    [
      ['act-fin-01', 40, 'Plan drafted'],
      ['act-fin-02', 20, 'Tracker designed'],
    ] as const
  ).map(([actionId, percentComplete, narrative]) =>
    on('2019-01-15', cfo).event('ActionProgressRecorded', { actionId, percentComplete, narrative }),
  ),
  on('2019-02-01', board).actionCancelled('act-waste-01', 'Superseded by the service review'),
  on('2019-03-01', auditor).recommendationRaised(
    { recommendationId: 'rec-2019-s24-01', programmeId: bcc, areaId: 'area-children' },
    { source: 'external-auditor', classification: 'statutory', dueOn: '2019-09-30' },
    "Strengthen children's services commissioning",
  ),
  // Completed on 12 March 2019, recorded only on 20 March 2019 (out of order in valid time).
  on('2019-03-12', { recordedAt: '2019-03-20T10:15:02.311Z', ...cfo }).event('ActionCompleted', {
    actionId: 'act-fin-01',
    evidence: [{ uri: 'https://www.birmingham.gov.uk/financial-plan-2019-23' }],
  }),
  on('2019-03-26', admin).event('MeetingRecorded', {
    programmeId: bcc,
    bodyId: 'cabinet',
    meetingId: 'cabinet-2019-03-26',
    heldOn: '2019-03-26',
    attendees: ['cllr-ward'],
    observers: [],
  }),
];

/** The advisers' part of the journey, after the phase change of 1 April 2019. */
const advisers: readonly Step[] = [
  on('2019-07-30', admin).event('OversightBodyConstituted', {
    programmeId: bcc,
    bodyId: 'strategic-programme-board',
    kind: 'programme-board',
    name: 'Strategic Programme Board',
  }),
  ...(
    [
      ['rob-whiteman', 'Rob Whiteman', ['area-finance']],
      ['sean-hanson', 'Sean Hanson', ['area-waste']],
      ['max-caller', 'Max Caller', ['area-governance']],
    ] as const
  ).map(([adviserId, name, areaIds]) =>
    on('2019-07-30', admin).event('AdviserAppointed', {
      adviserId,
      programmeId: bcc,
      name,
      areaIds,
      termEndsOn: '2020-07-29',
    }),
  ),
  on('2019-10-01', admin).event('AdviserReassigned', {
    adviserId: 'max-caller',
    areaIds: ['area-governance', 'area-children'],
    previousAreaIds: ['area-governance'],
  }),
  on('2019-10-29', { actor: 'sean-hanson', role: 'adviser' }).event('AdviserReportSubmitted', {
    adviserId: 'sean-hanson',
    reportId: 'nea-letter-2019-10',
    summary: 'Waste service review recommendations under way',
  }),
];

/**
 * A fuller Birmingham history for the read models: {@link birmingham}, the journey's
 * recommendations, risks and actions to March 2019, the phase change on 1 April 2019, then
 * the advisers.
 */
export async function birminghamJourney(): Promise<History> {
  const h = await birmingham();
  await h.play(...journey);
  await phaseChanged(h, '2019-04-01');
  await h.play(...advisers);
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
