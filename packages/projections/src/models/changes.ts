import type { MeetingFacts } from './facts';
import type { TrailRow } from './trail';
import type { EntityMaps } from './views';

/** The states the changes-since-last-meeting query reads (the trail unfiltered). */
export interface ChangesStates extends EntityMaps {
  readonly trail: Iterable<TrailRow>;
}

/** What changed for one oversight body since its last meeting. */
export interface BodyChanges {
  readonly programmeId: string;
  readonly bodyId: string;
  readonly kind: string;
  readonly name: string;
  /** The body's last meeting held on or before the as-at day, or null if it has not met. */
  readonly lastMeeting: { readonly meetingId: string; readonly heldOn: string } | null;
  /**
   * The programme's events whose valid day falls after that meeting's day, up to the as-at
   * day, in position order (every event of the programme up to the as-at day when the body
   * has not met).
   */
  readonly changes: readonly TrailRow[];
}

/** The changes-since-last-meeting document. */
export interface ChangesDocument {
  readonly asAt: string;
  readonly bodies: readonly BodyChanges[];
}

/** Which programme a stream belongs to, from the entity states (null for `ledger-seals`). */
export function programmeOfStream(
  states: Omit<ChangesStates, 'trail'>,
  stream: string,
): string | null {
  const dash = stream.indexOf('-');
  const category = stream.slice(0, dash);
  const id = stream.slice(dash + 1);
  switch (category) {
    case 'programme':
      return states.programmes.has(id) ? id : null;
    case 'recommendation':
      return states.recommendations.get(id)?.programmeId ?? null;
    case 'action':
      return states.actions.get(id)?.programmeId ?? null;
    case 'risk':
      return states.risks.get(id)?.programmeId ?? null;
    case 'adviser':
      return states.advisers.get(id)?.programmeId ?? null;
    default:
      return null;
  }
}

/**
 * "Changes since the last meeting" of every active oversight body, as at a day: the events
 * of the body's programme whose `occurredAt` day falls after the `heldOn` of the body's
 * last meeting on or before that day, up to that day. Dissolved bodies are left out unless
 * asked for.
 *
 * @example
 * changesSinceLastMeeting(states, { asAt: '2019-10-29' }).bodies
 *   .find((b) => b.bodyId === 'strategic-programme-board')?.changes.length;
 */
export function changesSinceLastMeeting(
  states: ChangesStates,
  options: { readonly asAt: string; readonly includeDissolved?: boolean },
): ChangesDocument {
  const { asAt } = options;
  const endOfDay = `${asAt}T23:59:59.999Z`;
  const byProgramme = new Map<string, TrailRow[]>();
  for (const row of states.trail) {
    if (row.occurredAt > endOfDay) continue;
    const programmeId = programmeOfStream(states, row.stream);
    if (programmeId === null) continue;
    const list = byProgramme.get(programmeId);
    if (list === undefined) byProgramme.set(programmeId, [row]);
    else list.push(row);
  }
  const bodies: BodyChanges[] = [];
  for (const prog of states.programmes.values())
    for (const body of prog.bodies) {
      if (body.dissolved && options.includeDissolved !== true) continue;
      let last: MeetingFacts | null = null;
      for (const m of body.meetings)
        if (m.heldOn <= asAt && (last === null || m.heldOn > last.heldOn)) last = m;
      const rows = byProgramme.get(prog.id) ?? [];
      const after = last === null ? null : `${last.heldOn}T23:59:59.999Z`;
      bodies.push({
        programmeId: prog.id,
        bodyId: body.id,
        kind: body.kind,
        name: body.name,
        lastMeeting: last === null ? null : { meetingId: last.meetingId, heldOn: last.heldOn },
        changes: after === null ? rows : rows.filter((r) => r.occurredAt > after),
      });
    }
  return { asAt, bodies };
}
