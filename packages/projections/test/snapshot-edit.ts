import * as E from 'fp-ts/Either';
import {
  openSnapshot,
  sealSnapshot,
  snapshotChunks,
  snapshotDigest,
  type EncodedSnapshot,
  type SnapshotHead,
  type SnapshotMeta,
} from '@assure/projections';

/** A snapshot file taken apart: its header and each view's state (parsed JSON). */
export interface SnapshotParts {
  readonly head: SnapshotHead;
  readonly states: Record<string, unknown>;
}

/** Takes a snapshot file apart (throws when it does not open). */
export function snapshotParts(bytes: Uint8Array | string): SnapshotParts {
  const file = openSnapshot(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
  if (E.isLeft(file)) throw new Error(file.left.message);
  const states: Record<string, unknown> = {};
  for (const name of Object.keys(file.right.head.views)) {
    const s = file.right.section(name);
    if (E.isLeft(s)) throw new Error(s.left.message);
    states[name] = s.right;
  }
  return { head: file.right.head, states };
}

/** The file text of an encoded snapshot. */
export const snapshotText = (s: EncodedSnapshot): string => snapshotChunks(s).join('');

/**
 * Puts a snapshot back together with (edited) states and counters, its digests recomputed,
 * except the sections named in `staleDigests`, which keep their old digest (an edit that
 * did not recompute it; the header's digest is recomputed over that).
 */
export function resealSnapshot(
  parts: SnapshotParts,
  meta: Partial<SnapshotMeta> = {},
  staleDigests: readonly string[] = [],
): string {
  const sections: Record<string, { version: number; text: string }> = {};
  for (const [name, s] of Object.entries(parts.head.views))
    sections[name] = { version: s.version, text: JSON.stringify(parts.states[name]) };
  const sealed = sealSnapshot({ ...parts.head, ...meta }, sections);
  const views = { ...sealed.head.views };
  for (const name of staleDigests) {
    const old = parts.head.views[name];
    const now = views[name];
    if (old !== undefined && now !== undefined) views[name] = { ...now, digest: old.digest };
  }
  const { digest: _digest, ...body } = { ...sealed.head, views };
  return snapshotText({
    head: { ...body, digest: snapshotDigest(body) },
    sections: sealed.sections,
  });
}
