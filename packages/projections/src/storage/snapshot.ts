import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { Checkpointed } from '../view/runner';
import type { ViewSet } from '../view/view';

/** The snapshot file format name. */
export const SNAPSHOT_FORMAT = 'assure-projections-snapshot';
/** The snapshot format version. */
export const SNAPSHOT_VERSION = 1;

/**
 * The JSON document of a snapshot: the checkpoint (with the hash of the event there, to
 * notice a different or rewritten log) and each view's encoded state with its version.
 */
export const SnapshotDocument = t.type(
  {
    format: t.literal(SNAPSHOT_FORMAT),
    version: t.literal(SNAPSHOT_VERSION),
    checkpoint: t.union([t.string, t.null]),
    checkpointHash: t.union([t.string, t.null]),
    folded: t.number,
    maxOccurredAt: t.union([t.string, t.null]),
    views: t.record(t.string, t.type({ version: t.number, state: t.unknown })),
  },
  'SnapshotDocument',
);
export type SnapshotDocument = t.TypeOf<typeof SnapshotDocument>;

/** A snapshot that cannot serve: unreadable, of other views or versions, or invalid. */
export interface SnapshotUnusable {
  readonly _tag: 'SnapshotUnusable';
  readonly reason: string;
  readonly message: string;
}

const unusable = (reason: string): SnapshotUnusable => ({
  _tag: 'SnapshotUnusable',
  reason,
  message: `snapshot unusable: ${reason}`,
});

/** Whether every view of a set has a codec (a snapshot needs one for each). */
export function snapshotable<S extends Record<string, unknown>, Ev>(
  views: ViewSet<S, Ev>,
): boolean {
  return Object.values<{ codec?: unknown }>(views).every((v) => v.codec !== undefined);
}

/**
 * Encodes checkpointed states as a snapshot document.
 *
 * @throws never; a view without a codec is left out (the snapshot then cannot be loaded
 *   for that view set, which rebuilds)
 */
export function encodeSnapshot<S extends Record<string, unknown>, Ev>(
  views: ViewSet<S, Ev>,
  c: Checkpointed<S>,
): SnapshotDocument {
  const out: Record<string, { version: number; state: unknown }> = {};
  for (const key of Object.keys(views) as (keyof S & string)[]) {
    const view = views[key];
    if (view.codec === undefined) continue;
    out[view.name] = { version: view.version ?? 1, state: view.codec.encode(c.states[key]) };
  }
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    checkpoint: c.checkpoint,
    checkpointHash: c.checkpointHash,
    folded: c.folded,
    maxOccurredAt: c.maxOccurredAt,
    views: out,
  };
}

/**
 * Decodes a parsed snapshot for a set of views: every view must be present with its
 * version, and its state must pass its codec.
 */
export function decodeSnapshot<S extends Record<string, unknown>, Ev>(
  views: ViewSet<S, Ev>,
  u: unknown,
): E.Either<SnapshotUnusable, Checkpointed<S>> {
  const doc = SnapshotDocument.decode(u);
  if (E.isLeft(doc)) return E.left(unusable('not a snapshot document of this version'));
  const states: Partial<S> = {};
  for (const key of Object.keys(views) as (keyof S & string)[]) {
    const view = views[key];
    if (view.codec === undefined) return E.left(unusable(`view ${view.name} has no codec`));
    const entry = doc.right.views[view.name];
    if (entry === undefined) return E.left(unusable(`view ${view.name} is missing`));
    if (entry.version !== (view.version ?? 1))
      return E.left(
        unusable(`view ${view.name} is at version ${entry.version}, not ${view.version ?? 1}`),
      );
    const state = view.codec.decode(entry.state);
    if (E.isLeft(state)) return E.left(unusable(`view ${view.name}: its state does not decode`));
    states[key] = state.right;
  }
  if ((doc.right.checkpoint === null) !== (doc.right.checkpointHash === null))
    return E.left(unusable('checkpoint and checkpoint hash disagree'));
  return E.right({
    checkpoint: doc.right.checkpoint,
    checkpointHash: doc.right.checkpointHash,
    folded: doc.right.folded,
    maxOccurredAt: doc.right.maxOccurredAt,
    states: states as S,
  });
}
