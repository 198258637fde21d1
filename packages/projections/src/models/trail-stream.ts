import { StoreErrors, storeErrorOf, type EventStore } from '@assure/event-store';
import { decodeProjectionEvent, type ProjectionEvent } from '../events';
import { ProjectionErrors, type ProjectionError } from '../view/errors';
import type { EventDecoder } from '../view/runner';
import { timeWindow, type TimeTravel } from '../view/time';
import { evidenceOf, reasonOf, summarize } from './summary';
import { trailMatches, type TrailFilter, type TrailRow } from './trail';

/**
 * The one exception of the projections layer: thrown from iteration of
 * {@link streamTrail} (where an `Either` cannot be returned), carrying the tagged error.
 */
export class ProjectionFailure extends Error {
  constructor(readonly error: ProjectionError) {
    super(error.message);
    this.name = 'ProjectionFailure';
  }
}

/** Options of {@link streamTrail}. */
export interface StreamTrailOptions {
  readonly timeTravel?: TimeTravel;
  readonly filter?: TrailFilter;
  /** Payload decoder (default: the domain's `decodeEvent`). */
  readonly decode?: EventDecoder<ProjectionEvent>;
}

/**
 * The audit trail streamed straight from the log, row by row, holding nothing: for exports
 * and `assure trail` on a large log. Stops with a {@link ProjectionFailure} at an
 * undecodable event (nothing is skipped silently) or a store failure.
 *
 * @example
 * for await (const row of streamTrail(store, { filter: { actor: 'auditor-gt' } })) print(row);
 */
export async function* streamTrail(
  store: EventStore,
  options: StreamTrailOptions = {},
): AsyncGenerator<TrailRow, void> {
  const decode = options.decode ?? decodeProjectionEvent;
  const inWindow = timeWindow(options.timeTravel ?? {});
  const filter = options.filter ?? {};
  try {
    for await (const env of store.readAll()) {
      if (inWindow !== undefined && !inWindow(env.meta)) continue;
      if (filter.stream !== undefined && env.stream !== filter.stream) continue;
      if (filter.actor !== undefined && env.meta.actor !== filter.actor) continue;
      const decoded = decode(env.type, env.schemaVersion, env.data);
      if (decoded._tag === 'Left')
        throw new ProjectionFailure(
          ProjectionErrors.undecodable(
            env.position,
            env.stream,
            env.revision,
            env.type,
            env.schemaVersion,
            decoded.left.errors,
          ),
        );
      const row: TrailRow = {
        position: env.position,
        recordedAt: env.meta.recordedAt,
        occurredAt: env.meta.occurredAt,
        actor: env.meta.actor,
        role: env.meta.role,
        stream: env.stream,
        type: env.type,
        summary: summarize(decoded.right),
        reason: reasonOf(decoded.right),
        evidence: evidenceOf(decoded.right),
        hash: env.hash,
      };
      if (trailMatches(row, filter)) yield row;
    }
  } catch (e) {
    if (e instanceof ProjectionFailure) throw e;
    throw new ProjectionFailure(storeErrorOf(e) ?? StoreErrors.unavailable(String(e)));
  }
}
