import { ExitCode } from '@assure/cli';
import { assure, flags, logLines } from './run';
import {
  CABINET,
  CABINET_MEETING,
  execSetup,
  theOneAppended,
  PROGRAMME,
  STATUTORY_RECOMMENDATION,
} from './statutory';

/**
 * A programme whose cabinet met on 15 December 2018, and a statutory recommendation raised
 * on 1 October 2018 (its consideration deadline is 31 October).
 */
const SETUP = [...PROGRAMME, CABINET, STATUTORY_RECOMMENDATION, CABINET_MEETING];

const respond = (on: string, ...extra: string[]) => [
  ...flags({ actor: 'board-chair', role: 'board' }),
  'rec',
  'respond',
  ...flags({
    recommendationId: 'rec-s24-01',
    decision: 'accepted',
    response: 'Accepted by Cabinet',
    meetingId: 'cabinet-2018-12-15',
  }),
  ...extra,
  ...flags({ on }),
];

describe('assure rec respond: a response is dated by its meeting', () => {
  it('refuses a response on 5 October for the cabinet of 15 December (exit 1), writing nothing; on the meeting day it is late', () => {
    const { cwd, before } = execSetup(SETUP);

    const early = assure(cwd, respond('2018-10-05', '--programme-id', 'bcc'));
    expect(early.code).toBe(ExitCode.rejected);
    expect(early.stderr.trim().split('\n')).toHaveLength(1);
    expect(early.stderr).toContain('meta.occurredAt');
    expect(early.stderr).toContain('2018-10-05');
    expect(early.stderr).toContain('2018-12-15');
    expect(logLines(cwd)).toEqual(before);

    const json = assure(cwd, ['--json', ...respond('2018-10-05')]);
    expect(json.code).toBe(ExitCode.rejected);
    expect(JSON.parse(json.stderr)).toMatchObject({
      _tag: 'RuleViolated',
      rule: 'response-after-meeting',
    });
    expect(logLines(cwd)).toEqual(before);

    // On the meeting day, and without --programme-id: the meeting is found through the
    // recommendation's programme, and it met after the deadline, so the response is late.
    const onTheDay = assure(cwd, respond('2018-12-15'));
    const event = theOneAppended(cwd, onTheDay, before);
    expect(event.type).toBe('RecommendationResponded');
    expect(event.data).toMatchObject({
      meetingId: 'cabinet-2018-12-15',
      programmeId: 'bcc',
      late: true,
    });
  });
});
