import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { EventStore } from '@assure/event-store';
import { decodeProjectionEvent, type ProjectionEvent } from './events';
import {
  entityViews,
  FullReadModels,
  readModelViews,
  ReadModels,
  type EntityStates,
  type PointOfView,
} from './models/read-models';
import { loadOrBuild, type LoadResult } from './storage/load';
import type { SnapshotStore } from './storage/stores';
import type { ProjectionError } from './view/errors';
import type { ViewSet } from './view/view';
import type { EventDecoder } from './view/runner';
import { todayOf, type InvalidTimeTravel } from './view/time';

/** Options of {@link readModels} and {@link fullReadModels}. */
export interface ReadOptions {
  /** The payload decoder (default: the domain's `decodeEvent`). */
  readonly decode?: EventDecoder<ProjectionEvent>;
  /** As-at day `YYYY-MM-DD` (default: today, UTC, by `clock`). */
  readonly asAt?: string;
  /** As-known-at instant (default: everything recorded). */
  readonly knownAt?: string;
  /** The clock that gives "today" (default: the system clock). */
  readonly clock?: () => Date;
  /** Snapshot storage (default: none, a replay from zero). */
  readonly snapshots?: SnapshotStore | null;
}

/** Read models with how they were loaded. */
export interface Loaded<R> {
  readonly models: R;
  readonly load: Omit<LoadResult<unknown>, 'result'>;
}

export function pov(options: ReadOptions): { asAt: string; knownAt: string | null } {
  return {
    asAt: options.asAt ?? todayOf(options.clock ?? (() => new Date())),
    knownAt: options.knownAt ?? null,
  };
}

/** Loads `views` as `options` say (point of view, snapshots, decoder) and wraps their states. */
function loadModels<S extends Record<string, unknown>, R>(
  store: EventStore,
  options: ReadOptions,
  views: ViewSet<S, ProjectionEvent>,
  wrap: (states: S, p: PointOfView) => R,
  journal: boolean,
): TE.TaskEither<ProjectionError | InvalidTimeTravel, Loaded<R>> {
  return async () => {
    const p = pov(options);
    const r = await loadOrBuild(store, views, options.snapshots ?? null, {
      decode: options.decode ?? decodeProjectionEvent,
      timeTravel: { asAt: p.asAt, ...(p.knownAt === null ? {} : { knownAt: p.knownAt }) },
      journal,
    })();
    if (E.isLeft(r)) return r;
    const { result, ...load } = r.right;
    return E.right({ models: wrap(result.states, p), load });
  };
}

/**
 * The status, tracker, risk register and roster as at a day and/or as known at an instant,
 * from a store (through a snapshot when given one: its event journal answers a past day or
 * a known-at instant, see `LoadOptions.journal`).
 *
 * @example
 * const r = await readModels(store, { decode: domainModel.decodeEvent, asAt: '2019-03-15' })();
 * if (E.isRight(r)) console.log(JSON.stringify(r.right.models.status()));
 */
export function readModels(
  store: EventStore,
  options: ReadOptions,
): TE.TaskEither<ProjectionError | InvalidTimeTravel, Loaded<ReadModels<EntityStates>>> {
  return loadModels(store, options, entityViews, (states, p) => new ReadModels(states, p), true);
}

/**
 * Every read model, the audit trail and the changes since each body's last meeting
 * included, as at a day and/or as known at an instant.
 *
 * @example
 * const r = await fullReadModels(store, { decode: domainModel.decodeEvent })();
 * if (E.isRight(r)) console.log(r.right.models.trail({ stream: 'risk-equal-pay' }).rows.length);
 */
export function fullReadModels(
  store: EventStore,
  options: ReadOptions,
): TE.TaskEither<ProjectionError | InvalidTimeTravel, Loaded<FullReadModels>> {
  return loadModels(
    store,
    options,
    readModelViews,
    (states, p) => new FullReadModels(states, p),
    false,
  );
}
