import type { Id, IdList, ShortText } from '../codec/primitives';
import type { Absent } from '../decision';
import { folding, patch, pick } from '../decision';
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

const fold = folding<'AdviserAppointed', AppointedAdviser>({
  creator: 'AdviserAppointed',
  create: ({ data }) => ({
    status: 'appointed',
    ...pick(data, ['adviserId', 'programmeId', 'name', 'areaIds']),
    termEndsOn: data.termEndsOn ?? null,
  }),
  changes: {
    AdviserReassigned: (s, { data }) => patch(s, { areaIds: data.areaIds }),
    AdviserStoodDown: (s) => patch(s, { status: 'stood-down' }),
    AdviserReportSubmitted: (s) => s,
  },
});

/** The state of an adviser stream with no events. */
export const initialAdviserState: AdviserState = fold.initialState;

/** Folds one event into an adviser's state; events of other aggregates leave it unchanged. */
export const evolveAdviser: (s: AdviserState, e: DomainEvent) => AdviserState = fold.evolve;
