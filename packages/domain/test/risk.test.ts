import { command, domainEvent, domainSpec } from '@assure/domain/testing';
import {
  P,
  RISK,
  officer,
  adviser,
  board,
  programme,
  riskIdentified,
  riskRescored,
  refusedFrom,
} from './fixtures';

const spec = domainSpec();
const base = [...programme, riskIdentified];
const closed = domainEvent('RiskClosed', { riskId: RISK, reason: 'Claims settled' });
const rescore = (likelihood: number, impact: number, nextReviewOn?: string) =>
  command('RescoreRisk', {
    riskId: RISK,
    likelihood,
    impact,
    rationale: 'Settlement offers accepted by most claimants',
    ...(nextReviewOn === undefined ? {} : { nextReviewOn }),
  });

describe('Risk', () => {
  test('IdentifyRisk records RiskIdentified', () => {
    spec
      .given(programme)
      .when(command('IdentifyRisk', riskIdentified.data), officer())
      .then([riskIdentified]);
  });

  test('risk-once: identifying twice is AlreadyExists', () => {
    spec
      .given(base)
      .when(command('IdentifyRisk', riskIdentified.data), officer())
      .thenError({ _tag: 'AlreadyExists', stream: `risk-${RISK}` });
  });

  test('reference-missing: the programme and the area (when given) must exist', () => {
    spec
      .given([])
      .when(command('IdentifyRisk', riskIdentified.data), officer())
      .thenError({ _tag: 'RuleViolated', rule: 'reference-missing' });
    spec
      .given(programme)
      .when(command('IdentifyRisk', { ...riskIdentified.data, areaId: 'area-games' }), officer())
      .thenError({ _tag: 'RuleViolated', rule: 'reference-missing' });
    const { areaId: _a, ...programmeWide } = riskIdentified.data;
    spec
      .given(programme)
      .when(command('IdentifyRisk', { ...programmeWide, riskId: 'commonwealth-games' }), officer())
      .thenOk();
  });

  test('risk-not-found: commands on a missing risk are NotFound', () => {
    spec
      .given(programme)
      .when(rescore(4, 5), officer())
      .thenError({ _tag: 'NotFound', stream: `risk-${RISK}` });
  });

  test('current-starts-at-inherent: the first rescore compares with the inherent score', () => {
    spec
      .given(base)
      .when(rescore(4, 5, '2019-06-30'), officer())
      .then([
        domainEvent('RiskRescored', {
          riskId: RISK,
          likelihood: 4,
          impact: 5,
          rationale: 'Settlement offers accepted by most claimants',
          nextReviewOn: '2019-06-30',
          previous: { likelihood: 5, impact: 5 },
          current: { likelihood: 4, impact: 5 },
        }),
      ]);
  });

  test('rescore-unchanged-reviewed: RescoreRisk with unchanged scores gives RiskReviewed', () => {
    spec
      .given(base)
      .when(rescore(5, 5), officer())
      .then([
        domainEvent('RiskReviewed', {
          riskId: RISK,
          likelihood: 5,
          impact: 5,
          rationale: 'Settlement offers accepted by most claimants',
          current: { likelihood: 5, impact: 5 },
        }),
      ]);
  });

  test('rescore-previous: a second rescore carries the first one as previous', () => {
    const [e] = spec
      .given([...base, riskRescored])
      .when(rescore(3, 4), officer())
      .thenOk();
    expect(e?.type === 'RiskRescored' && e.data.previous).toEqual({ likelihood: 4, impact: 5 });
  });

  test('rationale-required: a blank rationale is ValidationFailed', () => {
    expect(() =>
      command('RescoreRisk', { riskId: RISK, likelihood: 3, impact: 3, rationale: '  ' }),
    ).toThrow(/rationale/);
  });

  test('risk-open-only: RescoreRisk, SetRiskTarget, ReassignRiskOwner, EscalateRisk need an open risk', () => {
    const after = [...base, closed];
    for (const c of [
      rescore(3, 3),
      command('SetRiskTarget', { riskId: RISK, likelihood: 1, impact: 4, reason: 'x' }),
      command('ReassignRiskOwner', { riskId: RISK, owner: 'officer-hr', reason: 'x' }),
    ])
      spec.given(after).when(c, officer()).thenError({ _tag: 'InvalidTransition', from: 'closed' });
    spec
      .given(after)
      .when(command('EscalateRisk', { riskId: RISK, to: 'board-spb', reason: 'x' }), board())
      .thenError({ _tag: 'InvalidTransition', from: 'closed' });
  });

  test('SetRiskTarget carries previous', () => {
    const c = command('SetRiskTarget', {
      riskId: RISK,
      likelihood: 1,
      impact: 4,
      reason: 'Ambition',
    });
    spec
      .given(base)
      .when(c, officer())
      .then([domainEvent('RiskTargetSet', { ...c.data, previous: { likelihood: 2, impact: 4 } })]);
  });

  test('ReassignRiskOwner carries previousOwner', () => {
    const c = command('ReassignRiskOwner', {
      riskId: RISK,
      owner: 'officer-hr',
      reason: 'HR leads settlements',
    });
    spec
      .given(base)
      .when(c, officer())
      .then([domainEvent('RiskOwnerReassigned', { ...c.data, previousOwner: 'officer-cfo' })]);
  });

  test('control-id-unique: a control id is unique per risk', () => {
    const c = command('AddRiskControl', {
      riskId: RISK,
      controlId: 'ctl-job-evaluation',
      description: 'Job evaluation scheme',
      owner: 'officer-hr',
    });
    const added = domainEvent('RiskControlAdded', c.data);
    spec.given(base).when(c, officer()).then([added]);
    spec
      .given([...base, added])
      .when(c, officer())
      .thenError({ _tag: 'RuleViolated', rule: 'control-id-unique' });
  });

  test('escalation-toggles: escalate when not escalated, de-escalate when escalated', () => {
    const escalate = command('EscalateRisk', {
      riskId: RISK,
      to: 'board-spb',
      reason: 'Liability rising',
    });
    const deescalate = command('DeescalateRisk', { riskId: RISK, reason: 'Settled' });
    const escalated = domainEvent('RiskEscalated', escalate.data);
    spec.given(base).when(escalate, adviser()).then([escalated]);
    spec
      .given([...base, escalated])
      .when(escalate, board())
      .thenError({ _tag: 'InvalidTransition', from: 'escalated' });
    spec
      .given(base)
      .when(deescalate, officer())
      .thenError({ _tag: 'InvalidTransition', from: 'not-escalated' });
    spec
      .given([...base, escalated])
      .when(deescalate, officer())
      .then([domainEvent('RiskDeescalated', deescalate.data)]);
  });

  test("reference-missing / body-active: EscalateRisk names an active body of the risk's programme", () => {
    const to = (body: string) =>
      command('EscalateRisk', { riskId: RISK, to: body, reason: 'Liability rising' });
    spec
      .given(base)
      .when(to('body-nowhere'), adviser())
      .thenError({ _tag: 'RuleViolated', rule: 'reference-missing' });
    spec
      .given([
        ...base,
        domainEvent('OversightBodyDissolved', {
          programmeId: P,
          bodyId: 'board-spb',
          reason: 'Stood down',
        }),
      ])
      .when(to('board-spb'), adviser())
      .thenError({ _tag: 'RuleViolated', rule: 'body-active' });
  });

  test('close-reopen: CloseRisk from open, ReopenRisk from closed', () => {
    const close = command('CloseRisk', closed.data);
    const reopen = command('ReopenRisk', { riskId: RISK, reason: 'New claims' });
    spec.given(base).when(close, officer()).then([closed]);
    refusedFrom(close, officer(), { closed: [...base, closed] });
    spec
      .given([...base, closed])
      .when(reopen, officer())
      .then([domainEvent('RiskReopened', reopen.data)]);
    spec.given(base).when(reopen, officer()).thenError({ _tag: 'InvalidTransition', from: 'open' });
  });

  test('score-range: a likelihood of 0 or an impact of 6 is refused by the codec', () => {
    expect(() =>
      command('IdentifyRisk', { ...riskIdentified.data, inherent: { likelihood: 0, impact: 3 } }),
    ).toThrow(/inherent\.likelihood/);
    expect(() => rescore(3, 6)).toThrow(/impact/);
    expect(P).toBe('bcc-improvement');
  });
});
