// The commands of the Risk aggregate: the data each one takes. A command carries its
// event's fields but those the decider adds, read through the input codecs (codec/limits.ts:
// no control characters, dates 1900-2199); see `commandOf`.
import type * as t from 'io-ts';
import { commandOf } from '../codec/command-of';
import {
  RiskIdentified,
  RiskRescored,
  RiskTargetSet,
  RiskOwnerReassigned,
  RiskControlAdded,
  RiskEscalated,
  RiskDeescalated,
  RiskClosed,
  RiskReopened,
  MitigatingActionLinked,
} from './events';

/** Data of `IdentifyRisk`; the current score starts at the inherent one. */
export const IdentifyRisk = commandOf(RiskIdentified, 'IdentifyRisk');
/** Data of `IdentifyRisk`. */
export type IdentifyRisk = t.TypeOf<typeof IdentifyRisk>;

/** Data of `RescoreRisk`; without `nextReviewOn` the review date stays. */
export const RescoreRisk = commandOf(RiskRescored, 'RescoreRisk', ['previous', 'current']);
/** Data of `RescoreRisk`. */
export type RescoreRisk = t.TypeOf<typeof RescoreRisk>;

/** Data of `SetRiskTarget`. */
export const SetRiskTarget = commandOf(RiskTargetSet, 'SetRiskTarget', ['previous']);
/** Data of `SetRiskTarget`. */
export type SetRiskTarget = t.TypeOf<typeof SetRiskTarget>;

/** Data of `ReassignRiskOwner`. */
export const ReassignRiskOwner = commandOf(RiskOwnerReassigned, 'ReassignRiskOwner', [
  'previousOwner',
]);
/** Data of `ReassignRiskOwner`. */
export type ReassignRiskOwner = t.TypeOf<typeof ReassignRiskOwner>;

/** Data of `AddRiskControl` (controlId unique per risk). */
export const AddRiskControl = commandOf(RiskControlAdded, 'AddRiskControl');
/** Data of `AddRiskControl`. */
export type AddRiskControl = t.TypeOf<typeof AddRiskControl>;

/** Data of `EscalateRisk` (`to` is a bodyId). */
export const EscalateRisk = commandOf(RiskEscalated, 'EscalateRisk');
/** Data of `EscalateRisk`. */
export type EscalateRisk = t.TypeOf<typeof EscalateRisk>;

/** Data of `DeescalateRisk`. */
export const DeescalateRisk = commandOf(RiskDeescalated, 'DeescalateRisk');
/** Data of `DeescalateRisk`. */
export type DeescalateRisk = t.TypeOf<typeof DeescalateRisk>;

/** Data of `CloseRisk`. */
export const CloseRisk = commandOf(RiskClosed, 'CloseRisk');
/** Data of `CloseRisk`. */
export type CloseRisk = t.TypeOf<typeof CloseRisk>;

/** Data of `ReopenRisk`. */
export const ReopenRisk = commandOf(RiskReopened, 'ReopenRisk');
/** Data of `ReopenRisk`. */
export type ReopenRisk = t.TypeOf<typeof ReopenRisk>;

/** Data of `LinkMitigatingAction`: an action of the risk's programme mitigates it (once). */
export const LinkMitigatingAction = commandOf(MitigatingActionLinked, 'LinkMitigatingAction');
/** Data of `LinkMitigatingAction`. */
export type LinkMitigatingAction = t.TypeOf<typeof LinkMitigatingAction>;

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
  LinkMitigatingAction,
} as const;
