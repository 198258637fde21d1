import * as t from 'io-ts';
import type { Envelope } from '@assure/event-store';
import type { ProjectionEvent } from '../events';
import type { View } from '../view/view';
import { evidenceOf, reasonOf, summarize } from './summary';
import { TrailColumns } from './trail-columns';

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

/**
 * The audit trail's state: rows in position order.
 *
 * Folding keeps each event in compact columns (see {@link TrailColumns}): numbers, interned
 * ids, the hash as bytes and a reference to the decoded payload, not the envelope. Rows
 * (with their summary strings) are derived when read, so memory grows with the trail's
 * columns, not with the event bodies. Rows given at construction (a snapshot's) come first.
 *
 * @example
 * const trail = TrailState.of(rows);
 * for (const row of trail) console.log(row.summary);
 */
export class TrailState implements Iterable<TrailRow> {
  readonly #given: readonly TrailRow[];
  readonly #columns = new TrailColumns();
  /** The decoded type of a row when it differs from the stored one (a decoder's choice). */
  readonly #decodedTypes = new Map<number, ProjectionEvent['type']>();

  /** @param rows rows already derived (a snapshot's), in position order */
  constructor(rows: readonly TrailRow[] = []) {
    this.#given = rows;
  }

  /** A trail of rows already derived. */
  static of(rows: readonly TrailRow[]): TrailState {
    return new TrailState([...rows]);
  }

  /** Appends one folded event (its row is derived when read). */
  push(envelope: Envelope, event: ProjectionEvent): void {
    const columns = this.#columns;
    if (event.type !== envelope.type) this.#decodedTypes.set(columns.length, event.type);
    // Only the payload is kept (the store's own object when read from memory): nothing new
    // per event survives the fold but the columns.
    columns.push(envelope, event.data);
  }

  /** How many rows the trail holds. */
  get length(): number {
    return this.#given.length + this.#columns.length;
  }

  /** Row `i` (0-based, position order), or undefined past the end. */
  row(i: number): TrailRow | undefined {
    const given = this.#given;
    if (i < given.length) return given[i];
    const j = i - given.length;
    return j < this.#columns.length ? this.#derive(j) : undefined;
  }

  #derive(j: number): TrailRow {
    const c = this.#columns;
    // Row `j` holds the payload and type of the event decoded there (see `push`).
    const event = {
      type: this.#decodedTypes.get(j) ?? c.type(j),
      data: c.payload(j),
    } as ProjectionEvent;
    return {
      position: c.position(j),
      recordedAt: c.recordedAt(j),
      occurredAt: c.occurredAt(j),
      actor: c.actor(j),
      role: c.role(j),
      stream: c.stream(j),
      type: c.type(j),
      summary: summarize(event),
      reason: reasonOf(event),
      evidence: evidenceOf(event),
      hash: c.hash(j),
    };
  }

  /** Every row, in position order: a new array, derived now (iterate to hold one at a time). */
  rows(): readonly TrailRow[] {
    return [...this];
  }

  /** JSON form: the rows. */
  toJSON(): readonly TrailRow[] {
    return this.rows();
  }

  *[Symbol.iterator](): Iterator<TrailRow> {
    yield* this.#given;
    const n = this.#columns.length;
    for (let j = 0; j < n; j++) yield this.#derive(j);
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
  (a) => TrailRows.encode([...a]),
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
