import * as E from 'fp-ts/Either';
import {
  decodeProjectionEvent,
  fullReadModels,
  memorySnapshotStore,
  type FullReadModels,
  type ReadOptions,
} from '@assure/projections';
import type { EventStore } from '@assure/event-store';
import {
  bccCgipV1,
  percentCompleteV1 as percentComplete,
  slippageV1 as slippage,
} from '@assure/domain';
import { riskRescoredData, riskScore } from '@assure/testing';
import { birminghamJourney, type History } from './fixtures';

let journey: History;
beforeAll(async () => {
  journey = await birminghamJourney();
});

async function models(
  store: EventStore,
  options: Omit<ReadOptions, 'decode'> = {},
): Promise<FullReadModels> {
  const r = await fullReadModels(store, { decode: decodeProjectionEvent, ...options })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right.models;
}

const areaOf = (m: FullReadModels, id: string, policy = m.status()) => {
  const a = policy.programmes[0]?.areas.find((x) => x.id === id);
  if (a === undefined) throw new Error(`no area ${id}`);
  return a;
};
const area = areaOf;

describe('status', () => {
  it('gives the normative document per programme and area (bcc-cgip@1)', async () => {
    const m = await models(journey.store, { asAt: '2019-03-15' });
    const doc = m.status(bccCgipV1);
    const area = (_: FullReadModels, id: string) => areaOf(m, id, doc);
    expect(doc.asAt).toBe('2019-03-15');
    expect(doc.knownAt).toBeNull();
    expect(doc.policy).toBe('bcc-cgip@1');
    expect(doc.programmes).toHaveLength(1);
    const prog = doc.programmes[0];
    expect(prog?.id).toBe('bcc-improvement');
    expect(prog?.phase).toBe('Independent Improvement Panel');
    expect(prog?.areas.map((a) => a.id)).toEqual([
      'area-finance',
      'area-governance',
      'area-waste',
      'area-children',
    ]);
    expect(area(m, 'area-finance')).toEqual({
      id: 'area-finance',
      title: 'Financial resilience',
      retired: false,
      advisers: [],
      recommendations: {
        total: 1,
        open: 1,
        overdue: 0,
        // rec-2018-s24-03 is re-dated to 30 June but 74 days past its original 31 December.
        late: 1,
        done: 0,
        excluded: 0,
        byStatus: {
          raised: 0,
          agreed: 1,
          'implementation-claimed': 0,
          verified: 0,
          closed: 0,
          rejected: 0,
          withdrawn: 0,
        },
      },
      // act-fin-01 completed on 12 March (100), act-fin-02 at 20 and overdue since 28 Feb.
      actions: {
        total: 2,
        completed: 1,
        cancelled: 0,
        overdue: 1,
        done: 1,
        excluded: 0,
        percentComplete: 60,
        due: 1,
        percentOfDueComplete: 20,
      },
      risks: { open: 1, highestScore: 20, byBand: { low: 0, medium: 0, high: 1 } },
      rag: 'red',
    });
    expect(area(m, 'area-governance').rag).toBe('green');
    expect(area(m, 'area-governance').risks).toEqual({
      open: 0,
      highestScore: null,
      byBand: { low: 0, medium: 0, high: 0 },
    });
    expect(area(m, 'area-waste').rag).toBe('amber');
    expect(area(m, 'area-waste').actions.percentComplete).toBeNull();
    expect(area(m, 'area-children').rag).toBe('amber');
    expect(prog?.totals).toEqual({
      recommendations: {
        total: 4,
        open: 3,
        overdue: 0,
        late: 1,
        done: 1,
        excluded: 0,
        byStatus: {
          raised: 2,
          agreed: 1,
          'implementation-claimed': 0,
          verified: 0,
          closed: 1,
          rejected: 0,
          withdrawn: 0,
        },
      },
      // Under bcc-cgip@1 a cancelled action counts as done.
      actions: {
        total: 3,
        completed: 1,
        cancelled: 1,
        overdue: 1,
        done: 2,
        excluded: 0,
        percentComplete: 60,
        due: 1,
        percentOfDueComplete: 20,
      },
      // The Commonwealth Games risk has no area: it counts in the totals only.
      risks: { open: 3, highestScore: 20, byBand: { low: 1, medium: 0, high: 2 } },
      rag: 'red',
    });
  });

  it('names and applies the percent-complete@1 and slippage@1 policies', async () => {
    const m = await models(journey.store, { asAt: '2019-03-15' });
    const pc = m.status(percentComplete);
    expect(pc.policy).toBe('percent-complete@1');
    expect(pc.programmes[0]?.areas.map((a) => a.rag)).toEqual(['amber', 'amber', 'amber', 'amber']);
    const sl = m.status(slippage);
    expect(sl.policy).toBe('slippage@1');
    // rec-2018-s24-03 is open and 74 days past its original due date (31 Dec 2018).
    expect(sl.programmes[0]?.areas.map((a) => a.rag)).toEqual(['red', 'green', 'green', 'green']);
    expect(sl.programmes[0]?.totals.rag).toBe('red');
  });

  it('lists serving advisers per area and the phase as at a later day', async () => {
    const m = await models(journey.store, { asAt: '2019-10-29' });
    const doc = m.status();
    expect(doc.programmes[0]?.phase).toBe('Assurance Framework');
    expect(area(m, 'area-children', doc).advisers).toEqual([
      { id: 'max-caller', name: 'Max Caller' },
    ]);
    expect(area(m, 'area-finance', doc).advisers).toEqual([
      { id: 'rob-whiteman', name: 'Rob Whiteman' },
    ]);
  });
});

describe('time travel', () => {
  it('as at 15 March an action completed on 12 March (recorded on 20 March) is complete; as known at 15 March it is not', async () => {
    const asAt = await models(journey.store, { asAt: '2019-03-15' });
    expect(area(asAt, 'area-finance').actions.completed).toBe(1);
    const known = await models(journey.store, {
      asAt: '2019-03-15',
      knownAt: '2019-03-15T23:59:59.999Z',
    });
    const doc = known.status();
    expect(doc.knownAt).toBe('2019-03-15T23:59:59.999Z');
    expect(area(known, 'area-finance', doc).actions).toEqual({
      total: 2,
      completed: 0,
      cancelled: 0,
      overdue: 1,
      done: 0,
      excluded: 0,
      percentComplete: 30,
      due: 1,
      percentOfDueComplete: 20,
    });
    // Known at 20 March, after it was recorded: complete again.
    const later = await models(journey.store, {
      asAt: '2019-03-15',
      knownAt: '2019-03-20T10:15:02.311Z',
    });
    expect(area(later, 'area-finance').actions.completed).toBe(1);
  });

  it('as at a day before the completion, the action is open', async () => {
    const m = await models(journey.store, { asAt: '2019-03-11' });
    expect(area(m, 'area-finance').actions.completed).toBe(0);
  });

  it('defaults the as-at day to today by the injected clock', async () => {
    const m = await models(journey.store, { clock: () => new Date('2019-04-15T12:00:00.000Z') });
    expect(m.status().asAt).toBe('2019-04-15');
    expect(m.tracker().rows.find((r) => r.id === 'panel-2017-05')?.overdue).toBe(true);
  });

  it('is total when the creating event is outside the window (a backdated later event)', async () => {
    const h = await birminghamJourney();
    // A rescore backdated before the risk was identified: as at that day the risk is unknown.
    await h.add(
      'RiskRescored',
      riskRescoredData('amey-contract', riskScore(2, 2), riskScore(3, 3), 'Backdated correction'),
      { on: '2018-05-01' },
    );
    const m = await models(h.store, { asAt: '2018-05-15' });
    expect(m.risks().rows.map((r) => r.id)).toEqual(['commonwealth-games']);
  });
});

describe('tracker', () => {
  it('shows original and current due dates, revisions, slipped, overdue, late, links and evidence', async () => {
    const m = await models(journey.store, { asAt: '2019-04-15' });
    const doc = m.tracker();
    expect(doc.asAt).toBe('2019-04-15');
    expect(doc.rows.map((r) => r.id)).toEqual([
      'kerslake-2014-01',
      'panel-2017-05',
      'rec-2018-s24-03',
      'rec-2019-s24-01',
    ]);
    expect(doc.rows.find((r) => r.id === 'rec-2018-s24-03')).toEqual({
      id: 'rec-2018-s24-03',
      areaId: 'area-finance',
      title: 'Deliver the savings programme with robust plans',
      source: 'external-auditor',
      classification: 'statutory',
      status: 'agreed',
      originalDueOn: '2018-12-31',
      dueOn: '2019-06-30',
      revisions: 1,
      slipped: true,
      overdue: false,
      owner: 'officer-cfo',
      actionIds: ['act-fin-01', 'act-fin-02'],
      evidenceCount: 0,
      late: true,
      extensionRequested: false,
      daysOverdue: 0,
      revisionApprovers: ['board-chair'],
      awaitingVerificationDays: null,
      latestUpdate: { on: '2018-12-10', event: 'RecommendationDueDateRevised' },
      // bcc-cgip@2: agreed and past its original due date (31 December 2018).
      rag: 'red',
      reopenedOn: null,
      sinceLastMeeting: { meetingOn: '2019-03-26', updates: [] },
      schedule7: {
        sentOn: null,
        secretaryOfStateOn: null,
        deadlineOn: '2018-08-29',
        consideredOn: null,
        noticePublishedOn: null,
        auditorNotifiedOn: null,
      },
    });
    expect(doc.policy).toBe('bcc-cgip@2');
    const k = doc.rows.find((r) => r.id === 'kerslake-2014-01');
    expect(k?.status).toBe('closed');
    expect(k?.evidenceCount).toBe(2);
    expect(k?.late).toBe(false);
    expect(doc.rows.find((r) => r.id === 'panel-2017-05')?.overdue).toBe(true);
    // Statutory, raised 1 March 2019, no response: late once its month has passed (31 March).
    expect(doc.rows.find((r) => r.id === 'rec-2019-s24-01')?.late).toBe(true);
    const before = await models(journey.store, { asAt: '2019-03-31' });
    expect(before.tracker().rows.find((r) => r.id === 'rec-2019-s24-01')?.late).toBe(false);
    expect(before.tracker().rows.find((r) => r.id === 'panel-2017-05')?.overdue).toBe(false);
  });

  it('shows a pending extension request', async () => {
    const m = await models(journey.store, { asAt: '2018-12-05' });
    const row = m.tracker().rows.find((r) => r.id === 'rec-2018-s24-03');
    expect(row?.extensionRequested).toBe(true);
    expect(row?.dueOn).toBe('2018-12-31');
    expect(row?.revisions).toBe(0);
    expect(row?.actionIds).toEqual([]);
  });
});

describe('risk register', () => {
  it('a rescore and a new target move only the current and target positions, also on states read from a snapshot', async () => {
    const h = await birminghamJourney();
    const snapshots = memorySnapshotStore();
    const clock = () => new Date('2019-12-31T00:00:00.000Z');
    const first = await fullReadModels(h.store, {
      decode: decodeProjectionEvent,
      snapshots,
      clock,
    })();
    expect(E.isRight(first) && first.right.load.source).toBe('rebuilt');
    await h.add(
      'RiskTargetSet',
      {
        riskId: 'equal-pay',
        likelihood: 2,
        impact: 3,
        reason: 'Settlement strategy agreed',
        previous: { likelihood: 3, impact: 4 },
      },
      { on: '2019-06-01' },
    );
    await h.add(
      'RiskRescored',
      riskRescoredData('equal-pay', riskScore(4, 5), riskScore(3, 4), 'Claims settled in part'),
      { on: '2019-06-02' },
    );
    const fromSnapshot = await fullReadModels(h.store, {
      decode: decodeProjectionEvent,
      snapshots,
      clock,
    })();
    if (E.isLeft(fromSnapshot)) throw new Error(fromSnapshot.left.message);
    expect(fromSnapshot.right.load.source).toBe('snapshot');
    const rebuilt = await models(h.store, { clock });
    for (const m of [fromSnapshot.right.models, rebuilt]) {
      const row = m.risks().rows.find((r) => r.id === 'equal-pay');
      expect(row?.inherent).toEqual({ likelihood: 5, impact: 5, score: 25, band: 'high' });
      expect(row?.current).toEqual({ likelihood: 3, impact: 4, score: 12, band: 'high' });
      expect(row?.target).toEqual({ likelihood: 2, impact: 3, score: 6, band: 'medium' });
      expect(row?.trend).toBe('down');
    }
    // The register built before is a document of its own: later folds did not touch it.
    const before = E.isRight(first) ? first.right.models.risks() : undefined;
    expect(before?.rows.find((r) => r.id === 'equal-pay')?.current.score).toBe(20);
  });

  it('gives positions with bands, trend, review due, escalation, flags, status and the heat map', async () => {
    const m = await models(journey.store, { asAt: '2019-03-15' });
    const doc = m.risks();
    expect(doc.rows.find((r) => r.id === 'equal-pay')).toEqual({
      id: 'equal-pay',
      areaId: 'area-finance',
      title: 'Equal pay claims',
      controls: 0,
      trendSinceLastMeeting: null,
      controlEffectiveness: [],
      mitigatingActions: [],
      appetite: null,
      tolerance: null,
      outsideTolerance: null,
      owner: 'officer-cfo',
      inherent: { likelihood: 5, impact: 5, score: 25, band: 'high' },
      current: { likelihood: 4, impact: 5, score: 20, band: 'high' },
      target: { likelihood: 3, impact: 4, score: 12, band: 'high' },
      trend: 'down',
      nextReviewOn: '2019-02-28',
      reviewOverdue: true,
      escalatedTo: 'improvement-panel',
      flags: [],
      status: 'open',
    });
    const games = doc.rows.find((r) => r.id === 'commonwealth-games');
    expect(games?.areaId).toBeNull();
    expect(games?.trend).toBe('up');
    expect(games?.flags).toEqual(['target-above-current', 'current-above-inherent']);
    expect(games?.reviewOverdue).toBe(false);
    const paradise = doc.rows.find((r) => r.id === 'paradise-circus');
    expect(paradise?.status).toBe('closed');
    expect(paradise?.reviewOverdue).toBe(false);
    expect(paradise?.inherent.band).toBe('medium');
    expect(doc.rows.find((r) => r.id === 'amey-contract')?.trend).toBe('new');
    const expected = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
    (expected[3] as number[])[4] = 1; // equal pay 4x5
    (expected[3] as number[])[3] = 1; // Commonwealth Games 4x4
    (expected[1] as number[])[1] = 1; // Amey 2x2 (Paradise Circus is closed)
    expect(doc.heatMap).toEqual(expected);
  });

  it('as at a day before the rescore, the equal pay risk is new and at its inherent score', async () => {
    const m = await models(journey.store, { asAt: '2018-10-01' });
    const row = m.risks().rows.find((r) => r.id === 'equal-pay');
    expect(row?.trend).toBe('new');
    expect(row?.current.score).toBe(25);
    expect(row?.reviewOverdue).toBe(true); // review was due 30 Sep 2018
    expect(row?.escalatedTo).toBeNull();
  });
});

describe('adviser roster', () => {
  it('lists advisers with their areas, term and reports', async () => {
    const m = await models(journey.store, { asAt: '2019-10-29' });
    const doc = m.roster();
    expect(doc.rows.map((r) => r.id)).toEqual(['rob-whiteman', 'sean-hanson', 'max-caller']);
    expect(doc.rows.find((r) => r.id === 'max-caller')?.areas).toEqual([
      { id: 'area-governance', title: 'Good governance and cultural change' },
      { id: 'area-children', title: 'Outcomes for vulnerable adults and children' },
    ]);
    const sean = doc.rows.find((r) => r.id === 'sean-hanson');
    expect(sean).toMatchObject({
      status: 'appointed',
      appointedOn: '2019-07-30',
      termEndsOn: '2020-07-29',
      termEnded: false,
      reports: 1,
      lastReportOn: '2019-10-29',
    });
    const later = await models(journey.store, { asAt: '2020-08-01' });
    expect(later.roster().rows.every((r) => r.termEnded)).toBe(true);
  });
});

describe('audit trail', () => {
  it('has one row per event with who, role, when, what, why, evidence and hash', async () => {
    const m = await models(journey.store, { asAt: '2020-01-01' });
    const all = m.trail();
    expect(all.rows).toHaveLength(journey.store.size);
    const envelopes = [];
    for await (const e of journey.store.readAll()) envelopes.push(e);
    expect(all.rows.map((r) => r.hash)).toEqual(envelopes.map((e) => e.hash));
    const completed = all.rows.find((r) => r.type === 'ActionCompleted');
    expect(completed).toEqual({
      position: completed?.position,
      recordedAt: '2019-03-20T10:15:02.311Z',
      occurredAt: '2019-03-12T00:00:00.000Z',
      actor: 'officer-cfo',
      role: 'officer',
      stream: 'action-act-fin-01',
      type: 'ActionCompleted',
      summary: 'action act-fin-01 completed',
      reason: null,
      evidence: [{ uri: 'https://www.birmingham.gov.uk/financial-plan-2019-23' }],
      hash: completed?.hash,
    });
    const rescore = all.rows.find(
      (r) => r.stream === 'risk-equal-pay' && r.type === 'RiskRescored',
    );
    expect(rescore?.reason).toBe('Equal pay settlements still outstanding');
  });

  it('filters by stream, actor and days', async () => {
    const m = await models(journey.store, { asAt: '2020-01-01' });
    expect(m.trail({ stream: 'risk-equal-pay' }).rows.map((r) => r.type)).toEqual([
      'RiskIdentified',
      'RiskRescored',
      'RiskEscalated',
    ]);
    expect(m.trail({ actor: 'auditor-gt' }).rows.map((r) => r.stream)).toEqual([
      'recommendation-rec-2018-s24-03',
      'recommendation-rec-2019-s24-01',
    ]);
    const march = m.trail({ from: '2019-03-01', to: '2019-03-31' }).rows.map((r) => r.type);
    expect(march).toEqual(['RecommendationRaised', 'ActionCompleted', 'MeetingRecorded']);
    const recorded = m
      .trail({ from: '2019-03-13', to: '2019-03-31', by: 'recordedAt' })
      .rows.map((r) => r.type);
    expect(recorded).toEqual(['ActionCompleted', 'MeetingRecorded']);
  });

  it('renders CSV with a header and quoted cells', async () => {
    const { trailCsv } = await import('@assure/projections');
    const m = await models(journey.store, { asAt: '2020-01-01' });
    const csv = trailCsv(m.trail({ stream: 'recommendation-kerslake-2014-01' }).rows);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'position,recordedAt,occurredAt,actor,role,stream,type,summary,reason,evidence,hash',
    );
    expect(lines).toHaveLength(6 + 2);
    expect(lines[lines.length - 1]).toBe('');
    const claim = lines.find((l) => l.includes('ImplementationClaimed'));
    expect(claim).toContain(
      'https://www.birmingham.gov.uk/boundary-review https://www.birmingham.gov.uk/elections-2018',
    );
    expect(claim).toContain(',implementation of kerslake-2014-01 claimed (2 evidence),');
    const planned = trailCsv(m.trail({ stream: 'action-act-fin-01' }).rows).split('\r\n')[1];
    expect(planned).toContain(
      ',"action act-fin-01 planned, led by officer-cfo, due 2019-03-31: Four-year financial plan with a programme management office",',
    );
  });
});

describe('changes since the last meeting', () => {
  it('lists the events after the last meeting of each body, up to the as-at day', async () => {
    const m = await models(journey.store, { asAt: '2019-04-15' });
    const doc = m.changesSinceLastMeeting();
    expect(doc.bodies.map((b) => b.bodyId)).toEqual(['improvement-panel', 'cabinet']);
    const cabinet = doc.bodies.find((b) => b.bodyId === 'cabinet');
    expect(cabinet?.lastMeeting).toEqual({ meetingId: 'cabinet-2019-03-26', heldOn: '2019-03-26' });
    expect(cabinet?.changes.map((r) => r.type)).toEqual(['ProgrammePhaseChanged']);
    // The panel never met in this history: everything of the programme up to the day.
    const panel = doc.bodies.find((b) => b.bodyId === 'improvement-panel');
    expect(panel?.lastMeeting).toBeNull();
    expect(panel?.changes.length).toBeGreaterThan(30);
    expect(panel?.changes.every((r) => r.occurredAt <= '2019-04-15T23:59:59.999Z')).toBe(true);
  });

  it('as at a later day, the list of changes since the same meeting grows', async () => {
    const m = await models(journey.store, { asAt: '2019-10-29' });
    const doc = m.changesSinceLastMeeting();
    const cabinet = doc.bodies.find((b) => b.bodyId === 'cabinet');
    expect(cabinet?.changes.map((r) => r.type)).toEqual([
      'ProgrammePhaseChanged',
      'OversightBodyConstituted',
      'AdviserAppointed',
      'AdviserAppointed',
      'AdviserAppointed',
      'AdviserReassigned',
      'AdviserReportSubmitted',
    ]);
    expect(doc.bodies.map((b) => b.bodyId)).toContain('strategic-programme-board');
  });
});
