import type { ScoredPosition, TrailRow } from '@assure/projections';
import type { ReportData } from './model';

/** The as-at / known-at stamp printed on every page. */
export function stamp(d: ReportData): string {
  return `As at ${d.asAt}; as known at ${d.knownAt ?? 'everything recorded'}`;
}

/** What the report says about the log it was built from, in plain sentences. */
export interface Provenance {
  /** `passed, against the witnessed root` / `passed, not witnessed` / `FAILED: ...`. */
  readonly outcome: string;
  /** The witnessed root checked against, or that none was given. */
  readonly witness: string;
  /** What was checked. */
  readonly checked: string;
}

/**
 * The report's provenance sentences: the verification outcome, the witnessed root it was
 * checked against (or plainly that none was given), and what the verification covered.
 *
 * @example
 * provenance(data).witness; // 'No witnessed root was given: ...'
 */
export function provenance(d: ReportData): Provenance {
  const v = d.verification;
  const first = v.failures[0];
  const outcome = !v.ok
    ? `FAILED (${v.failures.length} failure(s), first ${first?.reason ?? '?'} at position ${first?.position ?? '?'})`
    : d.witness !== null && v.witnessed
      ? 'passed, against the witnessed root'
      : 'passed, not witnessed';
  const witness =
    d.witness === null
      ? 'No witnessed root was given: the log was checked against its own seals only, which whoever holds the log could have recomputed.'
      : `Checked against the witnessed root ${d.witness.root} of tree size ${d.witness.treeSize}: ${v.witnessed ? 'it matches' : 'it does NOT match'}.`;
  const checked =
    `${v.events} events in ${v.streams} streams; every hash chain, revision and position checked; ` +
    `${v.sealsChecked} seal(s) recomputed; ${v.unsealedTail} event(s) after the last ${d.witness === null ? 'seal' : 'witnessed point'} are covered by the hash chains alone.`;
  return { outcome, witness, checked };
}

/** `LxI=S` for a scored position. */
export const scoreText = (s: ScoredPosition): string => `${s.likelihood}x${s.impact}=${s.score}`;

/** One group of changes: a kind of record, its rows in date order. */
export interface ChangeGroup {
  readonly key: string;
  readonly label: string;
  readonly rows: readonly TrailRow[];
}

const GROUPS: readonly (readonly [string, string])[] = [
  ['programme', 'Programme, areas and meetings'],
  ['recommendation', 'Recommendations'],
  ['action', 'Actions'],
  ['risk', 'Risks'],
  ['adviser', 'Advisers'],
];

/**
 * Changes grouped by the kind of record they touch (programme, recommendations, actions,
 * risks, advisers, then anything else), each group by day, then by stream and position.
 *
 * @example
 * changeGroups(body.changes).map((g) => g.label); // ['Recommendations', 'Actions', ...]
 */
export function changeGroups(rows: readonly TrailRow[]): ChangeGroup[] {
  const kindOf = (stream: string): string => {
    const k = stream.slice(0, stream.indexOf('-'));
    return GROUPS.some(([g]) => g === k) ? k : 'other';
  };
  const byDay = (a: TrailRow, b: TrailRow): number =>
    a.occurredAt.slice(0, 10).localeCompare(b.occurredAt.slice(0, 10)) ||
    a.stream.localeCompare(b.stream) ||
    (BigInt(a.position) < BigInt(b.position)
      ? -1
      : BigInt(a.position) > BigInt(b.position)
        ? 1
        : 0);
  return [...GROUPS, ['other', 'Other records'] as const]
    .map(([key, label]) => ({
      key,
      label,
      rows: rows.filter((r) => kindOf(r.stream) === key).sort(byDay),
    }))
    .filter((g) => g.rows.length > 0);
}
