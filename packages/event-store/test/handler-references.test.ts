// The handler resolves the streams a command refers to: a response's meeting is found
// through the recommendation's own programme, whether or not the command names it.
import * as E from 'fp-ts/Either';
import { createMemoryStore, type CommandMeta, type InMemoryEventStore } from '@assure/event-store';
import { cabinetBody, cabinetMeeting, collect, statutoryRecommendation } from '@assure/testing';
import { domainHandler } from './domain-handler';

const admin = { actor: 'pmo-admin', role: 'admin' } as const;
const auditor = { actor: 'auditor-gt', role: 'auditor' } as const;
const board = { actor: 'board-cabinet', role: 'board' } as const;

/** A programme with a cabinet that met on 18 September and 15 December 2018. */
const programme = [
  {
    type: 'EstablishProgramme',
    data: { programmeId: 'bcc', title: 'Improvement', body: 'Birmingham City Council', phase: 'P' },
  },
  { type: 'DefinePriorityArea', data: { programmeId: 'bcc', areaId: 'area-finance', title: 'F' } },
  cabinetBody,
  cabinetMeeting('2018-09-18'),
  cabinetMeeting('2018-12-15'),
];

const respond = (extra: Record<string, string>) => ({
  type: 'RespondToRecommendation',
  data: {
    recommendationId: 'rec-s24-01',
    decision: 'accepted',
    response: 'Accepted by Cabinet',
    ...extra,
  },
});

async function seeded(): Promise<InMemoryEventStore> {
  const store = createMemoryStore();
  const handler = domainHandler(store);
  const run = async (command: unknown, meta: CommandMeta) => {
    const r = await handler.handleUnknown(command, meta)();
    if (E.isLeft(r)) throw new Error(r.left.message);
  };
  for (const command of programme) await run(command, { ...admin, occurredAt: '2018-08-01' });
  // Raised on 31 August 2018: the cabinet must consider it by 30 September.
  await run(statutoryRecommendation, { ...auditor, occurredAt: '2018-08-31' });
  return store;
}

/** The events of a response at `meetingId` (no programmeId), by the board on `occurredAt`. */
async function responded(meetingId: string, occurredAt: string) {
  const store = await seeded();
  const r = await domainHandler(store).handleUnknown(respond({ meetingId }), {
    ...board,
    occurredAt,
  })();
  if (E.isLeft(r)) throw new Error(`refused: ${r.left.message}`);
  return r.right.events;
}

describe("command handler: a response's meeting", () => {
  it("without programmeId, finds the meeting through the recommendation's programme", async () => {
    const events = await responded('cabinet-2018-09-18', '2018-10-05');
    expect(events.map((e) => [e.type, e.data])).toEqual([
      [
        'RecommendationResponded',
        {
          recommendationId: 'rec-s24-01',
          decision: 'accepted',
          response: 'Accepted by Cabinet',
          meetingId: 'cabinet-2018-09-18',
          programmeId: 'bcc',
          consideredOn: '2018-09-18',
          late: false,
        },
      ],
    ]);
  });

  it('judges late by the meeting day, found without programmeId', async () => {
    const events = await responded('cabinet-2018-12-15', '2018-12-15');
    expect(events[0]?.data['late']).toBe(true);
  });

  it.each([
    [
      'a response dated before its meeting',
      { meetingId: 'cabinet-2018-12-15' },
      '2018-10-05',
      'response-after-meeting',
    ],
    [
      "a programmeId that is not the recommendation's",
      { meetingId: 'cabinet-2018-09-18', programmeId: 'elsewhere' },
      '2018-09-18',
      'programme-mismatch',
    ],
    [
      "a meeting the recommendation's programme never recorded",
      { meetingId: 'cabinet-2099-01-01' },
      '2018-09-18',
      'reference-missing',
    ],
  ] as const)('refuses %s and writes nothing', async (_what, extra, on, rule) => {
    const store = await seeded();
    const before = await collect(store.readAll());
    const r = await domainHandler(store).handleUnknown(respond(extra), {
      ...board,
      occurredAt: on,
    })();
    expect(E.isLeft(r) && r.left).toMatchObject({ _tag: 'RuleViolated', rule });
    expect(await collect(store.readAll())).toEqual(before);
  });
});
