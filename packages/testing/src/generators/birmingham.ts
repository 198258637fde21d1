import * as fc from 'fast-check';

/** One command of a generated history, as `assure exec` reads it: input and meta. */
export interface GeneratedCommand {
  readonly input: { readonly type: string; readonly data: Record<string, unknown> };
  readonly meta: {
    readonly actor: string;
    readonly role: string;
    readonly occurredAt: string;
    readonly commandId: string;
  };
}

type StepKind =
  | 'identify-risk'
  | 'rescore-risk'
  | 'raise-recommendation'
  | 'respond'
  | 'assign-owner'
  | 'plan-action'
  | 'record-progress'
  | 'complete-action';

interface Step {
  readonly kind: StepKind;
  /** Picks among existing entities (modulo their number). */
  readonly pick: number;
  /** A level 1-5 or a percentage source. */
  readonly a: number;
  readonly b: number;
  /** Days to move the valid time forward. */
  readonly days: number;
}

const AREAS = ['area-governance', 'area-finance', 'area-vulnerable-people'] as const;
const RISK_TITLES = [
  'Equal pay liabilities',
  'Industrial relations in the waste service',
  'Delivery of the Commonwealth Games',
  'Paradise Circus redevelopment',
  'Performance of the Amey highways contract',
];
const OFFICERS = ['officer-cfo', 'officer-ceo', 'officer-monitoring', 'officer-waste'];

const arbStep: fc.Arbitrary<Step> = fc.record({
  kind: fc.constantFrom<StepKind>(
    'identify-risk',
    'rescore-risk',
    'rescore-risk',
    'raise-recommendation',
    'respond',
    'assign-owner',
    'plan-action',
    'record-progress',
    'complete-action',
  ),
  pick: fc.nat({ max: 1000 }),
  a: fc.integer({ min: 1, max: 5 }),
  b: fc.integer({ min: 1, max: 5 }),
  days: fc.integer({ min: 0, max: 20 }),
});

const dayAfter = (start: number, days: number): string =>
  new Date(start + days * 86_400_000).toISOString().slice(0, 10);

/** Who issues a command. */
interface Issuer {
  readonly actor: string;
  readonly role: string;
}

const ADMIN: Issuer = { actor: 'pmo-admin', role: 'admin' };
const PANEL: Issuer = { actor: 'board-biip', role: 'board' };

/** The story so far: the valid time, the commands, and what exists to act on. */
interface Journey {
  /** The valid time of the next command (ms since the epoch). */
  day: number;
  readonly out: GeneratedCommand[];
  readonly risks: string[];
  /** Recommendations raised and not yet responded to. */
  readonly raised: string[];
  readonly agreed: string[];
  readonly openActions: string[];
  actions: number;
}

/** Appends a command `days` after the previous one. */
function push(j: Journey, type: string, data: Record<string, unknown>, by: Issuer, days = 0): void {
  j.day += days * 86_400_000;
  j.out.push({
    input: { type, data },
    meta: {
      actor: by.actor,
      role: by.role,
      occurredAt: dayAfter(j.day, 0),
      commandId: `gen-${String(j.out.length + 1).padStart(4, '0')}`,
    },
  });
}

/** The opening of the story: the programme, its three priority areas and its cabinet. */
function establish(j: Journey): void {
  push(
    j,
    'EstablishProgramme',
    {
      programmeId: 'bcc',
      title: 'Birmingham City Council improvement programme',
      body: 'Birmingham City Council',
      phase: 'Independent Improvement Panel',
    },
    ADMIN,
  );
  for (const areaId of AREAS)
    push(
      j,
      'DefinePriorityArea',
      { programmeId: 'bcc', areaId, title: `Priority area ${areaId.slice(5)}` },
      ADMIN,
    );
  push(
    j,
    'ConstituteBody',
    { programmeId: 'bcc', bodyId: 'cabinet', kind: 'cabinet', name: 'Cabinet' },
    ADMIN,
  );
}

/**
 * The step to take for `kind`: itself when its precondition holds, else the step that
 * creates what it needs (a rescore before any risk identifies one, and so on).
 */
function feasible(kind: StepKind, j: Journey): StepKind {
  const toAgree = j.raised.length === 0 ? 'raise-recommendation' : 'respond';
  switch (kind) {
    case 'rescore-risk':
      return j.risks.length === 0 ? 'identify-risk' : kind;
    case 'respond':
      return j.raised.length === 0 ? 'raise-recommendation' : kind;
    case 'assign-owner':
    case 'plan-action':
      return j.agreed.length === 0 ? toAgree : kind;
    case 'record-progress':
    case 'complete-action':
      if (j.openActions.length > 0) return kind;
      return j.agreed.length === 0 ? toAgree : 'plan-action';
    case 'identify-risk':
    case 'raise-recommendation':
      return kind;
  }
}

type StepCommand = (j: Journey, s: Step, officer: Issuer) => void;

/** The risk register: risks identified and rescored by the officers who own them. */
const RISK_STEPS: Readonly<Record<'identify-risk' | 'rescore-risk', StepCommand>> = {
  'identify-risk': (j, s, officer) => {
    const riskId = `risk-${j.risks.length + 1}`;
    j.risks.push(riskId);
    const data = {
      riskId,
      programmeId: 'bcc',
      areaId: AREAS[s.pick % AREAS.length],
      title: RISK_TITLES[j.risks.length % RISK_TITLES.length],
      category: 'Corporate',
      owner: officer.actor,
      inherent: { likelihood: s.a, impact: s.b },
      target: { likelihood: 1, impact: s.b },
      nextReviewOn: dayAfter(j.day, 90),
    };
    push(j, 'IdentifyRisk', data, officer, s.days);
  },
  'rescore-risk': (j, s, officer) => {
    const data = {
      riskId: j.risks[s.pick % j.risks.length],
      likelihood: s.a,
      impact: s.b,
      rationale: 'Reviewed at the quarterly risk review.',
    };
    push(j, 'RescoreRisk', data, officer, s.days);
  },
};

/** The panel's recommendations: raised, accepted by the council, given an owner. */
const RECOMMENDATION_STEPS: Readonly<
  Record<'raise-recommendation' | 'respond' | 'assign-owner', StepCommand>
> = {
  'raise-recommendation': (j, s) => {
    const recommendationId = `rec-panel-${j.raised.length + j.agreed.length + 1}`;
    j.raised.push(recommendationId);
    const data = {
      recommendationId,
      programmeId: 'bcc',
      areaId: AREAS[s.pick % AREAS.length],
      source: 'improvement-panel',
      classification: s.a % 2 === 0 ? 'key' : 'improvement',
      title: 'Strengthen the corporate grip on delivery of the improvement plan',
      dueOn: dayAfter(j.day, 180),
    };
    push(j, 'RaiseRecommendation', data, PANEL, s.days);
  },
  respond: (j, s) => {
    const [recommendationId] = j.raised.splice(s.pick % j.raised.length, 1);
    j.agreed.push(recommendationId as string);
    const data = { recommendationId, decision: 'accepted', response: 'Accepted by Cabinet.' };
    push(j, 'RespondToRecommendation', data, ADMIN, s.days);
  },
  'assign-owner': (j, s, officer) => {
    const data = { recommendationId: j.agreed[s.pick % j.agreed.length], owner: officer.actor };
    push(j, 'AssignRecommendationOwner', data, ADMIN, s.days);
  },
};

/** The council's actions against agreed recommendations: planned, progressed, completed. */
const ACTION_STEPS: Readonly<
  Record<'plan-action' | 'record-progress' | 'complete-action', StepCommand>
> = {
  'plan-action': (j, s, officer) => {
    const actionId = `action-${++j.actions}`;
    j.openActions.push(actionId);
    const data = {
      actionId,
      programmeId: 'bcc',
      areaId: AREAS[s.pick % AREAS.length],
      recommendationIds: [j.agreed[s.pick % j.agreed.length]],
      title: 'Deliver the agreed response',
      lead: officer.actor,
      dueOn: dayAfter(j.day, 120),
    };
    push(j, 'PlanAction', data, ADMIN, s.days);
  },
  'record-progress': (j, s, officer) => {
    const data = {
      actionId: j.openActions[s.pick % j.openActions.length],
      percentComplete: (s.a * 20 + s.b) % 100,
      narrative: 'Progress reported to the programme board.',
    };
    push(j, 'RecordActionProgress', data, officer, s.days);
  },
  'complete-action': (j, s, officer) => {
    const [actionId] = j.openActions.splice(s.pick % j.openActions.length, 1);
    const evidence = [
      { uri: `https://docs.example/bcc/${actionId as string}.pdf`, title: 'Completion report' },
    ];
    push(j, 'CompleteAction', { actionId, evidence }, officer, s.days);
  },
};

const STEPS: Readonly<Record<StepKind, StepCommand>> = {
  ...RISK_STEPS,
  ...RECOMMENDATION_STEPS,
  ...ACTION_STEPS,
};

/**
 * Turns abstract steps into a valid command history of the Birmingham story: a programme
 * with three priority areas and a cabinet, then risks identified and rescored,
 * recommendations raised (by the improvement panel), accepted and owned, actions planned
 * against them, progressed and completed. A step whose precondition does not hold yet
 * (say, a rescore before any risk) becomes the step that creates what it needs.
 */
function interpret(steps: readonly Step[]): GeneratedCommand[] {
  const j: Journey = {
    day: Date.UTC(2015, 0, 13),
    out: [],
    risks: [],
    raised: [],
    agreed: [],
    openActions: [],
    actions: 0,
  };
  establish(j);
  for (const s of steps) {
    const officer = OFFICERS[s.pick % OFFICERS.length] as string;
    STEPS[feasible(s.kind, j)](j, s, { actor: officer, role: 'officer' });
  }
  return j.out;
}

/**
 * Valid command histories of the Birmingham story (every command accepted by the domain
 * when applied in order to an empty store), for property tests and benchmarks of stores,
 * handlers and projections. Command ids are `gen-0001`, `gen-0002`, ...; valid times start
 * on 2015-01-13 and never go back.
 *
 * @example
 * fc.assert(fc.asyncProperty(arbBirminghamCommands({ maxSteps: 30 }), async (commands) => {
 *   for (const c of commands) await handler.handle(c.input, c.meta)();
 * }));
 */
export function arbBirminghamCommands(
  options: { readonly maxSteps?: number } = {},
): fc.Arbitrary<GeneratedCommand[]> {
  return fc.array(arbStep, { maxLength: options.maxSteps ?? 40 }).map(interpret);
}

/**
 * A deterministic valid history of about `steps` commands (no fast-check run needed),
 * for benchmarks: the same `seed` gives the same history.
 */
export function birminghamCommands(steps: number, seed = 42): GeneratedCommand[] {
  const [drawn] = fc.sample(fc.array(arbStep, { minLength: steps, maxLength: steps }), {
    seed,
    numRuns: 1,
  });
  return interpret(drawn ?? []);
}
