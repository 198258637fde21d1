import * as t from 'io-ts';
import type { ProjectionEvent } from '../events';
import type { View } from '../view/view';
import { evidenceOf, reasonOf, summarize } from './summary';

const Evidence = t.intersection([
  t.type({ uri: t.string }),
  t.partial({ sha256: t.string, title: t.string }),
]);

/** One row of the audit trail: who, in what role, when recorded, when effective, what, why, on what evidence. */
export const TrailRow = t.type(
  {
    position: t.string,
    recordedAt: t.string,
    occurredAt: t.string,
    actor: t.string,
    role: t.string,
    stream: t.string,
    type: t.string,
    summary: t.string,
    reason: t.union([t.string, t.null]),
    evidence: t.readonlyArray(Evidence),
    hash: t.string,
  },
  'TrailRow',
);
export type TrailRow = t.TypeOf<typeof TrailRow>;

/** The audit trail: rows in position order. */
export type TrailState = TrailRow[];

/** Filters of the audit trail; days compare with `occurredAt` unless `by` says `recordedAt`. */
export interface TrailFilter {
  readonly stream?: string;
  readonly actor?: string;
  /** First day (inclusive). */
  readonly from?: string;
  /** Last day (inclusive). */
  readonly to?: string;
  /** Which time the day filters use (default `occurredAt`, valid time). */
  readonly by?: 'occurredAt' | 'recordedAt';
}

/** Whether a row passes a {@link TrailFilter}. */
export function trailMatches(row: TrailRow, f: TrailFilter): boolean {
  if (f.stream !== undefined && row.stream !== f.stream) return false;
  if (f.actor !== undefined && row.actor !== f.actor) return false;
  const at = f.by === 'recordedAt' ? row.recordedAt : row.occurredAt;
  if (f.from !== undefined && at < f.from) return false;
  if (f.to !== undefined && at > `${f.to}T23:59:59.999Z`) return false;
  return true;
}

/**
 * The audit-trail view: one row per folded event. With a filter it keeps only the rows
 * that pass it (memory then grows with the matching rows only).
 *
 * @example
 * const p = new Projector({ trail: trailView({ stream: 'risk-equal-pay' }) }, { decode });
 */
export function trailView(filter: TrailFilter = {}): View<TrailState, ProjectionEvent> {
  const unfiltered =
    filter.stream === undefined &&
    filter.actor === undefined &&
    filter.from === undefined &&
    filter.to === undefined;
  return {
    name: 'trail',
    version: 1,
    initial: () => [],
    codec: t.array(TrailRow),
    evolve: (rows, p) => {
      const env = p.envelope;
      const meta = env.meta;
      const row: TrailRow = {
        position: env.position,
        recordedAt: meta.recordedAt,
        occurredAt: meta.occurredAt,
        actor: meta.actor,
        role: meta.role,
        stream: env.stream,
        type: env.type,
        summary: summarize(p.event),
        reason: reasonOf(p.event),
        evidence: evidenceOf(p.event),
        hash: env.hash,
      };
      if (unfiltered || trailMatches(row, filter)) rows.push(row);
      return rows;
    },
  };
}

/** The audit-trail view without filters. */
export const fullTrailView: View<TrailState, ProjectionEvent> = trailView();

/** The `assure trail --json` document. */
export interface TrailDocument {
  readonly rows: readonly TrailRow[];
}

/**
 * Rows of a trail state that pass a filter, in position order.
 *
 * @example
 * trailReport(states.trail, { actor: 'officer-cfo', from: '2019-03-01', to: '2019-03-31' });
 */
export function trailReport(rows: readonly TrailRow[], filter: TrailFilter = {}): TrailDocument {
  return { rows: rows.filter((r) => trailMatches(r, filter)) };
}

/** The CSV header of {@link trailCsv}. */
export const TRAIL_CSV_COLUMNS = [
  'position',
  'recordedAt',
  'occurredAt',
  'actor',
  'role',
  'stream',
  'type',
  'summary',
  'reason',
  'evidence',
  'hash',
] as const;

const csvCell = (s: string): string => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * The trail as RFC 4180 CSV (CRLF line ends, a header line): `reason` is empty when
 * absent, `evidence` lists the evidence URIs separated by spaces.
 *
 * @example
 * process.stdout.write(trailCsv(trailReport(states.trail).rows));
 */
export function trailCsv(rows: readonly TrailRow[]): string {
  const lines = [TRAIL_CSV_COLUMNS.join(',')];
  for (const r of rows)
    lines.push(
      [
        r.position,
        r.recordedAt,
        r.occurredAt,
        r.actor,
        r.role,
        r.stream,
        r.type,
        r.summary,
        r.reason ?? '',
        r.evidence.map((e) => e.uri).join(' '),
        r.hash,
      ]
        .map(csvCell)
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}
