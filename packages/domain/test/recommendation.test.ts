import {
  considerationDeadline,
  domainModel,
  makeDomainModel,
  allowAll,
  oneMonthFrom,
} from '@assure/domain';
import { command, domainEvent, domainSpec, issuer } from '@assure/domain/testing';
import {
  KEY,
  about,
  P,
  REC,
  admin,
  auditor,
  board,
  keyAgreed,
  keyClaimed,
  keyClosed,
  keyOwned,
  keyRaised,
  keyVerified,
  meeting,
  officer,
  programme,
  respond,
  statutoryRaised,
  refusedFrom,
  OK,
  invalidFrom,
  ruleViolated,
  checkRules,
} from './fixtures';
import type { DomainEvent } from '@assure/domain';
import type { Rules } from './fixtures';

const spec = domainSpec();
const openSpec = domainSpec(makeDomainModel({ authorization: allowAll }));

const { raisedOn: _raisedOn, ...raiseStatutory } = statutoryRaised.data;
const { raisedOn: _keyRaisedOn, ...raiseKey } = keyRaised.data;

const agreedStatutory = domainEvent('RecommendationResponded', {
  recommendationId: REC,
  decision: 'accepted',
  response: 'Cabinet accepts the statutory recommendation',
  meetingId: 'cabinet-2018-09-18',
  programmeId: P,
  late: false,
});
/** A cabinet meeting held on `day` (id `cabinet-<day>`). */
const cabinetOn = (day: string) => meeting(`cabinet-${day}`, 'cabinet-bcc', day);
/** The statutory recommendation agreed at the cabinet meeting of `day`. */
const respondedAt = (day: string, late: boolean) =>
  domainEvent('RecommendationResponded', {
    ...agreedStatutory.data,
    meetingId: `cabinet-${day}`,
    late,
    consideredOn: day,
  });
const extended = domainEvent('ConsiderationPeriodExtended', {
  recommendationId: REC,
  untilOn: '2018-10-31',
  reason: 'Full council meets in October',
});

const raise = (data: Partial<typeof raiseStatutory> = {}) =>
  command('RaiseRecommendation', { ...raiseStatutory, ...data });
const raiseKeyCommand = command('RaiseRecommendation', raiseKey);

const raisingRules: Rules = {
  'RaiseRecommendation records raisedOn, the UTC day of the valid time, and raisedBy, the actor': [
    [
      programme,
      raise(),
      auditor('2018-08-31T16:30:00.000Z'),
      [domainEvent('RecommendationRaised', { ...statutoryRaised.data, raisedBy: 'auditor-gt' })],
    ],
  ],
  'recommendation-once: raising twice is AlreadyExists': [
    [
      [...programme, statutoryRaised],
      raise(),
      auditor('2018-08-31'),
      { _tag: 'AlreadyExists', stream: `recommendation-${REC}` },
    ],
  ],
  'statutory-source-auditor: statutory only with source external-auditor': [
    [
      programme,
      raise({ source: 'improvement-panel' }),
      auditor('2018-08-31'),
      ruleViolated('statutory-source-auditor'),
    ],
  ],
  'reference-missing: the area must exist': [
    [
      programme,
      command('RaiseRecommendation', { ...raiseKey, areaId: 'area-nowhere' }),
      board(),
      ruleViolated('reference-missing'),
    ],
  ],
  'reference-missing: the programme must exist': [
    [[], raiseKeyCommand, board(), ruleViolated('reference-missing')],
  ],
  'recommendation-not-found: a command on a missing recommendation is NotFound': [
    [programme, respond(), board(), { _tag: 'NotFound', stream: `recommendation-${REC}` }],
  ],
};

describe('Recommendation: raising', () => {
  checkRules(raisingRules);
});

/** The statutory recommendation, raised in the programme, and `before` it more history. */
const raisedAfter = (...before: DomainEvent[]) => [...programme, ...before, statutoryRaised];
/** The council's response at the meeting `meetingId` of this programme. */
const respondAt = (meetingId: string) => respond({ meetingId, programmeId: P });
const cabinetMeetings = [cabinetOn('2018-10-31'), cabinetOn('2018-11-01')];
const respondKey = (decision: 'accepted' | 'rejected', response: string) =>
  command('RespondToRecommendation', { recommendationId: KEY, decision, response });
const extend = command('ExtendConsiderationPeriod', extended.data);

const considerationRules: Rules = {
  'statutory-response-meeting: a statutory response needs a meetingId': [
    [raisedAfter(), respond(), board('2018-09-18'), ruleViolated('statutory-response-meeting')],
  ],
  'statutory-response-meeting: the meeting must be of a cabinet or full-council body': [
    [
      raisedAfter(),
      respondAt('audit-2018-09-25'),
      board('2018-09-25'),
      ruleViolated('statutory-response-meeting'),
    ],
  ],
  'a statutory response at a full-council meeting is accepted': [
    [raisedAfter(), respondAt('council-2018-09-11'), admin('2018-09-11'), OK],
  ],
  'reference-missing: the meeting must be recorded in the programme': [
    [
      raisedAfter(),
      respondAt('cabinet-2099-01-01'),
      board('2018-09-18'),
      ruleViolated('reference-missing'),
    ],
  ],
  "programme-mismatch: the programmeId must be the recommendation's": [
    [
      raisedAfter(),
      respond({ meetingId: 'cabinet-2018-09-18', programmeId: 'other-programme' }),
      board(),
      ruleViolated('programme-mismatch'),
    ],
  ],
  'statutory-late: a meeting on the deadline day is not late': [
    [
      raisedAfter(cabinetOn('2018-09-30')),
      respondAt('cabinet-2018-09-30'),
      board('2018-09-30T23:59:59.999Z'),
      [respondedAt('2018-09-30', false)],
    ],
  ],
  'statutory-late: a meeting after the deadline is flagged late': [
    [
      raisedAfter(cabinetOn('2018-10-01')),
      respondAt('cabinet-2018-10-01'),
      board('2018-10-01'),
      [respondedAt('2018-10-01', true)],
    ],
  ],
  "statutory-late: the auditor's extension moves the deadline": [
    [
      [...raisedAfter(...cabinetMeetings), extended],
      respondAt('cabinet-2018-10-31'),
      board('2018-10-31'),
      [respondedAt('2018-10-31', false)],
    ],
    [
      [...raisedAfter(...cabinetMeetings), extended],
      respondAt('cabinet-2018-11-01'),
      board('2018-11-01'),
      [respondedAt('2018-11-01', true)],
    ],
  ],
  'a non-statutory response is never late and needs no meeting': [
    [
      [...programme, keyRaised],
      respondKey('accepted', 'The council accepts the Kerslake recommendation'),
      board('2019-01-01'),
      [keyAgreed],
    ],
  ],
  'ExtendConsiderationPeriod records ConsiderationPeriodExtended': [
    [raisedAfter(), extend, auditor('2018-09-20'), [extended]],
  ],
  'consideration-statutory-only: only a statutory recommendation has a consideration period': [
    [
      [...programme, keyRaised],
      command('ExtendConsiderationPeriod', { ...extended.data, recommendationId: KEY }),
      auditor(),
      ruleViolated('consideration-statutory-only'),
    ],
  ],
  'consideration-while-raised: no extension after the response': [
    [
      [...raisedAfter(), agreedStatutory],
      extend,
      auditor(),
      { ...invalidFrom('agreed'), command: 'ExtendConsiderationPeriod' },
    ],
  ],
  'respond-once: a second response is InvalidTransition from agreed': [
    [
      [...programme, keyRaised, keyAgreed],
      respondKey('rejected', 'Changed our mind'),
      board(),
      { ...invalidFrom('agreed'), command: 'RespondToRecommendation' },
    ],
  ],
};

describe('Recommendation: statutory consideration', () => {
  checkRules(considerationRules);

  test('consideration deadline is raised day + 1 month - 1 day, end of month clamped', () => {
    expect(oneMonthFrom('2018-08-31')).toBe('2018-09-30');
    expect(oneMonthFrom('2019-03-15')).toBe('2019-04-14');
    expect(oneMonthFrom('2019-01-31')).toBe('2019-02-28');
    expect(oneMonthFrom('2020-01-30')).toBe('2020-02-29');
    expect(oneMonthFrom('2019-01-28')).toBe('2019-02-27');
    expect(oneMonthFrom('2019-12-01')).toBe('2019-12-31');
    expect(oneMonthFrom('2019-12-31')).toBe('2020-01-30');
    expect(considerationDeadline({ raisedOn: '2018-08-31', considerationUntilOn: null })).toBe(
      '2018-09-30',
    );
    expect(
      considerationDeadline({ raisedOn: '2018-08-31', considerationUntilOn: '2018-10-31' }),
    ).toBe('2018-10-31');
  });

  test('rejected: decision rejected leads to status rejected', () => {
    const rejected = domainEvent('RecommendationResponded', {
      ...keyAgreed.data,
      decision: 'rejected',
    });
    const s = [...programme, keyRaised, rejected].reduce(
      (st, e) => domainModel.evolve(st, e),
      domainModel.initialState(`recommendation-${KEY}`),
    );
    expect(s.kind === 'recommendation' && s.status).toBe('rejected');
    spec
      .given([...programme, keyRaised, rejected])
      .when(
        command('AssignRecommendationOwner', { recommendationId: KEY, owner: 'officer-x' }),
        officer(),
      )
      .thenOk();
  });
});

describe('Recommendation: owner, extensions and due dates', () => {
  const base = [...programme, keyRaised, keyAgreed];
  const onKey = about('recommendationId', KEY);
  const [request, requested] = onKey.recorded(
    'RequestRecommendationExtension',
    'RecommendationExtensionRequested',
    { proposedDueOn: '2016-06-30', reason: 'Constitution review takes longer' },
  );
  const [decline, declined] = onKey.recorded(
    'DeclineRecommendationExtension',
    'RecommendationExtensionDeclined',
    { reason: 'No' },
  );
  const revise = onKey.command('ReviseRecommendationDueDate', {
    dueOn: '2016-06-30',
    reason: 'Extension granted',
    approvedBy: 'board-spb-chair',
  });
  const assign = (owner: string) => onKey.command('AssignRecommendationOwner', { owner });
  const withdrawn = onKey.event('RecommendationWithdrawn', {
    reason: 'Superseded',
    approvedBy: 'board-spb-chair',
  });
  const closed = [...base, keyOwned, keyClaimed, keyVerified, keyClosed];
  const reviseTo = (dueOn: string) =>
    command('ReviseRecommendationDueDate', { ...revise.data, dueOn });
  const revised = (dueOn: string, previousDueOn: string) =>
    domainEvent('RecommendationDueDateRevised', {
      ...revise.data,
      dueOn,
      previousDueOn,
      originalDueOn: '2015-12-31',
    });
  const first = revised('2016-06-30', '2015-12-31');

  /** Each rule's decision table: its rows are checked in order. */
  const rules: Rules = {
    'AssignRecommendationOwner carries previousOwner when there was one': [
      [base, assign('officer-governance'), officer(), [keyOwned]],
      [
        [...base, keyOwned],
        assign('officer-cfo'),
        officer(),
        [
          domainEvent('RecommendationOwnerAssigned', {
            recommendationId: KEY,
            owner: 'officer-cfo',
            previousOwner: 'officer-governance',
          }),
        ],
      ],
    ],
    'owner-not-final: no owner for withdrawn or closed recommendations': [
      [[...base, withdrawn], assign('officer-cfo'), officer(), invalidFrom('withdrawn')],
      [closed, assign('officer-cfo'), officer(), invalidFrom('closed')],
    ],
    'extension-from-agreed: a request needs an agreed recommendation': [
      [base, request, officer(), [requested]],
    ],
    'one-pending-extension: a second request while one is pending is refused': [
      [[...base, requested], request, officer(), ruleViolated('one-pending-extension')],
    ],
    'extension-pending: declining needs a pending request; after a decline a new request may be made':
      [
        [base, decline, board(), ruleViolated('extension-pending')],
        [[...base, requested], decline, board(), [declined]],
        [[...base, requested, declined], request, officer(), OK],
      ],
    'revision-settles-request: a revision settles the pending request': [
      [[...base, requested], revise, board(), [first]],
      [[...base, requested, first], request, officer(), OK],
    ],
    'original-due-date-kept: a second revision still carries the original due date': [
      [[...base, first], reviseTo('2016-12-31'), board(), [revised('2016-12-31', '2016-06-30')]],
    ],
    'due-date-changes: revising to the current due date is refused': [
      [base, reviseTo('2015-12-31'), board(), ruleViolated('due-date-changes')],
    ],
  };

  checkRules(rules);

  test('extension-from-agreed: a raised recommendation cannot request one', () => {
    refusedFrom(request, officer(), { raised: [...programme, keyRaised] });
  });

  test('revise-open-only: no revision of a closed recommendation', () => {
    refusedFrom(revise, board(), {
      closed,
    });
  });

  test('approvedBy-required: a revision without approvedBy is ValidationFailed', () => {
    const { approvedBy: _a, ...noApproval } = revise.data;
    const r = domainModel.decodeCommand({ type: 'ReviseRecommendationDueDate', data: noApproval });
    expect(r).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'ValidationFailed', errors: [{ path: 'data.approvedBy' }] },
    });
  });
});

describe('Recommendation: implementation and verification', () => {
  const base = [...programme, keyRaised, keyAgreed, keyOwned];
  const claim = command('ClaimImplementation', {
    recommendationId: KEY,
    summary: keyClaimed.data.summary,
    evidence: keyClaimed.data.evidence,
  });
  const verify = command('VerifyImplementation', keyVerified.data);

  test('ClaimImplementation records the claimant', () => {
    spec.given(base).when(claim, officer()).then([keyClaimed]);
  });

  test('claim-from-agreed: a raised recommendation cannot be claimed', () => {
    refusedFrom(claim, officer(), { raised: [...programme, keyRaised] });
  });

  test('evidence-required: a claim needs at least one evidence item', () => {
    spec
      .given(base)
      .when(command('ClaimImplementation', { ...claim.data, evidence: [] }), officer())
      .thenError({ _tag: 'RuleViolated', rule: 'evidence-required' });
  });

  test('VerifyImplementation verified / not-verified', () => {
    spec
      .given([...base, keyClaimed])
      .when(verify, auditor())
      .then([keyVerified]);
    const notVerified = command('VerifyImplementation', {
      ...verify.data,
      outcome: 'not-verified',
    });
    spec
      .given([...base, keyClaimed])
      .when(notVerified, auditor())
      .then([
        domainEvent('ImplementationNotVerified', { ...verify.data, outcome: 'not-verified' }),
      ]);
    // not verified goes back to agreed: it can be claimed again
    spec
      .given([
        ...base,
        keyClaimed,
        domainEvent('ImplementationNotVerified', { ...verify.data, outcome: 'not-verified' }),
      ])
      .when(claim, officer())
      .thenOk();
  });

  test('verify-from-claimed: verification needs a claim', () => {
    refusedFrom(verify, auditor(), { agreed: base });
  });

  test('verifier-independent: the claimant may not verify', () => {
    openSpec
      .given([...base, keyClaimed])
      .when(verify, issuer('officer-cfo', 'board'))
      .thenError({ _tag: 'RuleViolated', rule: 'verifier-independent' });
  });

  test('verifier-independent: the owner may not verify', () => {
    openSpec
      .given([...base, keyClaimed])
      .when(verify, issuer('officer-governance', 'board'))
      .thenError({ _tag: 'RuleViolated', rule: 'verifier-independent' });
  });

  test('CloseRecommendation from verified only', () => {
    const close = command('CloseRecommendation', { recommendationId: KEY, note: 'Done' });
    spec
      .given([...base, keyClaimed, keyVerified])
      .when(close, board())
      .then([keyClosed]);
    refusedFrom(close, board(), { 'implementation-claimed': [...base, keyClaimed] });
  });

  test('ReopenRecommendation from verified or closed, back to agreed', () => {
    const reopen = command('ReopenRecommendation', {
      recommendationId: KEY,
      reason: 'Slipped back',
    });
    const reopened = domainEvent('RecommendationReopened', reopen.data);
    spec
      .given([...base, keyClaimed, keyVerified])
      .when(reopen, board())
      .then([reopened]);
    spec
      .given([...base, keyClaimed, keyVerified, keyClosed])
      .when(reopen, auditor())
      .then([reopened]);
    spec.given(base).when(reopen, board()).thenError({ _tag: 'InvalidTransition', from: 'agreed' });
    spec
      .given([...base, keyClaimed, keyVerified, keyClosed, reopened])
      .when(claim, officer())
      .thenOk();
  });
});

describe('Recommendation: withdrawal', () => {
  const withdraw = (id: string) =>
    command('WithdrawRecommendation', {
      recommendationId: id,
      reason: 'Superseded',
      approvedBy: 'admin-ceo',
    });

  test('WithdrawRecommendation from raised or agreed', () => {
    spec
      .given([...programme, keyRaised])
      .when(withdraw(KEY), board())
      .then([domainEvent('RecommendationWithdrawn', withdraw(KEY).data)]);
    spec
      .given([...programme, keyRaised, keyAgreed])
      .when(withdraw(KEY), admin())
      .thenOk();
    spec
      .given([...programme, keyRaised, keyAgreed, keyOwned, keyClaimed])
      .when(withdraw(KEY), board())
      .thenError({ _tag: 'InvalidTransition', from: 'implementation-claimed' });
  });

  test('statutory-withdraw-auditor: a statutory recommendation is withdrawn only by the auditor', () => {
    spec
      .given([...programme, statutoryRaised])
      .when(withdraw(REC), board())
      .thenError({ _tag: 'Forbidden', role: 'board', command: 'WithdrawRecommendation' });
    spec
      .given([...programme, statutoryRaised])
      .when(withdraw(REC), admin())
      .thenError({ _tag: 'Forbidden', role: 'admin' });
    spec
      .given([...programme, statutoryRaised])
      .when(withdraw(REC), auditor())
      .thenOk();
  });

  test('approvedBy-required: a withdrawal without approvedBy is ValidationFailed', () => {
    const r = domainModel.decodeCommand({
      type: 'WithdrawRecommendation',
      data: { recommendationId: KEY, reason: 'Superseded' },
    });
    expect(r).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'ValidationFailed', errors: [{ path: 'data.approvedBy' }] },
    });
  });
});
