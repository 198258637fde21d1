import type { AdvisersState, ProgrammesState } from './views';

/** One adviser in the roster. */
export interface RosterRow {
  readonly id: string;
  readonly programmeId: string;
  readonly name: string;
  /** The areas assigned, each with its title (null when the area is unknown at the as-at day). */
  readonly areas: readonly { readonly id: string; readonly title: string | null }[];
  readonly status: 'appointed' | 'stood-down';
  readonly appointedOn: string;
  readonly termEndsOn: string | null;
  /** The as-at day is after the end of the term (the adviser may still be recorded as appointed). */
  readonly termEnded: boolean;
  readonly stoodDownOn: string | null;
  readonly reports: number;
  readonly lastReportOn: string | null;
}

/** The adviser roster document. */
export interface RosterDocument {
  readonly asAt: string;
  readonly rows: readonly RosterRow[];
}

/**
 * The adviser roster: every adviser in order of appointment, with areas, term and reports.
 *
 * @example
 * adviserRoster(states, { asAt: '2019-10-29' }).rows.filter((r) => r.status === 'appointed');
 */
export function adviserRoster(
  states: { readonly advisers: AdvisersState; readonly programmes: ProgrammesState },
  options: { readonly asAt: string; readonly programmeId?: string },
): RosterDocument {
  const rows: RosterRow[] = [];
  for (const a of states.advisers.values()) {
    if (options.programmeId !== undefined && a.programmeId !== options.programmeId) continue;
    const prog = states.programmes.get(a.programmeId);
    rows.push({
      id: a.id,
      programmeId: a.programmeId,
      name: a.name,
      areas: a.areaIds.map((id) => ({
        id,
        title: prog?.areas.find((x) => x.id === id)?.title ?? null,
      })),
      status: a.status,
      appointedOn: a.appointedOn,
      termEndsOn: a.termEndsOn,
      termEnded: a.termEndsOn !== null && options.asAt > a.termEndsOn,
      stoodDownOn: a.stoodDownOn,
      reports: a.reports,
      lastReportOn: a.lastReportOn,
    });
  }
  return { asAt: options.asAt, rows };
}
