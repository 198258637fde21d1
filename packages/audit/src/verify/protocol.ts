import { types } from 'node:util';
import type { LineOutcome } from './analyse';

/** A block of whole NDJSON lines sent to a verify worker. */
export interface BlockRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
}

/** The text fields of a plain outcome, in the order they are packed. */
export const PACKED_FIELDS = 3;

/**
 * A worker's answer for one block. Structured cloning of one object per line costs more
 * than the checks the calling thread runs on it, so the common outcome (an envelope whose
 * hash, payload and seal raised nothing) is packed: its position, prevHash and Merkle leaf are
 * concatenated in `text` with their lengths in `lengths` (the calling thread only compares
 * them, or keeps O(log n) leaves), its revision is in `revisions`, and the strings the
 * calling thread keeps (stream, eventId, hash) are in `kept`, three per packed outcome: a slice of
 * `text` would keep the whole block alive for as long as the verifier holds it. Any other outcome is sent whole in `others`,
 * at the index named in `otherAt` (ascending).
 */
export interface BlockResult {
  readonly id: number;
  /** How many newlines the block held. */
  readonly newlines: number;
  /** The line (1-based within the block) of each outcome. */
  readonly lines: Int32Array;
  /** The byte offset of each outcome's line within the block. */
  readonly starts: Int32Array;
  readonly revisions: Float64Array;
  /** {@link PACKED_FIELDS} lengths per outcome (zeros for an outcome in `others`). */
  readonly lengths: Int32Array;
  readonly text: string;
  readonly kept: readonly string[];
  readonly otherAt: readonly number[];
  readonly others: readonly LineOutcome[];
  /** For an import into a file store only: per outcome, what {@link StoreLines} holds. */
  readonly store?: StoreLines;
}

/**
 * What an import into a file store needs of each line of a block, beside its outcome (see
 * `analyseStoreLine`): `layout[i]` is 1 when line i is laid out as the store writes it;
 * `recordedAt` holds each line's `meta.recordedAt`, {@link RECORDED_AT_LENGTH} characters
 * each (spaces for a line that is no envelope, or whose layout is 0).
 */
export interface StoreLines {
  readonly layout: Uint8Array;
  readonly recordedAt: string;
}

/** The length of an instant (`YYYY-MM-DDTHH:mm:ss.sssZ`), as the envelope codec requires. */
export const RECORDED_AT_LENGTH = 24;
const NO_RECORDED_AT = ' '.repeat(RECORDED_AT_LENGTH);

/** Packs {@link StoreLines} of a block's lines (in the worker). */
export function packStoreLines(
  infos: readonly { readonly recordedAt: string | null; readonly layout: boolean }[],
): StoreLines {
  const layout = new Uint8Array(infos.length);
  const parts: string[] = [];
  infos.forEach((info, i) => {
    const ok = info.layout && info.recordedAt?.length === RECORDED_AT_LENGTH;
    layout[i] = ok ? 1 : 0;
    parts.push(ok && info.recordedAt !== null ? info.recordedAt : NO_RECORDED_AT);
  });
  return { layout, recordedAt: parts.join('') };
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null;

/** Guard of a {@link BlockRequest} (messages cross a thread boundary). */
export const isBlockRequest = (u: unknown): u is BlockRequest =>
  isRecord(u) && typeof u['id'] === 'number' && types.isUint8Array(u['bytes']);

/**
 * Guard of a {@link BlockResult}. The outcomes come from our own worker, which built them
 * with `analyseLine`; `others` is checked only as far as being an array.
 */
export const isBlockResult = (u: unknown): u is BlockResult =>
  isRecord(u) &&
  typeof u['id'] === 'number' &&
  typeof u['newlines'] === 'number' &&
  types.isInt32Array(u['lines']) &&
  types.isInt32Array(u['starts']) &&
  types.isFloat64Array(u['revisions']) &&
  types.isInt32Array(u['lengths']) &&
  typeof u['text'] === 'string' &&
  Array.isArray(u['kept']) &&
  Array.isArray(u['otherAt']) &&
  Array.isArray(u['others']);

/** Packs the outcomes of one block (in the worker). */
export function packBlock(
  id: number,
  newlines: number,
  lines: readonly number[],
  starts: readonly number[],
  outcomes: readonly LineOutcome[],
  store?: StoreLines,
): BlockResult {
  const n = outcomes.length;
  const revisions = new Float64Array(n);
  const lengths = new Int32Array(n * PACKED_FIELDS);
  const parts: string[] = [];
  const kept: string[] = [];
  const otherAt: number[] = [];
  const others: LineOutcome[] = [];
  for (let i = 0; i < n; i++) {
    const o = outcomes[i]!;
    if (o.kind !== 'envelope' || o.computed !== null || o.decodeError !== null || o.seal !== null) {
      otherAt.push(i);
      others.push(o);
      continue;
    }
    revisions[i] = o.revision;
    const k = i * PACKED_FIELDS;
    lengths[k] = o.position.length;
    lengths[k + 1] = o.prevHash.length;
    lengths[k + 2] = o.leaf.length;
    parts.push(o.position, o.prevHash, o.leaf);
    kept.push(o.stream, o.eventId, o.hash);
  }
  return {
    id,
    newlines,
    lines: Int32Array.from(lines),
    starts: Int32Array.from(starts),
    revisions,
    lengths,
    text: parts.join(''),
    kept,
    otherAt,
    others,
    ...(store === undefined ? {} : { store }),
  };
}

/**
 * Calls `f` with every outcome of a block in order, with its line within the block and the
 * byte offset of that line in the block (in the calling thread).
 */
export function unpackBlock(
  r: BlockResult,
  f: (o: LineOutcome, line: number, start: number) => void,
): void {
  const { lengths, text, kept, revisions, lines, starts, otherAt, others } = r;
  let at = 0;
  let next = 0;
  let plain = 0;
  for (let i = 0; i < lines.length; i++) {
    if (otherAt[next] === i) {
      f(others[next++]!, lines[i]!, starts[i]!);
      continue;
    }
    const k = i * PACKED_FIELDS;
    const field = (j: number): string => {
      const s = text.slice(at, at + lengths[k + j]!);
      at += lengths[k + j]!;
      return s;
    };
    const position = field(0);
    const prevHash = field(1);
    const leaf = field(2);
    const stream = kept[plain++]!;
    const eventId = kept[plain++]!;
    const hash = kept[plain++]!;
    f(
      {
        kind: 'envelope',
        position,
        stream,
        revision: revisions[i]!,
        eventId,
        prevHash,
        hash,
        computed: null,
        decodeError: null,
        seal: null,
        leaf,
      },
      lines[i]!,
      starts[i]!,
    );
  }
}
