// RespondToRecommendation: the meeting that considered a response dates it. A response
// naming a meeting happens on or after the meeting's day, `late` is judged by that day, and
// the meeting is found through the recommendation's own programme.
import { command, domainEvent, domainSpec } from '@assure/domain/testing';
import {
  KEY,
  P,
  REC,
  board,
  keyRaised,
  meeting,
  programme,
  respond,
  statutoryRaised,
} from './fixtures';

const spec = domainSpec();

/** The cabinet meeting of 15 December 2018, well after the deadline of 30 September. */
const cabinetDecember = meeting('cabinet-2018-12-15', 'cabinet-bcc', '2018-12-15');
const history = [...programme, cabinetDecember, statutoryRaised];

const responded = (meetingId: string, late: boolean) =>
  domainEvent('RecommendationResponded', {
    recommendationId: REC,
    decision: 'accepted',
    response: 'Cabinet accepts the statutory recommendation',
    meetingId,
    programmeId: P,
    late,
    consideredOn: meetingId.slice(-10),
  });

const respondToKey = (extra: Record<string, string> = {}) =>
  command('RespondToRecommendation', {
    recommendationId: KEY,
    decision: 'accepted',
    response: 'The council accepts the Kerslake recommendation',
    ...extra,
  });

describe('Recommendation: a response is dated by its meeting', () => {
  test('response-after-meeting: a response dated before its meeting is refused, naming meta.occurredAt and the meeting day', () => {
    const err = spec
      .given(history)
      .when(respond({ meetingId: 'cabinet-2018-12-15', programmeId: P }), board('2018-10-05'))
      .thenError({ _tag: 'RuleViolated', rule: 'response-after-meeting' });
    expect(err.message).toContain('meta.occurredAt');
    expect(err.message).toContain('2018-10-05');
    expect(err.message).toContain('2018-12-15');
  });

  test('response-after-meeting: a non-statutory response naming a meeting is dated by it too', () => {
    spec
      .given([...programme, keyRaised])
      .when(respondToKey({ meetingId: 'cabinet-2018-09-18' }), board('2018-09-17T23:59:59.999Z'))
      .thenError({ _tag: 'RuleViolated', rule: 'response-after-meeting' });
    spec
      .given([...programme, keyRaised])
      .when(respondToKey({ meetingId: 'cabinet-2018-09-18' }), board('2018-09-18'))
      .thenOk();
  });

  test('response-after-meeting: a response on the meeting day, or recorded after it, is accepted', () => {
    spec
      .given(history)
      .when(respond({ meetingId: 'cabinet-2018-12-15' }), board('2018-12-15T00:00:00.000Z'))
      .then([responded('cabinet-2018-12-15', true)]);
    spec
      .given(history)
      .when(respond({ meetingId: 'cabinet-2018-12-15' }), board('2019-01-07'))
      .then([responded('cabinet-2018-12-15', true)]);
  });

  test('statutory-late: a meeting within the deadline is not late, though the response is recorded after it', () => {
    spec
      .given(history)
      .when(respond({ meetingId: 'cabinet-2018-09-18', programmeId: P }), board('2018-10-05'))
      .then([responded('cabinet-2018-09-18', false)]);
  });

  test('statutory-late: a meeting after the deadline is late, however soon the response is recorded', () => {
    spec
      .given(history)
      .when(respond({ meetingId: 'cabinet-2018-12-15', programmeId: P }), board('2018-12-15'))
      .then([responded('cabinet-2018-12-15', true)]);
  });
});

describe('Recommendation: the programme of a response', () => {
  test("programme-optional: without programmeId the meeting is found in the recommendation's programme, which the event records", () => {
    spec
      .given(history)
      .when(respond({ meetingId: 'cabinet-2018-09-18' }), board('2018-09-18'))
      .then([responded('cabinet-2018-09-18', false)]);
  });

  test('reference-missing: an unknown meeting, without programmeId', () => {
    const err = spec
      .given(history)
      .when(respond({ meetingId: 'cabinet-2099-01-01' }), board('2018-09-18'))
      .thenError({ _tag: 'RuleViolated', rule: 'reference-missing' });
    expect(err.message).toContain(`programme-${P}`);
  });

  test("programme-mismatch: a programmeId that is not the recommendation's is refused, with or without a meeting", () => {
    const err = spec
      .given([...programme, keyRaised])
      .when(respondToKey({ programmeId: 'other-programme' }), board('2019-01-01'))
      .thenError({ _tag: 'RuleViolated', rule: 'programme-mismatch' });
    expect(err.message).toContain('data.programmeId');
    spec
      .given(history)
      .when(respond({ meetingId: 'cabinet-2018-09-18', programmeId: 'other' }), board('2018-09-18'))
      .thenError({ _tag: 'RuleViolated', rule: 'programme-mismatch' });
  });
});
