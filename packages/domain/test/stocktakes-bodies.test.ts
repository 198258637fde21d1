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
  P,
  REC,
  RISK,
  actionPlanned,
  admin,
  board,
  keyAgreed,
  keyRaised,
  KEY,
  officer,
  programme,
  riskIdentified,
  statutoryRaised,
  stocktakeRecorded,
} from './fixtures';

const spec = domainSpec();

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

describe('stocktakes as records', () => {
  test('stocktake-recorded: the period, assessor, findings and rating are kept', () => {
    spec.given(programme).when(stocktake(), officer('2019-03-27')).then([stocktakeRecorded]);
  });

  test('stocktake-id-unique: a stocktake is recorded once', () => {
    spec
      .given([...programme, stocktakeRecorded])
      .when(stocktake(), officer('2019-03-27'))
      .thenError({ _tag: 'RuleViolated', rule: 'stocktake-id-unique' });
  });

  test('stocktake-period: the end is not before the start, naming the field', () => {
    const err = spec
      .given(programme)
      .when(stocktake({ periodEnd: '2018-05-01' }), officer('2019-03-27'))
      .thenError({ _tag: 'RuleViolated', rule: 'stocktake-period' });
    expect(err.message).toContain('data.periodEnd');
  });

  test('stocktake-period: not held before the period starts', () => {
    const err = spec
      .given(programme)
      .when(stocktake({ heldOn: '2018-05-01' }), officer('2019-03-27'))
      .thenError({ _tag: 'RuleViolated', rule: 'stocktake-period' });
    expect(err.message).toContain('data.heldOn');
  });

  test('day-not-future: a stocktake is recorded once held', () => {
    spec
      .given(programme)
      .when(stocktake(), officer('2019-03-20'))
      .thenError({ _tag: 'RuleViolated', rule: 'day-not-future' });
  });

  test('assessor-body: a panel stocktake names the improvement panel', () => {
    spec
      .given(programme)
      .when(stocktake({ assessor: 'panel', bodyId: 'board-spb' }), officer('2019-03-27'))
      .thenError({ _tag: 'RuleViolated', rule: 'assessor-body' });
    spec
      .given(programme)
      .when(stocktake({ assessor: 'panel', bodyId: 'biip' }), officer('2019-03-27'))
      .thenOk();
  });

  test('reference-missing: the body named exists', () => {
    spec
      .given(programme)
      .when(stocktake({ bodyId: 'peer-team-lga' }), officer('2019-03-27'))
      .thenError({ _tag: 'RuleViolated', rule: 'reference-missing' });
  });

  test('criterion-in-set: a judgement is on a criterion of the stocktake set', () => {
    spec
      .given([...programme, stocktakeRecorded])
      .when(assess('governance-and-culture'), officer('2019-03-27'))
      .thenError({ _tag: 'RuleViolated', rule: 'criterion-in-set' });
    spec
      .given([...programme, stocktakeRecorded])
      .when(assess('governance-and-decision-making'), officer('2019-03-27'))
      .thenOk();
  });

  test('criterion-in-set: assessments of a stocktake never recorded keep the older rule', () => {
    spec
      .given(programme)
      .when(assess('governance-and-culture', 'stocktake-2015'), officer('2015-06-01'))
      .thenOk();
  });

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

    test('criteria-set-known: a stocktake judges against a configured set, else refused naming data.criteriaSet', () => {
      const err = spec
        .given(programme)
        .when(stocktake({ criteriaSet: 'county-review@1' }), officer('2019-03-27'))
        .thenError({ _tag: 'RuleViolated', rule: 'criteria-set-known' });
      expect(err.message).toContain('data.criteriaSet');
      expect(err.message).toContain('lga-effective-organisation@1');
      ownSpec
        .given(programme)
        .when(stocktake({ criteriaSet: 'county-review@1' }), officer('2019-03-27'))
        .thenOk();
    });

    test('criterion-in-set: judgements follow the configured set', () => {
      const recorded = domainEvent('StocktakeRecorded', {
        ...stocktakeRecorded.data,
        criteriaSet: 'county-review@1',
      });
      ownSpec
        .given([...programme, recorded])
        .when(assess('member-development'), officer('2019-03-27'))
        .thenOk();
      ownSpec
        .given([...programme, recorded])
        .when(assess('governance-and-decision-making'), officer('2019-03-27'))
        .thenError({ _tag: 'RuleViolated', rule: 'criterion-in-set' });
      // The built-in model knows no such criterion at all.
      const err = spec
        .given(programme)
        .when(assess('member-development', 'stocktake-2015'), officer('2015-06-01'))
        .thenError({ _tag: 'RuleViolated', rule: 'criterion-in-set' });
      expect(err.message).toContain('data.criterion');
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

describe('bodies and their outputs', () => {
  test('body-output: a letter from the Panel to the Secretary of State', () => {
    spec
      .given(programme)
      .when(letter(), board('2015-06-11'))
      .then([
        domainEvent('BodyOutputIssued', {
          programmeId: P,
          outputId: 'biip-letter-2015-06',
          from: 'biip',
          to: 'secretary-of-state',
          kind: 'letter',
          issuedOn: '2015-06-10',
          title: 'Assessment of progress',
          summary: 'Encouraging progress in some areas; pace must increase',
        }),
      ]);
  });

  test('body-output: a dissolved body may still issue its final report', () => {
    const dissolved = domainEvent('OversightBodyDissolved', {
      programmeId: P,
      bodyId: 'biip',
      reason: 'Stepped down',
    });
    spec
      .given([...programme, dissolved])
      .when(letter({ kind: 'report', issuedOn: '2019-04-10' }), board('2019-04-10'))
      .thenOk();
  });

  test('reference-missing: the body issuing exists, naming data.from', () => {
    const err = spec
      .given(programme)
      .when(letter({ from: 'nobody' }), board('2015-06-11'))
      .thenError({ _tag: 'RuleViolated', rule: 'reference-missing' });
    expect(err.message).toContain('data.from');
  });

  test('output-id-unique and day-not-future', () => {
    spec
      .given([...programme, ...spec.given(programme).when(letter(), board('2015-06-11')).thenOk()])
      .when(letter(), board('2015-06-12'))
      .thenError({ _tag: 'RuleViolated', rule: 'output-id-unique' });
    spec
      .given(programme)
      .when(letter(), board('2015-06-09'))
      .thenError({ _tag: 'RuleViolated', rule: 'day-not-future' });
  });

  const observe = command('AddStandingObserver', {
    programmeId: P,
    bodyId: 'board-spb',
    observer: 'auditor-gt',
    role: 'External auditor, invited to observe',
    fromDay: '2019-09-10',
  });

  test('standing-observer: the auditor observes the Strategic Programme Board', () => {
    spec.given(programme).when(observe, admin('2019-09-10')).thenOk();
  });

  test('observer-once and body-active', () => {
    const added = spec.given(programme).when(observe, admin('2019-09-10')).thenOk();
    spec
      .given([...programme, ...added])
      .when(observe, admin('2019-09-11'))
      .thenError({ _tag: 'RuleViolated', rule: 'observer-once' });
    const dissolved = domainEvent('OversightBodyDissolved', {
      programmeId: P,
      bodyId: 'board-spb',
      reason: 'Replaced',
    });
    spec
      .given([...programme, dissolved])
      .when(observe, admin('2019-09-11'))
      .thenError({ _tag: 'RuleViolated', rule: 'body-active' });
  });

  test('phase-start: a phase records its start day and exit criteria', () => {
    const change = (phase: string, startsOn: string) =>
      command('ChangePhase', {
        programmeId: P,
        phase,
        reason: 'The Panel stepped down',
        startsOn,
        exitCriteria: 'The Strategic Programme Board judges the priority areas on track',
      });
    const first = spec
      .given(programme)
      .when(change('Progressive assurance', '2019-07-30'), admin('2019-07-30'))
      .thenOk();
    expect(first[0]?.data).toMatchObject({ startsOn: '2019-07-30' });
    spec
      .given([...programme, ...first])
      .when(change('Business as usual', '2019-07-30'), admin('2019-08-01'))
      .thenError({ _tag: 'RuleViolated', rule: 'phase-start-order' });
    spec
      .given(programme)
      .when(change('Progressive assurance', '2019-08-30'), admin('2019-07-30'))
      .thenError({ _tag: 'RuleViolated', rule: 'day-not-future' });
  });
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

describe('the handover of a dissolving body', () => {
  const history = [...programme, keyRaised, keyAgreed, statutoryRaised];

  test('handover: open recommendations pass to the successor, as an event', () => {
    const events = spec
      .given(history)
      .when(handOver([KEY, REC]), admin('2019-07-30'))
      .thenOk();
    expect(events.map((e) => e.type)).toEqual(['RecommendationsHandedOver']);
  });

  test('handover-open-only: a rejected recommendation is not handed over', () => {
    const rejected = domainEvent('RecommendationResponded', {
      recommendationId: KEY,
      decision: 'rejected',
      response: 'The council does not accept it',
      late: false,
    });
    spec
      .given([...programme, keyRaised, rejected])
      .when(handOver([KEY]), admin('2019-07-30'))
      .thenError({ _tag: 'RuleViolated', rule: 'handover-open-only' });
  });

  test('reference-missing: each recommendation exists in the programme', () => {
    const err = spec
      .given(history)
      .when(handOver(['rec-nowhere']), admin('2019-07-30'))
      .thenError({ _tag: 'RuleViolated', rule: 'reference-missing' });
    expect(err.message).toContain('data.recommendationIds');
  });

  test('handover-differs, handover-nonempty, body-active', () => {
    spec
      .given(history)
      .when(handOver([KEY], { toBodyId: 'biip' }), admin('2019-07-30'))
      .thenError({ _tag: 'RuleViolated', rule: 'handover-differs' });
    spec
      .given(history)
      .when(handOver([]), admin('2019-07-30'))
      .thenError({ _tag: 'RuleViolated', rule: 'handover-nonempty' });
    const spbGone = domainEvent('OversightBodyDissolved', {
      programmeId: P,
      bodyId: 'board-spb',
      reason: 'Replaced',
    });
    spec
      .given([...history, spbGone])
      .when(handOver([KEY]), admin('2019-07-30'))
      .thenError({ _tag: 'RuleViolated', rule: 'body-active' });
  });
});

describe('actions that mitigate a risk', () => {
  const link = command('LinkMitigatingAction', { riskId: RISK, actionId: ACT });

  test('mitigating-action: an action of the programme is linked to the risk', () => {
    spec
      .given([...programme, statutoryRaised, actionPlanned, riskIdentified])
      .when(link, officer())
      .then([domainEvent('MitigatingActionLinked', { riskId: RISK, actionId: ACT })]);
  });

  test('mitigation-once: linked once', () => {
    spec
      .given([
        ...programme,
        statutoryRaised,
        actionPlanned,
        riskIdentified,
        domainEvent('MitigatingActionLinked', { riskId: RISK, actionId: ACT }),
      ])
      .when(link, officer())
      .thenError({ _tag: 'RuleViolated', rule: 'mitigation-once' });
  });

  test('reference-missing: the action exists, naming data.actionId', () => {
    const err = spec
      .given([...programme, riskIdentified])
      .when(link, officer())
      .thenError({ _tag: 'RuleViolated', rule: 'reference-missing' });
    expect(err.message).toContain('data.actionId');
  });

  test('programme-mismatch: the action belongs to the risk programme', () => {
    const other = domainEvent('ActionPlanned', {
      ...actionPlanned.data,
      programmeId: 'other-programme',
    });
    spec
      .given([...programme, riskIdentified, other])
      .when(link, officer())
      .thenError({ _tag: 'RuleViolated', rule: 'programme-mismatch' });
  });

  test('a closed risk takes no new link (InvalidTransition)', () => {
    spec
      .given([
        ...programme,
        statutoryRaised,
        actionPlanned,
        riskIdentified,
        domainEvent('RiskClosed', { riskId: RISK, reason: 'Settled' }),
      ])
      .when(link, officer())
      .thenError({ _tag: 'InvalidTransition' });
  });
});

/** Decodes, expects ValidationFailed, returns the failing paths. */
const failingPaths = (input: unknown): string[] => {
  const r = domainModel.decodeCommand(input);
  if (E.isRight(r)) throw new Error(`expected ValidationFailed, got ${JSON.stringify(r.right)}`);
  expect(r.left._tag).toBe('ValidationFailed');
  return r.left.errors.map((e) => e.path);
};

describe('bad input to the new commands: ValidationFailed naming the field', () => {
  test('bad-input RecordStocktake: unknown assessor, a set name not name@N, rating; bad day; missing findings', () => {
    const good = stocktake().data as Record<string, unknown>;
    expect(failingPaths({ type: 'RecordStocktake', data: { ...good, assessor: 'mayor' } })).toEqual(
      ['data.assessor'],
    );
    expect(
      failingPaths({ type: 'RecordStocktake', data: { ...good, criteriaSet: 'lga-unversioned' } }),
    ).toEqual(['data.criteriaSet']);
    // A well-formed name of no configured set is the rule criteria-set-known (see above).
    expect(failingPaths({ type: 'RecordStocktake', data: { ...good, rating: 'blue' } })).toEqual([
      'data.rating',
    ]);
    expect(
      failingPaths({ type: 'RecordStocktake', data: { ...good, heldOn: '2019-02-30' } }),
    ).toEqual(['data.heldOn']);
    const { findings: _f, ...noFindings } = good;
    expect(failingPaths({ type: 'RecordStocktake', data: noFindings })).toEqual(['data.findings']);
  });

  test('bad-input IssueBodyOutput: unknown recipient and kind', () => {
    const good = letter().data as Record<string, unknown>;
    expect(failingPaths({ type: 'IssueBodyOutput', data: { ...good, to: 'the-press' } })).toEqual([
      'data.to',
    ]);
    expect(failingPaths({ type: 'IssueBodyOutput', data: { ...good, kind: 'memo' } })).toEqual([
      'data.kind',
    ]);
  });

  test('bad-input AddStandingObserver, HandOverRecommendations, LinkMitigatingAction', () => {
    expect(
      failingPaths({
        type: 'AddStandingObserver',
        data: {
          programmeId: P,
          bodyId: 'board-spb',
          observer: 'auditor gt',
          role: 'x',
          fromDay: '2019-09-10',
        },
      }),
    ).toEqual(['data.observer']);
    expect(
      failingPaths({
        type: 'HandOverRecommendations',
        data: { ...(handOver([KEY]).data as Record<string, unknown>), recommendationIds: 'rec-1' },
      }),
    ).toEqual(['data.recommendationIds']);
    expect(failingPaths({ type: 'LinkMitigatingAction', data: { riskId: RISK } })).toEqual([
      'data.actionId',
    ]);
    expect(
      failingPaths({
        type: 'ChangePhase',
        data: { programmeId: P, phase: 'X', reason: 'y', startsOn: 'soon' },
      }),
    ).toEqual(['data.startsOn']);
  });
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
