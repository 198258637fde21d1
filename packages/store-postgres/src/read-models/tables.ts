import { TRAIL_CSV_COLUMNS, type ReadModels, type TrailRow } from '@assure/projections';

/**
 * The rows each derived table should hold, computed (purely) from the read models at one
 * as-at day: by primary key, the column values in {@link TableSpec.columns} order. The
 * writer compares them with what it last wrote and changes only the rows that differ.
 */
export interface TableSpec {
  readonly table: 'tracker' | 'risks' | 'areas' | 'advisers' | 'meetings';
  /** The columns, the primary key's first. */
  readonly columns: readonly string[];
  /** How many of `columns` form the primary key. */
  readonly keyColumns: number;
  /** The rows wanted now: key (the key values, JSON) → every column's value. */
  rows(models: ReadModels): Map<string, readonly unknown[]>;
}

function keyed(
  rows: readonly (readonly unknown[])[],
  keyColumns: number,
): Map<string, readonly unknown[]> {
  return new Map(rows.map((r) => [JSON.stringify(r.slice(0, keyColumns)), r]));
}

/** `assure tracker --json` rows: one per recommendation. */
const tracker: TableSpec = {
  table: 'tracker',
  columns: [
    'id',
    'ord',
    'area_id',
    'source',
    'classification',
    'status',
    'original_due_on',
    'due_on',
    'overdue',
    'late',
    'owner',
    'row',
  ],
  keyColumns: 1,
  rows: (m) =>
    keyed(
      m
        .tracker()
        .rows.map((r, i) => [
          r.id,
          i,
          r.areaId,
          r.source,
          r.classification,
          r.status,
          r.originalDueOn,
          r.dueOn,
          r.overdue,
          r.late,
          r.owner,
          JSON.stringify(r),
        ]),
      1,
    ),
};

/** `assure risks --json` rows: one per risk, with its scores and bands. */
const risks: TableSpec = {
  table: 'risks',
  columns: [
    'id',
    'ord',
    'area_id',
    'title',
    'owner',
    'status',
    'current_score',
    'current_band',
    'target_score',
    'target_band',
    'next_review_on',
    'review_overdue',
    'row',
  ],
  keyColumns: 1,
  rows: (m) =>
    keyed(
      m
        .risks()
        .rows.map((r, i) => [
          r.id,
          i,
          r.areaId,
          r.title,
          r.owner,
          r.status,
          r.current.score,
          r.current.band,
          r.target.score,
          r.target.band,
          r.nextReviewOn,
          r.reviewOverdue,
          JSON.stringify(r),
        ]),
      1,
    ),
};

/** `assure status --json` areas (default RAG policy): one per programme and priority area. */
const areas: TableSpec = {
  table: 'areas',
  columns: ['programme_id', 'id', 'ord', 'title', 'retired', 'rag', 'row'],
  keyColumns: 2,
  rows: (m) =>
    keyed(
      m
        .status()
        .programmes.flatMap((p) => p.areas.map((a) => ({ p, a })))
        .map(({ p, a }, i) => [p.id, a.id, i, a.title, a.retired, a.rag, JSON.stringify(a)]),
      2,
    ),
};

/** The adviser roster: one row per adviser. */
const advisers: TableSpec = {
  table: 'advisers',
  columns: ['id', 'ord', 'programme_id', 'name', 'status', 'row'],
  keyColumns: 1,
  rows: (m) =>
    keyed(
      m.roster().rows.map((r, i) => [r.id, i, r.programmeId, r.name, r.status, JSON.stringify(r)]),
      1,
    ),
};

/** The oversight bodies' meetings: one row per meeting recorded. */
const meetings: TableSpec = {
  table: 'meetings',
  columns: [
    'programme_id',
    'body_id',
    'meeting_id',
    'ord',
    'body_kind',
    'body_name',
    'body_dissolved',
    'held_on',
    'position',
  ],
  keyColumns: 3,
  rows: (m) =>
    keyed(
      [...m.states.programmes.values()]
        .flatMap((p) => p.bodies.flatMap((b) => b.meetings.map((mt) => ({ p, b, mt }))))
        .map(({ p, b, mt }, i) => [
          p.id,
          b.id,
          mt.meetingId,
          i,
          b.kind,
          b.name,
          b.dissolved,
          mt.heldOn,
          mt.position,
        ]),
      3,
    ),
};

/** The derived tables, in the order they are written. */
export const TABLES: readonly TableSpec[] = [tracker, risks, areas, advisers, meetings];

/**
 * The columns of `trail`, in order: the fields of a trail row, in the order of its CSV
 * columns, in snake case (`recordedAt` is `recorded_at`).
 */
export const TRAIL_COLUMNS: readonly string[] = TRAIL_CSV_COLUMNS.map((field) =>
  field.replace(/[A-Z]/g, (upper) => `_${upper.toLowerCase()}`),
);

/** One trail row's values, in {@link TRAIL_COLUMNS} order (`evidence` as JSON). */
export function trailValues(r: TrailRow): unknown[] {
  return TRAIL_CSV_COLUMNS.map((field) =>
    field === 'evidence' ? JSON.stringify(r.evidence) : r[field],
  );
}
