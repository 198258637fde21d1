// The commands of the Risk aggregate: the data each one takes. A command carries its
// event's fields but those the decider adds, read through the input codecs (codec/limits.ts:
// no control characters, dates 1900-2199); see `commandOf`.
import { commandOf } from '../codec/command-of';
import { named } from '../codec/strict';
import { riskEvents as e } from './events';

/** The data codec of every Risk command, by command type (in DOMAIN.md order). */
export const riskCommands = named({
  /** Data of `IdentifyRisk`; the current score starts at the inherent one. */
  IdentifyRisk: commandOf(e.RiskIdentified),
  /** Data of `RescoreRisk`; without `nextReviewOn` the review date stays. */
  RescoreRisk: commandOf(e.RiskRescored, ['previous', 'current']),
  /** Data of `SetRiskTarget`. */
  SetRiskTarget: commandOf(e.RiskTargetSet, ['previous']),
  /** Data of `ReassignRiskOwner`. */
  ReassignRiskOwner: commandOf(e.RiskOwnerReassigned, ['previousOwner']),
  /** Data of `AddRiskControl` (controlId unique per risk). */
  AddRiskControl: commandOf(e.RiskControlAdded),
  /** Data of `EscalateRisk` (`to` is a bodyId). */
  EscalateRisk: commandOf(e.RiskEscalated),
  /** Data of `DeescalateRisk`. */
  DeescalateRisk: commandOf(e.RiskDeescalated),
  /** Data of `CloseRisk`. */
  CloseRisk: commandOf(e.RiskClosed),
  /** Data of `ReopenRisk`. */
  ReopenRisk: commandOf(e.RiskReopened),
  /** Data of `LinkMitigatingAction`: an action of the risk's programme mitigates it (once). */
  LinkMitigatingAction: commandOf(e.MitigatingActionLinked),
});
