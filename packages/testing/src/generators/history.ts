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

/** Who writes an event: the actor and role of its meta (default: the programme office). */
type Writer = readonly [actor: string, role: string];

const ADMIN: Writer = ['admin-bcc', 'admin'];
const BOARD: Writer = ['board-chair', 'board'];
const P = { programmeId: 'bcc-improvement' };
const PROGRAMME = 'programme-bcc-improvement';
const BODIES = ['improvement-panel', 'cabinet', 'strategic-programme-board'];

/**
 * One history being generated: its PRNG, clock and counts. Every draw of the PRNG happens
 * in the same order as ever, so a seed keeps giving the same history.
 */
class History {
  private readonly rnd: () => number;
  private readonly backdated: number;
  private readonly areaIds: readonly string[];
  private readonly active: 'all' | number;
  private recs = 0;
  private actions = 0;
  private risks = 0;
  private advisers = 0;
  private meetings = 0;
  /** Events emitted so far. */
  count = 0;
  private clock = Date.UTC(2015, 0, 13);

  constructor(
    private readonly n: number,
    options: GenerateOptions,
  ) {
    this.rnd = prng(options.seed ?? 1);
    this.backdated = options.backdated ?? 0.05;
    this.areaIds = Array.from({ length: options.areas ?? 8 }, (_, i) => `area-${i + 1}`);
    const active = options.active ?? 'all';
    if (active !== 'all' && !(Number.isInteger(active) && active > 0))
      throw new RangeError(`active: expected 'all' or a positive integer, got ${String(active)}`);
    this.active = active;
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)] as T;
  }

  private level(): number {
    return 1 + Math.floor(this.rnd() * 5);
  }

  /** The number (1-based) of an existing item of a kind that has `count` of them. */
  private existing(count: number): number {
    return this.active === 'all'
      ? 1 + Math.floor(this.rnd() * count)
      : count - Math.floor(this.rnd() * Math.min(count, this.active));
  }

  private day(ms: number): string {
    return new Date(ms).toISOString().slice(0, 10);
  }

  /** The next event, its times drawn after its data (none once `n` are emitted). */
  private emit(
    stream: string,
    type: string,
    data: Record<string, unknown>,
    [actor, role]: Writer = ['officer-pmo', 'officer'],
  ): GeneratedEvent | undefined {
    if (this.count >= this.n) return undefined;
    this.clock += Math.floor(this.rnd() * 3) * 3_600_000;
    const occurred =
      this.rnd() < this.backdated ? this.clock - Math.floor(this.rnd() * 60) * DAY_MS : this.clock;
    const occurredAt = new Date(occurred - (occurred % DAY_MS)).toISOString();
    this.count++;
    return {
      stream,
      event: {
        eventId: `gen-${this.count}`,
        type,
        schemaVersion: 1,
        data,
        meta: { actor, role, occurredAt, recordedAt: new Date(this.clock).toISOString() },
      },
    };
  }

  /** The programme, its priority areas and its oversight bodies. */
  *setup(): Generator<GeneratedEvent | undefined> {
    yield this.emit(
      PROGRAMME,
      'ProgrammeEstablished',
      {
        ...P,
        title: 'Birmingham City Council improvement programme',
        body: 'Birmingham City Council',
        phase: 'Independent Improvement Panel',
      },
      ADMIN,
    );
    for (const areaId of this.areaIds)
      yield this.emit(
        PROGRAMME,
        'PriorityAreaDefined',
        { ...P, areaId, title: `Priority ${areaId}` },
        ADMIN,
      );
    for (const bodyId of BODIES) {
      const kind =
        bodyId === 'cabinet'
          ? 'cabinet'
          : bodyId === 'improvement-panel'
            ? 'improvement-panel'
            : 'programme-board';
      yield this.emit(
        PROGRAMME,
        'OversightBodyConstituted',
        { ...P, bodyId, kind, name: bodyId },
        ADMIN,
      );
    }
  }

  /** One event of the programme's life, its kind drawn by share. */
  step(): GeneratedEvent | undefined {
    const r = this.rnd();
    const due = this.day(this.clock + (30 + Math.floor(this.rnd() * 365)) * DAY_MS);
    if (r < 0.1 || this.recs === 0) return this.raiseRecommendation(due);
    if (r < 0.28) return this.recommendationEvent(r, due);
    if (r < 0.38 || this.actions === 0) return this.planAction(due);
    if (r < 0.63) return this.actionEvent(r);
    if (r < 0.67 || this.risks === 0) return this.identifyRisk(due);
    if (r < 0.9) return this.riskEvent(r, due);
    if (r < 0.95) return this.recordMeeting();
    if (r < 0.96 || this.advisers === 0) return this.appointAdviser();
    return this.adviserReport();
  }

  private raiseRecommendation(due: string): GeneratedEvent | undefined {
    this.recs++;
    const recs = this.recs;
    return this.emit(
      `recommendation-rec-${recs}`,
      'RecommendationRaised',
      {
        recommendationId: `rec-${recs}`,
        ...P,
        areaId: this.pick(this.areaIds),
        source: 'improvement-panel',
        classification: this.rnd() < 0.2 ? 'key' : 'improvement',
        title: `Recommendation ${recs}`,
        dueOn: due,
        raisedOn: this.day(this.clock),
      },
      BOARD,
    );
  }

  private recommendationEvent(r: number, due: string): GeneratedEvent | undefined {
    const id = `rec-${this.existing(this.recs)}`;
    const stream = `recommendation-${id}`;
    if (r < 0.18) {
      const decision = this.rnd() < 0.9 ? 'accepted' : 'rejected';
      const data = { recommendationId: id, decision, response: 'Agreed at cabinet', late: false };
      return this.emit(stream, 'RecommendationResponded', data, BOARD);
    }
    if (r < 0.22) {
      const data = {
        recommendationId: id,
        dueOn: due,
        reason: 'Re-phased',
        approvedBy: 'board-chair',
        previousDueOn: this.day(this.clock),
        originalDueOn: this.day(this.clock),
      };
      return this.emit(stream, 'RecommendationDueDateRevised', data, BOARD);
    }
    if (r < 0.26) {
      return this.emit(stream, 'ImplementationClaimed', {
        recommendationId: id,
        summary: 'Implemented',
        evidence: [{ uri: `https://www.birmingham.gov.uk/evidence/${id}` }],
        claimedBy: 'officer-pmo',
      });
    }
    const data = { recommendationId: id, outcome: 'verified', notes: 'Evidence seen' };
    return this.emit(stream, 'ImplementationVerified', data, ['auditor-gt', 'auditor']);
  }

  private planAction(due: string): GeneratedEvent | undefined {
    this.actions++;
    const actions = this.actions;
    return this.emit(`action-act-${actions}`, 'ActionPlanned', {
      actionId: `act-${actions}`,
      ...P,
      areaId: this.pick(this.areaIds),
      recommendationIds: [`rec-${this.existing(this.recs)}`],
      title: `Action ${actions}`,
      lead: 'officer-pmo',
      dueOn: due,
    });
  }

  private actionEvent(r: number): GeneratedEvent | undefined {
    const id = `act-${this.existing(this.actions)}`;
    if (r < 0.58) {
      return this.emit(`action-${id}`, 'ActionProgressRecorded', {
        actionId: id,
        percentComplete: Math.floor(this.rnd() * 100),
        narrative: 'On track',
      });
    }
    return this.emit(`action-${id}`, 'ActionCompleted', {
      actionId: id,
      evidence: [{ uri: `https://www.birmingham.gov.uk/evidence/${id}` }],
    });
  }

  private identifyRisk(due: string): GeneratedEvent | undefined {
    this.risks++;
    const risks = this.risks;
    const areaId = this.rnd() < 0.8 ? { areaId: this.pick(this.areaIds) } : {};
    return this.emit(`risk-risk-${risks}`, 'RiskIdentified', {
      riskId: `risk-${risks}`,
      ...P,
      ...areaId,
      title: `Risk ${risks}`,
      category: 'financial',
      owner: 'officer-cfo',
      inherent: { likelihood: this.level(), impact: this.level() },
      target: { likelihood: this.level(), impact: this.level() },
      nextReviewOn: due,
    });
  }

  private riskEvent(r: number, due: string): GeneratedEvent | undefined {
    const id = `risk-${this.existing(this.risks)}`;
    const stream = `risk-${id}`;
    if (r < 0.85) {
      const current = { likelihood: this.level(), impact: this.level() };
      return this.emit(stream, 'RiskRescored', {
        riskId: id,
        ...current,
        rationale: 'Quarterly review',
        previous: { likelihood: this.level(), impact: this.level() },
        current,
        nextReviewOn: due,
      });
    }
    if (r < 0.88) {
      if (this.rnd() < 0.5) {
        const data = { riskId: id, to: this.pick(BODIES), reason: 'Board decision' };
        return this.emit(stream, 'RiskEscalated', data);
      }
      return this.emit(stream, 'RiskDeescalated', { riskId: id, reason: 'Board decision' });
    }
    const type = this.rnd() < 0.7 ? 'RiskClosed' : 'RiskReopened';
    return this.emit(stream, type, { riskId: id, reason: 'Review' });
  }

  private recordMeeting(): GeneratedEvent | undefined {
    this.meetings++;
    const data = {
      ...P,
      bodyId: this.pick(BODIES),
      meetingId: `meeting-${this.meetings}`,
      heldOn: this.day(this.clock),
      attendees: ['cllr-ward'],
      observers: ['auditor-gt'],
    };
    return this.emit(PROGRAMME, 'MeetingRecorded', data, ADMIN);
  }

  private appointAdviser(): GeneratedEvent | undefined {
    this.advisers++;
    const advisers = this.advisers;
    const data = {
      adviserId: `nea-${advisers}`,
      ...P,
      name: `Adviser ${advisers}`,
      areaIds: [this.pick(this.areaIds)],
    };
    return this.emit(`adviser-nea-${advisers}`, 'AdviserAppointed', data, ADMIN);
  }

  private adviserReport(): GeneratedEvent | undefined {
    const id = `nea-${this.existing(this.advisers)}`;
    const data = { adviserId: id, reportId: `report-${this.count}`, summary: 'Quarterly letter' };
    return this.emit(`adviser-${id}`, 'AdviserReportSubmitted', data, [id, 'adviser']);
  }
}

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
  const history = new History(n, options);
  for (const e of history.setup()) if (e !== undefined) yield e;
  while (history.count < n) {
    const e = history.step();
    if (e !== undefined) yield e;
  }
}
