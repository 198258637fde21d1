import * as E from 'fp-ts/Either';
import { linkOnlyProblem, StoreErrors, type StoreError } from '@assure/event-store';
import { indexLine } from './line-codec';
import type { LineBlock } from './lines';
import type { LogIndex } from './log-index';

// The link check of a line of an unchanged verified prefix, on the line's bytes as read: the
// line is not made a string (nor parsed, nor hashed) unless it is not laid out as the store
// writes it, when it is checked in full (`indexLine`).

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const POSITION_KEY = ascii('{"position":"');
const STREAM_KEY = ascii('","stream":"');
const REVISION_KEY = ascii('","revision":');
const EVENT_ID_KEY = ascii(',"eventId":"');
const PREV_KEY = ascii(',"prevHash":"');
const HASH_KEY = ascii('","hash":"');
const END = ascii('"}');
/** Length of `,"prevHash":"<64>","hash":"<64>"}`, the end of every line the store writes. */
const TRAILER_LENGTH = PREV_KEY.length + 64 + HASH_KEY.length + 64 + END.length;
/** More digits than this (a position or revision past 10^15) are left to the full check. */
const MAX_DIGITS = 15;
/** The longest stream name (the codec's `/^[a-z][a-z0-9-]{0,127}$/`). */
const MAX_STREAM = 128;

/** Whether this machine stores integers little-endian (as typed arrays read them). */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
const HIGH_BITS = 0x80808080 | 0;

function hasAt(bytes: Uint8Array, at: number, want: Uint8Array): boolean {
  for (let i = 0; i < want.length; i++) if (bytes[at + i] !== want[i]) return false;
  return true;
}

/**
 * Whether the 64 bytes at `at` are lowercase hex digits, four at a time: in each byte lane
 * of a word (all below 0x80, so adding to a lane never carries into the next), adding
 * 0x80 - c sets the lane's high bit exactly when the byte is at least c.
 */
export function isHex64(view: DataView, at: number): boolean {
  for (let i = at; i < at + 64; i += 4) {
    const w = view.getInt32(i, LITTLE_ENDIAN);
    const digit = (w + 0x50505050) & ~(w + 0x46464646); // '0' <= b <= '9'
    const letter = (w + 0x1f1f1f1f) & ~(w + 0x19191919); // 'a' <= b <= 'f'
    if ((w & HIGH_BITS) !== 0 || ((digit | letter) & HIGH_BITS) !== HIGH_BITS) return false;
  }
  return true;
}

/** A canonical decimal (no leading zero) of at most {@link MAX_DIGITS} digits from `at`. */
function decimalEnd(bytes: Uint8Array, at: number, end: number): number {
  let i = at;
  while (
    i < end &&
    i - at <= MAX_DIGITS &&
    (bytes[i] as number) >= 48 &&
    (bytes[i] as number) <= 57
  )
    i++;
  const n = i - at;
  return n === 0 || n > MAX_DIGITS || (n > 1 && bytes[at] === 48) ? -1 : i;
}

function decimalValue(bytes: Uint8Array, at: number, end: number): number {
  let v = 0;
  for (let i = at; i < end; i++) v = v * 10 + (bytes[i] as number) - 48;
  return v;
}

/** The end of a stream name from `at` (lowercase letter, then letters, digits, hyphens). */
function streamEnd(bytes: Uint8Array, at: number, end: number): number {
  if (at >= end) return -1;
  const first = bytes[at] as number;
  if (first < 97 || first > 122) return -1;
  let i = at + 1;
  for (; i < end && i - at < MAX_STREAM; i++) {
    const c = bytes[i] as number;
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45)) break;
  }
  return i;
}

/** The line checked in full (decoded, linked, hashed) and indexed; its error, if any. */
function checkedInFull(
  index: LogIndex,
  bytes: Buffer,
  start: number,
  end: number,
  offset: number,
  next: number,
): StoreError | undefined {
  const r = indexLine(index, { offset, text: bytes.toString('utf8', start, end), next });
  return E.isLeft(r) ? r.left : undefined;
}

/**
 * Indexes the line `bytes[start, end)` (at byte offset `offset` of the log, the next line at
 * `next`) checking only its links, and returns what is wrong with it (undefined: nothing):
 * position, stream, revision and the two hashes are read from where the store writes them
 * (the line's start and end), and the position, the revision and `prevHash` are checked
 * against the index; the body is neither decoded, nor parsed, nor hashed, and no string is
 * made. A line not laid out as the store writes it (the leading fields in order and
 * canonical, `prevHash` and `hash` last, 64 lowercase hex digits each) is checked in full
 * ({@link indexLine}). For lines whose content hashes are trusted (an unchanged verified
 * prefix). `view` is a `DataView` of the same memory as `bytes`: the hashes are tested,
 * compared and copied through it four bytes at a time.
 */
export function indexLineLinksAt(
  index: LogIndex,
  bytes: Buffer,
  view: DataView,
  start: number,
  end: number,
  offset: number,
  next: number,
): StoreError | undefined {
  if (!hasAt(bytes, start, POSITION_KEY))
    return checkedInFull(index, bytes, start, end, offset, next);
  const p0 = start + POSITION_KEY.length;
  const p1 = decimalEnd(bytes, p0, end);
  if (p1 < 0 || !hasAt(bytes, p1, STREAM_KEY))
    return checkedInFull(index, bytes, start, end, offset, next);
  const s0 = p1 + STREAM_KEY.length;
  const s1 = streamEnd(bytes, s0, end);
  if (s1 < 0 || !hasAt(bytes, s1, REVISION_KEY))
    return checkedInFull(index, bytes, start, end, offset, next);
  const r0 = s1 + REVISION_KEY.length;
  const r1 = decimalEnd(bytes, r0, end);
  if (r1 < 0 || !hasAt(bytes, r1, EVENT_ID_KEY))
    return checkedInFull(index, bytes, start, end, offset, next);
  const t0 = end - TRAILER_LENGTH;
  const prevAt = t0 + PREV_KEY.length;
  const hashAt = prevAt + 64 + HASH_KEY.length;
  if (
    t0 < r1 + EVENT_ID_KEY.length ||
    !hasAt(bytes, t0, PREV_KEY) ||
    !hasAt(bytes, prevAt + 64, HASH_KEY) ||
    !hasAt(bytes, hashAt + 64, END) ||
    !isHex64(view, hashAt)
  )
    return checkedInFull(index, bytes, start, end, offset, next);
  const head = index.streamAt(bytes, s0, s1);
  // Every hash in the index is hex, so a `prevHash` equal to its head's needs no test.
  const linked = index.isLastHashAt(head, view, prevAt);
  if (!linked && !isHex64(view, prevAt))
    return checkedInFull(index, bytes, start, end, offset, next);
  const revision = decimalValue(bytes, r0, r1);
  if (decimalValue(bytes, p0, p1) !== offset)
    return positionMismatch(bytes, p0, p1, s0, s1, revision, offset);
  if (!linked || revision !== index.countOf(head)) {
    const problem = linkOnlyProblem(
      index.chainHeadOf(head),
      revision,
      bytes.toString('latin1', prevAt, prevAt + 64),
    );
    if (problem !== undefined)
      return StoreErrors.tampered(
        String(offset),
        bytes.toString('latin1', s0, s1),
        revision,
        problem,
      );
  }
  index.addAt(head, bytes, s0, s1, view, hashAt, next);
  return undefined;
}

function positionMismatch(
  bytes: Buffer,
  p0: number,
  p1: number,
  s0: number,
  s1: number,
  revision: number,
  offset: number,
): StoreError {
  const at = String(offset);
  return StoreErrors.tampered(
    at,
    bytes.toString('latin1', s0, s1),
    revision,
    `position-mismatch: the line at byte offset ${at} declares position ${bytes.toString('latin1', p0, p1)}`,
  );
}

/**
 * {@link indexLineLinksAt} of the lines of a block that end within the first `trusted`
 * bytes of the log, in order from its first: how many were indexed, or what is wrong with
 * the first bad one. One loop of its own, apart from the scan's asynchronous one, so the
 * compiler optimises it early and alone.
 */
export function indexLinesLinksAt(
  index: LogIndex,
  block: LineBlock,
  trusted: number,
): number | StoreError {
  const { bytes, at, ends } = block;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let s = block.start;
  let k = 0;
  for (; k < ends.length; k++) {
    const nl = ends[k] as number;
    const next = at + nl + 1;
    if (next > trusted) break;
    const failed = indexLineLinksAt(index, bytes, view, s, nl, at + s, next);
    if (failed !== undefined) return failed;
    s = nl + 1;
  }
  return k;
}
