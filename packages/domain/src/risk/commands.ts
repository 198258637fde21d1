// The commands of the Risk aggregate: the data each one takes, as io-ts codecs.
// Texts, URIs and dates come through the input codecs (codec/limits.ts), which add the
// input limits to the primitives that events are read with.
import type * as t from 'io-ts';
import { strict } from '../codec/strict';
import { Id, Level } from '../codec/primitives';
import { InputDate, InputShortText, InputText } from '../codec/limits';
import { Assessment } from '../codec/vocabulary';

/** Data of `IdentifyRisk`; the current score starts at the inherent one. */
export const IdentifyRisk = strict(
  {
    riskId: Id,
    programmeId: Id,
    title: InputText,
    category: InputShortText,
    owner: Id,
    inherent: Assessment,
    target: Assessment,
    nextReviewOn: InputDate,
  },
  { areaId: Id, cause: InputText, event: InputText, consequence: InputText },
  'IdentifyRisk',
);
/** Data of `IdentifyRisk`. */
export type IdentifyRisk = t.TypeOf<typeof IdentifyRisk>;

/** Data of `RescoreRisk`; without `nextReviewOn` the review date stays. */
export const RescoreRisk = strict(
  { riskId: Id, likelihood: Level, impact: Level, rationale: InputText },
  { nextReviewOn: InputDate },
  'RescoreRisk',
);
/** Data of `RescoreRisk`. */
export type RescoreRisk = t.TypeOf<typeof RescoreRisk>;

/** Data of `SetRiskTarget`. */
export const SetRiskTarget = strict(
  { riskId: Id, likelihood: Level, impact: Level, reason: InputText },
  {},
  'SetRiskTarget',
);
/** Data of `SetRiskTarget`. */
export type SetRiskTarget = t.TypeOf<typeof SetRiskTarget>;

/** Data of `ReassignRiskOwner`. */
export const ReassignRiskOwner = strict(
  { riskId: Id, owner: Id, reason: InputText },
  {},
  'ReassignRiskOwner',
);
/** Data of `ReassignRiskOwner`. */
export type ReassignRiskOwner = t.TypeOf<typeof ReassignRiskOwner>;

/** Data of `AddRiskControl` (controlId unique per risk). */
export const AddRiskControl = strict(
  { riskId: Id, controlId: Id, description: InputText, owner: Id },
  {},
  'AddRiskControl',
);
/** Data of `AddRiskControl`. */
export type AddRiskControl = t.TypeOf<typeof AddRiskControl>;

/** Data of `EscalateRisk` (`to` is a bodyId). */
export const EscalateRisk = strict({ riskId: Id, to: Id, reason: InputText }, {}, 'EscalateRisk');
/** Data of `EscalateRisk`. */
export type EscalateRisk = t.TypeOf<typeof EscalateRisk>;

/** Data of `DeescalateRisk`. */
export const DeescalateRisk = strict({ riskId: Id, reason: InputText }, {}, 'DeescalateRisk');
/** Data of `DeescalateRisk`. */
export type DeescalateRisk = t.TypeOf<typeof DeescalateRisk>;

/** Data of `CloseRisk`. */
export const CloseRisk = strict({ riskId: Id, reason: InputText }, {}, 'CloseRisk');
/** Data of `CloseRisk`. */
export type CloseRisk = t.TypeOf<typeof CloseRisk>;

/** Data of `ReopenRisk`. */
export const ReopenRisk = strict({ riskId: Id, reason: InputText }, {}, 'ReopenRisk');
/** Data of `ReopenRisk`. */
export type ReopenRisk = t.TypeOf<typeof ReopenRisk>;

/** The data codec of every Risk command, by command type (in DOMAIN.md order). */
export const riskCommands = {
  IdentifyRisk,
  RescoreRisk,
  SetRiskTarget,
  ReassignRiskOwner,
  AddRiskControl,
  EscalateRisk,
  DeescalateRisk,
  CloseRisk,
  ReopenRisk,
} as const;
