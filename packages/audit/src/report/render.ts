import type { StatusCounters } from '@assure/projections';
import { daysBetween } from './details';
import type { ReportData } from './model';
import { changeGroups, provenance, scoreText } from './text';

const md = (s: string): string => s.replace(/([|\\`*_[\]<>])/g, '\\$1').replace(/\n/g, ' ');
const dot: Record<string, string> = { red: '🔴', amber: '🟠', green: '🟢' };
const pct = (n: number | null): string => (n === null ? '-' : `${Math.round(n)}%`);
const counts = (c: StatusCounters): string =>
  `${dot[c.rag] ?? ''} ${c.rag} | ${c.recommendations.open} | ${c.recommendations.overdue} | ${c.actions.completed}/${c.actions.total} | ${pct(c.actions.percentComplete)} | ${c.actions.overdue} | ${c.risks.open} | ${c.risks.highestScore ?? '-'}`;

/** A Markdown table: the header row, its separator, then a row for each list of cells. */
const table = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  `| ${header.join(' | ')} |`,
  `|${'---|'.repeat(header.length)}`,
  ...rows.map((cells) => `| ${cells.join(' | ')} |`),
];

function statusMd(d: ReportData): string[] {
  const out: string[] = ['## Status', ''];
  for (const p of d.status.programmes) {
    out.push(
      `### ${md(p.title)} (${md(p.phase)})`,
      '',
      '| Area | RAG | Open recs | Overdue recs | Actions done | Complete | Overdue actions | Open risks | Highest score |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const a of p.areas)
      out.push(`| ${md(a.title)}${a.retired ? ' (retired)' : ''} | ${counts(a)} |`);
    out.push(`| **Programme total** | ${counts(p.totals)} |`, '');
  }
  return out;
}

const TRACKER_HEADER = [
  'Recommendation',
  'Title',
  'Source',
  'Classification',
  'Owner',
  'Status',
  'Original due',
  'Current due',
  'Revisions (approved by)',
  'Days overdue',
  'Late statutory response',
];

function trackerMd(d: ReportData): string[] {
  const rows = d.tracker.rows.map((r) => {
    const revs = (d.revisions[r.id] ?? [])
      .map(
        (v) => `${v.revisedOn}: ${v.previousDueOn} to ${v.dueOn}, approved by ${md(v.approvedBy)}`,
      )
      .join('; ');
    const late = r.late ? '**Late**' : 'On time';
    return [
      md(r.id),
      md(d.recommendationTitles[r.id] ?? ''),
      md(r.source),
      md(r.classification),
      md(r.owner ?? '-'),
      r.status,
      r.originalDueOn,
      r.dueOn,
      revs || '-',
      r.overdue ? String(daysBetween(r.dueOn, d.asAt)) : '-',
      r.classification === 'statutory' ? late : '-',
    ];
  });
  return ['## Recommendation tracker', '', ...table(TRACKER_HEADER, rows), ''];
}

const RISK_HEADER = [
  'Risk',
  'Title',
  'Owner',
  'Inherent',
  'Current',
  'Target',
  'Band',
  'Trend',
  'Controls',
  'Next review',
  'Status',
];
const LEVELS = [1, 2, 3, 4, 5];

function risksMd(d: ReportData): string[] {
  const rows = d.risks.rows.map((r) => [
    md(r.id),
    md(r.title),
    md(r.owner),
    scoreText(r.inherent),
    scoreText(r.current),
    scoreText(r.target),
    r.current.band,
    r.trend,
    String(d.riskControls[r.id] ?? 0),
    `${r.nextReviewOn}${r.reviewOverdue ? ' **overdue**' : ''}`,
    r.status,
  ]);
  const open = d.risks.rows.filter((r) => r.status === 'open');
  const heat = [...LEVELS].reverse().map((l) => [
    String(l),
    ...LEVELS.map((i) =>
      open
        .filter((r) => r.current.likelihood === l && r.current.impact === i)
        .map((r) => md(r.id))
        .join(', '),
    ),
  ]);
  return [
    '## Risk register',
    '',
    ...table(RISK_HEADER, rows),
    '',
    '## Risk heat map',
    '',
    'Open risks by current likelihood (rows, 5 highest) and impact (columns, 5 highest).',
    '',
    ...table(['Likelihood / Impact', ...LEVELS.map(String)], heat),
    '',
  ];
}

function changesMd(d: ReportData): string[] {
  const out: string[] = ['## Changes since the last meeting', ''];
  for (const b of d.changes.bodies) {
    out.push(
      `### ${md(b.name)}`,
      '',
      `${b.lastMeeting === null ? 'Has not met yet.' : `Last met ${b.lastMeeting.heldOn}.`} ${b.changes.length} change(s), grouped, in date order.`,
      '',
    );
    for (const g of changeGroups(b.changes)) {
      out.push(`#### ${g.label} (${g.rows.length})`, '');
      for (const c of g.rows)
        out.push(`- ${c.occurredAt.slice(0, 10)} ${md(c.actor)}: ${md(c.summary)}`);
      out.push('');
    }
  }
  return out;
}

/**
 * The same report as Markdown: the provenance, status (retired areas and programme
 * totals), tracker, risk register, heat map naming its risks and grouped changes.
 *
 * @example
 * fs.writeFileSync('board-pack.md', renderMarkdown(data));
 */
export function renderMarkdown(d: ReportData): string {
  const v = d.verification;
  const p = provenance(d);
  const out: string[] = [
    `# ${md(d.title)}`,
    '',
    `As at **${d.asAt}**; as known at **${d.knownAt ?? 'everything recorded'}**. RAG policy \`${d.policies.rag}\`, risk bands \`${d.policies.riskBands}\`.`,
    '',
    `Built from a log of **${v.treeSize}** events, Merkle root \`${v.root}\`. Verification: **${p.outcome}**.`,
    '',
    p.witness,
    '',
    p.checked,
    '',
  ];
  return [...out, ...statusMd(d), ...trackerMd(d), ...risksMd(d), ...changesMd(d)].join('\n');
}
