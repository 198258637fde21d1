// The events of the Risk aggregate: each carries its command's fields (target id
// included) plus the extras listed in DOMAIN.md; additions are marked "addition".
import { named, strict } from '../codec/strict';
import { CalendarDate, Id, Level, ShortText, Text } from '../codec/primitives';
import { Assessment, ControlEffectiveness, RiskAppetite } from '../codec/vocabulary';

/** The data codec of every Risk event, by event type (in DOMAIN.md order). */
export const riskEvents = named({
  /**
   * A risk was identified; its current score starts at the inherent one. Addition (optional,
   * so earlier events stay as they are): `appetite`, and `tolerance`, the position above
   * whose score the risk is outside tolerance.
   */
  RiskIdentified: strict(
    {
      riskId: Id,
      programmeId: Id,
      title: Text,
      category: ShortText,
      owner: Id,
      inherent: Assessment,
      target: Assessment,
      nextReviewOn: CalendarDate,
    },
    {
      areaId: Id,
      cause: Text,
      event: Text,
      consequence: Text,
      appetite: RiskAppetite,
      tolerance: Assessment,
    },
  ),
  /** A risk's current score changed. */
  RiskRescored: strict(
    {
      riskId: Id,
      likelihood: Level,
      impact: Level,
      rationale: Text,
      previous: Assessment,
      current: Assessment,
    },
    { nextReviewOn: CalendarDate },
  ),
  /** A risk was reviewed with its scores unchanged. */
  RiskReviewed: strict(
    { riskId: Id, likelihood: Level, impact: Level, rationale: Text, current: Assessment },
    { nextReviewOn: CalendarDate },
  ),
  /** A risk's target changed. */
  RiskTargetSet: strict({
    riskId: Id,
    likelihood: Level,
    impact: Level,
    reason: Text,
    previous: Assessment,
  }),
  /** A risk's owner changed. */
  RiskOwnerReassigned: strict({ riskId: Id, owner: Id, reason: Text, previousOwner: Id }),
  /** A control was added to a risk. Addition (optional): how well it works when added. */
  RiskControlAdded: strict(
    { riskId: Id, controlId: Id, description: Text, owner: Id },
    { effectiveness: ControlEffectiveness },
  ),
  /** A risk was escalated to a body. */
  RiskEscalated: strict({ riskId: Id, to: Id, reason: Text }),
  /** A risk was de-escalated. */
  RiskDeescalated: strict({ riskId: Id, reason: Text }),
  /** A risk was closed. */
  RiskClosed: strict({ riskId: Id, reason: Text }),
  /** A closed risk was reopened. */
  RiskReopened: strict({ riskId: Id, reason: Text }),
  /**
   * An action was linked to a risk as mitigating it: the register shows the action and its
   * state beside the risk's controls.
   */
  MitigatingActionLinked: strict({ riskId: Id, actionId: Id }, { note: Text }),
});
