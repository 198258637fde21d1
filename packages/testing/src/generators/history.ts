import type { ProposedEvent } from '@assure/event-store';

/** One generated event: its stream and what a writer would propose. */
export interface GeneratedEvent {
  readonly stream: string;
  readonly event: ProposedEvent;
}

/** Options of {@link generateHistory}. */
export interface GenerateOptions {
  /** PRNG seed (default 1): the same seed gives the same history. */
  readonly seed?: number;
  /** Share of events whose valid time is backdated by up to 60 days (default 0.05). */
  readonly backdated?: number;
  /** Priority areas of the programme (default 8). */
  readonly areas?: number;
  /**
   * How an event about an existing recommendation, action, risk or adviser picks it: among
   * every one of its kind (`'all'`, the default: uniform over the whole history, the worst
   * case for memory locality), or among the `n` most recently created ones (a live
   * programme: items are worked on for a while after they are raised, then left alone).
   */
  readonly active?: 'all' | number;
}

/** mulberry32: a small seeded PRNG (not for security). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;

/**
 * A synthetic, deterministic history of one programme (`bcc-improvement`) with `n` events
 * whose payloads pass the domain's codecs: recommendations, actions, risks, meetings and
 * advisers, with valid times moving forward and a share backdated. The transitions are
 * not checked against the deciders (views must be total anyway), which makes it a good
 * load for benchmarks and property tests of the runner.
 *
 * @example
 * for (const { stream, event } of generateHistory(100_000)) await store.append(stream, [event], 'any')();
 */
export function* generateHistory(
  n: number,
  options: GenerateOptions = {},
): Generator<GeneratedEvent> {
  const rnd = prng(options.seed ?? 1);
  const backdated = options.backdated ?? 0.05;
  const areaIds = Array.from({ length: options.areas ?? 8 }, (_, i) => `area-${i + 1}`);
  const bodies = ['improvement-panel', 'cabinet', 'strategic-programme-board'];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const level = () => 1 + Math.floor(rnd() * 5);
  const active = options.active ?? 'all';
  if (active !== 'all' && !(Number.isInteger(active) && active > 0))
    throw new RangeError(`active: expected 'all' or a positive integer, got ${String(active)}`);
  /** The number (1-based) of an existing item of a kind that has `count` of them. */
  const existing = (count: number): number =>
    active === 'all'
      ? 1 + Math.floor(rnd() * count)
      : count - Math.floor(rnd() * Math.min(count, active));
  let recs = 0;
  let actions = 0;
  let risks = 0;
  let advisers = 0;
  let meetings = 0;
  let count = 0;
  let clock = Date.UTC(2015, 0, 13);
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  function* emit(
    stream: string,
    type: string,
    data: Record<string, unknown>,
    actor = 'officer-pmo',
    role = 'officer',
  ): Generator<GeneratedEvent> {
    if (count >= n) return;
    clock += Math.floor(rnd() * 3) * 3_600_000;
    const occurred = rnd() < backdated ? clock - Math.floor(rnd() * 60) * DAY_MS : clock;
    const occurredAt = new Date(occurred - (occurred % DAY_MS)).toISOString();
    count++;
    yield {
      stream,
      event: {
        eventId: `gen-${count}`,
        type,
        schemaVersion: 1,
        data,
        meta: { actor, role, occurredAt, recordedAt: new Date(clock).toISOString() },
      },
    };
  }
  const programme = 'programme-bcc-improvement';
  const p = { programmeId: 'bcc-improvement' };
  yield* emit(
    programme,
    'ProgrammeEstablished',
    {
      ...p,
      title: 'Birmingham City Council improvement programme',
      body: 'Birmingham City Council',
      phase: 'Independent Improvement Panel',
    },
    'admin-bcc',
    'admin',
  );
  for (const areaId of areaIds)
    yield* emit(
      programme,
      'PriorityAreaDefined',
      { ...p, areaId, title: `Priority ${areaId}` },
      'admin-bcc',
      'admin',
    );
  for (const bodyId of bodies)
    yield* emit(
      programme,
      'OversightBodyConstituted',
      {
        ...p,
        bodyId,
        kind:
          bodyId === 'cabinet'
            ? 'cabinet'
            : bodyId === 'improvement-panel'
              ? 'improvement-panel'
              : 'programme-board',
        name: bodyId,
      },
      'admin-bcc',
      'admin',
    );
  while (count < n) {
    const r = rnd();
    const due = day(clock + (30 + Math.floor(rnd() * 365)) * DAY_MS);
    if (r < 0.1 || recs === 0) {
      recs++;
      yield* emit(
        `recommendation-rec-${recs}`,
        'RecommendationRaised',
        {
          recommendationId: `rec-${recs}`,
          ...p,
          areaId: pick(areaIds),
          source: 'improvement-panel',
          classification: rnd() < 0.2 ? 'key' : 'improvement',
          title: `Recommendation ${recs}`,
          dueOn: due,
          raisedOn: day(clock),
        },
        'board-chair',
        'board',
      );
    } else if (r < 0.18) {
      const id = `rec-${existing(recs)}`;
      yield* emit(
        `recommendation-${id}`,
        'RecommendationResponded',
        {
          recommendationId: id,
          decision: rnd() < 0.9 ? 'accepted' : 'rejected',
          response: 'Agreed at cabinet',
          late: false,
        },
        'board-chair',
        'board',
      );
    } else if (r < 0.22) {
      const id = `rec-${existing(recs)}`;
      yield* emit(
        `recommendation-${id}`,
        'RecommendationDueDateRevised',
        {
          recommendationId: id,
          dueOn: due,
          reason: 'Re-phased',
          approvedBy: 'board-chair',
          previousDueOn: day(clock),
          originalDueOn: day(clock),
        },
        'board-chair',
        'board',
      );
    } else if (r < 0.26) {
      const id = `rec-${existing(recs)}`;
      yield* emit(`recommendation-${id}`, 'ImplementationClaimed', {
        recommendationId: id,
        summary: 'Implemented',
        evidence: [{ uri: `https://www.birmingham.gov.uk/evidence/${id}` }],
        claimedBy: 'officer-pmo',
      });
    } else if (r < 0.28) {
      const id = `rec-${existing(recs)}`;
      yield* emit(
        `recommendation-${id}`,
        'ImplementationVerified',
        {
          recommendationId: id,
          outcome: 'verified',
          notes: 'Evidence seen',
        },
        'auditor-gt',
        'auditor',
      );
    } else if (r < 0.38 || actions === 0) {
      actions++;
      yield* emit(`action-act-${actions}`, 'ActionPlanned', {
        actionId: `act-${actions}`,
        ...p,
        areaId: pick(areaIds),
        recommendationIds: [`rec-${existing(recs)}`],
        title: `Action ${actions}`,
        lead: 'officer-pmo',
        dueOn: due,
      });
    } else if (r < 0.58) {
      const id = `act-${existing(actions)}`;
      yield* emit(`action-${id}`, 'ActionProgressRecorded', {
        actionId: id,
        percentComplete: Math.floor(rnd() * 100),
        narrative: 'On track',
      });
    } else if (r < 0.63) {
      const id = `act-${existing(actions)}`;
      yield* emit(`action-${id}`, 'ActionCompleted', {
        actionId: id,
        evidence: [{ uri: `https://www.birmingham.gov.uk/evidence/${id}` }],
      });
    } else if (r < 0.67 || risks === 0) {
      risks++;
      const areaId = rnd() < 0.8 ? { areaId: pick(areaIds) } : {};
      yield* emit(`risk-risk-${risks}`, 'RiskIdentified', {
        riskId: `risk-${risks}`,
        ...p,
        ...areaId,
        title: `Risk ${risks}`,
        category: 'financial',
        owner: 'officer-cfo',
        inherent: { likelihood: level(), impact: level() },
        target: { likelihood: level(), impact: level() },
        nextReviewOn: due,
      });
    } else if (r < 0.85) {
      const id = `risk-${existing(risks)}`;
      const current = { likelihood: level(), impact: level() };
      yield* emit(`risk-${id}`, 'RiskRescored', {
        riskId: id,
        ...current,
        rationale: 'Quarterly review',
        previous: { likelihood: level(), impact: level() },
        current,
        nextReviewOn: due,
      });
    } else if (r < 0.88) {
      const id = `risk-${existing(risks)}`;
      if (rnd() < 0.5)
        yield* emit(`risk-${id}`, 'RiskEscalated', {
          riskId: id,
          to: pick(bodies),
          reason: 'Board decision',
        });
      else yield* emit(`risk-${id}`, 'RiskDeescalated', { riskId: id, reason: 'Board decision' });
    } else if (r < 0.9) {
      const id = `risk-${existing(risks)}`;
      yield* emit(`risk-${id}`, rnd() < 0.7 ? 'RiskClosed' : 'RiskReopened', {
        riskId: id,
        reason: 'Review',
      });
    } else if (r < 0.95) {
      meetings++;
      yield* emit(
        programme,
        'MeetingRecorded',
        {
          ...p,
          bodyId: pick(bodies),
          meetingId: `meeting-${meetings}`,
          heldOn: day(clock),
          attendees: ['cllr-ward'],
          observers: ['auditor-gt'],
        },
        'admin-bcc',
        'admin',
      );
    } else if (r < 0.96 || advisers === 0) {
      advisers++;
      yield* emit(
        `adviser-nea-${advisers}`,
        'AdviserAppointed',
        {
          adviserId: `nea-${advisers}`,
          ...p,
          name: `Adviser ${advisers}`,
          areaIds: [pick(areaIds)],
        },
        'admin-bcc',
        'admin',
      );
    } else {
      const id = `nea-${existing(advisers)}`;
      yield* emit(
        `adviser-${id}`,
        'AdviserReportSubmitted',
        {
          adviserId: id,
          reportId: `report-${count}`,
          summary: 'Quarterly letter',
        },
        id,
        'adviser',
      );
    }
  }
}
