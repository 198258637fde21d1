import type { FieldError } from '@assure/domain';
import type { StoreError } from '@assure/event-store';

/**
 * A stored event whose payload the domain cannot decode (unknown type or version, or data
 * that fails its codec). The views stop just before it: their checkpoint is the position
 * before, and a rerun stops at the same place until the log or the domain is fixed.
 */
export interface EventUndecodable {
  readonly _tag: 'EventUndecodable';
  readonly position: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly errors: readonly FieldError[];
  readonly message: string;
}

/** A view's `evolve` threw (a bug: views are total). The views stop before the event. */
export interface ViewFailed {
  readonly _tag: 'ViewFailed';
  readonly view: string;
  readonly position: string;
  readonly message: string;
}

/**
 * The `onChange` callback of a follower threw or rejected (see `FollowOptions.onChange`).
 * The states include the event at `position`; following stops there.
 */
export interface OnChangeFailed {
  readonly _tag: 'OnChangeFailed';
  readonly position: string;
  readonly message: string;
}

/** Why a projection stopped: a bad event, a failing view or callback, or the store. */
export type ProjectionError = EventUndecodable | ViewFailed | OnChangeFailed | StoreError;

/** Constructors of {@link ProjectionError}s with a readable `message`. */
export const ProjectionErrors = {
  undecodable: (
    position: string,
    stream: string,
    revision: number,
    type: string,
    schemaVersion: number,
    errors: readonly FieldError[],
  ): EventUndecodable => ({
    _tag: 'EventUndecodable',
    position,
    stream,
    revision,
    type,
    schemaVersion,
    errors,
    message: `cannot decode ${type}@${schemaVersion} at position ${position} (${stream}@${revision}): ${errors
      .map((e) => `${e.path === '' ? '(root)' : e.path} ${e.message}`)
      .join('; ')}`,
  }),
  onChangeFailed: (position: string, cause: unknown): OnChangeFailed => ({
    _tag: 'OnChangeFailed',
    position,
    message: `the onChange callback failed after position ${position}: ${cause instanceof Error ? cause.message : String(cause)}`,
  }),
  viewFailed: (view: string, position: string, cause: unknown): ViewFailed => ({
    _tag: 'ViewFailed',
    view,
    position,
    message: `view ${view} failed at position ${position}: ${cause instanceof Error ? cause.message : String(cause)}`,
  }),
} as const;
