import { command, domainEvent, domainSpec } from '@assure/domain/testing';
import type { Rules } from './fixtures';
import {
  P,
  checkRules,
  createdOnce,
  about,
  bodyDissolved,
  RISK,
  officer,
  adviser,
  board,
  programme,
  riskIdentified,
  riskRescored,
  refusedFrom,
  OK,
  ruleViolated,
  invalidFrom,
} from './fixtures';

const spec = domainSpec();
const base = [...programme, riskIdentified];
const onRisk = about('riskId', RISK);
const [close, closed] = onRisk.recorded('CloseRisk', 'RiskClosed', { reason: 'Claims settled' });
const rescore = (likelihood: number, impact: number, nextReviewOn?: string) =>
  onRisk.command('RescoreRisk', {
    likelihood,
    impact,
    rationale: 'Settlement offers accepted by most claimants',
    ...(nextReviewOn === undefined ? {} : { nextReviewOn }),
  });

const identify = command('IdentifyRisk', riskIdentified.data);
const { areaId: _a, ...programmeWide } = riskIdentified.data;
const escalateTo = (body: string) =>
  onRisk.command('EscalateRisk', { to: body, reason: 'Liability rising' });
const escalate = escalateTo('board-spb');
const escalated = domainEvent('RiskEscalated', escalate.data);
const deescalate = onRisk.command('DeescalateRisk', { reason: 'Settled' });
const setTarget = onRisk.command('SetRiskTarget', { likelihood: 1, impact: 4, reason: 'Ambition' });
const reassign = onRisk.command('ReassignRiskOwner', {
  owner: 'officer-hr',
  reason: 'HR leads settlements',
});
const [control, controlAdded] = onRisk.recorded('AddRiskControl', 'RiskControlAdded', {
  controlId: 'ctl-job-evaluation',
  description: 'Job evaluation scheme',
  owner: 'officer-hr',
});
const dissolved = bodyDissolved('board-spb', 'Stood down');
const reopen = onRisk.command('ReopenRisk', { reason: 'New claims' });
const afterClose = [...base, closed];
const refused = ruleViolated;
const from = invalidFrom;
const scored = (likelihood: number, impact: number) => ({ likelihood, impact });
const rationale = 'Settlement offers accepted by most claimants';

/** Each rule's decision table: its rows are checked in order. */
const rules: Rules = {
  ...createdOnce('risk', 'identifying', [programme, identify, officer(), riskIdentified]),
  'reference-missing: the programme and the area (when given) must exist': [
    [[], identify, officer(), refused('reference-missing')],
    [
      programme,
      command('IdentifyRisk', { ...riskIdentified.data, areaId: 'area-games' }),
      officer(),
      refused('reference-missing'),
    ],
    [
      programme,
      command('IdentifyRisk', { ...programmeWide, riskId: 'commonwealth-games' }),
      officer(),
      OK,
    ],
  ],
  'risk-not-found: commands on a missing risk are NotFound': [
    [programme, rescore(4, 5), officer(), { _tag: 'NotFound', stream: `risk-${RISK}` }],
  ],
  'current-starts-at-inherent: the first rescore compares with the inherent score': [
    [
      base,
      rescore(4, 5, '2019-06-30'),
      officer(),
      [
        domainEvent('RiskRescored', {
          riskId: RISK,
          ...scored(4, 5),
          rationale,
          nextReviewOn: '2019-06-30',
          previous: scored(5, 5),
          current: scored(4, 5),
        }),
      ],
    ],
  ],
  'rescore-unchanged-reviewed: RescoreRisk with unchanged scores gives RiskReviewed': [
    [
      base,
      rescore(5, 5),
      officer(),
      [
        domainEvent('RiskReviewed', {
          riskId: RISK,
          ...scored(5, 5),
          rationale,
          current: scored(5, 5),
        }),
      ],
    ],
  ],
  'risk-open-only: RescoreRisk, SetRiskTarget, ReassignRiskOwner, EscalateRisk need an open risk': [
    [afterClose, rescore(3, 3), officer(), from('closed')],
    [afterClose, setTarget, officer(), from('closed')],
    [afterClose, reassign, officer(), from('closed')],
    [afterClose, escalate, board(), from('closed')],
  ],
  'SetRiskTarget carries previous': [
    [
      base,
      setTarget,
      officer(),
      [domainEvent('RiskTargetSet', { ...setTarget.data, previous: scored(2, 4) })],
    ],
  ],
  'ReassignRiskOwner carries previousOwner': [
    [
      base,
      reassign,
      officer(),
      [domainEvent('RiskOwnerReassigned', { ...reassign.data, previousOwner: 'officer-cfo' })],
    ],
  ],
  'control-id-unique: a control id is unique per risk': [
    [base, control, officer(), [controlAdded]],
    [[...base, controlAdded], control, officer(), refused('control-id-unique')],
  ],
  'escalation-toggles: escalate when not escalated, de-escalate when escalated': [
    [base, escalate, adviser(), [escalated]],
    [[...base, escalated], escalate, board(), from('escalated')],
    [base, deescalate, officer(), from('not-escalated')],
    [
      [...base, escalated],
      deescalate,
      officer(),
      [domainEvent('RiskDeescalated', deescalate.data)],
    ],
  ],
  "reference-missing / body-active: EscalateRisk names an active body of the risk's programme": [
    [base, escalateTo('body-nowhere'), adviser(), refused('reference-missing')],
    [[...base, dissolved], escalateTo('board-spb'), adviser(), refused('body-active')],
  ],
  'close-reopen: CloseRisk from open, ReopenRisk from closed': [
    [base, close, officer(), [closed]],
    [afterClose, reopen, officer(), [domainEvent('RiskReopened', reopen.data)]],
    [base, reopen, officer(), from('open')],
  ],
};

describe('Risk', () => {
  checkRules(rules);

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

  test('close-reopen: a closed risk cannot be closed again', () => {
    refusedFrom(close, officer(), { closed: afterClose });
  });

  test('score-range: a likelihood of 0 or an impact of 6 is refused by the codec', () => {
    expect(() =>
      command('IdentifyRisk', { ...riskIdentified.data, inherent: { likelihood: 0, impact: 3 } }),
    ).toThrow(/inherent\.likelihood/);
    expect(() => rescore(3, 6)).toThrow(/impact/);
    expect(P).toBe('bcc-improvement');
  });
});
