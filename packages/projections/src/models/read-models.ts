import { defaultRagPolicy, type RagPolicy } from '@assure/domain';
import type { ProjectionEvent } from '../events';
import type { ViewSet } from '../view/view';
import { changesSinceLastMeeting, type ChangesDocument } from './changes';
import { historyView, type HistoryState } from './history';
import { stocktakeReport, type StocktakesDocument } from './stocktakes';
import { riskRegister, type RiskRegisterDocument } from './risks';
import { adviserRoster, type RosterDocument } from './roster';
import { statusReport, type StatusDocument } from './status';
import { trackerReport, type TrackerDocument } from './tracker';
import {
  fullTrailView,
  trailReport,
  type TrailDocument,
  type TrailFilter,
  type TrailState,
} from './trail';
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

/** The states of the entity views (everything but the trail). */
export type EntityStates = {
  programmes: ProgrammesState;
  recommendations: RecommendationsState;
  actions: ActionsState;
  risks: RisksState;
  advisers: AdvisersState;
  history: HistoryState;
};
/** The states of every read-model view. */
export type ReadModelStates = EntityStates & {
  trail: TrailState;
};

/**
 * The entity views: enough for the status, tracker, risk register and roster (not the
 * trail). Small states: what `assure status` snapshots.
 */
export const entityViews: ViewSet<EntityStates, ProjectionEvent> = {
  programmes: programmesView,
  recommendations: recommendationsView,
  actions: actionsView,
  risks: risksView,
  advisers: advisersView,
  history: historyView,
};

/** Every read-model view: the entity views and the unfiltered audit trail. */
export const readModelViews: ViewSet<ReadModelStates, ProjectionEvent> = {
  ...entityViews,
  trail: fullTrailView,
};

/** The point of view of a {@link ReadModels}. */
export interface PointOfView {
  /** The as-at day (overdue, review due and RAG are computed against it). */
  readonly asAt: string;
  /** The known-at instant the states were built with, or null (everything known). */
  readonly knownAt: string | null;
}

/**
 * The read models over folded states at one point of view: every document of CLI.md's
 * "Reading" section, plus the adviser roster and the changes since each body's last meeting.
 *
 * @example
 * const rm = new ReadModels(states, { asAt: '2019-03-15', knownAt: null });
 * console.log(JSON.stringify(rm.status()));
 */
export class ReadModels<S extends EntityStates = EntityStates> {
  /**
   * @param states folded states (built with the same as-at/known-at window)
   * @param pov the point of view they were built for
   */
  constructor(
    readonly states: S,
    readonly pov: PointOfView,
  ) {}

  /** The normative `status` document under a RAG policy (default `bcc-cgip@2`). */
  status(policy: RagPolicy = defaultRagPolicy): StatusDocument {
    return statusReport(this.states, { asAt: this.pov.asAt, knownAt: this.pov.knownAt, policy });
  }

  /** The normative `tracker` document. */
  tracker(
    filter: {
      readonly programmeId?: string;
      readonly areaId?: string;
      readonly policy?: RagPolicy;
    } = {},
  ): TrackerDocument {
    return trackerReport(this.states, { ...filter, asAt: this.pov.asAt });
  }

  /** The normative `risks` document (register and heat map). */
  risks(filter: { readonly programmeId?: string } = {}): RiskRegisterDocument {
    return riskRegister(this.states, { ...filter, asAt: this.pov.asAt });
  }

  /** The stocktakes document: stocktakes, latest judgement per criterion and trend, phases, outputs. */
  stocktakes(filter: { readonly programmeId?: string } = {}): StocktakesDocument {
    return stocktakeReport(this.states, { ...filter, asAt: this.pov.asAt });
  }

  /** The adviser roster. */
  roster(filter: { readonly programmeId?: string } = {}): RosterDocument {
    return adviserRoster(this.states, { ...filter, asAt: this.pov.asAt });
  }
}

/** {@link ReadModels} with the audit trail: adds `trail` and `changesSinceLastMeeting`. */
export class FullReadModels extends ReadModels<ReadModelStates> {
  /** The audit trail, filtered. */
  trail(filter: TrailFilter = {}): TrailDocument {
    return trailReport(this.states.trail, filter);
  }

  /** What changed since the last meeting of each active body, as at the as-at day. */
  changesSinceLastMeeting(options: { readonly includeDissolved?: boolean } = {}): ChangesDocument {
    return changesSinceLastMeeting(this.states, { ...options, asAt: this.pov.asAt });
  }
}
