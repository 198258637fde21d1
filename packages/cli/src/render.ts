import type {
  RiskRegisterDocument,
  StatusDocument,
  TrackerDocument,
  TrailDocument,
  StocktakesDocument,
} from '@assure/projections';

const RAG_MARK: Readonly<Record<string, string>> = { red: 'RED  ', amber: 'AMBER', green: 'GREEN' };

function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  '))
    .join('\n');
}

const pct = (n: number | null): string => (n === null ? '-' : `${Math.round(n)}%`);

type Counters = StatusDocument['programmes'][number]['totals'];
// Done over counted under the document's own policy, so the figures on one line agree.
const recs = ({ recommendations: r }: Counters): string =>
  `${r.done}/${r.total - r.excluded} (${r.late})`;
const acts = ({ actions: a }: Counters): string => `${a.done}/${a.total - a.excluded} (${a.due})`;
// Left out of every count by the policy (`@2`: withdrawn or rejected recommendations, cancelled actions).
const leftOut = ({ recommendations: r, actions: a }: Counters): string =>
  r.excluded + a.excluded === 0 ? '-' : `${r.excluded} recs, ${a.excluded} actions`;

/** The improvement status as a text table per programme. */
export function renderStatus(doc: StatusDocument): string {
  const out: string[] = [
    `Status as at ${doc.asAt}${doc.knownAt === null ? '' : `, as known at ${doc.knownAt}`} (RAG policy ${doc.policy})`,
  ];
  if (doc.programmes.length === 0) out.push('', 'No programme yet.');
  for (const p of doc.programmes) {
    out.push('', `${p.title} [${p.id}]`, `Phase: ${p.phase}`, '');
    const rows: string[][] = [
      [
        'RAG',
        'area',
        'recs done/counted (late)',
        'actions done/counted (due)',
        'complete',
        'left out',
        'open risks (max)',
        'advisers',
      ],
    ];
    for (const a of p.areas) {
      rows.push([
        RAG_MARK[a.rag] ?? a.rag,
        `${a.title}${a.retired ? ' (retired)' : ''}`,
        recs(a),
        acts(a),
        pct(a.actions.percentComplete),
        leftOut(a),
        `${a.risks.open} (${a.risks.highestScore ?? '-'})`,
        a.advisers.map((v) => v.name).join(', ') || '-',
      ]);
    }
    const t = p.totals;
    rows.push([
      RAG_MARK[t.rag] ?? t.rag,
      'Programme',
      recs(t),
      acts(t),
      pct(t.actions.percentComplete),
      leftOut(t),
      `${t.risks.open} (${t.risks.highestScore ?? '-'})`,
      '',
    ]);
    out.push(table(rows));
  }
  return out.join('\n') + '\n';
}

/** The recommendation tracker as a text table. */
export function renderTracker(doc: TrackerDocument): string {
  const rows: string[][] = [
    ['RAG', 'id', 'area', 'source', 'status', 'original', 'due', 'flags', 'latest', 'owner'],
  ];
  for (const r of doc.rows) {
    const flags = [
      r.overdue ? `OVERDUE ${r.daysOverdue}d` : '',
      r.slipped ? `slipped x${r.revisions} (${r.revisionApprovers.join(', ')})` : '',
      r.reopenedOn === null ? '' : `reopened ${r.reopenedOn}`,
      r.awaitingVerificationDays === null
        ? ''
        : `awaiting verification ${r.awaitingVerificationDays}d`,
      (r.sinceLastMeeting?.updates.length ?? 0) > 0 ? 'changed since last meeting' : '',
      r.late ? 'late response' : '',
      r.extensionRequested ? 'extension requested' : '',
    ].filter((f) => f !== '');
    rows.push([
      r.rag === null ? '-' : (RAG_MARK[r.rag] ?? r.rag),
      r.id,
      r.areaId,
      `${r.source}${r.classification === 'statutory' ? ' (statutory)' : ''}`,
      r.status,
      r.originalDueOn,
      r.dueOn,
      flags.join(', ') || '-',
      r.latestUpdate === null ? '-' : `${r.latestUpdate.on} ${r.latestUpdate.event}`,
      r.owner ?? '-',
    ]);
  }
  return `Recommendation tracker as at ${doc.asAt}: ${doc.rows.length} recommendations (RAG policy ${doc.policy})\n\n${table(rows)}\n`;
}

/** The risk register and its 5x5 heat map as text. */
export function renderRisks(doc: RiskRegisterDocument): string {
  const rows: string[][] = [
    [
      'id',
      'status',
      'inherent',
      'current',
      'target',
      'trend',
      'since meeting',
      'controls',
      'tolerance',
      'review',
      'owner',
    ],
  ];
  for (const r of doc.rows) {
    const score = (s: { likelihood: number; impact: number; score: number; band: string }) =>
      `${s.likelihood}x${s.impact}=${s.score} ${s.band}`;
    rows.push([
      r.id,
      r.status + (r.escalatedTo === null ? '' : ` (escalated to ${r.escalatedTo})`),
      score(r.inherent),
      score(r.current),
      score(r.target),
      r.trend,
      r.trendSinceLastMeeting === null
        ? '-'
        : `${r.trendSinceLastMeeting.trend} (${r.trendSinceLastMeeting.meetingOn})`,
      String(r.controls),
      r.tolerance === null
        ? '-'
        : `${r.tolerance.score}${r.outsideTolerance === true ? ' OUTSIDE' : ''}`,
      r.nextReviewOn + (r.reviewOverdue ? ' OVERDUE' : ''),
      r.owner,
    ]);
  }
  const heat: string[] = [
    '',
    'Heat map of open risks (rows: likelihood 5..1, columns: impact 1..5)',
  ];
  for (let l = 5; l >= 1; l--) {
    const cells = (doc.heatMap[l - 1] ?? []).map((n) => (n === 0 ? '.' : String(n)).padStart(3));
    heat.push(`  L${l} ${cells.join('')}`);
  }
  heat.push(`      ${[1, 2, 3, 4, 5].map((i) => `I${i}`.padStart(3)).join('')}`);
  return `Risk register as at ${doc.asAt}: ${doc.rows.length} risks\n\n${table(rows)}\n${mitigatingActions(doc)}${heat.join('\n')}\n`;
}

/**
 * The actions linked as mitigating each risk, one line each under its risk (nothing when no
 * risk has one): id, title, status, percent complete, due date, OVERDUE.
 */
function mitigatingActions(doc: RiskRegisterDocument): string {
  const lines: string[] = [];
  for (const r of doc.rows) {
    if (r.mitigatingActions.length === 0) continue;
    lines.push(`  ${r.id}`);
    for (const a of r.mitigatingActions) {
      const facts = [
        a.status ?? 'not in view',
        a.percentComplete === null ? null : `${a.percentComplete}%`,
        a.dueOn === null ? null : `due ${a.dueOn}${a.overdue ? ' OVERDUE' : ''}`,
      ].filter((x): x is string => x !== null);
      lines.push(`    ${a.id}${a.title === null ? '' : ` "${a.title}"`}: ${facts.join(', ')}`);
    }
  }
  return lines.length === 0 ? '' : `\nMitigating actions\n${lines.join('\n')}\n`;
}

/** The audit trail as text, one line per event. */
export function renderTrail(doc: TrailDocument): string {
  const rows: string[][] = [
    ['position', 'occurred', 'recorded', 'actor (role)', 'stream', 'type', 'summary'],
  ];
  for (const r of doc.rows)
    rows.push([
      r.position,
      r.occurredAt.slice(0, 10),
      r.recordedAt.slice(0, 19).replace('T', ' '),
      `${r.actor} (${r.role})`,
      r.stream,
      r.type,
      r.summary,
    ]);
  return `${table(rows)}\n`;
}

/** The stocktakes document as text: per programme its stocktakes, criteria and outputs. */
export function renderStocktakes(doc: StocktakesDocument): string {
  const out: string[] = [`Stocktakes as at ${doc.asAt}`];
  for (const p of doc.programmes) {
    out.push('', `Programme ${p.programmeId}`, '');
    out.push(
      table([
        ['phase', 'starts', 'ends', 'exit criteria'],
        ...p.phases.map((ph) => [
          ph.phase,
          ph.startsOn ?? '-',
          ph.endsOn ?? '-',
          ph.exitCriteria ?? '-',
        ]),
      ]),
    );
    out.push(
      '',
      table([
        ['stocktake', 'held', 'period', 'assessor', 'rating'],
        ...p.stocktakes.map((s) => [
          s.stocktakeId,
          s.heldOn,
          `${s.periodStart}..${s.periodEnd}`,
          s.assessor + (s.bodyId === null ? '' : ` (${s.bodyId})`),
          s.rating,
        ]),
      ]),
    );
    out.push(
      '',
      table([
        ['criterion', 'rating', 'trend', 'stocktake', 'on'],
        ...p.criteria.map((c) => [c.criterion, c.rating, c.trend, c.stocktakeId, c.assessedOn]),
      ]),
    );
    out.push(
      '',
      table([
        ['output', 'kind', 'from', 'to', 'issued'],
        ...p.outputs.map((o) => [o.outputId, o.kind, o.from, o.to, o.issuedOn]),
      ]),
    );
  }
  return `${out.join('\n')}\n`;
}
