import { createHash } from 'node:crypto';
import * as t from 'io-ts';
import type { Checkpointed } from '../view/runner';
import type { ViewSet } from '../view/view';

/** The snapshot file format name. */
export const SNAPSHOT_FORMAT = 'assure-projections-snapshot';
/**
 * The snapshot format version (4: a header line, then each view's state in its own section
 * with its own digest; a snapshot of an earlier version is stale and rebuilt over).
 */
export const SNAPSHOT_VERSION = 4;

/** Where one view's state lies in a snapshot file, and what it is. */
export const SnapshotSection = t.type(
  {
    /** The view's version the state was folded with. */
    version: t.number,
    /** Byte offset of the section from the start of the body (the byte after the header line). */
    offset: t.number,
    /** Byte length of the section (its JSON text, UTF-8). */
    length: t.number,
    /** Lowercase hex SHA-256 of the section's bytes. */
    digest: t.string,
  },
  'SnapshotSection',
);
export type SnapshotSection = t.TypeOf<typeof SnapshotSection>;

/**
 * The header of a snapshot, its first line: the checkpoint (with the hash of the event
 * there, to notice a different or rewritten log), the counters, where each view's section
 * lies with its version and digest, and the `digest` of all that (see {@link snapshotDigest}).
 *
 * A snapshot is a cache, not evidence: the digests catch accidental corruption only, since
 * whoever can edit the file can recompute them. Only the hash-chained log is a source of
 * truth; `checkSnapshot` (and `assure verify`) rebuild the views from it and compare.
 */
export const SnapshotHead = t.type(
  {
    format: t.literal(SNAPSHOT_FORMAT),
    version: t.literal(SNAPSHOT_VERSION),
    checkpoint: t.union([t.string, t.null]),
    checkpointHash: t.union([t.string, t.null]),
    folded: t.number,
    maxOccurredAt: t.union([t.string, t.null]),
    views: t.record(t.string, SnapshotSection),
    digest: t.string,
  },
  'SnapshotHead',
);
export type SnapshotHead = t.TypeOf<typeof SnapshotHead>;

/** A snapshot header without its digest: what the digest covers. */
export type SnapshotBody = Omit<SnapshotHead, 'digest'>;

/**
 * An encoded snapshot: its header and each view's section (the JSON text of its encoded
 * state), by view name. {@link snapshotChunks} lays it out as a file.
 */
export interface EncodedSnapshot {
  readonly head: SnapshotHead;
  /** Each section: a view's JSON text, or the bytes of a binary section (the journal's). */
  readonly sections: Readonly<Record<string, string | Uint8Array>>;
}

/** Lowercase hex SHA-256 of a string (as UTF-8) or of bytes. */
export function sha256Of(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The digest of a snapshot header: lowercase hex SHA-256 of the JSON text (`JSON.stringify`,
 * no spacing) of every header field but `digest`, in the order format, version, checkpoint,
 * checkpoint hash, counters, sections. Each section's own digest is in it, so the header's
 * digest covers the whole snapshot while a load hashes only the header and the sections it
 * reads.
 *
 * @example
 * snapshotDigest(head) === head.digest; // false for a header edited by hand or corrupted
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
  return sha256Of(JSON.stringify(covered));
}

/** The checkpoint and counters of a snapshot (a {@link Checkpointed} without its states). */
export type SnapshotMeta = Omit<Checkpointed<unknown>, 'states'>;

/**
 * Lays out sections (each view's version and state JSON text) after a header: offsets in
 * the order given, one newline after each section, each section's digest, the header's.
 *
 * @example
 * const enc = sealSnapshot(meta, { risks: { version: 1, text: '[]' } });
 */
export function sealSnapshot(
  meta: SnapshotMeta,
  sections: Readonly<
    Record<string, { readonly version: number; readonly text: string | Uint8Array }>
  >,
): EncodedSnapshot {
  const views: Record<string, SnapshotSection> = {};
  const texts: Record<string, string | Uint8Array> = {};
  let offset = 0;
  for (const [name, s] of Object.entries(sections)) {
    const length = Buffer.byteLength(s.text, 'utf8');
    views[name] = { version: s.version, offset, length, digest: sha256Of(s.text) };
    texts[name] = s.text;
    offset += length + 1;
  }
  const body: SnapshotBody = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    checkpoint: meta.checkpoint,
    checkpointHash: meta.checkpointHash,
    folded: meta.folded,
    maxOccurredAt: meta.maxOccurredAt,
    views,
  };
  return { head: { ...body, digest: snapshotDigest(body) }, sections: texts };
}

/**
 * The file text of a snapshot, in pieces to write one after the other: the header line,
 * then each section followed by a newline, in offset order.
 */
export function snapshotChunks(s: EncodedSnapshot): (string | Uint8Array)[] {
  const names = Object.keys(s.head.views).sort(
    (a, b) => (s.head.views[a]?.offset ?? 0) - (s.head.views[b]?.offset ?? 0),
  );
  return [`${JSON.stringify(s.head)}\n`, ...names.flatMap((n) => [s.sections[n] ?? '', '\n'])];
}

/** Whether every view of a set has a codec (a snapshot needs one for each). */
export function snapshotable<S extends Record<string, unknown>, Ev>(
  views: ViewSet<S, Ev>,
): boolean {
  return Object.values<{ codec?: unknown }>(views).every((v) => v.codec !== undefined);
}

/**
 * Encodes checkpointed states as a snapshot: each view's state through its codec, as JSON
 * text (a state holding what JSON cannot, a non-finite number, is written as null), and
 * the `binary` sections as they are (the event journal's).
 *
 * @throws never; a view without a codec is left out (the snapshot then cannot be loaded
 *   for that view set, which rebuilds)
 */
export function encodeSnapshot<S extends Record<string, unknown>, Ev>(
  views: ViewSet<S, Ev>,
  c: Checkpointed<S>,
  binary: Readonly<Record<string, { readonly version: number; readonly text: Uint8Array }>> = {},
): EncodedSnapshot {
  const sections: Record<string, { version: number; text: string | Uint8Array }> = { ...binary };
  for (const key of Object.keys(views) as (keyof S & string)[]) {
    const view = views[key];
    if (view.codec === undefined) continue;
    sections[view.name] = {
      version: view.version ?? 1,
      text: JSON.stringify(view.codec.encode(c.states[key])),
    };
  }
  return sealSnapshot(c, sections);
}
