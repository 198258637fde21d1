// The commands of the Adviser aggregate: the data each one takes. A command carries its
// event's fields but those the decider adds, read through the input codecs (codec/limits.ts:
// no control characters, dates 1900-2199); see `commandOf`.
import type * as t from 'io-ts';
import { commandOf } from '../codec/command-of';
import {
  AdviserAppointed,
  AdviserReassigned,
  AdviserReportSubmitted,
  AdviserStoodDown,
} from './events';

/** Data of `AppointAdviser`: a non-executive adviser (a public office, so it carries a name). */
export const AppointAdviser = commandOf(AdviserAppointed, 'AppointAdviser');
/** Data of `AppointAdviser`. */
export type AppointAdviser = t.TypeOf<typeof AppointAdviser>;

/** Data of `ReassignAdviser`. */
export const ReassignAdviser = commandOf(AdviserReassigned, 'ReassignAdviser', ['previousAreaIds']);
/** Data of `ReassignAdviser`. */
export type ReassignAdviser = t.TypeOf<typeof ReassignAdviser>;

/** Data of `SubmitAdviserReport`: only the adviser may submit their own report. */
export const SubmitAdviserReport = commandOf(AdviserReportSubmitted, 'SubmitAdviserReport');
/** Data of `SubmitAdviserReport`. */
export type SubmitAdviserReport = t.TypeOf<typeof SubmitAdviserReport>;

/** Data of `StandDownAdviser`: final; nothing may follow it. */
export const StandDownAdviser = commandOf(AdviserStoodDown, 'StandDownAdviser');
/** Data of `StandDownAdviser`. */
export type StandDownAdviser = t.TypeOf<typeof StandDownAdviser>;

/** The data codec of every Adviser command, by command type (in DOMAIN.md order). */
export const adviserCommands = {
  AppointAdviser,
  ReassignAdviser,
  SubmitAdviserReport,
  StandDownAdviser,
} as const;
