import { riskBandsV1 } from '@assure/domain';
import { describeReport } from '../verify';
import type { ReportData } from './model';

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

const COLOURS: Record<string, string> = { red: '#c0392b', amber: '#e69b00', green: '#2e8b57' };
const bandColour = (score: number): string =>
  COLOURS[riskBandsV1.colour(riskBandsV1.band(score))] ?? '#999';

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#1d2733;background:#f6f7f9}
h1{margin:0 0 .25rem}h2{margin-top:2rem;border-bottom:2px solid #d6dbe1;padding-bottom:.25rem}
.meta{color:#4a5868;font-size:.95rem}.meta code{font-size:.85rem;word-break:break-all}
.tiles{display:flex;flex-wrap:wrap;gap:1rem}
.tile{flex:0 0 15rem;border-radius:.6rem;padding:1rem;color:#fff;box-shadow:0 1px 3px rgba(0,0,0,.2)}
.tile h3{margin:0 0 .5rem;font-size:1.05rem}.tile .rag{font-weight:700;text-transform:uppercase;letter-spacing:.05em}
.tile ul{margin:.5rem 0 0;padding-left:1.1rem;font-size:.9rem}
.rag-red{background:${COLOURS['red']}}.rag-amber{background:${COLOURS['amber']}}.rag-green{background:${COLOURS['green']}}
table{border-collapse:collapse;background:#fff}th,td{border:1px solid #d6dbe1;padding:.35rem .6rem;text-align:left;font-size:.9rem}
table.heatmap td{width:3rem;height:3rem;text-align:center;font-weight:700;color:#fff;font-size:1.1rem}
table.heatmap th{background:#eef1f4}
.ok{color:${COLOURS['green']};font-weight:700}.fail{color:${COLOURS['red']};font-weight:700}
`;

/**
 * The board pack / audit report as one self-contained HTML page: a RAG tile per priority
 * area, the 5x5 risk heat map, overdue recommendations and risk reviews, the changes since
 * each body's last meeting, and the provenance (policies, as-at / as-known-at, Merkle root
 * and tree size, verification).
 *
 * @example
 * fs.writeFileSync('board-pack.html', renderHtml(data));
 */
export function renderHtml(d: ReportData): string {
  const v = d.verification;
  const parts: string[] = [];
  parts.push(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${h(d.title)}</title><style>${CSS}</style></head><body>`,
  );
  parts.push(`<h1>${h(d.title)}</h1>`);
  parts.push(
    `<p class="meta">As at <strong id="as-at">${h(d.asAt)}</strong>; as known at <strong id="known-at">${h(d.knownAt ?? 'everything recorded')}</strong>. ` +
      `RAG policy <strong class="policy" id="rag-policy">${h(d.policies.rag)}</strong>, risk bands <strong class="policy" id="risk-policy">${h(d.policies.riskBands)}</strong>.</p>`,
  );
  parts.push(
    `<p class="meta">Built from a log of <strong id="tree-size">${v.treeSize}</strong> events, Merkle root <code id="merkle-root">${h(v.root)}</code>. ` +
      `Verification: <span id="verified" class="${v.ok ? 'ok' : 'fail'}">${v.ok ? 'passed' : 'FAILED'}</span> (${h(describeReport(v))}).</p>`,
  );
  for (const p of d.status.programmes) {
    parts.push(`<h2>${h(p.title)} <small>(${h(p.phase)})</small></h2><div class="tiles">`);
    for (const a of p.areas.filter((x) => !x.retired)) {
      parts.push(
        `<section class="tile rag-${h(a.rag)}" data-area="${h(a.id)}" data-rag="${h(a.rag)}"><h3>${h(a.title)}</h3>` +
          `<div class="rag">${h(a.rag)}</div><ul>` +
          `<li>${a.recommendations.open} open recommendations, ${a.recommendations.overdue} overdue</li>` +
          `<li>${a.actions.completed}/${a.actions.total} actions done${a.actions.percentComplete === null ? '' : `, ${Math.round(a.actions.percentComplete)}% complete`}, ${a.actions.overdue} overdue</li>` +
          `<li>${a.risks.open} open risks${a.risks.highestScore === null ? '' : `, highest score ${a.risks.highestScore}`}</li>` +
          (a.advisers.length > 0
            ? `<li>Advisers: ${a.advisers.map((x) => h(x.name)).join(', ')}</li>`
            : '') +
          `</ul></section>`,
      );
    }
    parts.push(`</div>`);
  }
  parts.push(
    `<h2>Risk heat map</h2><p class="meta">Open risks by current likelihood (rows) and impact (columns).</p>`,
  );
  parts.push(
    `<table class="heatmap" id="heatmap"><tr><th>L \\ I</th>${[1, 2, 3, 4, 5].map((i) => `<th>${i}</th>`).join('')}</tr>`,
  );
  for (let l = 5; l >= 1; l--) {
    const row = d.risks.heatMap[l - 1] ?? [];
    parts.push(
      `<tr><th>${l}</th>${[1, 2, 3, 4, 5]
        .map((i) => {
          const n = row[i - 1] ?? 0;
          return `<td data-l="${l}" data-i="${i}" data-count="${n}" style="background:${bandColour(l * i)};opacity:${n > 0 ? 1 : 0.35}">${n > 0 ? n : ''}</td>`;
        })
        .join('')}</tr>`,
    );
  }
  parts.push(`</table>`);
  const overdueRecs = d.tracker.rows.filter((r) => r.overdue);
  parts.push(`<h2>Overdue recommendations</h2>`);
  parts.push(
    overdueRecs.length === 0
      ? `<p id="overdue-recommendations">None.</p>`
      : `<table id="overdue-recommendations"><tr><th>Recommendation</th><th>Area</th><th>Status</th><th>Original due</th><th>Due</th><th>Owner</th></tr>${overdueRecs
          .map(
            (r) =>
              `<tr><td>${h(r.id)}</td><td>${h(r.areaId)}</td><td>${h(r.status)}</td><td>${h(r.originalDueOn)}</td><td>${h(r.dueOn)}</td><td>${h(r.owner ?? '')}</td></tr>`,
          )
          .join('')}</table>`,
  );
  const overdueRisks = d.risks.rows.filter((r) => r.reviewOverdue);
  parts.push(`<h2>Risk reviews overdue</h2>`);
  parts.push(
    overdueRisks.length === 0
      ? `<p id="overdue-risks">None.</p>`
      : `<table id="overdue-risks"><tr><th>Risk</th><th>Owner</th><th>Score</th><th>Review due</th></tr>${overdueRisks
          .map(
            (r) =>
              `<tr><td>${h(r.title)}</td><td>${h(r.owner)}</td><td>${r.current.score}</td><td>${h(r.nextReviewOn)}</td></tr>`,
          )
          .join('')}</table>`,
  );
  parts.push(`<h2>Changes since the last meeting</h2>`);
  for (const b of d.changes.bodies) {
    parts.push(
      `<h3>${h(b.name)}</h3><p class="meta">${b.lastMeeting === null ? 'Has not met yet.' : `Last met ${h(b.lastMeeting.heldOn)}.`} ${b.changes.length} change(s).</p>`,
    );
    if (b.changes.length > 0)
      parts.push(
        `<table class="changes"><tr><th>Day</th><th>Who</th><th>What</th></tr>${b.changes
          .map(
            (c) =>
              `<tr><td>${h(c.occurredAt.slice(0, 10))}</td><td>${h(c.actor)}</td><td>${h(c.summary)}</td></tr>`,
          )
          .join('')}</table>`,
      );
  }
  parts.push(`</body></html>`);
  return parts.join('\n');
}

const md = (s: string): string => s.replace(/([|\\`*_[\]<>])/g, '\\$1').replace(/\n/g, ' ');

/**
 * The same report as Markdown (tables, with the RAG as a word and an emoji).
 *
 * @example
 * fs.writeFileSync('board-pack.md', renderMarkdown(data));
 */
export function renderMarkdown(d: ReportData): string {
  const v = d.verification;
  const dot: Record<string, string> = { red: '🔴', amber: '🟠', green: '🟢' };
  const out: string[] = [];
  out.push(`# ${md(d.title)}`, '');
  out.push(
    `As at **${d.asAt}**; as known at **${d.knownAt ?? 'everything recorded'}**. RAG policy \`${d.policies.rag}\`, risk bands \`${d.policies.riskBands}\`.`,
    '',
  );
  out.push(
    `Built from a log of **${v.treeSize}** events, Merkle root \`${v.root}\`. Verification: **${v.ok ? 'passed' : 'FAILED'}** (${md(describeReport(v))}).`,
    '',
  );
  for (const p of d.status.programmes) {
    out.push(
      `## ${md(p.title)} (${md(p.phase)})`,
      '',
      '| Area | RAG | Open recs | Overdue recs | Actions done | Overdue actions | Open risks | Highest score |',
      '|---|---|---|---|---|---|---|---|',
    );
    for (const a of p.areas.filter((x) => !x.retired))
      out.push(
        `| ${md(a.title)} | ${dot[a.rag] ?? ''} ${a.rag} | ${a.recommendations.open} | ${a.recommendations.overdue} | ${a.actions.completed}/${a.actions.total} | ${a.actions.overdue} | ${a.risks.open} | ${a.risks.highestScore ?? '-'} |`,
      );
    out.push('');
  }
  out.push(
    '## Risk heat map (open risks; likelihood down, impact across)',
    '',
    '| L \\ I | 1 | 2 | 3 | 4 | 5 |',
    '|---|---|---|---|---|---|',
  );
  for (let l = 5; l >= 1; l--)
    out.push(
      `| ${l} | ${[0, 1, 2, 3, 4].map((i) => String(d.risks.heatMap[l - 1]?.[i] ?? 0)).join(' | ')} |`,
    );
  out.push('', '## Overdue recommendations', '');
  const recs = d.tracker.rows.filter((r) => r.overdue);
  if (recs.length === 0) out.push('None.');
  else {
    out.push(
      '| Recommendation | Area | Status | Original due | Due | Owner |',
      '|---|---|---|---|---|---|',
    );
    for (const r of recs)
      out.push(
        `| ${md(r.id)} | ${md(r.areaId)} | ${r.status} | ${r.originalDueOn} | ${r.dueOn} | ${md(r.owner ?? '')} |`,
      );
  }
  out.push('', '## Risk reviews overdue', '');
  const risks = d.risks.rows.filter((r) => r.reviewOverdue);
  if (risks.length === 0) out.push('None.');
  else {
    out.push('| Risk | Owner | Score | Review due |', '|---|---|---|---|');
    for (const r of risks)
      out.push(`| ${md(r.title)} | ${md(r.owner)} | ${r.current.score} | ${r.nextReviewOn} |`);
  }
  out.push('', '## Changes since the last meeting', '');
  for (const b of d.changes.bodies) {
    out.push(
      `### ${md(b.name)}`,
      '',
      `${b.lastMeeting === null ? 'Has not met yet.' : `Last met ${b.lastMeeting.heldOn}.`} ${b.changes.length} change(s).`,
      '',
    );
    for (const c of b.changes)
      out.push(`- ${c.occurredAt.slice(0, 10)} ${md(c.actor)}: ${md(c.summary)}`);
    if (b.changes.length > 0) out.push('');
  }
  return out.join('\n') + '\n';
}
