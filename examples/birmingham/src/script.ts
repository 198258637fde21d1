/**
 * A tiny writer for command scripts: who issues the next commands, on which day, and how
 * late the council's tracker recorded them. It produces the lines of an NDJSON commands file
 * for `assure exec --backfill`.
 */

/** The `meta` of one line: every field `assure exec --backfill` honours. */
export interface LineMeta {
  readonly actor: string;
  readonly role: string;
  /** Valid time: the calendar day the thing happened (a bare date means 00:00Z). */
  readonly occurredAt: string;
  /** Transaction time: when the council's tracker recorded it (an instant). */
  readonly recordedAt: string;
  readonly commandId: string;
}

/** One line of a commands file. */
export interface ScriptLine {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly meta: LineMeta;
}

/** Options of one command: when it was recorded, if not the default (next day, 09:00Z on). */
export interface LineOptions {
  /** Days between the event and its recording (default 1). */
  readonly recordedAfterDays?: number;
}

/** Issues commands as one actor in one role. */
export type Issue = (type: string, data: Record<string, unknown>, options?: LineOptions) => void;

/** Builds a script: `on(day)` moves the calendar, `as(actor, role)` gives an issuer. */
export interface Script {
  on(day: string): void;
  as(actor: string, role: string): Issue;
  lines(): readonly ScriptLine[];
}

const DAY_MS = 86_400_000;

/**
 * Creates an empty script whose command ids are `<prefix>-NNN` in file order.
 *
 * @example
 * const s = createScript('bham');
 * s.on('2014-12-09');
 * s.as('pmo-admin', 'admin')('EstablishProgramme', { programmeId: 'bcc', title: 'T', body: 'B', phase: 'P' });
 */
export function createScript(prefix: string): Script {
  const out: ScriptLine[] = [];
  let day = '';
  const perRecordingDay = new Map<string, number>();
  let lastRecorded = '';
  return {
    on(next: string): void {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(next)) throw new Error(`not a date: ${next}`);
      if (day !== '' && next < day) throw new Error(`script goes back in time: ${next} < ${day}`);
      day = next;
    },
    as(actor: string, role: string): Issue {
      return (type, data, options) => {
        if (day === '') throw new Error('call on(day) first');
        const lag = options?.recordedAfterDays ?? 1;
        const recDay = new Date(Date.parse(`${day}T00:00:00.000Z`) + lag * DAY_MS)
          .toISOString()
          .slice(0, 10);
        const n = perRecordingDay.get(recDay) ?? 0;
        perRecordingDay.set(recDay, n + 1);
        const due = new Date(Date.parse(`${recDay}T09:00:00.000Z`) + n * 60_000).toISOString();
        // Transaction time never goes backwards along the log: a line recorded with a
        // shorter lag than the one before it is entered a minute after it.
        const recordedAt =
          lastRecorded !== '' && due <= lastRecorded
            ? new Date(Date.parse(lastRecorded) + 60_000).toISOString()
            : due;
        lastRecorded = recordedAt;
        out.push({
          type,
          data,
          meta: {
            actor,
            role,
            occurredAt: day,
            recordedAt,
            commandId: `${prefix}-${String(out.length + 1).padStart(3, '0')}`,
          },
        });
      };
    },
    lines: () => out,
  };
}

/** Renders script lines as NDJSON (one JSON object a line, a final newline). */
export function toNdjson(lines: readonly ScriptLine[]): string {
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}
