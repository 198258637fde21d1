// Fixtures from the Birmingham story (2014-2019): the improvement programme, its priority
// areas, bodies and meetings, and the actors who issue commands.
import * as E from 'fp-ts/Either';
import type * as t from 'io-ts';
import { domainModel, streamOfEvent } from '@assure/domain';
import type {
  Command,
  CommandType,
  DomainError,
  DomainEvent,
  EventType,
  Issuer,
  commandCodecs,
  eventCodecs,
} from '@assure/domain';
import {
  command,
  domainEvent,
  domainSpec,
  issuer,
  riskIdentifiedSample,
} from '@assure/domain/testing';
import type { ErrorExpectation, Spec } from '@assure/domain/testing';

export const P = 'bcc-improvement';

type CommandInput<K extends CommandType> = t.OutputOf<(typeof commandCodecs)[K]>;
type EventInput<K extends EventType> = t.OutputOf<(typeof eventCodecs)[K]>;

/**
 * The commands and events of one aggregate, its id (`field`: `id`) filled in, as
 * `about('actionId', ACT).command('CompleteAction', { evidence })`. The codecs check the
 * whole data, as with `command` and `domainEvent`.
 */
export const about = <F extends string>(field: F, id: string) => {
  const withId = (data: object): unknown => ({ [field]: id, ...data });
  return {
    command: <K extends CommandType>(type: K, data: Omit<CommandInput<K>, F>) =>
      command(type, withId(data) as CommandInput<K>),
    event: <K extends EventType>(type: K, data: Omit<EventInput<K>, F>) =>
      domainEvent(type, withId(data) as EventInput<K>),
    /** A command and the event that records it, both with this data. */
    recorded: <K extends CommandType, V extends EventType>(
      type: K,
      eventType: V,
      data: Omit<CommandInput<K>, F>,
    ) =>
      [
        command(type, withId(data) as CommandInput<K>),
        domainEvent(eventType, withId(data) as EventInput<V>),
      ] as const,
  };
};

/** Where an item of the programme stands: its priority area `areaId`. */
export const inArea = (areaId: string) => ({ programmeId: P, areaId });

export const admin = (on = '2019-04-01') => issuer('admin-ceo', 'admin', on);
export const officer = (on = '2019-04-01') => issuer('officer-cfo', 'officer', on);
export const auditor = (on = '2019-04-01') => issuer('auditor-gt', 'auditor', on);
export const board = (on = '2019-04-01') => issuer('board-spb-chair', 'board', on);
export const adviser = (id = 'nea-rob-whiteman', on = '2019-04-01') => issuer(id, 'adviser', on);

export const established = domainEvent('ProgrammeEstablished', {
  programmeId: P,
  title: 'Birmingham City Council improvement programme',
  body: 'Birmingham City Council',
  phase: 'Independent Improvement Panel',
});

/** The priority area `areaId` of the programme defined, with its title (and description). */
export const area = (areaId: string, title: string, description?: string) =>
  domainEvent('PriorityAreaDefined', {
    programmeId: P,
    areaId,
    title,
    ...(description === undefined ? {} : { description }),
  });
export const areaFinance = area('area-finance', 'Financial resilience');
export const areaWaste = area('area-waste', 'Waste governance and industrial relations');
export const areaGovernance = area(
  'area-governance',
  'Good governance and cultural change',
  'Embedding culture change after the Kerslake review',
);
export const areaWasteRetired = domainEvent('PriorityAreaRetired', {
  programmeId: P,
  areaId: 'area-waste',
  reason: 'Merged into area-governance',
});

export const body = (bodyId: string, kind: string, name: string) =>
  domainEvent('OversightBodyConstituted', {
    programmeId: P,
    bodyId,
    kind: kind as 'cabinet',
    name,
  });
/** The body `bodyId` dissolved, for `reason`. */
export const bodyDissolved = (bodyId: string, reason: string) =>
  domainEvent('OversightBodyDissolved', { programmeId: P, bodyId, reason });
export const cabinet = body('cabinet-bcc', 'cabinet', 'Cabinet');
export const fullCouncil = body('council-bcc', 'full-council', 'Full Council');
export const auditCommittee = body('audit-committee-bcc', 'audit-committee', 'Audit Committee');
export const spb = body('board-spb', 'programme-board', 'Strategic Programme Board');
export const panel = body('biip', 'improvement-panel', 'Birmingham Independent Improvement Panel');

export const meeting = (meetingId: string, bodyId: string, heldOn: string) =>
  domainEvent('MeetingRecorded', {
    programmeId: P,
    bodyId,
    meetingId,
    heldOn,
    attendees: ['admin-ceo', 'officer-cfo'],
    observers: ['auditor-gt'],
  });
export const cabinetMeeting = meeting('cabinet-2018-09-18', 'cabinet-bcc', '2018-09-18');
export const councilMeeting = meeting('council-2018-09-11', 'council-bcc', '2018-09-11');
export const auditMeeting = meeting('audit-2018-09-25', 'audit-committee-bcc', '2018-09-25');

/** The programme with areas, bodies and meetings. */
export const programme: DomainEvent[] = [
  established,
  areaFinance,
  areaWaste,
  areaGovernance,
  cabinet,
  fullCouncil,
  auditCommittee,
  spb,
  panel,
  cabinetMeeting,
  councilMeeting,
  auditMeeting,
];

export const REC = 'rec-2018-s24-01';

/** A statutory recommendation by Grant Thornton, raised on 2018-08-31. */
export const statutoryRaised = domainEvent('RecommendationRaised', {
  recommendationId: REC,
  ...inArea('area-finance'),
  source: 'external-auditor',
  classification: 'statutory',
  reference: 'Section 24 recommendation 1',
  title: 'Deliver the savings programme and rebuild reserves',
  dueOn: '2019-03-31',
  raisedOn: '2018-08-31',
});

/** The council accepts the statutory recommendation (`extra`: its meeting, programme...). */
export const respond = (extra: Record<string, string> = {}) =>
  command('RespondToRecommendation', {
    recommendationId: REC,
    decision: 'accepted',
    response: 'Cabinet accepts the statutory recommendation',
    ...extra,
  });

export const KEY = 'rec-kerslake-04';
export const keyRaised = domainEvent('RecommendationRaised', {
  recommendationId: KEY,
  ...inArea('area-governance'),
  source: 'kerslake-review',
  classification: 'key',
  title: 'Strengthen the governance of the council',
  dueOn: '2015-12-31',
  raisedOn: '2014-12-09',
});
const onKey = about('recommendationId', KEY);
export const keyAgreed = onKey.event('RecommendationResponded', {
  decision: 'accepted',
  response: 'The council accepts the Kerslake recommendation',
  late: false,
});
export const keyOwned = onKey.event('RecommendationOwnerAssigned', { owner: 'officer-governance' });
export const keyClaimed = onKey.event('ImplementationClaimed', {
  summary: 'New constitution adopted',
  evidence: [{ uri: 'https://example.org/constitution.pdf' }],
  claimedBy: 'officer-cfo',
});
export const keyVerified = onKey.event('ImplementationVerified', {
  outcome: 'verified',
  notes: 'Seen at cabinet',
});
export const keyClosed = onKey.event('RecommendationClosed', { note: 'Done' });

export const ACT = 'act-savings-2019';
export const actionPlanned = domainEvent('ActionPlanned', {
  actionId: ACT,
  ...inArea('area-finance'),
  recommendationIds: [REC],
  title: 'Close the 2019/20 budget gap',
  lead: 'officer-cfo',
  dueOn: '2019-06-30',
});
export const actionCompleted = domainEvent('ActionCompleted', {
  actionId: ACT,
  evidence: [{ uri: 'https://example.org/outturn.pdf' }],
});

/** The council's self-assessment of March 2019, a stocktake of the programme. */
export const stocktakeRecorded = domainEvent('StocktakeRecorded', {
  programmeId: P,
  stocktakeId: 'stocktake-2019-03',
  heldOn: '2019-03-26',
  periodStart: '2018-06-01',
  periodEnd: '2019-03-31',
  assessor: 'self-assessment',
  criteriaSet: 'lga-effective-organisation@1',
  findings: 'Progress since June 2018; finance and industrial relations remain critical',
  rating: 'amber',
});

export const RISK = 'equal-pay';
/** The equal pay risk of the finance area (the sample's, placed in the area). */
export const riskIdentified = domainEvent(
  'RiskIdentified',
  riskIdentifiedSample({ riskId: RISK, ...inArea('area-finance') }),
);

/** The risk's first rescore: settlement offers accepted. */
export const riskRescored = domainEvent('RiskRescored', {
  riskId: RISK,
  likelihood: 4,
  impact: 5,
  rationale: 'Offers accepted',
  previous: { likelihood: 5, impact: 5 },
  current: { likelihood: 4, impact: 5 },
  nextReviewOn: '2019-06-30',
});

export const ADV = 'nea-rob-whiteman';
export const adviserAppointed = domainEvent('AdviserAppointed', {
  adviserId: ADV,
  programmeId: P,
  name: 'Rob Whiteman',
  areaIds: ['area-finance'],
  termEndsOn: '2020-07-31',
});

export const sealed = domainEvent('LedgerSealed', {
  treeSize: 10,
  root: 'ab'.repeat(32),
  lastPosition: '9',
});

/**
 * Expects `command`, issued by `by`, to be an InvalidTransition of its type after each
 * history, from the status the history is keyed by.
 */
export function refusedFrom(
  command: Command,
  by: Issuer,
  histories: { readonly [from: string]: readonly DomainEvent[] },
): void {
  for (const [from, history] of Object.entries(histories))
    domainSpec()
      .given(history)
      .when(command, by)
      .thenError({ _tag: 'InvalidTransition', from, command: command.type });
}

/** Expects a RuleViolated refusal of `rule`. */
export const ruleViolated = (rule: string) => ({ _tag: 'RuleViolated', rule });
/** Expects an InvalidTransition refusal from `status`. */
export const invalidFrom = (status: string) => ({ _tag: 'InvalidTransition', from: status });

/** Marks a scenario row whose command must succeed, whatever its events. */
export const OK = 'ok' as const;

/**
 * One row of a decision table: after `history`, `command` issued by `by` yields exactly
 * these events, succeeds ({@link OK}), or is refused with this error expectation whose
 * message names each of `naming` (a field path such as `data.heldOn`, or a word).
 */
export type Scenario = readonly [
  history: readonly DomainEvent[],
  command: Command,
  by: Issuer,
  expected: readonly DomainEvent[] | typeof OK | ErrorExpectation<DomainError>,
  ...naming: string[],
];

const isEvents = (expected: Scenario[3]): expected is readonly DomainEvent[] =>
  Array.isArray(expected);

/** Checks each row of a decision table, in order, with `spec` (the default model's spec). */
export function scenarios(
  rows: readonly Scenario[],
  spec: Spec<Command, DomainEvent, DomainError> = domainSpec(),
): void {
  for (const [history, cmd, by, expected, ...naming] of rows) {
    const outcome = spec.given(history).when(cmd, by);
    if (isEvents(expected)) outcome.then(expected);
    else if (expected === OK) outcome.thenOk();
    else {
      const { message } = outcome.thenError(expected);
      for (const name of naming) expect(message).toContain(name);
    }
  }
}

/** Decision tables by rule: each rule's rows, checked in order by {@link scenarios}. */
export type Rules = { readonly [rule: string]: readonly Scenario[] };

/** One test a rule, named by the rule, that checks its rows with `spec`. */
export function checkRules(rules: Rules, spec?: Spec<Command, DomainEvent, DomainError>): void {
  test.each(Object.entries(rules))('%s', (_rule, rows) => scenarios(rows, spec));
}

/**
 * The two rules of creating an aggregate of `kind`: after `before`, `create` records
 * `created`; after `created`, it is AlreadyExists of that stream (`<kind>-once: <verb> twice`).
 */
export const createdOnce = (
  kind: string,
  verb: string,
  [before, create, by, created]: readonly [Scenario[0], Scenario[1], Issuer, DomainEvent],
): Rules => ({
  [`${create.type} records ${created.type}`]: [[before, create, by, [created]]],
  [`${kind}-once: ${verb} twice is AlreadyExists`]: [
    [[...before, created], create, by, { _tag: 'AlreadyExists', stream: streamOfEvent(created) }],
  ],
});

/** Decodes `input` as a command, expects ValidationFailed (invalid input), returns the failing paths. */
export const failingPaths = (input: unknown): string[] => {
  const r = domainModel.decodeCommand(input);
  if (E.isRight(r)) throw new Error(`expected ValidationFailed, got ${JSON.stringify(r.right)}`);
  expect(r.left._tag).toBe('ValidationFailed');
  expect(r.left.message).toMatch(/invalid input/);
  return r.left.errors.map((e) => e.path);
};

/** One row of a bad-input table: a command's type and data, and the paths refused (any order). */
export type BadInput = readonly [type: string, data: unknown, paths: readonly string[]];

/** Checks each row of a bad-input table: ValidationFailed naming exactly those paths. */
export function badInputs(rows: readonly BadInput[]): void {
  for (const [type, data, paths] of rows)
    expect(failingPaths({ type, data }).sort()).toEqual([...paths].sort());
}
