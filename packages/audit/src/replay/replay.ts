import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import {
  fullReadModels,
  type FullReadModels,
  type ProjectionError,
  type InvalidTimeTravel,
  type RiskRegisterDocument,
  type StatusDocument,
  type TrackerDocument,
  type TrailDocument,
} from '@assure/projections';
import { exportStore } from './export-store';

/** The read models `replay` can build (CLI.md `assure replay --view`). */
export type ReplayView = 'status' | 'tracker' | 'risks' | 'trail';

/** Options of {@link replay}. */
export interface ReplayOptions {
  /** As-at day `YYYY-MM-DD` (default: today, UTC). */
  readonly asAt?: string;
  /** As-known-at instant (default: everything recorded). */
  readonly knownAt?: string;
  /** Which document (default `status`). */
  readonly view?: ReplayView;
  /** The clock giving "today" (default: the system clock). */
  readonly clock?: () => Date;
}

/** A replayed document, by view. */
export type ReplayDocument =
  StatusDocument | TrackerDocument | RiskRegisterDocument | TrailDocument;

/**
 * Every read model of an export as at a day and/or as known at an instant, built from the
 * export file alone (no store, no server): the same projections the live system runs.
 *
 * @example
 * const r = await replayModels('audit-2019.ndjson', { asAt: '2019-03-31' })();
 * if (E.isRight(r)) r.right.tracker();
 */
export function replayModels(
  file: string,
  options: Omit<ReplayOptions, 'view'> = {},
): TE.TaskEither<ProjectionError | InvalidTimeTravel, FullReadModels> {
  return async () => {
    const r = await fullReadModels(exportStore(file), {
      ...(options.asAt === undefined ? {} : { asAt: options.asAt }),
      ...(options.knownAt === undefined ? {} : { knownAt: options.knownAt }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    })();
    return E.isLeft(r) ? r : E.right(r.right.models);
  };
}

/**
 * One document of an export (CLI.md `assure replay FILE --view V --json`): `status`,
 * `tracker`, `risks` or `trail`, equal to what the live store gives for the same events.
 *
 * @example
 * const status = await replay('audit-2019.ndjson', { asAt: '2019-03-31', view: 'status' })();
 */
export function replay(
  file: string,
  options: ReplayOptions = {},
): TE.TaskEither<ProjectionError | InvalidTimeTravel, ReplayDocument> {
  return async () => {
    const r = await replayModels(file, options)();
    if (E.isLeft(r)) return r;
    const m = r.right;
    const view = options.view ?? 'status';
    switch (view) {
      case 'status':
        return E.right(m.status());
      case 'tracker':
        return E.right(m.tracker());
      case 'risks':
        return E.right(m.risks());
      case 'trail':
        return E.right(m.trail());
      default: {
        const never: never = view;
        return E.right(never);
      }
    }
  };
}
