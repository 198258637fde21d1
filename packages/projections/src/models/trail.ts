import * as t from 'io-ts';
import type { Envelope } from '@assure/event-store';
import type { ProjectionEvent } from '../events';
import type { View } from '../view/view';
import { evidenceOf, reasonOf, summarize } from './summary';
import { toCsv } from './csv';
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
 * Rows kept by reference: envelopes their store holds anyway (see `Projected.retained`),
 * with the decoded event only where it is not the envelope's own type and payload.
 */
class RetainedRows {
  readonly envelopes: Envelope[] = [];
  /** The decoded event of a row, where it differs from the envelope's (an upcast). */
  readonly decoded = new Map<number, ProjectionEvent>();

  constructor(readonly start: number) {}

  get length(): number {
    return this.envelopes.length;
  }
}

/** Rows kept as compact columns (see {@link TrailColumns}), with each decoded type that differs. */
class ColumnRows {
  readonly columns = new TrailColumns();
  /** The decoded type of a row when it differs from the stored one (a decoder's choice). */
  readonly decodedTypes = new Map<number, ProjectionEvent['type']>();

  constructor(readonly start: number) {}

  get length(): number {
    return this.columns.length;
  }
}

type Segment = RetainedRows | ColumnRows;

/**
 * The audit trail's state: rows in position order.
 *
 * Folding keeps each event in the cheapest form that does not make memory grow with the
 * event bodies:
 *
 * - an envelope its store holds for the store's life (the in-memory store's; see
 *   `Projected.retained`) is kept by reference: one pointer, nothing copied;
 * - any other (a file store parses fresh ones) goes into compact columns (see
 *   {@link TrailColumns}): numbers, interned ids, the hash as bytes and a reference to the
 *   decoded payload.
 *
 * Rows (with their summary strings) are derived when read. Rows given at construction (a
 * snapshot's) come first.
 *
 * @example
 * const trail = TrailState.of(rows);
 * for (const row of trail) console.log(row.summary);
 */
export class TrailState implements Iterable<TrailRow> {
  readonly #given: readonly TrailRow[];
  /** Folded rows, in runs of one form each (usually a single run). */
  readonly #segments: Segment[] = [];
  #folded = 0;

  /** @param rows rows already derived (a snapshot's), in position order */
  constructor(rows: readonly TrailRow[] = []) {
    this.#given = rows;
  }

  /** A trail of rows already derived. */
  static of(rows: readonly TrailRow[]): TrailState {
    return new TrailState([...rows]);
  }

  /**
   * Appends one folded event (its row is derived when read).
   *
   * @param retained the envelope is held by its store (kept by reference), else its row is
   *   copied into columns
   */
  push(envelope: Envelope, event: ProjectionEvent, retained = false): void {
    const segments = this.#segments;
    let last = segments[segments.length - 1];
    if (retained) {
      if (!(last instanceof RetainedRows)) {
        last = new RetainedRows(this.#folded);
        segments.push(last);
      }
      if (event.type !== envelope.type || event.data !== envelope.data)
        last.decoded.set(last.envelopes.length, event);
      last.envelopes.push(envelope);
    } else {
      if (!(last instanceof ColumnRows)) {
        last = new ColumnRows(this.#folded);
        segments.push(last);
      }
      const type = event.type;
      if (type !== envelope.type) last.decodedTypes.set(last.length, type);
      // Only the payload is kept: nothing new per event survives the fold but the columns.
      // The decoded type, when equal, is interned (the decoder's own string: see push).
      last.columns.push(envelope, event.data, type === envelope.type ? type : envelope.type);
    }
    this.#folded++;
  }

  /** How many rows the trail holds. */
  get length(): number {
    return this.#given.length + this.#folded;
  }

  /** Row `i` (0-based, position order), or undefined past the end. */
  row(i: number): TrailRow | undefined {
    const given = this.#given;
    if (i < given.length) return given[i];
    const j = i - given.length;
    if (!Number.isInteger(j) || j < 0 || j >= this.#folded) return undefined;
    // The last segment starting at or before j (segments are few: a binary search).
    const segments = this.#segments;
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((segments[mid] as Segment).start <= j) lo = mid;
      else hi = mid - 1;
    }
    const segment = segments[lo] as Segment;
    return derive(segment, j - segment.start);
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
    for (const segment of this.#segments) {
      const n = segment.length;
      for (let k = 0; k < n; k++) yield derive(segment, k);
    }
  }
}

/** Row `k` of a segment. */
function derive(segment: Segment, k: number): TrailRow {
  if (segment instanceof RetainedRows) {
    const envelope = segment.envelopes[k] as Envelope;
    // An envelope's type and payload are what its decoded event holds unless an upcast
    // made them differ (kept aside then). The row is derived from the decoded event, as
    // for columns.
    const event =
      segment.decoded.get(k) ??
      ({ type: envelope.type, data: envelope.data as unknown } as ProjectionEvent);
    const meta = envelope.meta;
    return {
      position: envelope.position,
      recordedAt: meta.recordedAt,
      occurredAt: meta.occurredAt,
      actor: meta.actor,
      role: meta.role,
      stream: envelope.stream,
      type: envelope.type,
      summary: summarize(event),
      reason: reasonOf(event),
      evidence: evidenceOf(event),
      hash: envelope.hash,
    };
  }
  const c = segment.columns;
  // Row `k` holds the payload and type of the event decoded there (see `push`).
  const event = {
    type: segment.decodedTypes.get(k) ?? c.type(k),
    data: c.payload(k),
  } as ProjectionEvent;
  return {
    position: c.position(k),
    recordedAt: c.recordedAt(k),
    occurredAt: c.occurredAt(k),
    actor: c.actor(k),
    role: c.role(k),
    stream: c.stream(k),
    type: c.type(k),
    summary: summarize(event),
    reason: reasonOf(event),
    evidence: evidenceOf(event),
    hash: c.hash(k),
  };
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
  return passes(f, env.stream, env.meta);
}

/** The one test of a {@link TrailFilter}: on a stream and its actor and times. */
function passes(
  f: TrailFilter,
  stream: string,
  who: { readonly actor: string; readonly occurredAt: string; readonly recordedAt: string },
): boolean {
  if (f.stream !== undefined && stream !== f.stream) return false;
  if (f.actor !== undefined && who.actor !== f.actor) return false;
  const at = f.by === 'recordedAt' ? who.recordedAt : who.occurredAt;
  if (f.from !== undefined && at < f.from) return false;
  if (f.to !== undefined && at > `${f.to}T23:59:59.999Z`) return false;
  return true;
}

/** Whether a row passes a {@link TrailFilter}. */
export function trailMatches(row: TrailRow, f: TrailFilter): boolean {
  return passes(f, row.stream, row);
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
      if (unfiltered || envelopeMatches(p.envelope, filter))
        trail.push(p.envelope, p.event, p.retained === true);
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

/**
 * The trail as RFC 4180 CSV (CRLF line ends, a header line): `reason` is empty when
 * absent, `evidence` lists the evidence URIs separated by spaces; a cell beginning with
 * `=`, `+`, `-`, `@`, a tab or a carriage return is neutralised with a leading apostrophe.
 *
 * @example
 * process.stdout.write(trailCsv(trailReport(states.trail).rows));
 */
export function trailCsv(rows: readonly TrailRow[]): string {
  return toCsv(TRAIL_CSV_COLUMNS, rows.map(trailCells));
}

/** A trail row as the cells of {@link TRAIL_CSV_COLUMNS} (not yet neutralised). */
export function trailCells(r: TrailRow): string[] {
  return [
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
  ];
}
