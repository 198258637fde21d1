import * as t from 'io-ts';
import type { Envelope } from '@assure/event-store';
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

/** The row of one folded event. */
function rowOf(env: Envelope, event: ProjectionEvent): TrailRow {
  const meta = env.meta;
  return {
    position: env.position,
    recordedAt: meta.recordedAt,
    occurredAt: meta.occurredAt,
    actor: meta.actor,
    role: meta.role,
    stream: env.stream,
    type: env.type,
    summary: summarize(event),
    reason: reasonOf(event),
    evidence: evidenceOf(event),
    hash: env.hash,
  };
}

/**
 * The audit trail's state: rows in position order. Folding keeps only references to the
 * envelope and its decoded event (no row, summary or string built per event); the rows are
 * derived the first time they are read, then kept (and the references dropped).
 *
 * @example
 * const trail = TrailState.of(rows);
 * for (const row of trail) console.log(row.summary);
 */
export class TrailState implements Iterable<TrailRow> {
  readonly #rows: TrailRow[];
  #envelopes: Envelope[] = [];
  #events: ProjectionEvent[] = [];

  /** @param rows rows already derived (a snapshot's), in position order */
  constructor(rows: TrailRow[] = []) {
    this.#rows = rows;
  }

  /** A trail of rows already derived. */
  static of(rows: readonly TrailRow[]): TrailState {
    return new TrailState([...rows]);
  }

  /** Appends one folded event (its row is derived when first read). */
  push(envelope: Envelope, event: ProjectionEvent): void {
    this.#envelopes.push(envelope);
    this.#events.push(event);
  }

  /** How many rows the trail holds. */
  get length(): number {
    return this.#rows.length + this.#envelopes.length;
  }

  /** Every row, in position order (derived now for events folded since the last read). */
  rows(): readonly TrailRow[] {
    const envelopes = this.#envelopes;
    if (envelopes.length > 0) {
      const events = this.#events;
      const rows = this.#rows;
      for (let i = 0; i < envelopes.length; i++)
        rows.push(rowOf(envelopes[i] as Envelope, events[i] as ProjectionEvent));
      this.#envelopes = [];
      this.#events = [];
    }
    return this.#rows;
  }

  /** JSON form: the rows. */
  toJSON(): readonly TrailRow[] {
    return this.rows();
  }

  [Symbol.iterator](): Iterator<TrailRow> {
    return this.rows()[Symbol.iterator]();
  }
}

const TrailRows = t.array(TrailRow);

/** Snapshot codec of a {@link TrailState}: its rows as a JSON array. */
export const TrailStateCodec = new t.Type<TrailState, unknown, unknown>(
  'TrailState',
  (u): u is TrailState => u instanceof TrailState,
  (u, c) => {
    const r = TrailRows.validate(u, c);
    return r._tag === 'Left' ? r : t.success(new TrailState(r.right));
  },
  (a) => TrailRows.encode([...a.rows()]),
);

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

/** Whether the row of an envelope would pass a {@link TrailFilter} (no row built). */
function envelopeMatches(env: Envelope, f: TrailFilter): boolean {
  const meta = env.meta;
  if (f.stream !== undefined && env.stream !== f.stream) return false;
  if (f.actor !== undefined && meta.actor !== f.actor) return false;
  const at = f.by === 'recordedAt' ? meta.recordedAt : meta.occurredAt;
  if (f.from !== undefined && at < f.from) return false;
  if (f.to !== undefined && at > `${f.to}T23:59:59.999Z`) return false;
  return true;
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
    initial: () => new TrailState(),
    codec: TrailStateCodec,
    evolve: (trail, p) => {
      if (unfiltered || envelopeMatches(p.envelope, filter)) trail.push(p.envelope, p.event);
      return trail;
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
export function trailReport(rows: Iterable<TrailRow>, filter: TrailFilter = {}): TrailDocument {
  const out: TrailRow[] = [];
  for (const r of rows) if (trailMatches(r, filter)) out.push(r);
  return { rows: out };
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
