import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { Checkpointed } from '../view/runner';
import type { ViewSet } from '../view/view';
import {
  sha256Of,
  SNAPSHOT_FORMAT,
  SNAPSHOT_VERSION,
  snapshotDigest,
  SnapshotHead,
  type SnapshotSection,
} from './snapshot';

/** Why a snapshot whose stored digest differs from its contents is not used. */
export const DIGEST_MISMATCH = 'its digest does not match its contents (corrupted or edited)';

/**
 * A snapshot that cannot serve. `stale` is true when it was simply written for other views
 * or versions (an upgrade); false when it is damaged: unparsable, malformed for its
 * version, or a digest that does not match.
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

const FormatVersion = t.type({ format: t.literal(SNAPSHOT_FORMAT), version: t.number });

/** What every header of this format starts with (the version's digits follow). */
const PREFIX = `{"format":"${SNAPSHOT_FORMAT}","version":`;
const NEWLINE = 0x0a;

/**
 * A snapshot file whose header was read and checked: its sections are read (hashed,
 * parsed) only when asked for.
 */
export interface SnapshotFile {
  readonly head: SnapshotHead;
  /**
   * The parsed JSON of a view's section, after its digest is checked (left when the
   * section lies outside the file, its digest differs or it does not parse).
   */
  section(name: string): E.Either<SnapshotUnusable, unknown>;
  /** The bytes of a section, after its digest is checked (a binary section: the journal's). */
  sectionBytes(name: string): E.Either<SnapshotUnusable, Uint8Array>;
}

/**
 * Whether the first line is the header of another version of this format (without parsing
 * it: a version 3 snapshot was a single line of every state).
 */
function otherVersion(bytes: Uint8Array, end: number): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, end);
  if (b.length < PREFIX.length || b.toString('latin1', 0, PREFIX.length) !== PREFIX) return false;
  const rest = b.toString('latin1', PREFIX.length, Math.min(end, PREFIX.length + 12));
  const digits = /^\d+/.exec(rest)?.[0];
  return digits !== undefined && digits !== String(SNAPSHOT_VERSION);
}

/**
 * Reads a snapshot file's header and checks it (format, version, shape, digest); the
 * sections are left to {@link SnapshotFile.section}.
 *
 * @example
 * const f = openSnapshot(await readFile(path));
 * if (E.isRight(f)) console.log(f.right.head.checkpoint);
 */
export function openSnapshot(bytes: Uint8Array): E.Either<SnapshotUnusable, SnapshotFile> {
  const nl = bytes.indexOf(NEWLINE);
  const end = nl < 0 ? bytes.length : nl;
  if (otherVersion(bytes, end))
    return E.left(unusable('not a snapshot document of this format version', true));
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let json: unknown;
  try {
    json = JSON.parse(buf.toString('utf8', 0, end));
  } catch (e) {
    return E.left(unusable(`unparsable snapshot: ${String(e)}`));
  }
  if (!FormatVersion.is(json) || json.version !== SNAPSHOT_VERSION)
    return E.left(unusable('not a snapshot document of this format version', true));
  const head = SnapshotHead.decode(json);
  if (E.isLeft(head)) return E.left(unusable('malformed snapshot document'));
  if (snapshotDigest(head.right) !== head.right.digest) return E.left(unusable(DIGEST_MISMATCH));
  if ((head.right.checkpoint === null) !== (head.right.checkpointHash === null))
    return E.left(unusable('checkpoint and checkpoint hash disagree'));
  const bodyStart = end + 1;
  const sectionBytes = (name: string): E.Either<SnapshotUnusable, Buffer> => {
    const s: SnapshotSection | undefined = head.right.views[name];
    if (s === undefined) return E.left(unusable(`view ${name} is missing`, true));
    const from = bodyStart + s.offset;
    const to = from + s.length;
    if (!Number.isSafeInteger(from) || s.offset < 0 || s.length < 0 || to > buf.length)
      return E.left(unusable(`view ${name}: its section is not in the file`));
    const bytesOf = buf.subarray(from, to);
    if (sha256Of(bytesOf) !== s.digest) return E.left(unusable(DIGEST_MISMATCH));
    return E.right(bytesOf);
  };
  return E.right({
    head: head.right,
    sectionBytes,
    section: (name) => {
      const bytesOf = sectionBytes(name);
      if (E.isLeft(bytesOf)) return bytesOf;
      try {
        return E.right(JSON.parse(bytesOf.right.toString('utf8')) as unknown);
      } catch {
        return E.left(unusable(`view ${name}: its section does not parse`));
      }
    },
  });
}

/**
 * Decodes, for a set of views, the sections of a snapshot file they need (and only those):
 * every view must be present with its version, its section's digest must match and its
 * state must pass its codec.
 */
export function decodeSnapshot<S extends Record<string, unknown>, Ev>(
  views: ViewSet<S, Ev>,
  file: SnapshotFile,
): E.Either<SnapshotUnusable, Checkpointed<S>> {
  const head = file.head;
  for (const key of Object.keys(views) as (keyof S & string)[]) {
    const view = views[key];
    if (view.codec === undefined) return E.left(unusable(`view ${view.name} has no codec`, true));
    const entry = head.views[view.name];
    if (entry === undefined) return E.left(unusable(`view ${view.name} is missing`, true));
    if (entry.version !== (view.version ?? 1))
      return E.left(
        unusable(
          `view ${view.name} is at version ${entry.version}, not ${view.version ?? 1}`,
          true,
        ),
      );
  }
  const states: Partial<S> = {};
  for (const key of Object.keys(views) as (keyof S & string)[]) {
    const view = views[key];
    const json = file.section(view.name);
    if (E.isLeft(json)) return json;
    const state = view.codec?.decode(json.right);
    if (state === undefined || E.isLeft(state))
      return E.left(unusable(`view ${view.name}: its state does not decode`));
    states[key] = state.right;
  }
  return E.right({
    checkpoint: head.checkpoint,
    checkpointHash: head.checkpointHash,
    folded: head.folded,
    maxOccurredAt: head.maxOccurredAt,
    states: states as S,
  });
}
