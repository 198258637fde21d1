import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { sha256Hex } from '@assure/event-store';
import type { Checkpointed } from '../view/runner';
import type { ViewSet } from '../view/view';

/** The snapshot file format name. */
export const SNAPSHOT_FORMAT = 'assure-projections-snapshot';
/**
 * The snapshot format version (3: a digest of the JSON text as written; a snapshot of an
 * earlier version is stale and rebuilt over).
 */
export const SNAPSHOT_VERSION = 3;

/**
 * The JSON document of a snapshot: the checkpoint (with the hash of the event there, to
 * notice a different or rewritten log), each view's encoded state with its version, and the
 * `digest` of all that (see {@link snapshotDigest}).
 *
 * A snapshot is a cache, not evidence: the digest catches accidental corruption only, since
 * whoever can edit the file can recompute it. Only the hash-chained log is a source of
 * truth; `checkSnapshot` (and `assure verify`) rebuild the views from it and compare.
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
    digest: t.string,
  },
  'SnapshotDocument',
);
export type SnapshotDocument = t.TypeOf<typeof SnapshotDocument>;

/** A snapshot document without its digest: what the digest covers. */
export type SnapshotBody = Omit<SnapshotDocument, 'digest'>;

/**
 * The digest of a snapshot: lowercase hex SHA-256 of the JSON text (`JSON.stringify`, no
 * spacing) of every field but `digest`, in the order format, version, checkpoint,
 * checkpoint hash, counters, views, each object's keys in the order written. A snapshot is
 * written by `JSON.stringify`, and parsing that text and writing it again gives the same
 * text, so a load recomputes the digest with one `JSON.stringify` (where a canonical form,
 * version 2, cost more than replaying the log). A snapshot whose keys were reordered or
 * whose numbers were rewritten by hand no longer matches, and is rebuilt over like any
 * edited one.
 *
 * @example
 * snapshotDigest(doc) === doc.digest; // false for a snapshot edited by hand or corrupted
 */
export function snapshotDigest(body: SnapshotBody): string {
  const covered: SnapshotBody = {
    format: body.format,
    version: body.version,
    checkpoint: body.checkpoint,
    checkpointHash: body.checkpointHash,
    folded: body.folded,
    maxOccurredAt: body.maxOccurredAt,
    views: body.views,
  };
  // A state holding what JSON cannot (a non-finite number) is written as null, as the file
  // holds it, so the digest is the same before the save and after the load.
  return sha256Hex(JSON.stringify(covered));
}

/** Why a snapshot whose stored digest differs from its contents is not used. */
export const DIGEST_MISMATCH = 'its digest does not match its contents (corrupted or edited)';

/**
 * A snapshot that cannot serve. `stale` is true when it was simply written for other views
 * or versions (an upgrade); false when it is damaged: malformed for its version, or its
 * digest does not match.
 */
export interface SnapshotUnusable {
  readonly _tag: 'SnapshotUnusable';
  readonly reason: string;
  readonly stale: boolean;
  readonly message: string;
}

const unusable = (reason: string, stale = false): SnapshotUnusable => ({
  _tag: 'SnapshotUnusable',
  reason,
  stale,
  message: `snapshot unusable: ${reason}`,
});

const SnapshotHead = t.type({
  format: t.literal(SNAPSHOT_FORMAT),
  version: t.literal(SNAPSHOT_VERSION),
});

const DeclaredHead = t.type({
  format: t.literal(SNAPSHOT_FORMAT),
  version: t.literal(SNAPSHOT_VERSION),
  maxOccurredAt: t.union([t.string, t.null]),
});

/**
 * The `maxOccurredAt` a snapshot's text declares, from its start alone: a snapshot is
 * written with its scalar fields first (format, version, checkpoint, checkpoint hash,
 * counters, `maxOccurredAt`) and its views after, so the text up to `,"views":` is a JSON
 * object once closed. Undefined when `head` does not hold that (not a snapshot of this
 * format version, or laid out otherwise). Nothing is checked against the digest.
 *
 * @example
 * declaredMaxOccurredAt(text.slice(0, 4096)); // '2019-10-29T00:00:00.000Z'
 */
export function declaredMaxOccurredAt(head: string): string | null | undefined {
  const end = head.indexOf(',"views":');
  if (end < 0) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(`${head.slice(0, end)}}`);
  } catch {
    return undefined;
  }
  return DeclaredHead.is(json) ? json.maxOccurredAt : undefined;
}

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
  const body: SnapshotBody = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    checkpoint: c.checkpoint,
    checkpointHash: c.checkpointHash,
    folded: c.folded,
    maxOccurredAt: c.maxOccurredAt,
    views: out,
  };
  return { ...body, digest: snapshotDigest(body) };
}

/**
 * Decodes a parsed snapshot for a set of views: it must be of this format and version, its
 * digest must match its contents, every view must be present with its version, and its
 * state must pass its codec.
 */
export function decodeSnapshot<S extends Record<string, unknown>, Ev>(
  views: ViewSet<S, Ev>,
  u: unknown,
): E.Either<SnapshotUnusable, Checkpointed<S>> {
  if (!SnapshotHead.is(u))
    return E.left(unusable('not a snapshot document of this format version', true));
  const doc = SnapshotDocument.decode(u);
  if (E.isLeft(doc)) return E.left(unusable('malformed snapshot document'));
  if (snapshotDigest(doc.right) !== doc.right.digest) return E.left(unusable(DIGEST_MISMATCH));
  const states: Partial<S> = {};
  for (const key of Object.keys(views) as (keyof S & string)[]) {
    const view = views[key];
    if (view.codec === undefined) return E.left(unusable(`view ${view.name} has no codec`, true));
    const entry = doc.right.views[view.name];
    if (entry === undefined) return E.left(unusable(`view ${view.name} is missing`, true));
    if (entry.version !== (view.version ?? 1))
      return E.left(
        unusable(
          `view ${view.name} is at version ${entry.version}, not ${view.version ?? 1}`,
          true,
        ),
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
