// Schedule 7 of the Local Audit and Accountability Act 2014 in full: the statutory
// recommendation sent to the authority and the Secretary of State, considered by full Council
// within one month of the day sent, the decision, the notice published with the auditor's
// approval and the auditor notified. Older histories (nothing recorded as sent) stay valid.
import * as E from 'fp-ts/Either';
import { decodeEvent } from '@assure/domain';
import { command, domainEvent, domainSpec } from '@assure/domain/testing';
import {
  KEY,
  P,
  REC,
  auditor,
  board,
  keyRaised,
  meeting,
  officer,
  programme,
  statutoryRaised,
  ruleViolated,
  checkRules,
} from './fixtures';
import type { Rules } from './fixtures';

const spec = domainSpec();

/** Sent to the authority on 10 September 2018: the deadline is 9 October, not 30 September. */
const sent = (sentOn = '2018-09-10', secretaryOfStateOn = sentOn) =>
  domainEvent('StatutoryRecommendationSent', { recommendationId: REC, sentOn, secretaryOfStateOn });
const recordSent = (sentOn = '2018-09-10', secretaryOfStateOn = sentOn) =>
  command('RecordStatutoryRecommendationSent', {
    recommendationId: REC,
    sentOn,
    secretaryOfStateOn,
  });
const councilOn = (day: string) => meeting(`council-${day}`, 'council-bcc', day);
const cabinetOn = (day: string) => meeting(`cabinet-${day}`, 'cabinet-bcc', day);
const respond = (meetingId: string) =>
  command('RespondToRecommendation', {
    recommendationId: REC,
    decision: 'accepted',
    response: 'Full Council accepts the recommendation and will adopt a savings plan',
    meetingId,
  });
const responded = (day: string, late: boolean) =>
  domainEvent('RecommendationResponded', {
    recommendationId: REC,
    decision: 'accepted',
    response: 'Full Council accepts the recommendation and will adopt a savings plan',
    meetingId: `council-${day}`,
    programmeId: P,
    late,
    consideredOn: day,
  });
const meetings = [councilOn('2018-10-09'), councilOn('2018-10-10'), cabinetOn('2018-10-02')];
const base = [...programme, ...meetings, statutoryRaised];
const decided = [...base, sent(), responded('2018-10-09', false)];

const notice = (extra: Record<string, string> = {}) =>
  command('PublishStatutoryNotice', {
    recommendationId: REC,
    publishedOn: '2018-10-16',
    approvedBy: 'auditor-gt',
    approvedOn: '2018-10-15',
    summary: 'Full Council accepted the recommendation and will adopt a savings plan.',
    ...extra,
  });
const notify = (notifiedOn = '2018-10-10') =>
  command('NotifyAuditor', { recommendationId: REC, notifiedOn, auditor: 'auditor-gt' });

describe('Schedule 7: sent to the authority and the Secretary of State', () => {
  test('schedule7-sent: the auditor records both days; the event carries them', () => {
    spec
      .given(base)
      .when(recordSent('2018-09-10', '2018-09-11'), auditor('2018-09-12'))
      .then([sent('2018-09-10', '2018-09-11')]);
  });

  test('schedule7-statutory-only: a key recommendation has no Schedule 7 steps', () => {
    spec
      .given([...programme, keyRaised])
      .when(
        command('RecordStatutoryRecommendationSent', {
          recommendationId: KEY,
          sentOn: '2015-01-05',
          secretaryOfStateOn: '2015-01-05',
        }),
        auditor('2015-01-05'),
      )
      .thenError({ _tag: 'RuleViolated', rule: 'schedule7-statutory-only' });
  });

  test('schedule7-sent-once: it is sent once', () => {
    spec
      .given([...base, sent()])
      .when(recordSent('2018-09-11'), auditor('2018-09-12'))
      .thenError({ _tag: 'RuleViolated', rule: 'schedule7-sent-once' });
  });

  test('sent-after-raised: neither day may precede the raising, naming the field', () => {
    const err = spec
      .given(base)
      .when(recordSent('2018-09-10', '2018-08-30'), auditor('2018-09-12'))
      .thenError({ _tag: 'RuleViolated', rule: 'sent-after-raised' });
    expect(err.message).toContain('data.secretaryOfStateOn');
  });

  test('day-not-future: a day after the command is refused', () => {
    const err = spec
      .given(base)
      .when(recordSent('2018-09-20'), auditor('2018-09-12'))
      .thenError({ _tag: 'RuleViolated', rule: 'day-not-future' });
    expect(err.message).toContain('data.sentOn');
  });

  test('schedule7-sent: not once the authority has decided', () => {
    spec
      .given([...base, responded('2018-10-09', false)])
      .when(recordSent(), auditor('2018-10-12'))
      .thenError({ _tag: 'InvalidTransition' });
  });
});

describe('Schedule 7: considered within one month of the day sent', () => {
  test('statutory-late-from-sent: the month runs from the day sent, not the day raised', () => {
    spec
      .given([...base, sent()])
      .when(respond('council-2018-10-09'), board('2018-10-09'))
      .then([responded('2018-10-09', false)]);
    spec
      .given([...base, sent()])
      .when(respond('council-2018-10-10'), board('2018-10-10'))
      .then([responded('2018-10-10', true)]);
  });

  test('statutory-late-from-sent: an older record with no day sent counts from the day raised', () => {
    spec
      .given(base)
      .when(respond('council-2018-10-09'), board('2018-10-09'))
      .then([responded('2018-10-09', true)]);
  });

  test('schedule7-full-council: once sent, a cabinet meeting does not count', () => {
    const err = spec
      .given([...base, sent()])
      .when(respond('cabinet-2018-10-02'), board('2018-10-02'))
      .thenError({ _tag: 'RuleViolated', rule: 'statutory-response-meeting' });
    expect(err.message).toContain('full-council');
    // an older record, with no day sent, keeps the older rule
    spec.given(base).when(respond('cabinet-2018-10-02'), board('2018-10-02')).thenOk();
  });

  test('considered-after-sent: a meeting before the day sent is not its consideration', () => {
    spec
      .given([...base, sent('2018-10-10')])
      .when(respond('council-2018-10-09'), board('2018-10-11'))
      .thenError({ _tag: 'RuleViolated', rule: 'considered-after-sent' });
  });
});

describe('Schedule 7: the notice and the auditor notified', () => {
  const published = domainEvent('StatutoryNoticePublished', { ...notice().data });
  const notified = domainEvent('AuditorNotified', { ...notify().data });
  const undecided = [...base, sent()];

  /** Each rule's decision table: its rows are checked in order. */
  const rules: Rules = {
    "schedule7-notice: published with the auditor's approval, after the decision": [
      [decided, notice(), officer('2018-10-16'), [published]],
    ],
    'schedule7-after-decision: no notice and no notification before the decision': [
      [undecided, notice(), officer('2018-10-16'), ruleViolated('schedule7-after-decision')],
      [undecided, notify(), officer('2018-10-16'), ruleViolated('schedule7-after-decision')],
    ],
    'schedule7-once: one notice and one notification': [
      [[...decided, published], notice(), officer('2018-10-17'), ruleViolated('schedule7-once')],
      [
        [...decided, notified],
        notify('2018-10-11'),
        officer('2018-10-17'),
        ruleViolated('schedule7-once'),
      ],
    ],
    'schedule7-notify: the auditor notified after the decision': [
      [decided, notify(), officer('2018-10-10'), [notified]],
    ],
  };

  checkRules(rules);

  test('schedule7-after-meeting: dated before the meeting that decided is refused', () => {
    const err = spec
      .given(decided)
      .when(notice({ publishedOn: '2018-10-08', approvedOn: '2018-10-08' }), officer('2018-10-16'))
      .thenError({ _tag: 'RuleViolated', rule: 'schedule7-after-meeting' });
    expect(err.message).toContain('data.publishedOn');
    spec
      .given(decided)
      .when(notify('2018-10-08'), officer('2018-10-16'))
      .thenError({ _tag: 'RuleViolated', rule: 'schedule7-after-meeting' });
  });

  test("notice-approved-by-auditor: the auditor's approval comes before publication", () => {
    const err = spec
      .given(decided)
      .when(notice({ approvedOn: '2018-10-17' }), officer('2018-10-18'))
      .thenError({ _tag: 'RuleViolated', rule: 'notice-approved-by-auditor' });
    expect(err.message).toContain('data.approvedOn');
  });
});

describe('Schedule 7: older events stay readable, in their stored form', () => {
  test('a response without consideredOn and a revision without agreedBy decode unchanged', () => {
    const response = {
      recommendationId: REC,
      decision: 'accepted',
      response: 'Accepted',
      meetingId: 'cabinet-2018-09-18',
      programmeId: P,
      late: false,
    };
    expect(decodeEvent('RecommendationResponded', 1, response)).toEqual(
      E.right({ type: 'RecommendationResponded', data: response }),
    );
    const revision = {
      recommendationId: REC,
      dueOn: '2019-12-31',
      reason: 'Agreed',
      approvedBy: 'cllr-leader',
      previousDueOn: '2019-03-31',
      originalDueOn: '2019-03-31',
    };
    expect(decodeEvent('RecommendationDueDateRevised', 1, revision)).toEqual(
      E.right({ type: 'RecommendationDueDateRevised', data: revision }),
    );
  });
});
