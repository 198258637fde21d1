// The events of the Risk aggregate: each carries its command's fields (target id
// included) plus the extras listed in DOMAIN.md; additions are marked "addition".
import * as t from 'io-ts';
import { strict } from '../codec/strict';
import { CalendarDate, Id, Level, ShortText, Text } from '../codec/primitives';
import { Assessment } from '../codec/vocabulary';

/** How much of a kind of risk the council will take on (the usual five-level appetite scale). */
export const RiskAppetite = t.keyof(
  { averse: null, minimal: null, cautious: null, open: null, eager: null },
  'RiskAppetite',
);
/** How much of a kind of risk the council will take on. */
export type RiskAppetite = t.TypeOf<typeof RiskAppetite>;

/** How well a control works, as last assessed. */
export const ControlEffectiveness = t.keyof(
  { effective: null, 'partly-effective': null, ineffective: null },
  'ControlEffectiveness',
);
/** How well a control works. */
export type ControlEffectiveness = t.TypeOf<typeof ControlEffectiveness>;

/**
 * A risk was identified; its current score starts at the inherent one. Addition (optional,
 * so earlier events stay as they are): `appetite`, and `tolerance`, the position above
 * whose score the risk is outside tolerance.
 */
export const RiskIdentified = strict(
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
  'RiskIdentified',
);
/** A risk was identified. */
export type RiskIdentified = t.TypeOf<typeof RiskIdentified>;

/** A risk's current score changed. */
export const RiskRescored = strict(
  {
    riskId: Id,
    likelihood: Level,
    impact: Level,
    rationale: Text,
    previous: Assessment,
    current: Assessment,
  },
  { nextReviewOn: CalendarDate },
  'RiskRescored',
);
/** A risk's current score changed. */
export type RiskRescored = t.TypeOf<typeof RiskRescored>;

/** A risk was reviewed with its scores unchanged. */
export const RiskReviewed = strict(
  { riskId: Id, likelihood: Level, impact: Level, rationale: Text, current: Assessment },
  { nextReviewOn: CalendarDate },
  'RiskReviewed',
);
/** A risk was reviewed with its scores unchanged. */
export type RiskReviewed = t.TypeOf<typeof RiskReviewed>;

/** A risk's target changed. */
export const RiskTargetSet = strict(
  { riskId: Id, likelihood: Level, impact: Level, reason: Text, previous: Assessment },
  {},
  'RiskTargetSet',
);
/** A risk's target changed. */
export type RiskTargetSet = t.TypeOf<typeof RiskTargetSet>;

/** A risk's owner changed. */
export const RiskOwnerReassigned = strict(
  { riskId: Id, owner: Id, reason: Text, previousOwner: Id },
  {},
  'RiskOwnerReassigned',
);
/** A risk's owner changed. */
export type RiskOwnerReassigned = t.TypeOf<typeof RiskOwnerReassigned>;

/** A control was added to a risk. */
export const RiskControlAdded = strict(
  { riskId: Id, controlId: Id, description: Text, owner: Id },
  // Addition (optional): how well the control works when it is added.
  { effectiveness: ControlEffectiveness },
  'RiskControlAdded',
);
/** A control was added to a risk. */
export type RiskControlAdded = t.TypeOf<typeof RiskControlAdded>;

/** A risk was escalated to a body. */
export const RiskEscalated = strict({ riskId: Id, to: Id, reason: Text }, {}, 'RiskEscalated');
/** A risk was escalated to a body. */
export type RiskEscalated = t.TypeOf<typeof RiskEscalated>;

/** A risk was de-escalated. */
export const RiskDeescalated = strict({ riskId: Id, reason: Text }, {}, 'RiskDeescalated');
/** A risk was de-escalated. */
export type RiskDeescalated = t.TypeOf<typeof RiskDeescalated>;

/** A risk was closed. */
export const RiskClosed = strict({ riskId: Id, reason: Text }, {}, 'RiskClosed');
/** A risk was closed. */
export type RiskClosed = t.TypeOf<typeof RiskClosed>;

/** A closed risk was reopened. */
export const RiskReopened = strict({ riskId: Id, reason: Text }, {}, 'RiskReopened');
/** A closed risk was reopened. */
export type RiskReopened = t.TypeOf<typeof RiskReopened>;

/**
 * An action was linked to a risk as mitigating it: the register shows the action and its
 * state beside the risk's controls.
 */
export const MitigatingActionLinked = strict(
  { riskId: Id, actionId: Id },
  { note: Text },
  'MitigatingActionLinked',
);
/** An action was linked to a risk as mitigating it. */
export type MitigatingActionLinked = t.TypeOf<typeof MitigatingActionLinked>;

/** The data codec of every Risk event, by event type (in DOMAIN.md order). */
export const riskEvents = {
  RiskIdentified,
  RiskRescored,
  RiskReviewed,
  RiskTargetSet,
  RiskOwnerReassigned,
  RiskControlAdded,
  RiskEscalated,
  RiskDeescalated,
  RiskClosed,
  RiskReopened,
  MitigatingActionLinked,
} as const;
