import type { Id, IdList, ShortText } from '../codec/primitives';
import type { Absent, Evolution } from '../decision';
import { evolveIn, patch, pick } from '../decision';
import type { DomainEvent } from '../events';

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
  return evolveIn(evolution, s, e);
}

const evolution: Evolution<'adviser', 'AdviserAppointed', AppointedAdviser> = {
  category: 'adviser',
  creator: 'AdviserAppointed',
  create: ({ data }) => ({
    kind: 'adviser',
    status: 'appointed',
    ...pick(data, ['adviserId', 'programmeId', 'name', 'areaIds']),
    termEndsOn: data.termEndsOn ?? null,
  }),
  change: (s, e) => {
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
  },
};
