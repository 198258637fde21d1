// Test helpers: a realistic Birmingham log built with chainEvent directly (no store), and
// export text manipulation for tamper tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import {
  GENESIS_HASH,
  chainEvent,
  type Envelope,
  type EventStore,
  type ProposedEvent,
} from '@assure/event-store';
import { MerkleFrontier, eventLeafHash, seal } from '@assure/audit';
import {
  riskIdentifiedData,
  riskRescoredData,
  riskScore,
  type RiskPlace,
  type RiskOwnership,
  type RiskScoring,
} from '@assure/testing';

export interface Spec {
  readonly stream: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly actor?: string;
  readonly role?: string;
  readonly on: string;
}

const day = (d: string): string => `${d}T00:00:00.000Z`;

/** Who records a story event: a role, and the actor when it is not the role's default. */
type By = Pick<Spec, 'actor' | 'role'>;
const admin: By = { role: 'admin' };
const board: By = { role: 'board' };
const officer = (actor: string): By => ({ actor, role: 'officer' });

/** `type` appended to `stream` on day `on` by `by`. */
const spec = (stream: string, type: string, on: string, by: By, data: Spec['data']): Spec => ({
  stream,
  type,
  on,
  ...by,
  data,
});

/**
 * A risk of programme `bcc` identified on day `on` by its owner, an officer (stream
 * `risk-<riskId>`).
 */
export function riskSpec(
  place: Omit<RiskPlace, 'programmeId'> & { readonly on: string },
  title: string,
  ownership: RiskOwnership,
  scoring: RiskScoring,
): Spec {
  const { on, ...where } = place;
  const data = riskIdentifiedData({ ...where, programmeId: 'bcc' }, title, ownership, scoring);
  return spec(`risk-${where.riskId}`, 'RiskIdentified', on, officer(ownership.owner), data);
}

/** The Birmingham story, as a list of events (streams interleaved). */
export function storySpecs(): Spec[] {
  const programme = (type: string, on: string, data: Spec['data']): Spec =>
    spec('programme-bcc', type, on, admin, { programmeId: 'bcc', ...data });
  // The risks: equal pay (rescored below) and the Amey contract (escalated below).
  const equalPay = riskSpec(
    { on: '2015-02-02', riskId: 'equal-pay', areaId: 'area-finance' },
    'Equal pay liabilities',
    { category: 'financial', owner: 'officer-cfo' },
    { inherent: riskScore(5, 5), target: riskScore(2, 4), nextReviewOn: '2015-05-01' },
  );
  const amey = riskSpec(
    { on: '2015-03-03', riskId: 'amey', areaId: 'area-waste' },
    'Amey highways contract dispute',
    { category: 'contractual', owner: 'officer-place' },
    { inherent: riskScore(4, 4), target: riskScore(2, 3), nextReviewOn: '2015-06-01' },
  );
  const cfo = officer('officer-cfo');
  return [
    programme('ProgrammeEstablished', '2015-01-12', {
      title: 'Birmingham improvement journey',
      body: 'Birmingham City Council',
      phase: 'Independent Improvement Panel',
    }),
    programme('PriorityAreaDefined', '2015-01-12', {
      areaId: 'area-finance',
      title: 'Financial resilience',
    }),
    programme('PriorityAreaDefined', '2015-01-12', {
      areaId: 'area-waste',
      title: 'Waste governance and industrial relations',
    }),
    programme('OversightBodyConstituted', '2015-01-15', {
      bodyId: 'biip',
      kind: 'improvement-panel',
      name: 'Birmingham Independent Improvement Panel',
    }),
    spec('recommendation-kerslake-01', 'RecommendationRaised', '2015-01-20', board, {
      recommendationId: 'kerslake-01',
      programmeId: 'bcc',
      areaId: 'area-finance',
      source: 'kerslake-review',
      classification: 'key',
      title: 'Set a balanced, deliverable medium-term budget',
      dueOn: '2015-12-31',
      raisedOn: '2015-01-20',
    }),
    equalPay,
    spec('action-budget-2016', 'ActionPlanned', '2015-02-10', cfo, {
      actionId: 'budget-2016',
      programmeId: 'bcc',
      areaId: 'area-finance',
      recommendationIds: ['kerslake-01'],
      title: 'Four-year financial plan',
      lead: 'officer-cfo',
      dueOn: '2016-02-28',
    }),
    amey,
    spec(
      'risk-equal-pay',
      'RiskRescored',
      '2016-03-12',
      cfo,
      riskRescoredData(
        'equal-pay',
        riskScore(5, 5),
        riskScore(4, 5),
        'Further claims lodged; settlement talks stalled',
      ),
    ),
    spec('action-budget-2016', 'ActionProgressRecorded', '2015-09-30', cfo, {
      actionId: 'budget-2016',
      percentComplete: 60,
      narrative: 'Savings programme agreed by cabinet — “£88m” identified',
    }),
    spec('recommendation-kerslake-01', 'RecommendationResponded', '2015-02-03', board, {
      recommendationId: 'kerslake-01',
      decision: 'accepted',
      response: 'Accepted in full',
      late: false,
    }),
    spec('risk-amey', 'RiskEscalated', '2017-06-01', officer('officer-place'), {
      riskId: 'amey',
      to: 'biip',
      reason: 'Litigation costs rising',
    }),
    spec('action-budget-2016', 'ActionCompleted', '2016-02-25', cfo, {
      actionId: 'budget-2016',
      evidence: [{ uri: 'https://www.birmingham.gov.uk/budget-2016', title: 'Budget 2016+' }],
    }),
    programme('ProgrammePhaseChanged', '2019-03-31', {
      phase: 'Assurance Framework',
      previousPhase: 'Independent Improvement Panel',
      reason: 'The Panel stepped down',
    }),
  ];
}

export interface LogOptions {
  /** Seal after this many events (indexes into the log, seals included). */
  readonly sealAfter?: readonly number[];
  /** Repeat the story with fresh ids to make a longer log. */
  readonly rounds?: number;
}

const SEAL_META = { actor: 'auditor-gt', role: 'auditor' } as const;

/** Positions are non-contiguous (like EventStoreDB commit positions). */
export const positionOf = (index: number): string => String(1000 + index * 7);

/** Builds a log of envelopes (positions assigned), sealing where asked. */
export function buildLog(options: LogOptions = {}): Envelope[] {
  const rounds = options.rounds ?? 1;
  const specs: Spec[] = [];
  for (let r = 0; r < rounds; r++)
    for (const s of storySpecs())
      specs.push(r === 0 ? s : { ...s, stream: `${s.stream}-r${r}`.slice(0, 120) });
  const sealAfter = new Set(options.sealAfter ?? []);
  const log: Envelope[] = [];
  const tips = new Map<string, { revision: number; hash: string }>();
  const frontier = new MerkleFrontier();
  const add = (stream: string, p: ProposedEvent): void => {
    const tip = tips.get(stream);
    const c = chainEvent(
      stream,
      tip ? tip.revision + 1 : 0,
      tip ? tip.hash : GENESIS_HASH,
      p,
      p.meta.occurredAt,
    );
    const e: Envelope = { position: positionOf(log.length), ...c };
    tips.set(stream, { revision: e.revision, hash: e.hash });
    log.push(e);
    frontier.push(eventLeafHash(e.hash));
  };
  let n = 0;
  const seal = (): void => {
    const last = log[log.length - 1];
    add('ledger-seals', {
      eventId: `seal-${log.length}`,
      type: 'LedgerSealed',
      schemaVersion: 1,
      data: {
        treeSize: frontier.size,
        root: frontier.root().toString('hex'),
        lastPosition: last?.position ?? '0',
      },
      meta: { ...SEAL_META, occurredAt: day('2019-04-01'), commandId: `seal-${log.length}` },
    });
  };
  for (const s of specs) {
    if (sealAfter.has(log.length)) seal();
    n++;
    add(s.stream, {
      eventId: `evt-${String(n).padStart(6, '0')}`,
      type: s.type,
      schemaVersion: 1,
      data: s.data,
      meta: {
        actor: s.actor ?? (s.role === 'board' ? 'board-chair' : 'admin-programme'),
        role: s.role ?? 'admin',
        occurredAt: day(s.on),
        recordedAt: `${s.on}T10:15:${String(n % 60).padStart(2, '0')}.${String(n % 1000).padStart(3, '0')}Z`,
        commandId: `cmd-${n}`,
        correlationId: `cor-${n}`,
      },
    });
  }
  if (sealAfter.has(log.length)) seal();
  return log;
}

/** Export text: header plus one envelope per line, newline-terminated. */
export function exportText(log: readonly Envelope[], events = log.length): string {
  const header = JSON.stringify({
    format: 'assure-export',
    version: 1,
    exportedAt: '2019-07-30T12:00:00.000Z',
    events,
  });
  return [header, ...log.map((e) => JSON.stringify(e))].join('\n') + '\n';
}

/** Recomputes every hash, chain and seal of a log after an edit (a full rewrite). */
export function rewriteHistory(log: readonly Envelope[]): Envelope[] {
  const out: Envelope[] = [];
  const tips = new Map<string, { revision: number; hash: string }>();
  const frontier = new MerkleFrontier();
  for (const e of log) {
    const tip = tips.get(e.stream);
    const data =
      e.type === 'LedgerSealed'
        ? {
            treeSize: frontier.size,
            root: frontier.root().toString('hex'),
            lastPosition: out[out.length - 1]?.position ?? '0',
          }
        : e.data;
    const c = chainEvent(
      e.stream,
      tip ? tip.revision + 1 : 0,
      tip ? tip.hash : GENESIS_HASH,
      { ...e, data },
      e.meta.recordedAt,
    );
    const n: Envelope = { position: e.position, ...c };
    tips.set(e.stream, { revision: n.revision, hash: n.hash });
    frontier.push(eventLeafHash(n.hash));
    out.push(n);
  }
  return out;
}

/** Async chunks of a string, cut at odd places (to exercise the line splitter). */
export async function* chunked(text: string, size = 97): AsyncGenerator<Buffer> {
  const b = Buffer.from(text, 'utf8');
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

/** The later of two instants (the `Instant` form orders as text). */
export function later(a: string, b: string): string {
  return a > b ? a : b;
}

/** The value of a Right; throws, showing the Left, otherwise. */
export const right = <A>(e: E.Either<unknown, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected right, got ${JSON.stringify(e.left)}`);
  return e.right;
};

/**
 * A story spec as a proposed event: `eventId`, the spec's actor and role (default the
 * programme's admin), `occurredAt` its day, and `meta` besides.
 */
export function storyEvent(
  s: Spec,
  eventId: string,
  meta: Partial<ProposedEvent['meta']> = {},
): ProposedEvent {
  return {
    eventId,
    type: s.type,
    schemaVersion: 1,
    data: s.data,
    meta: {
      actor: s.actor ?? 'admin-programme',
      role: s.role ?? 'admin',
      occurredAt: `${s.on}T00:00:00.000Z`,
      ...meta,
    },
  };
}

/**
 * Appends `specs` as backfilled history (`evt-1`, `evt-2`...; each recorded at noon of its
 * day, never before the previous one: transaction time never goes backwards, a backdated
 * entry is recorded when entered), then seals the log as the auditor.
 */
export async function appendBackfilledStory(
  store: EventStore,
  specs: readonly Spec[],
): Promise<void> {
  let recorded = '';
  for (const [i, s] of specs.entries()) {
    recorded = later(recorded, `${s.on}T12:00:00.000Z`);
    const p = storyEvent(s, `evt-${i + 1}`, { recordedAt: recorded, backfill: true });
    right(await store.append(s.stream, [p], 'any')());
  }
  right(await seal(store, { actor: 'auditor-gt', role: 'auditor' })());
}

/**
 * A temporary directory made before each test (`'all'`: once for the file) and removed
 * after; returns where a file of that name lies in it.
 */
export function tempFiles(
  prefix: string,
  scope: 'each' | 'all' = 'each',
): (name: string) => string {
  let dir = '';
  (scope === 'all' ? beforeAll : beforeEach)(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  (scope === 'all' ? afterAll : afterEach)(() => rmSync(dir, { recursive: true, force: true }));
  return (name) => join(dir, name);
}
