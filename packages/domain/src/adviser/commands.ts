// The commands of the Adviser aggregate: the data each one takes. A command carries its
// event's fields but those the decider adds, read through the input codecs (codec/limits.ts:
// no control characters, dates 1900-2199); see `commandOf`.
import { commandOf } from '../codec/command-of';
import { named } from '../codec/strict';
import { adviserEvents as e } from './events';

/** The data codec of every Adviser command, by command type (in DOMAIN.md order). */
export const adviserCommands = named({
  /** Data of `AppointAdviser`: a non-executive adviser (a public office, so it carries a name). */
  AppointAdviser: commandOf(e.AdviserAppointed),
  /** Data of `ReassignAdviser`. */
  ReassignAdviser: commandOf(e.AdviserReassigned, ['previousAreaIds']),
  /** Data of `SubmitAdviserReport`: only the adviser may submit their own report. */
  SubmitAdviserReport: commandOf(e.AdviserReportSubmitted),
  /** Data of `StandDownAdviser`: final; nothing may follow it. */
  StandDownAdviser: commandOf(e.AdviserStoodDown),
});
