// Issue 24's domain depth: stocktakes as records (period, assessor, findings, the rating
// given, the criteria set judged against), the letters and reports bodies issue from and
// to, standing observers, phases with start days and exit criteria, the handover of a
// body's open recommendations to its successor, and actions that mitigate a risk. Every
// rule by its name; bad input refused naming the field; old events unchanged.
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { decodeEvent, domainModel, criteriaSets, Criterion, makeDomainModel } from '@assure/domain';
import { command, domainEvent, domainSpec } from '@assure/domain/testing';
import {
  ACT,
  OK,
  P,
  REC,
  RISK,
  actionPlanned,
  admin,
  badInputs,
  board,
  bodyDissolved,
  keyAgreed,
  keyRaised,
  KEY,
  officer,
  programme,
  riskIdentified,
  ruleViolated,
  scenarios,
  statutoryRaised,
  stocktakeRecorded,
  checkRules,
} from './fixtures';
import type { Rules } from './fixtures';

const stocktake = (extra: Record<string, unknown> = {}) =>
  command('RecordStocktake', { ...stocktakeRecorded.data, ...extra });
const assess = (criterion: string, stocktakeId = 'stocktake-2019-03') =>
  command('AssessCriterion', {
    programmeId: P,
    stocktakeId,
    criterion,
    rating: 'amber',
    narrative: 'Finance remains a critical issue',
  } as never);
/** The officer recording, the day after the March 2019 stocktake. */
const dayAfter = officer('2019-03-27');
const recorded = [...programme, stocktakeRecorded];

const stocktakeRules: Rules = {
  'stocktake-recorded: the period, assessor, findings and rating are kept': [
    [programme, stocktake(), dayAfter, [stocktakeRecorded]],
  ],
  'stocktake-id-unique: a stocktake is recorded once': [
    [recorded, stocktake(), dayAfter, ruleViolated('stocktake-id-unique')],
  ],
  'stocktake-period: the end is not before the start, naming the field': [
    [
      programme,
      stocktake({ periodEnd: '2018-05-01' }),
      dayAfter,
      ruleViolated('stocktake-period'),
      'data.periodEnd',
    ],
  ],
  'stocktake-period: not held before the period starts': [
    [
      programme,
      stocktake({ heldOn: '2018-05-01' }),
      dayAfter,
      ruleViolated('stocktake-period'),
      'data.heldOn',
    ],
  ],
  'day-not-future: a stocktake is recorded once held': [
    [programme, stocktake(), officer('2019-03-20'), ruleViolated('day-not-future')],
  ],
  'assessor-body: a panel stocktake names the improvement panel': [
    [
      programme,
      stocktake({ assessor: 'panel', bodyId: 'board-spb' }),
      dayAfter,
      ruleViolated('assessor-body'),
    ],
    [programme, stocktake({ assessor: 'panel', bodyId: 'biip' }), dayAfter, OK],
  ],
  'reference-missing: the body named exists': [
    [
      programme,
      stocktake({ bodyId: 'peer-team-lga' }),
      dayAfter,
      ruleViolated('reference-missing'),
    ],
  ],
  'criterion-in-set: a judgement is on a criterion of the stocktake set': [
    [recorded, assess('governance-and-culture'), dayAfter, ruleViolated('criterion-in-set')],
    [recorded, assess('governance-and-decision-making'), dayAfter, OK],
  ],
  'criterion-in-set: assessments of a stocktake never recorded keep the older rule': [
    [programme, assess('governance-and-culture', 'stocktake-2015'), officer('2015-06-01'), OK],
  ],
};

describe('stocktakes as records', () => {
  checkRules(stocktakeRules);

  describe('criteria sets as configuration: an embedding application supplies its own', () => {
    const own = makeDomainModel({
      criteriaSets: {
        ...criteriaSets,
        'county-review@1': {
          'member-development': 'Members are developed for their roles',
          'partnership-working': 'Partners share the improvement plan',
        },
      },
    });
    const ownSpec = domainSpec(own);
    const county = stocktake({ criteriaSet: 'county-review@1' });

    test('criteria-set-known: a stocktake judges against a configured set, else refused naming data.criteriaSet', () => {
      scenarios([
        [
          programme,
          county,
          dayAfter,
          ruleViolated('criteria-set-known'),
          'data.criteriaSet',
          'lga-effective-organisation@1',
        ],
      ]);
      scenarios([[programme, county, dayAfter, OK]], ownSpec);
    });

    test('criterion-in-set: judgements follow the configured set', () => {
      const countyRecorded = [...programme, domainEvent('StocktakeRecorded', county.data)];
      scenarios(
        [
          [countyRecorded, assess('member-development'), dayAfter, OK],
          [
            countyRecorded,
            assess('governance-and-decision-making'),
            dayAfter,
            ruleViolated('criterion-in-set'),
          ],
        ],
        ownSpec,
      );
      // The built-in model knows no such criterion at all.
      scenarios([
        [
          programme,
          assess('member-development', 'stocktake-2015'),
          officer('2015-06-01'),
          ruleViolated('criterion-in-set'),
          'data.criterion',
        ],
      ]);
    });

    test('the built-in sets are the default; the model says which sets are in force', () => {
      expect(domainModel.criteriaSets).toBe(criteriaSets);
      expect(Object.keys(own.criteriaSets)).toContain('county-review@1');
    });

    test('a malformed table is refused when the model is built, naming each problem', () => {
      expect(() => makeDomainModel({ criteriaSets: {} })).toThrow('at least one set');
      expect(() => makeDomainModel({ criteriaSets: { 'no-version': { a: 'A title' } } })).toThrow(
        'criteriaSets.no-version',
      );
      expect(() => makeDomainModel({ criteriaSets: { 'set@1': { 'Bad Id': 'A title' } } })).toThrow(
        'criteriaSets.set@1.Bad Id',
      );
      expect(() => makeDomainModel({ criteriaSets: { 'set@1': { ok: ' ' } } })).toThrow(
        'a criterion has a title',
      );
    });
  });

  test('criteria sets: every criterion is in exactly one named set, each with a title', () => {
    const all = Object.values(criteriaSets).flatMap((set) => Object.keys(set));
    expect([...all].sort()).toEqual(Object.keys(Criterion.keys).sort());
    for (const set of Object.values(criteriaSets))
      for (const title of Object.values(set)) expect(title?.length ?? 0).toBeGreaterThan(10);
  });
});

const letter = (extra: Record<string, unknown> = {}) =>
  command('IssueBodyOutput', {
    programmeId: P,
    outputId: 'biip-letter-2015-06',
    from: 'biip',
    to: 'secretary-of-state',
    kind: 'letter',
    issuedOn: '2015-06-10',
    title: 'Assessment of progress',
    summary: 'Encouraging progress in some areas; pace must increase',
    ...extra,
  } as never);
const letterIssued = domainEvent('BodyOutputIssued', letter().data);
const observe = command('AddStandingObserver', {
  programmeId: P,
  bodyId: 'board-spb',
  observer: 'auditor-gt',
  role: 'External auditor, invited to observe',
  fromDay: '2019-09-10',
});
const observerAdded = domainEvent('StandingObserverAdded', observe.data);
const spbDissolved = bodyDissolved('board-spb', 'Replaced');
const changePhase = (phase: string, startsOn: string) =>
  command('ChangePhase', {
    programmeId: P,
    phase,
    reason: 'The Panel stepped down',
    startsOn,
    exitCriteria: 'The Strategic Programme Board judges the priority areas on track',
  });
const assurance = changePhase('Progressive assurance', '2019-07-30');
const phaseChanged = domainEvent('ProgrammePhaseChanged', {
  ...assurance.data,
  previousPhase: 'Independent Improvement Panel',
});

const bodyRules: Rules = {
  'body-output: a letter from the Panel to the Secretary of State': [
    [programme, letter(), board('2015-06-11'), [letterIssued]],
  ],
  'body-output: a dissolved body may still issue its final report': [
    [
      [...programme, bodyDissolved('biip', 'Stepped down')],
      letter({ kind: 'report', issuedOn: '2019-04-10' }),
      board('2019-04-10'),
      OK,
    ],
  ],
  'reference-missing: the body issuing exists, naming data.from': [
    [
      programme,
      letter({ from: 'nobody' }),
      board('2015-06-11'),
      ruleViolated('reference-missing'),
      'data.from',
    ],
  ],
  'output-id-unique and day-not-future': [
    [[...programme, letterIssued], letter(), board('2015-06-12'), ruleViolated('output-id-unique')],
    [programme, letter(), board('2015-06-09'), ruleViolated('day-not-future')],
  ],
  'standing-observer: the auditor observes the Strategic Programme Board': [
    [programme, observe, admin('2019-09-10'), [observerAdded]],
  ],
  'observer-once and body-active': [
    [[...programme, observerAdded], observe, admin('2019-09-11'), ruleViolated('observer-once')],
    [[...programme, spbDissolved], observe, admin('2019-09-11'), ruleViolated('body-active')],
  ],
  'phase-start: a phase records its start day and exit criteria': [
    [programme, assurance, admin('2019-07-30'), [phaseChanged]],
    [
      [...programme, phaseChanged],
      changePhase('Business as usual', '2019-07-30'),
      admin('2019-08-01'),
      ruleViolated('phase-start-order'),
    ],
    [
      programme,
      changePhase('Progressive assurance', '2019-08-30'),
      admin('2019-07-30'),
      ruleViolated('day-not-future'),
    ],
  ],
};

describe('bodies and their outputs', () => {
  checkRules(bodyRules);
});

const handOver = (ids: string[], extra: Record<string, unknown> = {}) =>
  command('HandOverRecommendations', {
    programmeId: P,
    fromBodyId: 'biip',
    toBodyId: 'board-spb',
    recommendationIds: ids,
    handedOverOn: '2019-07-30',
    ...extra,
  });
const open = [...programme, keyRaised, keyAgreed, statutoryRaised];
const onHandover = admin('2019-07-30');
const keyRejected = domainEvent('RecommendationResponded', {
  recommendationId: KEY,
  decision: 'rejected',
  response: 'The council does not accept it',
  late: false,
});

const handoverRules: Rules = {
  'handover: open recommendations pass to the successor, as an event': [
    [
      open,
      handOver([KEY, REC]),
      onHandover,
      [domainEvent('RecommendationsHandedOver', handOver([KEY, REC]).data)],
    ],
  ],
  'handover-open-only: a rejected recommendation is not handed over': [
    [
      [...programme, keyRaised, keyRejected],
      handOver([KEY]),
      onHandover,
      ruleViolated('handover-open-only'),
    ],
  ],
  'reference-missing: each recommendation exists in the programme': [
    [
      open,
      handOver(['rec-nowhere']),
      onHandover,
      ruleViolated('reference-missing'),
      'data.recommendationIds',
    ],
  ],
  'handover-differs, handover-nonempty, body-active': [
    [open, handOver([KEY], { toBodyId: 'biip' }), onHandover, ruleViolated('handover-differs')],
    [open, handOver([]), onHandover, ruleViolated('handover-nonempty')],
    [[...open, spbDissolved], handOver([KEY]), onHandover, ruleViolated('body-active')],
  ],
};

describe('the handover of a dissolving body', () => {
  checkRules(handoverRules);
});

const link = command('LinkMitigatingAction', { riskId: RISK, actionId: ACT });
const linked = domainEvent('MitigatingActionLinked', link.data);
const planned = [...programme, statutoryRaised, actionPlanned, riskIdentified];

const mitigationRules: Rules = {
  'mitigating-action: an action of the programme is linked to the risk': [
    [planned, link, officer(), [linked]],
  ],
  'mitigation-once: linked once': [
    [[...planned, linked], link, officer(), ruleViolated('mitigation-once')],
  ],
  'reference-missing: the action exists, naming data.actionId': [
    [
      [...programme, riskIdentified],
      link,
      officer(),
      ruleViolated('reference-missing'),
      'data.actionId',
    ],
  ],
  'programme-mismatch: the action belongs to the risk programme': [
    [
      [
        ...programme,
        riskIdentified,
        domainEvent('ActionPlanned', { ...actionPlanned.data, programmeId: 'other-programme' }),
      ],
      link,
      officer(),
      ruleViolated('programme-mismatch'),
    ],
  ],
  'a closed risk takes no new link (InvalidTransition)': [
    [
      [...planned, domainEvent('RiskClosed', { riskId: RISK, reason: 'Settled' })],
      link,
      officer(),
      { _tag: 'InvalidTransition' },
    ],
  ],
};

describe('actions that mitigate a risk', () => {
  checkRules(mitigationRules);
});

describe('bad input to the new commands: ValidationFailed naming the field', () => {
  const good = stocktake().data as Record<string, unknown>;
  const { findings: _f, ...noFindings } = good;
  const goodLetter = letter().data as Record<string, unknown>;

  test.each([
    [
      'bad-input RecordStocktake: unknown assessor, a set name not name@N, rating; bad day; missing findings',
      [
        ['RecordStocktake', { ...good, assessor: 'mayor' }, ['data.assessor']],
        ['RecordStocktake', { ...good, criteriaSet: 'lga-unversioned' }, ['data.criteriaSet']],
        // A well-formed name of no configured set is the rule criteria-set-known (see above).
        ['RecordStocktake', { ...good, rating: 'blue' }, ['data.rating']],
        ['RecordStocktake', { ...good, heldOn: '2019-02-30' }, ['data.heldOn']],
        ['RecordStocktake', noFindings, ['data.findings']],
      ],
    ],
    [
      'bad-input IssueBodyOutput: unknown recipient and kind',
      [
        ['IssueBodyOutput', { ...goodLetter, to: 'the-press' }, ['data.to']],
        ['IssueBodyOutput', { ...goodLetter, kind: 'memo' }, ['data.kind']],
      ],
    ],
    [
      'bad-input AddStandingObserver, HandOverRecommendations, LinkMitigatingAction',
      [
        [
          'AddStandingObserver',
          { ...observe.data, observer: 'auditor gt', role: 'x' },
          ['data.observer'],
        ],
        [
          'HandOverRecommendations',
          { ...(handOver([KEY]).data as Record<string, unknown>), recommendationIds: 'rec-1' },
          ['data.recommendationIds'],
        ],
        ['LinkMitigatingAction', { riskId: RISK }, ['data.actionId']],
        [
          'ChangePhase',
          { programmeId: P, phase: 'X', reason: 'y', startsOn: 'soon' },
          ['data.startsOn'],
        ],
      ],
    ],
  ] as const)('%s', (_rule, rows) => badInputs(rows));
});

describe('older events stay readable in their stored form', () => {
  test('a phase change, body and assessment recorded before the additions decode unchanged', () => {
    const old = {
      ProgrammePhaseChanged: {
        programmeId: P,
        phase: 'Assurance',
        reason: 'r',
        previousPhase: 'Panel',
      },
      OversightBodyConstituted: {
        programmeId: P,
        bodyId: 'biip',
        kind: 'improvement-panel',
        name: 'BIIP',
      },
      CriterionAssessed: {
        programmeId: P,
        stocktakeId: 's',
        criterion: 'governance-and-culture',
        rating: 'green',
        narrative: 'n',
      },
    };
    for (const [type, data] of Object.entries(old))
      expect(decodeEvent(type, 1, data)).toEqual(E.right({ type, data }));
  });
});

describe('property: a stocktake period in order is recorded, one out of order never is', () => {
  const day = fc
    .integer({ min: Date.UTC(2014, 0, 1), max: Date.UTC(2019, 11, 31) })
    .map((ms) => new Date(ms).toISOString().slice(0, 10));
  test('stocktake-period holds for any three days', () => {
    fc.assert(
      fc.property(day, day, day, (a, b, held) => {
        const r = domainSpec()
          .given(programme)
          .when(stocktake({ periodStart: a, periodEnd: b, heldOn: held }), officer('2020-01-01'));
        const ok = a <= b && held >= a;
        if (ok) r.thenOk();
        else r.thenError({ _tag: 'RuleViolated', rule: 'stocktake-period' });
      }),
      { numRuns: 200 },
    );
  });
});

describe('property: any sequence of links records each action once', () => {
  test('mitigation-once holds for any order and repetition of link commands', () => {
    const ids = ['act-a', 'act-b', 'act-c'] as const;
    const planned = ids.map((actionId) =>
      domainEvent('ActionPlanned', { ...actionPlanned.data, actionId }),
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ids), { maxLength: 12 }), (sequence) => {
        let history = [...programme, statutoryRaised, ...planned, riskIdentified];
        const linked: string[] = [];
        for (const actionId of sequence) {
          const outcome = domainSpec()
            .given(history)
            .when(command('LinkMitigatingAction', { riskId: RISK, actionId }), officer());
          if (linked.includes(actionId))
            outcome.thenError({ _tag: 'RuleViolated', rule: 'mitigation-once' });
          else {
            history = [...history, ...outcome.thenOk()];
            linked.push(actionId);
          }
        }
        expect(new Set(linked).size).toBe(linked.length);
      }),
      { numRuns: 50 },
    );
  });
});
