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
    // The event journal's section is binary: kept as its bytes.
    const s = name === '$journal' ? file.right.sectionBytes(name) : file.right.section(name);
    if (E.isLeft(s)) throw new Error(s.left.message);
    states[name] = s.right;
  }
  return { head: file.right.head, states };
}

/** The file text of an encoded snapshot. */
export function snapshotText(s: EncodedSnapshot): string {
  return snapshotChunks(s)
    .map((c) => {
      if (typeof c !== 'string') throw new Error('a binary section has no text');
      return c;
    })
    .join('');
}

/** The file bytes of an encoded snapshot (binary sections included). */
export const snapshotBytes = (s: EncodedSnapshot): Buffer =>
  Buffer.concat(snapshotChunks(s).map((c) => (typeof c === 'string' ? Buffer.from(c) : c)));

/**
 * Puts a snapshot back together with (edited) states and counters, its digests recomputed,
 * except the sections named in `staleDigests`, which keep their old digest (an edit that
 * did not recompute it; the header's digest is recomputed over that).
 */
export function resealSnapshot(
  parts: SnapshotParts,
  meta: Partial<SnapshotMeta> = {},
  staleDigests: readonly string[] = [],
): Buffer {
  const sections: Record<string, { version: number; text: string | Uint8Array }> = {};
  for (const [name, s] of Object.entries(parts.head.views)) {
    const state = parts.states[name];
    const text = state instanceof Uint8Array ? state : JSON.stringify(state);
    sections[name] = { version: s.version, text };
  }
  const sealed = sealSnapshot({ ...parts.head, ...meta }, sections);
  const views = { ...sealed.head.views };
  for (const name of staleDigests) {
    const old = parts.head.views[name];
    const now = views[name];
    if (old !== undefined && now !== undefined) views[name] = { ...now, digest: old.digest };
  }
  const { digest: _digest, ...body } = { ...sealed.head, views };
  return snapshotBytes({
    head: { ...body, digest: snapshotDigest(body) },
    sections: sealed.sections,
  });
}
