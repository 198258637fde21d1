// The events of the Adviser aggregate: each carries its command's fields (target id
// included) plus the extras listed in DOMAIN.md; additions are marked "addition".
import { named, strict } from '../codec/strict';
import { CalendarDate, Id, IdList, ShortText, Text, Uri } from '../codec/primitives';

/** The data codec of every Adviser event, by event type (in DOMAIN.md order). */
export const adviserEvents = named({
  /** A non-executive adviser was appointed. */
  AdviserAppointed: strict(
    { adviserId: Id, programmeId: Id, name: ShortText, areaIds: IdList },
    { termEndsOn: CalendarDate },
  ),
  /** An adviser's areas changed. */
  AdviserReassigned: strict({ adviserId: Id, areaIds: IdList, previousAreaIds: IdList }),
  /** An adviser submitted a report. */
  AdviserReportSubmitted: strict({ adviserId: Id, reportId: Id, summary: Text }, { uri: Uri }),
  /** An adviser stood down (final). */
  AdviserStoodDown: strict({ adviserId: Id, reason: Text }),
});
