/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of every document the server sends: the
 * same documents as the CLI's `--json`, built by `@assure/projections`. The OpenAPI document
 * refers to them by name, and the tests validate real responses against them.
 */
type Schema = Readonly<Record<string, unknown>>;

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const bool = { type: 'boolean' } as const;
const nullable = (s: Schema): Schema => ({ anyOf: [s, { type: 'null' }] });
const day = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;
const instant = { type: 'string', format: 'date-time' } as const;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const obj = (properties: Record<string, Schema>): Schema => ({
  type: 'object',
  required: Object.keys(properties),
  properties,
});
const arr = (items: Schema): Schema => ({ type: 'array', items });
const counts = { type: 'object', additionalProperties: int } as const;

const counters = obj({
  recommendations: obj({ total: int, open: int, overdue: int, byStatus: counts }),
  actions: obj({
    total: int,
    completed: int,
    cancelled: int,
    overdue: int,
    percentComplete: nullable({ type: 'number' }),
  }),
  risks: obj({ open: int, highestScore: nullable(int), byBand: counts }),
  rag: str,
});
const scored = obj({ likelihood: int, impact: int, score: int, band: str });
const evidence = { type: 'object', required: ['uri'], properties: { uri: str } } as const;

/** The documents, by the name the OpenAPI document gives them. */
export const documentSchemas: Readonly<Record<string, Schema>> = {
  Counters: counters,
  StatusDocument: obj({
    asAt: day,
    knownAt: nullable(instant),
    policy: str,
    programmes: arr(
      obj({
        id: str,
        title: str,
        phase: str,
        areas: arr({
          allOf: [
            ref('Counters'),
            obj({
              id: str,
              title: str,
              retired: bool,
              advisers: arr(obj({ id: str, name: str })),
            }),
          ],
        }),
        totals: ref('Counters'),
      }),
    ),
  }),
  TrackerDocument: obj({
    asAt: day,
    rows: arr(
      obj({
        id: str,
        areaId: str,
        source: str,
        classification: str,
        status: str,
        originalDueOn: day,
        dueOn: day,
        revisions: int,
        slipped: bool,
        overdue: bool,
        owner: nullable(str),
        actionIds: arr(str),
        evidenceCount: int,
        late: bool,
        extensionRequested: bool,
      }),
    ),
  }),
  RiskRegisterDocument: obj({
    asAt: day,
    rows: arr(
      obj({
        id: str,
        areaId: nullable(str),
        title: str,
        owner: str,
        inherent: scored,
        current: scored,
        target: scored,
        trend: str,
        controls: int,
        nextReviewOn: day,
        reviewOverdue: bool,
        escalatedTo: nullable(str),
        flags: arr(str),
        status: { enum: ['open', 'closed'] },
        mitigatingActions: arr(
          obj({
            id: str,
            title: nullable(str),
            status: nullable(str),
            percentComplete: nullable(int),
            dueOn: nullable(day),
            overdue: bool,
          }),
        ),
      }),
    ),
    heatMap: arr(arr(int)),
  }),
  StocktakesDocument: obj({
    asAt: day,
    programmes: arr(
      obj({
        programmeId: str,
        phases: arr(
          obj({
            phase: str,
            startsOn: nullable(day),
            exitCriteria: nullable(str),
            changedOn: day,
            endsOn: nullable(day),
          }),
        ),
        stocktakes: arr(
          obj({
            stocktakeId: str,
            heldOn: day,
            periodStart: day,
            periodEnd: day,
            assessor: { enum: ['self-assessment', 'panel', 'peer-team'] },
            bodyId: nullable(str),
            criteriaSet: str,
            findings: str,
            rating: { enum: ['red', 'amber', 'green'] },
          }),
        ),
        criteria: arr(
          obj({
            criterion: str,
            title: nullable(str),
            stocktakeId: str,
            rating: { enum: ['red', 'amber', 'green'] },
            narrative: str,
            assessedOn: day,
            previousRating: nullable({ enum: ['red', 'amber', 'green'] }),
            trend: { enum: ['new', 'improved', 'declined', 'unchanged'] },
          }),
        ),
        outputs: arr(
          obj({
            outputId: str,
            from: str,
            to: str,
            kind: { enum: ['letter', 'report'] },
            issuedOn: day,
            title: str,
            summary: str,
            uri: nullable(str),
          }),
        ),
      }),
    ),
  }),
  RosterDocument: obj({
    asAt: day,
    rows: arr(
      obj({
        id: str,
        programmeId: str,
        name: str,
        areas: arr(obj({ id: str, title: nullable(str) })),
        status: { enum: ['appointed', 'stood-down'] },
        appointedOn: day,
        termEndsOn: nullable(day),
        termEnded: bool,
        stoodDownOn: nullable(day),
        reports: int,
        lastReportOn: nullable(day),
      }),
    ),
  }),
  ProgrammeDocument: obj({
    status: ref('StatusDocument'),
    tracker: ref('TrackerDocument'),
    risks: ref('RiskRegisterDocument'),
    roster: ref('RosterDocument'),
  }),
  TrailRow: obj({
    position: str,
    recordedAt: instant,
    occurredAt: instant,
    actor: str,
    role: str,
    stream: str,
    type: str,
    summary: str,
    reason: nullable(str),
    evidence: arr(evidence),
    hash: str,
  }),
  TrailPage: obj({
    rows: arr(ref('TrailRow')),
    next: nullable(str),
  }),
  CommandResult: obj({
    stream: str,
    nextRevision: int,
    position: nullable(str),
    events: arr(
      obj({ position: str, stream: str, revision: int, type: str, eventId: str, hash: str }),
    ),
  }),
  CommandResults: obj({ results: arr(ref('CommandResult')) }),
  FeedMessage: obj({
    position: str,
    stream: str,
    type: str,
    occurredAt: instant,
    items: obj({
      programme: arr(str),
      area: arr(str),
      recommendation: arr(str),
      action: arr(str),
      risk: arr(str),
      adviser: arr(str),
    }),
  }),
  Problem: {
    type: 'object',
    required: ['type', 'title', 'status', 'detail', 'error'],
    properties: {
      type: str,
      title: str,
      status: int,
      detail: str,
      error: { type: 'object', required: ['_tag'], properties: { _tag: str, message: str } },
      index: int,
    },
  },
  Health: obj({ status: str }),
  Readiness: obj({ status: { enum: ['ready', 'not-ready'] }, checkpoint: nullable(str) }),
  Seal: { type: 'object', description: 'the latest LedgerSealed event (its envelope)' },
  InclusionProof: { type: 'object', description: 'an inclusion proof of @assure/audit' },
  ConsistencyProof: { type: 'object', description: 'a consistency proof of @assure/audit' },
};
