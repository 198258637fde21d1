// The dashboard's sections: status tiles, the recommendation tracker, the risk register
// with its heat map, and an item's trail. Colour is never the only carrier of meaning:
// every RAG colour comes with its word, every band with its name.
import type {
  Area,
  Counters,
  MitigatingAction,
  Programme,
  RiskRow,
  Score,
  TrackerRow,
  TrailRow,
} from './api';
import { FilterCheck, FilterSelect, HeadRow, OpenTrail, Scroll } from './parts';
import type { SortKey, View } from './view';

const ragWord = (rag: string): string => rag.toUpperCase();
/** A source's id in words: `kerslake-review` as `Kerslake review`. */
export const sourceName = (id: string): string => {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A RAG or band badge: its colour (from /palette.css) and always its word. */
export function Badge({ rag, word }: { rag: string; word?: string }) {
  return <span class={`badge rag-${rag}`}>{word ?? ragWord(rag)}</span>;
}

function Figures({ c, advisers }: { c: Counters; advisers: readonly { name: string }[] | null }) {
  return (
    <dl class="figures">
      <div>
        <dt>Open recommendations</dt>
        <dd data-field="recs-open">{c.recommendations.open}</dd>
      </div>
      <div>
        <dt>Overdue recommendations</dt>
        <dd data-field="recs-overdue">{c.recommendations.overdue}</dd>
      </div>
      <div>
        <dt>Actions done</dt>
        <dd data-field="actions-done">
          {c.actions.completed} of {c.actions.total}
        </dd>
      </div>
      <div>
        <dt>Open risks</dt>
        <dd data-field="risks-open">{c.risks.open}</dd>
      </div>
      <div>
        <dt>Highest risk score (of 25)</dt>
        <dd data-field="risks-highest">{c.risks.highestScore ?? 'none'}</dd>
      </div>
      {advisers === null ? null : (
        <div class="wide">
          <dt>Advisers</dt>
          <dd data-field="advisers">
            {advisers.length === 0 ? 'none' : advisers.map((a) => a.name).join(', ')}
          </dd>
        </div>
      )}
    </dl>
  );
}

function Tile({ area }: { area: Area }) {
  return (
    <li
      class={`tile${area.retired ? ' retired' : ''}`}
      data-area={area.id}
      data-rag={area.rag}
      data-retired={String(area.retired)}
    >
      <h4 class={area.retired ? 'tile-head retired-head' : `tile-head rag-${area.rag}`}>
        <span class="tile-title">{area.title}</span>
        <span class="tile-rag" data-field="rag">
          {area.retired ? 'RETIRED' : ragWord(area.rag)}
        </span>
      </h4>
      {area.retired ? (
        <p class="note">Retired from the programme: shown for the record, not rated.</p>
      ) : null}
      <Figures c={area} advisers={area.advisers} />
    </li>
  );
}

/** The status of each programme: a tile per priority area and the programme's totals. */
export function StatusSection({
  programmes,
  policy,
}: {
  programmes: readonly Programme[];
  policy: string;
}) {
  return (
    <section id="status" aria-labelledby="status-h" class="page">
      <h2 id="status-h">Status by priority area</h2>
      <p class="meta">
        Each area is rated red, amber or green under the policy{' '}
        <strong data-field="policy">{policy}</strong>. The word is always shown beside the colour.
      </p>
      {programmes.map((p) => (
        <section key={p.id} class="programme" data-programme={p.id} aria-labelledby={`p-${p.id}`}>
          <h3 id={`p-${p.id}`}>
            {p.title} <span class="phase">({p.phase})</span>
          </h3>
          <div class="totals" data-totals={p.id}>
            <h4 class={`tile-head rag-${p.totals.rag}`}>
              <span class="tile-title">Programme total</span>
              <span class="tile-rag" data-field="rag">
                {ragWord(p.totals.rag)}
              </span>
            </h4>
            <Figures c={p.totals} advisers={null} />
          </div>
          <ul class="tiles" aria-label={`Priority areas of ${p.title}`}>
            {p.areas.map((a) => (
              <Tile key={a.id} area={a} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

const COLUMNS: readonly { key: SortKey | null; label: string }[] = [
  { key: 'id', label: 'Recommendation' },
  { key: 'source', label: 'Source' },
  { key: 'classification', label: 'Classification' },
  { key: 'owner', label: 'Owner' },
  { key: 'originalDueOn', label: 'Original due' },
  { key: 'dueOn', label: 'Current due' },
  { key: 'revisions', label: 'Revisions' },
  { key: 'daysOverdue', label: 'Days overdue' },
  { key: null, label: 'Statutory response' },
  { key: 'status', label: 'Status' },
];

function compare(a: TrackerRow, b: TrackerRow, key: SortKey): number {
  const x = a[key];
  const y = b[key];
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x ?? '').localeCompare(String(y ?? ''));
}

/** The tracker's rows after the view's filters and sorting. */
export function trackerRows(rows: readonly TrackerRow[], v: View): TrackerRow[] {
  const kept = rows.filter(
    (r) =>
      (!v.overdue || r.overdue) &&
      (!v.statutory || r.classification === 'statutory') &&
      (v.area === null || r.areaId === v.area) &&
      (v.source === null || r.source === v.source),
  );
  kept.sort((a, b) => compare(a, b, v.sort) * (v.desc ? -1 : 1) || a.id.localeCompare(b.id));
  return kept;
}

/** The recommendation tracker: filters, sortable columns, a row per recommendation. */
export function TrackerSection(props: {
  rows: readonly TrackerRow[];
  areas: readonly { id: string; title: string }[];
  view: View;
  onView: (patch: Partial<View>) => void;
  onOpen: (stream: string) => void;
}) {
  const { rows, areas, view, onView, onOpen } = props;
  const sources = [...new Set(rows.map((r) => r.source))].sort();
  const shown = trackerRows(rows, view);
  const areaTitle = new Map(areas.map((a) => [a.id, a.title]));
  return (
    <section id="tracker" aria-labelledby="tracker-h" class="page">
      <h2 id="tracker-h">Recommendation tracker</h2>
      <form
        class="filters no-print"
        aria-label="Filter the tracker"
        onSubmit={(e) => e.preventDefault()}
      >
        <FilterCheck name="overdue" label="Overdue only" view={view} onView={onView} />
        <FilterCheck name="statutory" label="Statutory only" view={view} onView={onView} />
        <FilterSelect
          name="area"
          label="Priority area"
          all="All areas"
          options={areas.map((a) => ({ value: a.id, label: a.title }))}
          view={view}
          onView={onView}
        />
        <FilterSelect
          name="source"
          label="Source"
          all="All sources"
          options={sources.map((s) => ({ value: s, label: sourceName(s) }))}
          view={view}
          onView={onView}
        />
      </form>
      <p class="meta" role="status" id="tracker-count">
        Showing {plural(shown.length, 'recommendation')} of {rows.length};{' '}
        {shown.filter((r) => r.overdue).length} overdue;{' '}
        {plural(shown.filter((r) => r.late).length, 'late statutory response')}.
      </p>
      <Scroll hint="table" label="Recommendation tracker table (scrolls sideways)">
        <table id="tracker-table">
          <caption class="visually-hidden">
            Recommendations, sorted by{' '}
            {COLUMNS.find((c) => c.key === view.sort)?.label ?? view.sort},{' '}
            {view.desc ? 'descending' : 'ascending'}
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.label}
                  scope="col"
                  aria-sort={
                    c.key !== view.sort ? undefined : view.desc ? 'descending' : 'ascending'
                  }
                >
                  {c.key === null ? (
                    c.label
                  ) : (
                    <>
                      <span class="print-only">{c.label}</span>
                      <button
                        type="button"
                        class="sort no-print"
                        data-sort={c.key}
                        onClick={() =>
                          onView({
                            sort: c.key ?? 'dueOn',
                            desc: c.key === view.sort ? !view.desc : false,
                          })
                        }
                      >
                        {c.label}
                        <span aria-hidden="true">
                          {c.key !== view.sort ? ' ↕' : view.desc ? ' ▼' : ' ▲'}
                        </span>
                      </button>
                    </>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id} data-rec={r.id} class={r.overdue ? 'overdue' : undefined}>
                <td>
                  <OpenTrail stream={`recommendation-${r.id}`} onOpen={onOpen}>
                    {r.id}
                  </OpenTrail>
                  <div>{r.title}</div>
                  <div class="area-name">{areaTitle.get(r.areaId) ?? r.areaId}</div>
                </td>
                <td data-source={r.source}>{sourceName(r.source)}</td>
                <td>{r.classification}</td>
                <td>{r.owner ?? 'none'}</td>
                <td class="day">{r.originalDueOn}</td>
                <td class="day">{r.dueOn}</td>
                <td class="num">
                  {r.revisions}
                  {r.revisionApprovers.length > 0 ? (
                    <div class="small">approved by {r.revisionApprovers.join(', ')}</div>
                  ) : null}
                </td>
                <td class="num" data-field="days-overdue">
                  {r.overdue ? r.daysOverdue : '-'}
                </td>
                <td>
                  {r.classification !== 'statutory' ? (
                    '-'
                  ) : r.late ? (
                    <strong>Late</strong>
                  ) : (
                    'On time'
                  )}
                </td>
                <td data-status={r.status}>{r.status.replace(/-/g, ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </section>
  );
}

const TREND: Readonly<Record<string, string>> = {
  up: '▲ rising (worse)',
  down: '▼ falling (better)',
  steady: '► steady',
  new: 'new',
};

function ScoreCell({ s }: { s: Score }) {
  return (
    <td class="score">
      <span class={`badge score-${s.score}`}>
        {s.score} {s.band}
      </span>
      <div class="small">
        L{s.likelihood} × I{s.impact}
      </div>
    </td>
  );
}

const ACTION_STATUS: Readonly<Record<string, string>> = {
  planned: 'in progress',
  reopened: 'reopened',
  completed: 'done',
  cancelled: 'cancelled',
};

/** An action's state in words: `in progress, 40% done, due 2019-12-31` (the date unbroken). */
function ActionState({ a }: { a: MitigatingAction }) {
  if (a.status === null) return <>not in this view</>;
  const open = a.status !== 'completed' && a.status !== 'cancelled';
  return (
    <>
      {ACTION_STATUS[a.status] ?? a.status}
      {open && a.percentComplete !== null ? `, ${a.percentComplete}% done` : null}
      {open && a.dueOn !== null ? (
        <>
          , due <span class="nowrap">{a.dueOn}</span>
        </>
      ) : null}
      {a.overdue ? <strong> overdue</strong> : null}
    </>
  );
}

/** A risk's mitigating actions, each opening its trail, with its state in words. */
function MitigatingCell({
  actions,
  onOpen,
}: {
  actions: readonly MitigatingAction[];
  onOpen: (stream: string) => void;
}) {
  if (actions.length === 0) return <td class="mitigating">none linked</td>;
  return (
    <td class="mitigating">
      <ul>
        {actions.map((a) => (
          <li key={a.id} data-action={a.id}>
            <OpenTrail stream={`action-${a.id}`} onOpen={onOpen}>
              {a.title ?? a.id}
            </OpenTrail>
            <div class="small">
              <ActionState a={a} />
            </div>
          </li>
        ))}
      </ul>
    </td>
  );
}

const RISK_COLUMNS = [
  'Risk',
  'Owner',
  'Inherent',
  'Current',
  'Target',
  'Trend',
  'Controls',
  'Mitigating actions',
  'Next review',
  'Status',
];

/** The risk register and its 5x5 heat map of open risks by current likelihood and impact. */
export function RisksSection({
  rows,
  onOpen,
}: {
  rows: readonly RiskRow[];
  onOpen: (stream: string) => void;
}) {
  const open = rows.filter((r) => r.status === 'open');
  const levels = [5, 4, 3, 2, 1];
  return (
    <section id="risks" aria-labelledby="risks-h" class="page">
      <h2 id="risks-h">Risk register</h2>
      <p class="meta">
        A score is likelihood (L) × impact (I), each from 1 to 5, shown with its band (low, medium
        or high). Trend compares the current score with the one before the risk was last rescored.
        Controls counts the measures in place; mitigating actions are the programme's actions linked
        to the risk, with their progress.{' '}
        <span class="no-print">Select a risk or an action to open its trail.</span>
      </p>
      <Scroll hint="table" label="Risk register table (scrolls sideways)">
        <table id="risk-register">
          <HeadRow labels={RISK_COLUMNS} />
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-risk={r.id}>
                <td>
                  <OpenTrail stream={`risk-${r.id}`} onOpen={onOpen}>
                    {r.title}
                  </OpenTrail>
                  <div class="small">{r.id}</div>
                </td>
                <td>{r.owner}</td>
                <ScoreCell s={r.inherent} />
                <ScoreCell s={r.current} />
                <ScoreCell s={r.target} />
                <td>{TREND[r.trend] ?? r.trend}</td>
                <td class="num">{r.controls}</td>
                <MitigatingCell actions={r.mitigatingActions} onOpen={onOpen} />
                <td class="day">
                  {r.nextReviewOn}
                  {r.reviewOverdue ? <strong> overdue</strong> : null}
                </td>
                <td>
                  {r.status}
                  {r.escalatedTo === null ? null : `, escalated to ${r.escalatedTo}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <div class="heat-block">
        <h3 id="heat-h">Heat map of open risks</h3>
        <p class="meta">
          Open risks placed by their current likelihood (rows, 5 at the top) and impact (columns).
          Each cell names its risks and shows its score and band; dark cells hold open risks, pale
          cells are empty. <span class="no-print">Select a risk to open its trail.</span>
        </p>
        <Scroll hint="heat map" labelledBy="heat-h">
          <table id="heatmap" class="heat">
            <caption class="visually-hidden">Open risks by current likelihood and impact</caption>
            <thead>
              <tr>
                <td />
                {[1, 2, 3, 4, 5].map((i) => (
                  <th key={i} scope="col">
                    Impact {i}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {levels.map((l) => (
                <tr key={l}>
                  <th scope="row">Likelihood {l}</th>
                  {[1, 2, 3, 4, 5].map((i) => {
                    const here = open.filter(
                      (r) => r.current.likelihood === l && r.current.impact === i,
                    );
                    const s = l * i;
                    return (
                      <td
                        key={i}
                        class={`cell ${here.length > 0 ? `score-${s}` : `tint-score-${s}`}`}
                        data-l={l}
                        data-i={i}
                        data-count={here.length}
                      >
                        <span class="cell-score">
                          Score {s}
                          {here[0] === undefined ? '' : ` ${here[0].current.band}`}
                        </span>
                        {here.length === 0 ? null : (
                          <ul>
                            {here.map((r) => (
                              <li key={r.id}>
                                <OpenTrail stream={`risk-${r.id}`} onOpen={onOpen} risk={r.id}>
                                  {r.title}
                                </OpenTrail>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      </div>
    </section>
  );
}

const TRAIL_COLUMNS = ['Happened', 'Recorded', 'Who', 'Role', 'What', 'Hash'];

/** One item's trail: every event with who, role, when it happened, when it was recorded, its hash. */
export function TrailSection(props: {
  stream: string;
  rows: readonly TrailRow[] | null;
  error: string | null;
  onClose: () => void;
}) {
  const { stream, rows, error, onClose } = props;
  return (
    <section id="trail" aria-labelledby="trail-h" class="page trail">
      <div class="trail-head">
        <h2 id="trail-h" tabIndex={-1}>
          Trail of {stream}
        </h2>
        <button type="button" class="no-print" onClick={onClose}>
          Close the trail
        </button>
      </div>
      {error !== null ? (
        <p role="alert" class="error">
          {error}
        </p>
      ) : rows === null ? (
        <p>Loading…</p>
      ) : (
        <Scroll label={`Trail of ${stream} (scrolls sideways)`}>
          <table id="trail-table">
            <HeadRow labels={TRAIL_COLUMNS} />
            <tbody>
              {rows.map((r) => (
                <tr key={r.position} data-position={r.position}>
                  <td class="day">{r.occurredAt.slice(0, 10)}</td>
                  <td class="day">{r.recordedAt.replace('T', ' ').slice(0, 16)} UTC</td>
                  <td>{r.actor}</td>
                  <td>{r.role}</td>
                  <td>
                    {r.summary}
                    {r.reason === null ? null : <div class="small">Reason: {r.reason}</div>}
                  </td>
                  <td>
                    <code class="hash" title={r.hash}>
                      {r.hash}
                    </code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </section>
  );
}
