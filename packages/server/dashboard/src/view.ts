// What the page shows, kept in the URL's query string so a link reproduces the view: the
// point of view (asAt, knownAt), the open item, and the tracker's filters and sorting.
// The credential is never part of it.

/** The tracker's sortable columns. */
export const SORTS = [
  'id',
  'source',
  'classification',
  'owner',
  'status',
  'originalDueOn',
  'dueOn',
  'revisions',
  'daysOverdue',
] as const;
export type SortKey = (typeof SORTS)[number];

/** The view the URL holds. */
export interface View {
  readonly asAt: string | null;
  readonly knownAt: string | null;
  /** The stream whose trail is open (`risk-equal-pay`), or null. */
  readonly item: string | null;
  readonly overdue: boolean;
  readonly statutory: boolean;
  readonly area: string | null;
  readonly source: string | null;
  readonly sort: SortKey;
  readonly desc: boolean;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,200}$/;

const isSort = (s: string | null): s is SortKey =>
  (SORTS as readonly (string | null)[]).includes(s);

const pick = (q: URLSearchParams, name: string, ok: RegExp): string | null => {
  const v = q.get(name);
  return v !== null && ok.test(v) ? v : null;
};

/** The view of a query string (anything malformed is left at its default). */
export function viewOf(search: string): View {
  const q = new URLSearchParams(search);
  const sort = q.get('sort');
  return {
    asAt: pick(q, 'asAt', DAY),
    knownAt: pick(q, 'knownAt', INSTANT),
    item: pick(q, 'item', ID),
    overdue: q.get('overdue') === '1',
    statutory: q.get('statutory') === '1',
    area: pick(q, 'area', ID),
    source: pick(q, 'source', ID),
    sort: isSort(sort) ? sort : 'dueOn',
    desc: q.get('dir') === 'desc',
  };
}

/** The query string of a view (defaults left out), `?`-prefixed, or '' when all default. */
export function searchOf(v: View): string {
  const q = new URLSearchParams();
  if (v.asAt !== null) q.set('asAt', v.asAt);
  if (v.knownAt !== null) q.set('knownAt', v.knownAt);
  if (v.item !== null) q.set('item', v.item);
  if (v.overdue) q.set('overdue', '1');
  if (v.statutory) q.set('statutory', '1');
  if (v.area !== null) q.set('area', v.area);
  if (v.source !== null) q.set('source', v.source);
  if (v.sort !== 'dueOn') q.set('sort', v.sort);
  if (v.desc) q.set('dir', 'desc');
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
}
