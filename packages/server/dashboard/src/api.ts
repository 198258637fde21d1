// The documents the dashboard reads from /v1, decoded with io-ts (only the fields it shows;
// anything else the server sends is ignored), and the calls that fetch them.
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';

const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);

const Counters = t.type({
  rag: t.string,
  recommendations: t.type({ total: t.number, open: t.number, overdue: t.number, late: t.number }),
  actions: t.type({
    total: t.number,
    completed: t.number,
    overdue: t.number,
    percentComplete: nullable(t.number),
  }),
  risks: t.type({ open: t.number, highestScore: nullable(t.number) }),
});
export type Counters = t.TypeOf<typeof Counters>;

const Area = t.intersection([
  Counters,
  t.type({
    id: t.string,
    title: t.string,
    retired: t.boolean,
    advisers: t.array(t.type({ id: t.string, name: t.string })),
  }),
]);
export type Area = t.TypeOf<typeof Area>;

const Programme = t.type({
  id: t.string,
  title: t.string,
  phase: t.string,
  areas: t.array(Area),
  totals: Counters,
});
export type Programme = t.TypeOf<typeof Programme>;

export const Status = t.type({
  asAt: t.string,
  knownAt: nullable(t.string),
  policy: t.string,
  programmes: t.array(Programme),
});
export type Status = t.TypeOf<typeof Status>;

const TrackerRow = t.type({
  id: t.string,
  areaId: t.string,
  title: t.string,
  source: t.string,
  classification: t.string,
  status: t.string,
  owner: nullable(t.string),
  originalDueOn: t.string,
  dueOn: t.string,
  revisions: t.number,
  revisionApprovers: t.array(t.string),
  overdue: t.boolean,
  daysOverdue: t.number,
  late: t.boolean,
});
export type TrackerRow = t.TypeOf<typeof TrackerRow>;
export const Tracker = t.type({ asAt: t.string, rows: t.array(TrackerRow) });
export type Tracker = t.TypeOf<typeof Tracker>;

const Score = t.type({ likelihood: t.number, impact: t.number, score: t.number, band: t.string });
export type Score = t.TypeOf<typeof Score>;
/** An action linked as mitigating a risk; its facts are null when outside the read window. */
const MitigatingAction = t.type({
  id: t.string,
  title: nullable(t.string),
  status: nullable(t.string),
  percentComplete: nullable(t.number),
  dueOn: nullable(t.string),
  overdue: t.boolean,
});
export type MitigatingAction = t.TypeOf<typeof MitigatingAction>;
const RiskRow = t.type({
  id: t.string,
  areaId: nullable(t.string),
  title: t.string,
  owner: t.string,
  inherent: Score,
  current: Score,
  target: Score,
  trend: t.string,
  controls: t.number,
  mitigatingActions: t.array(MitigatingAction),
  nextReviewOn: t.string,
  reviewOverdue: t.boolean,
  escalatedTo: nullable(t.string),
  status: t.string,
});
export type RiskRow = t.TypeOf<typeof RiskRow>;
export const Risks = t.type({ asAt: t.string, rows: t.array(RiskRow) });
export type Risks = t.TypeOf<typeof Risks>;

const TrailRow = t.type({
  position: t.string,
  recordedAt: t.string,
  occurredAt: t.string,
  actor: t.string,
  role: t.string,
  type: t.string,
  summary: t.string,
  reason: nullable(t.string),
  hash: t.string,
});
export type TrailRow = t.TypeOf<typeof TrailRow>;
export const Trail = t.type({ rows: t.array(TrailRow), next: nullable(t.string) });
export type Trail = t.TypeOf<typeof Trail>;

export const Seal = t.type({
  position: t.string,
  data: t.type({ treeSize: t.number, root: t.string, lastPosition: t.string }),
  meta: t.type({ recordedAt: t.string }),
});
export type Seal = t.TypeOf<typeof Seal>;

const Problem = t.type({ title: t.string, detail: t.string });

/** A failed call: the problem's title and detail (or the transport error), and its status. */
export interface ApiError {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
}

/** A decoded document and the log position its ETag names (`"position|asAt|knownAt..."`). */
export interface Got<A> {
  readonly doc: A;
  readonly position: string | null;
}

/** The time-travel point of view sent as `asAt` and `knownAt`. */
export interface Pov {
  readonly asAt: string | null;
  readonly knownAt: string | null;
}

const paths = (errors: t.Errors): string =>
  errors
    .slice(0, 3)
    .map((e) =>
      e.context
        .map((c) => c.key)
        .filter((k) => k !== '' && !/^\d+$/.test(k))
        .join('.'),
    )
    .join(', ');

/** GETs a /v1 document with the credential and decodes it. */
export async function getDoc<A>(
  credential: string,
  route: string,
  codec: t.Type<A, unknown>,
  pov: Pov,
  extra: Readonly<Record<string, string>> = {},
): Promise<E.Either<ApiError, Got<A>>> {
  const q = new URLSearchParams(extra);
  if (pov.asAt !== null) q.set('asAt', pov.asAt);
  if (pov.knownAt !== null) q.set('knownAt', pov.knownAt);
  const query = q.toString();
  let res: Response;
  try {
    res = await fetch(`${route}${query === '' ? '' : `?${query}`}`, {
      headers: { authorization: `Bearer ${credential}`, accept: 'application/json' },
      cache: 'no-store',
    });
  } catch (e) {
    return E.left({ status: 0, title: 'Unreachable', detail: String(e) });
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const p = Problem.decode(body);
    return E.left({
      status: res.status,
      title: E.isRight(p) ? p.right.title : `HTTP ${res.status}`,
      detail: E.isRight(p) ? p.right.detail : res.statusText,
    });
  }
  const decoded = codec.decode(body);
  if (E.isLeft(decoded))
    return E.left({
      status: res.status,
      title: 'UnexpectedDocument',
      detail: `${route}: unexpected ${paths(decoded.left)}`,
    });
  const etag = res.headers.get('etag');
  const position = etag === null ? null : (/^"(\d+)\|/.exec(etag)?.[1] ?? null);
  return E.right({ doc: decoded.right, position });
}
