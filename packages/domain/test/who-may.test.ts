// Who may do what with a recommendation of the improvement panel or the external auditor: an
// adviser advises and reports, so verifying or reopening one belongs to the panel, the
// auditor or the board; re-dating one needs its raiser's (or successor's) agreement, recorded.
import type { DomainEvent } from '@assure/domain';
import { command, domainEvent, domainSpec } from '@assure/domain/testing';
import {
  KEY,
  P,
  adviser,
  admin,
  auditor,
  board,
  keyClaimed,
  keyOwned,
  keyRaised,
  keyVerified,
  programme,
  scenarios,
  OK,
} from './fixtures';

const spec = domainSpec();

const PANEL_REC = 'rec-biip-2017-01';
const panelRaised = domainEvent('RecommendationRaised', {
  ...keyRaised.data,
  recommendationId: PANEL_REC,
  source: 'improvement-panel',
});
const on = (recommendationId: string) => ({ recommendationId });
const panelHistory = (...more: readonly { type: string; data: object }[]) => [
  ...programme,
  panelRaised,
  domainEvent('RecommendationResponded', {
    ...on(PANEL_REC),
    decision: 'accepted',
    response: 'Accepted',
    late: false,
  }),
  domainEvent('RecommendationOwnerAssigned', { ...keyOwned.data, ...on(PANEL_REC) }),
  ...more.map((e) => domainEvent(e.type as never, { ...e.data, ...on(PANEL_REC) } as never)),
];
const claimed = panelHistory(keyClaimed);
const verified = panelHistory(keyClaimed, keyVerified);
const verify = (recommendationId: string) =>
  command('VerifyImplementation', { recommendationId, outcome: 'verified', notes: 'Seen' });
const reopen = (recommendationId: string) =>
  command('ReopenRecommendation', { recommendationId, reason: 'Slipped back' });

describe("adviser-not-panel: an adviser does not verify or reopen a Panel's or auditor's recommendation", () => {
  test('adviser-not-panel: VerifyImplementation of a panel recommendation by an adviser is Forbidden', () => {
    const err = spec
      .given(claimed)
      .when(verify(PANEL_REC), adviser())
      .thenError({ _tag: 'Forbidden', role: 'adviser', command: 'VerifyImplementation' });
    expect(err.message).toContain('improvement-panel');
  });

  test('adviser-not-panel: ReopenRecommendation of a panel recommendation by an adviser is Forbidden', () => {
    spec
      .given(verified)
      .when(reopen(PANEL_REC), adviser())
      .thenError({ _tag: 'Forbidden', role: 'adviser', command: 'ReopenRecommendation' });
  });

  test('adviser-not-panel: the board and the auditor may; an adviser may for other sources', () => {
    spec.given(claimed).when(verify(PANEL_REC), board()).thenOk();
    spec.given(verified).when(reopen(PANEL_REC), auditor()).thenOk();
    spec
      .given([
        ...programme,
        keyRaised,
        domainEvent('RecommendationResponded', {
          ...on(KEY),
          decision: 'accepted',
          response: 'Accepted',
          late: false,
        }),
        keyOwned,
        keyClaimed,
      ])
      .when(verify(KEY), adviser())
      .thenOk();
  });
});

describe("redate-agreed-by-raiser: a Panel or auditor recommendation is re-dated with its raiser's agreement", () => {
  const revise = (recommendationId: string, extra: Record<string, string> = {}) =>
    command('ReviseRecommendationDueDate', {
      recommendationId,
      dueOn: '2016-06-30',
      reason: 'More time for the new constitution',
      approvedBy: 'cllr-leader',
      ...extra,
    });

  test('redate-agreed-by-raiser: without agreedBy it is refused, naming data.agreedBy', () => {
    const err = spec
      .given(panelHistory())
      .when(revise(PANEL_REC), admin())
      .thenError({ _tag: 'RuleViolated', rule: 'redate-agreed-by-raiser' });
    expect(err.message).toContain('data.agreedBy');
  });

  test('redate-agreed-by-raiser: agreedBy is recorded on the revision', () => {
    spec
      .given(panelHistory())
      .when(revise(PANEL_REC, { agreedBy: 'biip-chair' }), admin())
      .then([
        domainEvent('RecommendationDueDateRevised', {
          ...revise(PANEL_REC, { agreedBy: 'biip-chair' }).data,
          previousDueOn: '2015-12-31',
          originalDueOn: '2015-12-31',
        }),
      ]);
  });

  const raisedByChair = domainEvent('RecommendationRaised', {
    ...panelRaised.data,
    raisedBy: 'biip-chair',
  });
  const recordedRaiser = (...more: readonly DomainEvent[]): DomainEvent[] => [
    ...panelHistory().map((e): DomainEvent => (e === panelRaised ? raisedByChair : e)),
    ...more,
  ];
  const handedToBoard = domainEvent('RecommendationsHandedOver', {
    programmeId: P,
    fromBodyId: 'biip',
    toBodyId: 'board-spb',
    recommendationIds: [PANEL_REC],
    handedOverOn: '2019-03-30',
  });

  test('redate-agreed-by-raiser: agreedBy naming someone other than the raiser is refused, naming data.agreedBy and the raiser', () => {
    const err = spec
      .given(recordedRaiser())
      .when(revise(PANEL_REC, { agreedBy: 'cllr-leader' }), admin())
      .thenError({ _tag: 'RuleViolated', rule: 'redate-agreed-by-raiser' });
    expect(err.message).toContain('data.agreedBy');
    expect(err.message).toContain('biip-chair');
  });

  test.each([
    ['the raiser recorded on the raising agrees', recordedRaiser(), PANEL_REC, 'biip-chair'],
    [
      'after a handover the successor body agrees',
      recordedRaiser(handedToBoard),
      PANEL_REC,
      'board-spb',
    ],
    [
      'a recommendation raised before the raiser was recorded accepts any named agreedBy',
      panelHistory(),
      PANEL_REC,
      'someone-else',
    ],
    ['other sources need no agreement', [...programme, keyRaised], KEY, undefined],
  ] as const)('redate-agreed-by-raiser: %s', (_case, history, rec, agreedBy) => {
    scenarios([
      [history, revise(rec, agreedBy === undefined ? undefined : { agreedBy }), admin(), OK],
    ]);
  });

  test('redate-agreed-by-raiser: after a handover only the successor body agrees', () => {
    const err = spec
      .given(recordedRaiser(handedToBoard))
      .when(revise(PANEL_REC, { agreedBy: 'biip-chair' }), admin())
      .thenError({ _tag: 'RuleViolated', rule: 'redate-agreed-by-raiser' });
    expect(err.message).toContain('board-spb');
  });
});
