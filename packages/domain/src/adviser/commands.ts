// The commands of the Adviser aggregate: the data each one takes, as io-ts codecs.
// Texts, URIs and dates come through the input codecs (codec/limits.ts), which add the
// input limits to the primitives that events are read with.
import type * as t from 'io-ts';
import { strict } from '../codec/strict';
import { Id, IdList } from '../codec/primitives';
import { InputDate, InputShortText, InputText, InputUri } from '../codec/limits';

/** Data of `AppointAdviser`: a non-executive adviser (a public office, so it carries a name). */
export const AppointAdviser = strict(
  { adviserId: Id, programmeId: Id, name: InputShortText, areaIds: IdList },
  { termEndsOn: InputDate },
  'AppointAdviser',
);
/** Data of `AppointAdviser`. */
export type AppointAdviser = t.TypeOf<typeof AppointAdviser>;

/** Data of `ReassignAdviser`. */
export const ReassignAdviser = strict({ adviserId: Id, areaIds: IdList }, {}, 'ReassignAdviser');
/** Data of `ReassignAdviser`. */
export type ReassignAdviser = t.TypeOf<typeof ReassignAdviser>;

/** Data of `SubmitAdviserReport`: only the adviser may submit their own report. */
export const SubmitAdviserReport = strict(
  { adviserId: Id, reportId: Id, summary: InputText },
  { uri: InputUri },
  'SubmitAdviserReport',
);
/** Data of `SubmitAdviserReport`. */
export type SubmitAdviserReport = t.TypeOf<typeof SubmitAdviserReport>;

/** Data of `StandDownAdviser`: final; nothing may follow it. */
export const StandDownAdviser = strict(
  { adviserId: Id, reason: InputText },
  {},
  'StandDownAdviser',
);
/** Data of `StandDownAdviser`. */
export type StandDownAdviser = t.TypeOf<typeof StandDownAdviser>;

/** The data codec of every Adviser command, by command type (in DOMAIN.md order). */
export const adviserCommands = {
  AppointAdviser,
  ReassignAdviser,
  SubmitAdviserReport,
  StandDownAdviser,
} as const;
