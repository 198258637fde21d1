import { riskBandsV1 } from '@assure/domain';
import type { AreaStatus, RiskRow, StatusCounters, TrailRow } from '@assure/projections';
import { daysBetween } from './details';
import type { ReportData } from './model';
import { changeGroups, provenance, scoreText, stamp } from './text';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
const h = escapeHtml;

/** A CSS string literal (for `content:` in the print margins). */
const cssString = (s: string): string =>
  `"${s
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[\r\n]+/g, ' ')}"`;

/**
 * The RAG and band colours: each background with a text colour of contrast 4.5:1 or more
 * (WCAG AA): white on red 6.6:1, dark on amber 8.1:1, white on green 5.1:1; the pale tints
 * of empty heat-map cells carry dark text at 11:1 or more.
 */
export const REPORT_COLOURS = {
  red: { bg: '#b42318', fg: '#ffffff', tint: '#f6d4d1' },
  amber: { bg: '#f2b300', fg: '#1d2733', tint: '#fbecc0' },
  green: { bg: '#1a7f37', fg: '#ffffff', tint: '#d3eedb' },
} as const;
/** The RAG colour (red, amber, green) of a risk score under `risk-bands@1`. */
const bandColour = (score: number): string => riskBandsV1.colour(riskBandsV1.band(score));

function css(d: ReportData): string {
  const c = REPORT_COLOURS;
  const rag = (['red', 'amber', 'green'] as const)
    .map(
      (k) => `.rag-${k}{background:${c[k].bg};color:${c[k].fg}}.tint-${k}{background:${c[k].tint}}`,
    )
    .join('');
  return `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#1d2733;background:#fff;line-height:1.35}
h1{margin:0 0 .25rem;font-size:1.7rem}h2{margin-top:2rem;border-bottom:2px solid #c5ccd4;padding-bottom:.25rem;break-after:avoid}
h3,h4,p.meta{break-after:avoid}
.meta{color:#3d4a59;font-size:.95rem}.meta code{font-size:.8rem;word-break:break-all}
.provenance{border:1px solid #c5ccd4;border-radius:.4rem;padding:.5rem .9rem;background:#f6f7f9}
.tiles{display:flex;flex-wrap:wrap;gap:.8rem;margin:.8rem 0}
.tile{flex:0 0 14.5rem;border-radius:.5rem;padding:.8rem;break-inside:avoid}
.tile h3{margin:0 0 .4rem;font-size:1rem}.tile .rag{font-weight:700;text-transform:uppercase;letter-spacing:.05em}
.tile ul{margin:.4rem 0 0;padding-left:1.1rem;font-size:.85rem}
${rag}
.retired{background:#e9ecef;color:#3d4a59}
table{border-collapse:collapse;background:#fff;width:calc(100% - 2px);margin:.5rem 1px}
#tracker-table,#risk-register{table-layout:fixed}.rev{margin:0 0 .3rem}.rev:last-child{margin:0}
th,td{border:1px solid #c5ccd4;padding:.3rem .45rem;text-align:left;font-size:.8rem;vertical-align:top;overflow-wrap:break-word}
thead th{background:#eef1f4;overflow-wrap:normal;hyphens:auto}tr{break-inside:avoid}thead{display:table-header-group}
td.num{text-align:right;white-space:nowrap}td.day{white-space:nowrap}
.badge{display:inline-block;padding:0 .35rem;border-radius:.25rem;font-weight:700;font-size:.78rem}
tr.totals td{font-weight:700;background:#f6f7f9}
.heat{display:grid;grid-template-columns:2rem 3rem repeat(5,minmax(6.5rem,1fr));gap:2px;max-width:52rem;break-inside:avoid}
.heat .axis{display:flex;align-items:center;justify-content:center;font-weight:700;font-size:.85rem}
.heat .y{writing-mode:vertical-rl;transform:rotate(180deg);grid-row:1 / span 5}
.heat .x{grid-column:3 / span 5}
.heat .cell{min-height:3.6rem;padding:.25rem;font-size:.75rem;border-radius:.2rem}
.heat .cell .n{font-weight:700}.heat .cell ul{margin:0;padding-left:.9rem}
.ok{color:${c.green.bg};font-weight:700}.fail{color:${c.red.bg};font-weight:700}
@page{size:A4 landscape;margin:16mm 12mm 16mm 12mm;
@top-left{content:${cssString(d.title)};font:9pt system-ui,sans-serif;color:#3d4a59}
@top-right{content:${cssString(stamp(d))};font:9pt system-ui,sans-serif;color:#3d4a59}
@bottom-left{content:${cssString(`Verification: ${provenance(d).outcome}`)};font:9pt system-ui,sans-serif;color:#3d4a59}
@bottom-right{content:"Page " counter(page) " of " counter(pages);font:9pt system-ui,sans-serif;color:#3d4a59}}
@media print{body{margin:0}.tile,.heat .cell,.badge,thead th,.provenance,tr.totals td{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;
}

/** Column widths in percent, for a fixed table layout that fits the page. */
const cols = (widths: readonly number[]): string =>
  `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>`;
const badge = (rag: string): string =>
  `<span class="badge rag-${h(rag)}">${h(rag.toUpperCase())}</span>`;
const pct = (n: number | null): string => (n === null ? '-' : `${Math.round(n)}%`);
/** `1 open risk`, `3 open risks`. */
const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;

function tile(a: AreaStatus): string {
  const cls = a.retired ? 'retired' : `rag-${h(a.rag)}`;
  return (
    `<section class="tile ${cls}" data-area="${h(a.id)}" data-rag="${h(a.rag)}" data-retired="${a.retired}"><h3>${h(a.title)}</h3>` +
    `<div class="rag">${a.retired ? 'Retired' : h(a.rag)}</div><ul>` +
    `<li>${count(a.recommendations.open, 'open recommendation')}, ${a.recommendations.overdue} overdue</li>` +
    `<li>${a.actions.completed} of ${count(a.actions.total, 'action')} done${a.actions.percentComplete === null ? '' : `, ${Math.round(a.actions.percentComplete)}% complete`}, ${a.actions.overdue} overdue</li>` +
    `<li>${count(a.risks.open, 'open risk')}${a.risks.highestScore === null ? '' : `, highest score ${a.risks.highestScore}`}</li>` +
    (a.advisers.length > 0
      ? `<li>Advisers: ${a.advisers.map((x) => h(x.name)).join(', ')}</li>`
      : '') +
    `</ul></section>`
  );
}

function statusRow(label: string, c: StatusCounters, advisers: string, cls: string): string {
  return (
    `<tr class="${cls}"><td>${label}</td><td>${cls === 'retired' ? 'retired' : badge(c.rag)}</td>` +
    `<td class="num">${c.recommendations.open}</td><td class="num">${c.recommendations.overdue}</td>` +
    `<td class="num">${c.actions.completed}/${c.actions.total}</td><td class="num">${pct(c.actions.percentComplete)}</td>` +
    `<td class="num">${c.actions.overdue}</td><td class="num">${c.risks.open} (${c.risks.highestScore ?? '-'})</td><td>${advisers}</td></tr>`
  );
}

function statusSection(d: ReportData): string[] {
  const parts = [`<h2 id="status">Status</h2>`];
  for (const p of d.status.programmes) {
    parts.push(`<h3>${h(p.title)} <small>(${h(p.phase)})</small></h3><div class="tiles">`);
    for (const a of p.areas.filter((x) => !x.retired)) parts.push(tile(a));
    parts.push(`</div>`);
    parts.push(
      `<table class="status" data-programme="${h(p.id)}"><thead><tr><th>Priority area</th><th>RAG</th><th>Open recs</th><th>Overdue recs</th>` +
        `<th>Actions done</th><th>Complete</th><th>Overdue actions</th><th>Open risks (highest)</th><th>Advisers</th></tr></thead><tbody>`,
    );
    for (const a of p.areas)
      parts.push(
        statusRow(
          `${h(a.title)}${a.retired ? ' <em>(retired)</em>' : ''}`,
          a,
          a.advisers.map((x) => h(x.name)).join(', ') || '-',
          a.retired ? 'retired' : '',
        ),
      );
    parts.push(statusRow('Programme total', p.totals, '', 'totals'), `</tbody></table>`);
  }
  return parts;
}

function trackerSection(d: ReportData): string[] {
  const rows = d.tracker.rows;
  const parts = [
    `<h2 id="tracker">Recommendation tracker</h2><p class="meta">${rows.length} recommendations; ${rows.filter((r) => r.overdue).length} overdue; ${rows.filter((r) => r.late).length} late statutory response(s).</p>`,
  ];
  parts.push(
    `<table id="tracker-table">${cols([16, 9, 11, 10, 8, 8, 8, 15, 7, 8])}<thead><tr><th>Recommendation</th><th>Source</th><th>Classification</th><th>Owner</th><th>Status</th>` +
      `<th>Original due</th><th>Current due</th><th>Revisions (approved by)</th><th>Days overdue</th><th>Statutory response</th></tr></thead><tbody>`,
  );
  for (const r of rows) {
    const revs = d.revisions[r.id] ?? [];
    const revText =
      revs.length === 0
        ? '-'
        : revs
            .map(
              (v) =>
                `<div class="rev">${h(v.revisedOn)}: ${h(v.previousDueOn)} to ${h(v.dueOn)}, approved by <strong>${h(v.approvedBy)}</strong></div>`,
            )
            .join('');
    const overdue = r.overdue ? String(daysBetween(r.dueOn, d.asAt)) : '-';
    parts.push(
      `<tr data-rec="${h(r.id)}"><td><strong>${h(r.id)}</strong><br>${h(d.recommendationTitles[r.id] ?? '')}</td><td>${h(r.source)}</td>` +
        `<td>${h(r.classification)}</td><td>${h(r.owner ?? '-')}</td><td>${h(r.status)}</td><td class="day">${h(r.originalDueOn)}</td>` +
        `<td class="day">${h(r.dueOn)}</td><td>${revText}</td><td class="num days-overdue">${overdue}</td>` +
        `<td>${r.classification === 'statutory' ? (r.late ? '<strong>Late</strong>' : 'On time') : '-'}</td></tr>`,
    );
  }
  parts.push(`</tbody></table>`);
  return parts;
}

function riskSection(d: ReportData): string[] {
  const parts = [`<h2 id="risks">Risk register</h2>`];
  parts.push(
    `<table id="risk-register">${cols([20, 11, 8, 8, 8, 7, 8, 8, 12, 10])}<thead><tr><th>Risk</th><th>Owner</th><th>Inherent</th><th>Current</th><th>Target</th><th>Band</th>` +
      `<th>Trend</th><th>Controls</th><th>Next review</th><th>Status</th></tr></thead><tbody>`,
  );
  for (const r of d.risks.rows) {
    const colour = bandColour(r.current.score);
    parts.push(
      `<tr data-risk="${h(r.id)}"><td><strong>${h(r.id)}</strong><br>${h(r.title)}</td><td>${h(r.owner)}</td>` +
        `<td>${scoreText(r.inherent)}</td><td>${scoreText(r.current)}</td><td>${scoreText(r.target)}</td>` +
        `<td><span class="badge rag-${colour}">${h(r.current.band)}</span></td><td>${h(r.trend)}</td>` +
        `<td class="num">${d.riskControls[r.id] ?? 0}</td><td class="day">${h(r.nextReviewOn)}${r.reviewOverdue ? ' <strong>overdue</strong>' : ''}</td>` +
        `<td>${h(r.status)}${r.escalatedTo === null ? '' : `, escalated to ${h(r.escalatedTo)}`}</td></tr>`,
    );
  }
  parts.push(`</tbody></table>`);
  return parts;
}

function heatMapSection(d: ReportData): string[] {
  const open = d.risks.rows.filter((r) => r.status === 'open');
  const at = (l: number, i: number): RiskRow[] =>
    open.filter((r) => r.current.likelihood === l && r.current.impact === i);
  const parts = [
    `<h2 id="heat-map">Risk heat map</h2><p class="meta">Open risks placed by their current likelihood and impact (1 lowest, 5 highest); each cell names its risks.</p>`,
    `<div class="heat" id="heatmap"><div class="axis y">Likelihood</div>`,
  ];
  for (let l = 5; l >= 1; l--) {
    parts.push(`<div class="axis" style="grid-column:2">${l}</div>`);
    for (let i = 1; i <= 5; i++) {
      const risks = at(l, i);
      const colour = bandColour(l * i);
      const cls = risks.length > 0 ? `rag-${colour}` : `tint-${colour}`;
      parts.push(
        `<div class="cell ${cls}" data-l="${l}" data-i="${i}" data-count="${risks.length}">` +
          (risks.length === 0
            ? ''
            : `<span class="n">${risks.length}</span><ul>${risks.map((r) => `<li>${h(r.id)}</li>`).join('')}</ul>`) +
          `</div>`,
      );
    }
  }
  parts.push(`<div></div><div></div>`);
  for (let i = 1; i <= 5; i++) parts.push(`<div class="axis">${i}</div>`);
  parts.push(`<div></div><div></div><div class="axis x">Impact</div></div>`);
  return parts;
}

function changeRows(rows: readonly TrailRow[]): string {
  return rows
    .map(
      (c) =>
        `<tr><td class="day">${h(c.occurredAt.slice(0, 10))}</td><td>${h(c.actor)}</td><td>${h(c.summary)}</td></tr>`,
    )
    .join('');
}

function changesSection(d: ReportData): string[] {
  const parts = [`<h2 id="changes">Changes since the last meeting</h2>`];
  if (d.changes.bodies.length === 0) parts.push(`<p>No body to report to.</p>`);
  for (const b of d.changes.bodies) {
    parts.push(
      `<h3>${h(b.name)}</h3><p class="meta">${b.lastMeeting === null ? 'Has not met yet: everything up to the as-at day.' : `Last met ${h(b.lastMeeting.heldOn)}.`} ${b.changes.length} change(s), grouped by what changed, in date order.</p>`,
    );
    for (const g of changeGroups(b.changes))
      parts.push(
        `<h4>${h(g.label)} (${g.rows.length})</h4><table class="changes" data-group="${h(g.key)}"><thead><tr><th>Day</th><th>Who</th><th>What</th></tr></thead><tbody>${changeRows(g.rows)}</tbody></table>`,
      );
  }
  return parts;
}

function header(d: ReportData): string[] {
  const v = d.verification;
  const p = provenance(d);
  return [
    `<h1>${h(d.title)}</h1>`,
    `<p class="meta">As at <strong id="as-at">${h(d.asAt)}</strong>; as known at <strong id="known-at">${h(d.knownAt ?? 'everything recorded')}</strong>. ` +
      `RAG policy <strong class="policy" id="rag-policy">${h(d.policies.rag)}</strong>, risk bands <strong class="policy" id="risk-policy">${h(d.policies.riskBands)}</strong>.</p>`,
    `<div class="provenance meta"><p>Built from a log of <strong id="tree-size">${v.treeSize}</strong> events, Merkle root <code id="merkle-root">${h(v.root)}</code>. ` +
      `Verification: <span id="verified" class="${v.ok ? 'ok' : 'fail'}">${h(p.outcome)}</span>.</p>` +
      `<p id="witness">${h(p.witness)}</p><p>${h(p.checked)}</p></div>`,
  ];
}

/**
 * The board pack / audit report as one self-contained HTML page, laid out for print (A4
 * landscape; the title, the as-at and known-at stamp, the verification outcome and
 * "Page n of N" in the margins of every page): status per programme (tiles, retired areas,
 * programme totals), the recommendation tracker, the risk register, the heat map naming its
 * risks, the changes since the last meeting grouped and in date order, and the provenance.
 *
 * @example
 * fs.writeFileSync('board-pack.html', renderHtml(data));
 */
export function renderHtml(d: ReportData): string {
  return [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${h(d.title)}</title><style>${css(d)}</style></head><body>`,
    ...header(d),
    ...statusSection(d),
    ...trackerSection(d),
    ...riskSection(d),
    ...heatMapSection(d),
    ...changesSection(d),
    `</body></html>`,
  ].join('\n');
}
