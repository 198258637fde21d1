import * as E from 'fp-ts/Either';
import type { Command, Role } from '@assure/domain';
import { commandTypes, domainModel, roles, rolesV1, rolesV1Table } from '@assure/domain';
import { command, domainSpec, issuer } from '@assure/domain/testing';
import { programme, statutoryRaised } from './fixtures';
import { samples } from './samples';

// The roles@1 table of DOMAIN.md, written out again independently of the implementation.
const table: Record<string, readonly Role[]> = {};
const row = (roles: readonly Role[], ...types: string[]) =>
  types.forEach((t) => (table[t] = roles));
row(
  ['admin'],
  'EstablishProgramme',
  'ChangePhase',
  'DefinePriorityArea',
  'RetirePriorityArea',
  'ConstituteBody',
  'DissolveBody',
  'AppointAdviser',
  'ReassignAdviser',
  'StandDownAdviser',
  'AddStandingObserver',
  'HandOverRecommendations',
);
row(
  ['admin', 'officer'],
  'RecordMeeting',
  'SubmitProgressReport',
  'AssessCriterion',
  'RecordStocktake',
);
row(['admin', 'officer', 'board'], 'IssueBodyOutput');
row(['adviser'], 'SubmitAdviserReport');
row(['auditor', 'board', 'adviser', 'officer'], 'RaiseRecommendation');
row(['auditor'], 'ExtendConsiderationPeriod', 'RecordStatutoryRecommendationSent');
row(['officer', 'admin', 'board'], 'PublishStatutoryNotice', 'NotifyAuditor');
row(
  ['board', 'admin'],
  'RespondToRecommendation',
  'DeclineRecommendationExtension',
  'ReviseRecommendationDueDate',
  'ReviseActionDueDate',
  'CancelAction',
);
row(['board', 'admin', 'auditor'], 'WithdrawRecommendation');
row(
  ['officer', 'admin'],
  'AssignRecommendationOwner',
  'RequestRecommendationExtension',
  'ClaimImplementation',
  'PlanAction',
  'RecordActionProgress',
  'ReassignActionLead',
  'CompleteAction',
  'ReopenAction',
  'IdentifyRisk',
  'RescoreRisk',
  'SetRiskTarget',
  'ReassignRiskOwner',
  'AddRiskControl',
  'CloseRisk',
  'ReopenRisk',
  'LinkMitigatingAction',
);
row(
  ['board', 'auditor', 'adviser'],
  'VerifyImplementation',
  'CloseRecommendation',
  'ReopenRecommendation',
);
row(['officer', 'adviser', 'board'], 'EscalateRisk', 'DeescalateRisk');
row(['admin', 'auditor'], 'SealLedger');

const authorize = (c: Command, role: string, actor = 'nea-max-caller') =>
  domainModel.authorize(c, issuer(actor, role, '2019-04-01'));

describe('roles@1', () => {
  test('the table covers every command type and matches DOMAIN.md', () => {
    expect(Object.keys(table).sort()).toEqual([...commandTypes].sort());
    for (const t of commandTypes)
      expect([...rolesV1Table[t]].sort()).toEqual([...(table[t] ?? [])].sort());
  });

  describe.each(commandTypes.map((t) => [t]))('roles@1 %s', (type) => {
    const allowed = table[type] ?? [];
    const c = samples[type];
    test.each(allowed.map((r) => [r]))(`roles@1 ${type}: %s allowed`, (role) => {
      expect(authorize(c, role)).toEqual(E.right(undefined));
    });
    const refused = roles.filter((r) => r !== 'system' && !allowed.includes(r));
    if (refused.length > 0)
      test.each(refused.map((r) => [r]))(`roles@1 ${type}: %s refused`, (role) => {
        expect(authorize(c, role)).toEqual(
          E.left(expect.objectContaining({ _tag: 'Forbidden', role, command: type })),
        );
      });
    test(`roles@1 ${type}: system allowed`, () => {
      expect(authorize(c, 'system', 'system-import')).toEqual(E.right(undefined));
    });
    test(`roles@1 ${type}: an unknown role refused`, () => {
      expect(authorize(c, 'mayor')).toMatchObject({ _tag: 'Left', left: { _tag: 'Forbidden' } });
    });
  });

  const raise = samples.RaiseRecommendation;
  const raiseWith = (source: string, classification: string) =>
    command('RaiseRecommendation', {
      ...(raise.data as Record<string, unknown>),
      source,
      classification,
    } as never);

  test('roles@1 RaiseRecommendation statutory: only the auditor', () => {
    const statutory = raiseWith('external-auditor', 'statutory');
    expect(authorize(statutory, 'auditor')).toEqual(E.right(undefined));
    for (const role of ['board', 'adviser', 'officer', 'admin'])
      expect(authorize(statutory, role)).toMatchObject({
        _tag: 'Left',
        left: { _tag: 'Forbidden', role },
      });
  });

  test('roles@1 RaiseRecommendation non-statutory: auditor, board, adviser any source', () => {
    const key = raiseWith('kerslake-review', 'key');
    for (const role of ['auditor', 'board', 'adviser'])
      expect(authorize(key, role)).toEqual(E.right(undefined));
  });

  test('roles@1 RaiseRecommendation officer: sources internal-audit, service-review, other only', () => {
    for (const source of ['internal-audit', 'service-review', 'other'])
      expect(authorize(raiseWith(source, 'improvement'), 'officer')).toEqual(E.right(undefined));
    for (const source of [
      'kerslake-review',
      'improvement-panel',
      'external-auditor',
      'peer-challenge',
      'best-value-notice',
      'secretary-of-state',
    ])
      expect(authorize(raiseWith(source, 'improvement'), 'officer')).toMatchObject({
        _tag: 'Left',
        left: { _tag: 'Forbidden' },
      });
  });

  test('roles@1 SubmitAdviserReport: adviser (self) only', () => {
    const c = samples.SubmitAdviserReport;
    expect(authorize(c, 'adviser', 'nea-max-caller')).toEqual(E.right(undefined));
    expect(authorize(c, 'adviser', 'nea-donna-hall')).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'Forbidden' },
    });
  });

  test('roles@1 WithdrawRecommendation statutory: auditor only (board and admin refused)', () => {
    const spec = domainSpec();
    const c = command('WithdrawRecommendation', {
      recommendationId: statutoryRaised.data.recommendationId,
      reason: 'Superseded',
      approvedBy: 'admin-ceo',
    });
    spec
      .given([...programme, statutoryRaised])
      .when(c, issuer('board-spb-chair', 'board'))
      .thenError('Forbidden');
    spec
      .given([...programme, statutoryRaised])
      .when(c, issuer('admin-ceo', 'admin'))
      .thenError('Forbidden');
    spec
      .given([...programme, statutoryRaised])
      .when(c, issuer('auditor-gt', 'auditor'))
      .thenOk();
  });

  test('rolesV1 is named roles@1', () => {
    expect(rolesV1.name).toBe('roles@1');
    expect(domainModel.authorization.name).toBe('roles@1');
  });

  test('issuer-valid: a bad actor id or valid time is ValidationFailed naming meta paths', () => {
    const r = domainModel.authorize(samples.CloseRisk, {
      actor: 'Officer CFO',
      role: 'officer',
      occurredAt: '2019-02-30',
    });
    expect(r).toMatchObject({
      _tag: 'Left',
      left: {
        _tag: 'ValidationFailed',
        errors: [{ path: 'meta.actor' }, { path: 'meta.occurredAt' }],
      },
    });
  });
});
