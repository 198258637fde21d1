import * as E from 'fp-ts/Either';
import { createMemoryStore } from '@assure/event-store';
import { createQuestionsApp } from '../src';

const admin = { actor: 'pmo-admin', role: 'admin', occurredAt: '2015-01-20' };
const officer = { actor: 'officer-democratic', role: 'officer', occurredAt: '2015-09-11' };

async function setUp() {
  const store = createMemoryStore();
  const app = createQuestionsApp(store);
  const ok = async (command: { type: string; data: unknown }, issuer: typeof admin) => {
    const r = await app.handle(command, issuer)();
    if (E.isLeft(r)) throw new Error(`${command.type}: ${r.left.message}`);
    return r.right;
  };
  await ok(
    {
      type: 'EstablishProgramme',
      data: {
        programmeId: 'bcc',
        title: 'Improvement programme',
        body: 'Birmingham City Council',
        phase: 'Panel oversight',
      },
    },
    admin,
  );
  await ok(
    {
      type: 'ConstituteBody',
      data: {
        programmeId: 'bcc',
        bodyId: 'biip',
        kind: 'improvement-panel',
        name: 'Birmingham Independent Improvement Panel',
      },
    },
    admin,
  );
  return { store, app, ok };
}

describe('an app embedding Assure with its own command and projection', () => {
  it('records public questions beside the domain, and projects them per meeting', async () => {
    const { app, ok } = await setUp();
    // The question is entered before its meeting is: the view is total.
    const q = await ok(
      {
        type: 'RecordPublicQuestion',
        data: {
          questionId: 'q-2015-09-11-1',
          programmeId: 'bcc',
          meetingId: 'biip-2015-09-11',
          askedBy: 'A resident of Erdington',
          question: 'When will bin collections be reliable?',
        },
      },
      officer,
    );
    expect(q.stream).toBe('question-q-2015-09-11-1');
    expect(q.events[0]?.type).toBe('PublicQuestionRecorded');
    await ok(
      {
        type: 'RecordMeeting',
        data: {
          programmeId: 'bcc',
          bodyId: 'biip',
          meetingId: 'biip-2015-09-11',
          heldOn: '2015-09-11',
          attendees: ['biip-chair', 'cllr-leader'],
          observers: [],
        },
      },
      officer,
    );
    await ok(
      {
        type: 'RecordPublicQuestion',
        data: {
          questionId: 'q-2015-09-11-2',
          programmeId: 'bcc',
          meetingId: 'biip-2015-09-11',
          askedBy: 'Opposition leader',
          question: 'How will pace be shown by September?',
          answer: 'Through the second progress report.',
        },
      },
      officer,
    );
    const meetings = await app.meetings()();
    expect(meetings).toEqual(
      E.right([
        {
          meetingId: 'biip-2015-09-11',
          bodyId: 'biip',
          heldOn: '2015-09-11',
          questions: [
            { questionId: 'q-2015-09-11-1', askedBy: 'A resident of Erdington', answered: false },
            { questionId: 'q-2015-09-11-2', askedBy: 'Opposition leader', answered: true },
          ],
        },
      ]),
    );
  });

  it('applies its own rules and keeps the domain rules', async () => {
    const { app, store } = await setUp();
    const data = {
      questionId: 'q1',
      programmeId: 'bcc',
      meetingId: 'm1',
      askedBy: 'A resident',
      question: 'Why?',
    };
    expect(E.isRight(await app.handle({ type: 'RecordPublicQuestion', data }, officer)())).toBe(
      true,
    );
    const twice = await app.handle({ type: 'RecordPublicQuestion', data }, officer)();
    expect(E.isLeft(twice) && twice.left._tag).toBe('AlreadyExists');
    const asAdviser = await app.handle(
      { type: 'RecordPublicQuestion', data: { ...data, questionId: 'q2' } },
      { ...officer, role: 'adviser' },
    )();
    expect(E.isLeft(asAdviser) && asAdviser.left._tag).toBe('Forbidden');
    const bad = await app.handle(
      { type: 'RecordPublicQuestion', data: { ...data, questionId: 'Q 3' } },
      officer,
    )();
    expect(E.isLeft(bad) && bad.left._tag).toBe('ValidationFailed');
    // a domain rule, unchanged: statutory recommendations come only from the external auditor
    const statutory = await app.handle(
      {
        type: 'RaiseRecommendation',
        data: {
          recommendationId: 'r1',
          programmeId: 'bcc',
          areaId: 'area-x',
          source: 'external-auditor',
          classification: 'statutory',
          title: 't',
          dueOn: '2019-03-31',
        },
      },
      officer,
    )();
    expect(E.isLeft(statutory)).toBe(true);
    const head = await store.headPosition()();
    let n = 0;
    for await (const _ of store.readAll()) n++;
    expect(E.isRight(head)).toBe(true);
    expect(n).toBe(3);
  });
});
