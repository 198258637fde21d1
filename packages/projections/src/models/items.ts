import type * as t from 'io-ts';
import { eventCategory, streamOfEvent } from '@assure/domain';
import type { ProjectionEvent } from '../events';
import type { View } from '../view/view';
import { ActionFacts, AdviserFacts, ProgrammeFacts, RecommendationFacts, RiskFacts } from './facts';
import { historyView, ItemHistory, type HistoryState } from './history';
import {
  actionsView,
  advisersView,
  programmesView,
  recommendationsView,
  risksView,
  type ActionsState,
  type AdvisersState,
  type ProgrammesState,
  type RecommendationsState,
  type RisksState,
} from './views';

/**
 * The entity views with their items declared (see `ItemsSpec`): each is a map of entries,
 * and an event changes only the entry its key names. A snapshot of them keeps each entry's
 * versions by valid day, so any as-at day is read off the snapshot.
 */

/** An entity view whose handlers all name their entity in the payload field `field`. */
function keyedBy<V>(
  view: View<Map<string, V>, ProjectionEvent>,
  field: string,
  entry: t.Type<V, unknown, unknown>,
): View<Map<string, V>, ProjectionEvent> {
  return {
    ...view,
    items: {
      keyOf: (e) => {
        const id: unknown = Reflect.get(e.data, field);
        return typeof id === 'string' ? id : undefined;
      },
      entry,
    },
  };
}

/** Programmes, keyed by `programmeId`. */
export const programmeItems: View<ProgrammesState, ProjectionEvent> = keyedBy(
  programmesView,
  'programmeId',
  ProgrammeFacts,
);
/** Recommendations, keyed by `recommendationId`. */
export const recommendationItems: View<RecommendationsState, ProjectionEvent> = keyedBy(
  recommendationsView,
  'recommendationId',
  RecommendationFacts,
);
/** Actions, keyed by `actionId`. */
export const actionItems: View<ActionsState, ProjectionEvent> = keyedBy(
  actionsView,
  'actionId',
  ActionFacts,
);
/** Risks, keyed by `riskId`. */
export const riskItems: View<RisksState, ProjectionEvent> = keyedBy(risksView, 'riskId', RiskFacts);
/** Advisers, keyed by `adviserId`. */
export const adviserItems: View<AdvisersState, ProjectionEvent> = keyedBy(
  advisersView,
  'adviserId',
  AdviserFacts,
);

/** Item histories, keyed by stream; their lists only grow. */
export const historyItems: View<HistoryState, ProjectionEvent> = {
  ...historyView,
  items: {
    keyOf: (e) => {
      const c = eventCategory[e.type];
      return c === 'recommendation' || c === 'action' || c === 'risk'
        ? streamOfEvent(e)
        : undefined;
    },
    entry: ItemHistory,
    appendOnly: ['revisionApprovers', 'updates', 'scores', 'controls', 'mitigatingActions'],
  },
};
