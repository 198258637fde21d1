// The tracker shows the Schedule 7 days of a statutory recommendation: sent (to the authority
// and the Secretary of State), the deadline from the day sent, the meeting that decided, the
// notice published and the auditor notified. Non-statutory rows have none.
import * as E from 'fp-ts/Either';
import { decodeProjectionEvent, fullReadModels } from '@assure/projections';
import { History, d } from './fixtures';

const REC = 'rec-2020-s24-01';

async function tracker(h: History, asAt: string) {
  const r = await fullReadModels(h.store, { decode: decodeProjectionEvent, asAt })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right.models.tracker();
}

async function raised(): Promise<History> {
  const h = new History();
  await h.add(
    'RecommendationRaised',
    d('RecommendationRaised', {
      recommendationId: REC,
      programmeId: 'bcc',
      areaId: 'area-finance',
      source: 'external-auditor',
      classification: 'statutory',
      title: 'Rebuild the reserves',
      dueOn: '2021-03-31',
      raisedOn: '2020-09-01',
    }),
    { on: '2020-09-01' },
  );
  return h;
}

describe('tracker: Schedule 7 days', () => {
  it('schedule7-tracker: the deadline runs from the day sent; the decision, notice and notification are shown', async () => {
    const h = await raised();
    const before = await tracker(h, '2020-09-05');
    expect(before.rows[0]?.schedule7).toEqual({
      sentOn: null,
      secretaryOfStateOn: null,
      deadlineOn: '2020-09-30',
      consideredOn: null,
      noticePublishedOn: null,
      auditorNotifiedOn: null,
    });
    const rec = { recommendationId: REC };
    await h.add(
      'StatutoryRecommendationSent',
      d('StatutoryRecommendationSent', {
        ...rec,
        sentOn: '2020-09-10',
        secretaryOfStateOn: '2020-09-11',
      }),
      { on: '2020-09-12' },
    );
    // Raised 1 September, sent 10 September: not late on 5 October (the month ends 9 October).
    expect((await tracker(h, '2020-10-05')).rows[0]?.late).toBe(false);
    expect((await tracker(h, '2020-10-10')).rows[0]?.late).toBe(true);
    await h.add(
      'RecommendationResponded',
      d('RecommendationResponded', {
        ...rec,
        decision: 'accepted',
        response: 'Accepted; a reserves strategy',
        meetingId: 'council-2020-10-06',
        programmeId: 'bcc',
        late: false,
        consideredOn: '2020-10-06',
      }),
      { on: '2020-10-06' },
    );
    await h.add(
      'AuditorNotified',
      d('AuditorNotified', { ...rec, notifiedOn: '2020-10-07', auditor: 'auditor-gt' }),
      {
        on: '2020-10-07',
      },
    );
    await h.add(
      'StatutoryNoticePublished',
      d('StatutoryNoticePublished', {
        ...rec,
        publishedOn: '2020-10-09',
        approvedBy: 'auditor-gt',
        approvedOn: '2020-10-08',
        summary: 'Accepted; a reserves strategy',
      }),
      { on: '2020-10-09' },
    );
    const after = (await tracker(h, '2020-10-31')).rows[0];
    expect(after?.late).toBe(false);
    expect(after?.schedule7).toEqual({
      sentOn: '2020-09-10',
      secretaryOfStateOn: '2020-09-11',
      deadlineOn: '2020-10-09',
      consideredOn: '2020-10-06',
      noticePublishedOn: '2020-10-09',
      auditorNotifiedOn: '2020-10-07',
    });
  });
});
