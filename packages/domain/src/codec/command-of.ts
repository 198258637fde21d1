import type * as t from 'io-ts';
import { InputDate, InputEvidenceList, InputShortText, InputText, InputUri } from './limits';
import { CalendarDate, ShortText, Text, Uri } from './primitives';
import type { StrictType } from './strict';
import { strict } from './strict';
import { EvidenceList } from './vocabulary';

/** Properties read as new input: each codec keeps its decoded and encoded types. */
export type InputProps<P extends t.Props> = {
  [K in keyof P]: t.Type<t.TypeOf<P[K]>, t.OutputOf<P[K]>, unknown>;
};

/** The input codec of each primitive that has input limits (codec/limits.ts). */
const inputCodecs: ReadonlyMap<t.Mixed, t.Mixed> = new Map<t.Mixed, t.Mixed>([
  [Text, InputText],
  [ShortText, InputShortText],
  [Uri, InputUri],
  [CalendarDate, InputDate],
  [EvidenceList, InputEvidenceList],
]);

function inputProps<P extends t.Props>(props: P, omit: readonly PropertyKey[]): InputProps<P> {
  const out: t.Props = {};
  for (const [key, codec] of Object.entries(props))
    if (!omit.includes(key)) out[key] = inputCodecs.get(codec) ?? codec;
  // Each kept key holds its own codec or that codec's input form, of the same types.
  return out as InputProps<P>;
}

/**
 * The codec of a command that carries its event's fields: the event's required and optional
 * fields, in the event's order, but those in `omit` (the ones the decider adds, such as
 * `previousOwner`), each text, short text, URI, date and evidence list read through its
 * input codec (`InputText`...), which adds the input limits. Ids, levels, percents and
 * vocabularies are read as the event reads them. The command takes its name from its key
 * in the aggregate's table of commands (see `named`).
 *
 * @example
 * const riskCommands = named({ ReassignRiskOwner: commandOf(RiskOwnerReassigned, ['previousOwner']) });
 */
export function commandOf<
  R extends t.Props,
  O extends t.Props,
  K extends keyof R | keyof O = never,
>(
  event: StrictType<R, O>,
  omit: readonly K[] = [],
): StrictType<InputProps<Omit<R, K>>, InputProps<Omit<O, K>>> {
  return strict(
    inputProps<Omit<R, K>>(event.required, omit),
    inputProps<Omit<O, K>>(event.optional, omit),
  );
}
