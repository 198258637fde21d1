import type { Id, IdList, ShortText } from '../codec/primitives';
import type { Absent } from '../decision';
import { patch } from '../decision';
import type { DomainEvent } from '../events';
import { isEventOf } from '../events';

/** Status of an adviser: `none` before appointment; `stood-down` is final. */
export type AdviserStatus = 'none' | 'appointed' | 'stood-down';

/** An appointed (or stood-down) adviser. */
export interface AppointedAdviser {
  readonly kind: 'adviser';
  readonly status: Exclude<AdviserStatus, 'none'>;
  readonly adviserId: Id;
  readonly programmeId: Id;
  readonly name: ShortText;
  readonly areaIds: IdList;
  readonly termEndsOn: string | null;
}

/** Folded state of an `adviser-<id>` stream: `status: 'none'` before appointment. */
export type AdviserState = Absent<'adviser'> | AppointedAdviser;

/** The state of an adviser stream with no events. */
export const initialAdviserState: AdviserState = { kind: 'adviser', status: 'none' };

/** Folds one event into an adviser's state; events of other aggregates leave it unchanged. */
export function evolveAdviser(s: AdviserState, e: DomainEvent): AdviserState {
  if (!isEventOf('adviser', e)) return s;
  if (e.type === 'AdviserAppointed')
    return {
      kind: 'adviser',
      status: 'appointed',
      adviserId: e.data.adviserId,
      programmeId: e.data.programmeId,
      name: e.data.name,
      areaIds: e.data.areaIds,
      termEndsOn: e.data.termEndsOn ?? null,
    };
  // Nothing else happens to an adviser before appointment.
  if (s.status === 'none') return s;
  switch (e.type) {
    case 'AdviserReassigned':
      return patch(s, { areaIds: e.data.areaIds });
    case 'AdviserStoodDown':
      return patch(s, { status: 'stood-down' });
    case 'AdviserReportSubmitted':
      return s;
    default: {
      const never: never = e;
      return never;
    }
  }
}
