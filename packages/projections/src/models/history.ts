import * as t from 'io-ts';
import {
  eventCategory,
  eventTypes,
  score,
  streamOfEvent,
  type DomainEvent,
} from '@assure/domain';
import type { ProjectionEvent } from '../events';
import type { View } from '../view/view';
import { plainMapOf } from './map-codec';

/**
 * The history of each recommendation, action and risk that the tracker, the register and
 * the `@2` RAG policies read beside the entity facts: where slippage counts from (restarted
 * by a reopening), who approved each due-date revision, when implementation was claimed,
 * each update by day, and a risk's scores by day.
 */

const nullable = <C extends t.Mixed>(c: C) => t.union([c, t.null]);

/** One update of an item: the day it happened and the event type. */
export const UpdateFacts = t.type({ on: t.string, event: t.string }, 'UpdateFacts');
export type UpdateFacts = t.TypeOf<typeof UpdateFacts>;

/** A risk's current score from a day on. */
export const ScoreOnFacts = t.type({ on: t.string, score: t.number }, 'ScoreOnFacts');
export type ScoreOnFacts = t.TypeOf<typeof ScoreOnFacts>;

/** A control of a risk and how well it works (null: not assessed). */
export const ControlFacts = t.type(
  { controlId: t.string, effectiveness: nullable(t.string) },
  'ControlFacts',
);
export type ControlFacts = t.TypeOf<typeof ControlFacts>;

/** The history of one item. */
export const ItemHistory = t.type(
  {
    /** Where slippage counts from after a reopening; null: the original due date. */
    baselineDueOn: nullable(t.string),
    /** Reopened and no due date set since: the next revision sets the baseline. */
    awaitingDate: t.boolean,
    /** The day of the last reopening, null when never reopened. */
    reopenedOn: nullable(t.string),
    /** The day of the pending implementation claim (recommendations), else null. */
    claimedOn: nullable(t.string),
    /** Who approved each due-date revision, in order. */
    revisionApprovers: t.array(t.string),
    updates: t.array(UpdateFacts),
    /** A risk's current score by day (the first from its identification). */
    scores: t.array(ScoreOnFacts),
    /** A risk's appetite, null when not recorded. */
    appetite: nullable(t.string),
    /** A risk's tolerance position, null when not recorded. */
    tolerance: nullable(t.type({ likelihood: t.number, impact: t.number })),
    /** A risk's controls, in the order they were added. */
    controls: t.array(ControlFacts),
    /** The actions linked as mitigating a risk, in the order linked. */
    mitigatingActions: t.array(t.string),
  },
  'ItemHistory',
);
export type ItemHistory = t.TypeOf<typeof ItemHistory>;

/** Item histories keyed by stream name (`recommendation-<id>`, `action-<id>`, `risk-<id>`). */
export type HistoryState = Map<string, ItemHistory>;

/** The history of a recommendation, an action or a risk (undefined when not recorded). */
export const historyOf = (
  s: HistoryState | undefined,
  kind: 'recommendation' | 'action' | 'risk',
  id: string,
): ItemHistory | undefined => s?.get(`${kind}-${id}`);

/** Whether an event is about a recommendation, an action or a risk (one category lookup). */
const tracked = (e: DomainEvent): boolean => {
  const c = eventCategory[e.type];
  return c === 'recommendation' || c === 'action' || c === 'risk';
};

const fresh = (): ItemHistory => ({
  baselineDueOn: null,
  awaitingDate: false,
  reopenedOn: null,
  claimedOn: null,
  revisionApprovers: [],
  updates: [],
  scores: [],
  appetite: null,
  tolerance: null,
  controls: [],
  mitigatingActions: [],
});

function apply(h: ItemHistory, e: DomainEvent, on: string): void {
  // Only a few event types change more than the list of updates (an `if` chain rather
  // than a switch over the whole union).
  if (e.type === 'RecommendationReopened' || e.type === 'ActionReopened') {
    h.reopenedOn = on;
    h.baselineDueOn = on;
    h.awaitingDate = true;
  } else if (e.type === 'RecommendationDueDateRevised' || e.type === 'ActionDueDateRevised') {
    h.revisionApprovers.push(e.data.approvedBy);
    if (h.awaitingDate) {
      h.baselineDueOn = e.data.dueOn;
      h.awaitingDate = false;
    }
  } else if (e.type === 'ImplementationClaimed') h.claimedOn = on;
  else if (e.type === 'ImplementationVerified' || e.type === 'ImplementationNotVerified')
    h.claimedOn = null;
  else if (e.type === 'RiskIdentified') {
    h.scores.push({ on, score: score(e.data.inherent) });
    h.appetite = e.data.appetite ?? null;
    const t = e.data.tolerance;
    h.tolerance = t === undefined ? null : { likelihood: t.likelihood, impact: t.impact };
  } else if (e.type === 'RiskControlAdded')
    h.controls.push({ controlId: e.data.controlId, effectiveness: e.data.effectiveness ?? null });
  else if (e.type === 'MitigatingActionLinked') h.mitigatingActions.push(e.data.actionId);
  else if (e.type === 'RiskRescored')
    h.scores.push({ on, score: e.data.likelihood * e.data.impact });
}

/** The item histories (see {@link ItemHistory}). */
export const historyView: View<HistoryState, ProjectionEvent> = {
  name: 'history',
  // 2: a risk's mitigating actions.
  version: 2,
  initial: () => new Map(),
  codec: plainMapOf(ItemHistory),
  handles: new Set(
    eventTypes.filter((k) => ['recommendation', 'action', 'risk'].includes(eventCategory[k])),
  ),
  evolve: (s, p) => {
    const e = p.event;
    if (!tracked(e)) return s;
    const key = streamOfEvent(e);
    let h = s.get(key);
    if (h === undefined) {
      h = fresh();
      s.set(key, h);
    }
    const on = p.envelope.meta.occurredAt.slice(0, 10);
    apply(h, e, on);
    h.updates.push({ on, event: e.type });
    return s;
  },
};
