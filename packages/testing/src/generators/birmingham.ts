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

/**
 * Turns abstract steps into a valid command history of the Birmingham story: a programme
 * with three priority areas and a cabinet, then risks identified and rescored,
 * recommendations raised (by the improvement panel), accepted and owned, actions planned
 * against them, progressed and completed. A step whose precondition does not hold yet
 * (say, a rescore before any risk) becomes the step that creates what it needs.
 */
function interpret(steps: readonly Step[]): GeneratedCommand[] {
  const out: GeneratedCommand[] = [];
  let day = Date.UTC(2015, 0, 13);
  const push = (
    type: string,
    data: Record<string, unknown>,
    actor: string,
    role: string,
    days = 0,
  ): void => {
    day += days * 86_400_000;
    out.push({
      input: { type, data },
      meta: {
        actor,
        role,
        occurredAt: dayAfter(day, 0),
        commandId: `gen-${String(out.length + 1).padStart(4, '0')}`,
      },
    });
  };
  push(
    'EstablishProgramme',
    {
      programmeId: 'bcc',
      title: 'Birmingham City Council improvement programme',
      body: 'Birmingham City Council',
      phase: 'Independent Improvement Panel',
    },
    'pmo-admin',
    'admin',
  );
  for (const areaId of AREAS)
    push(
      'DefinePriorityArea',
      { programmeId: 'bcc', areaId, title: `Priority area ${areaId.slice(5)}` },
      'pmo-admin',
      'admin',
    );
  push(
    'ConstituteBody',
    { programmeId: 'bcc', bodyId: 'cabinet', kind: 'cabinet', name: 'Cabinet' },
    'pmo-admin',
    'admin',
  );

  const risks: string[] = [];
  const raised: string[] = [];
  const agreed: string[] = [];
  const openActions: string[] = [];
  let actions = 0;

  for (const s of steps) {
    let kind = s.kind;
    if (kind === 'rescore-risk' && risks.length === 0) kind = 'identify-risk';
    if (kind === 'respond' && raised.length === 0) kind = 'raise-recommendation';
    if (kind === 'assign-owner' && agreed.length === 0)
      kind = raised.length === 0 ? 'raise-recommendation' : 'respond';
    if (kind === 'plan-action' && agreed.length === 0)
      kind = raised.length === 0 ? 'raise-recommendation' : 'respond';
    if ((kind === 'record-progress' || kind === 'complete-action') && openActions.length === 0)
      kind =
        agreed.length === 0
          ? raised.length === 0
            ? 'raise-recommendation'
            : 'respond'
          : 'plan-action';
    const officer = OFFICERS[s.pick % OFFICERS.length] as string;
    switch (kind) {
      case 'identify-risk': {
        const riskId = `risk-${risks.length + 1}`;
        risks.push(riskId);
        push(
          'IdentifyRisk',
          {
            riskId,
            programmeId: 'bcc',
            areaId: AREAS[s.pick % AREAS.length],
            title: RISK_TITLES[risks.length % RISK_TITLES.length],
            category: 'Corporate',
            owner: officer,
            inherent: { likelihood: s.a, impact: s.b },
            target: { likelihood: 1, impact: s.b },
            nextReviewOn: dayAfter(day, 90),
          },
          officer,
          'officer',
          s.days,
        );
        break;
      }
      case 'rescore-risk':
        push(
          'RescoreRisk',
          {
            riskId: risks[s.pick % risks.length],
            likelihood: s.a,
            impact: s.b,
            rationale: 'Reviewed at the quarterly risk review.',
          },
          officer,
          'officer',
          s.days,
        );
        break;
      case 'raise-recommendation': {
        const recommendationId = `rec-panel-${raised.length + agreed.length + 1}`;
        raised.push(recommendationId);
        push(
          'RaiseRecommendation',
          {
            recommendationId,
            programmeId: 'bcc',
            areaId: AREAS[s.pick % AREAS.length],
            source: 'improvement-panel',
            classification: s.a % 2 === 0 ? 'key' : 'improvement',
            title: 'Strengthen the corporate grip on delivery of the improvement plan',
            dueOn: dayAfter(day, 180),
          },
          'board-biip',
          'board',
          s.days,
        );
        break;
      }
      case 'respond': {
        const [recommendationId] = raised.splice(s.pick % raised.length, 1);
        agreed.push(recommendationId as string);
        push(
          'RespondToRecommendation',
          { recommendationId, decision: 'accepted', response: 'Accepted by Cabinet.' },
          'pmo-admin',
          'admin',
          s.days,
        );
        break;
      }
      case 'assign-owner':
        push(
          'AssignRecommendationOwner',
          { recommendationId: agreed[s.pick % agreed.length], owner: officer },
          'pmo-admin',
          'admin',
          s.days,
        );
        break;
      case 'plan-action': {
        const actionId = `action-${++actions}`;
        openActions.push(actionId);
        push(
          'PlanAction',
          {
            actionId,
            programmeId: 'bcc',
            areaId: AREAS[s.pick % AREAS.length],
            recommendationIds: [agreed[s.pick % agreed.length]],
            title: 'Deliver the agreed response',
            lead: officer,
            dueOn: dayAfter(day, 120),
          },
          'pmo-admin',
          'admin',
          s.days,
        );
        break;
      }
      case 'record-progress':
        push(
          'RecordActionProgress',
          {
            actionId: openActions[s.pick % openActions.length],
            percentComplete: (s.a * 20 + s.b) % 100,
            narrative: 'Progress reported to the programme board.',
          },
          officer,
          'officer',
          s.days,
        );
        break;
      case 'complete-action': {
        const [actionId] = openActions.splice(s.pick % openActions.length, 1);
        push(
          'CompleteAction',
          {
            actionId,
            evidence: [
              {
                uri: `https://docs.example/bcc/${actionId as string}.pdf`,
                title: 'Completion report',
              },
            ],
          },
          officer,
          'officer',
          s.days,
        );
        break;
      }
      default: {
        const never: never = kind;
        return never;
      }
    }
  }
  return out;
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
