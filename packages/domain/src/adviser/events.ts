// The events of the Adviser aggregate: each carries its command's fields (target id
// included) plus the extras listed in DOMAIN.md; additions are marked "addition".
import type * as t from 'io-ts';
import { strict } from '../codec/strict';
import { CalendarDate, Id, IdList, ShortText, Text, Uri } from '../codec/primitives';

/** A non-executive adviser was appointed. */
export const AdviserAppointed = strict(
  { adviserId: Id, programmeId: Id, name: ShortText, areaIds: IdList },
  { termEndsOn: CalendarDate },
  'AdviserAppointed',
);
/** A non-executive adviser was appointed. */
export type AdviserAppointed = t.TypeOf<typeof AdviserAppointed>;

/** An adviser's areas changed. */
export const AdviserReassigned = strict(
  { adviserId: Id, areaIds: IdList, previousAreaIds: IdList },
  {},
  'AdviserReassigned',
);
/** An adviser's areas changed. */
export type AdviserReassigned = t.TypeOf<typeof AdviserReassigned>;

/** An adviser submitted a report. */
export const AdviserReportSubmitted = strict(
  { adviserId: Id, reportId: Id, summary: Text },
  { uri: Uri },
  'AdviserReportSubmitted',
);
/** An adviser submitted a report. */
export type AdviserReportSubmitted = t.TypeOf<typeof AdviserReportSubmitted>;

/** An adviser stood down (final). */
export const AdviserStoodDown = strict({ adviserId: Id, reason: Text }, {}, 'AdviserStoodDown');
/** An adviser stood down (final). */
export type AdviserStoodDown = t.TypeOf<typeof AdviserStoodDown>;

/** The data codec of every Adviser event, by event type (in DOMAIN.md order). */
export const adviserEvents = {
  AdviserAppointed,
  AdviserReassigned,
  AdviserReportSubmitted,
  AdviserStoodDown,
} as const;
