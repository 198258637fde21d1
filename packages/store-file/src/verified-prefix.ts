import { createHash } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import * as t from 'io-ts';

/*
 * The verified-prefix record: `<log>.verified.json` beside the log, written by a reader after
 * it has checked every line of the log's first N bytes in full (envelope, position, content
 * hash). It holds N and the SHA-256 of those N bytes, in segments (each later read that
 * checks more lines adds one, so the bytes already recorded are not hashed again on write).
 *
 * A later reader re-hashes the N bytes (one SHA-256 over the file's bytes, a few tens of
 * milliseconds for 64 MB, where recomputing every line's content hash takes seconds); when
 * they match, it knows the lines are byte for byte the ones that passed, so their content
 * hashes hold as they did, and it does not recompute them. Any changed, added or removed
 * byte in the prefix, or a record that does not decode, makes it check every line as before.
 */

/** The record file's format name. */
export const VERIFIED_PREFIX_FORMAT = 'assure-verified-prefix';

const Segment = t.type({
  end: t.number,
  sha256: t.string,
  /** Each line's `meta.occurredAt` day as YYYYMMDD. */
  days: t.array(t.number),
  /** Each line's `meta.recordedAt` in ms, less the line before's (the first: as is). */
  recorded: t.array(t.number),
});
const RecordDoc = t.type({
  format: t.literal(VERIFIED_PREFIX_FORMAT),
  version: t.literal(1),
  segments: t.array(Segment),
});
type Segment = t.TypeOf<typeof Segment>;

/** The record of a log: its path beside the log. */
export const verifiedPrefixPath = (logPath: string): string => `${logPath}.verified.json`;

/** A verified prefix as re-checked against the file: its length (0: none) and segments. */
export interface TrustedPrefix {
  /** Bytes from the start of the log whose lines passed a full check and have not changed. */
  readonly bytes: number;
  readonly segments: readonly Segment[];
}

export const NO_PREFIX: TrustedPrefix = { bytes: 0, segments: [] };

/** The recorded times of a line: valid day as YYYYMMDD, transaction time in ms. */
export interface LineTimes {
  readonly days: number[];
  readonly recorded: number[];
}

/** A day `YYYY-MM-DD` (or the day of an instant) as the number YYYYMMDD. */
export const dayNumber = (s: string): number =>
  Number(s.slice(0, 4)) * 10_000 + Number(s.slice(5, 7)) * 100 + Number(s.slice(8, 10));

/** Every line's times of a prefix, in log order (recorded times made absolute). */
export function prefixTimes(prefix: TrustedPrefix): LineTimes {
  const days: number[] = [];
  const recorded: number[] = [];
  let at = 0;
  for (const s of prefix.segments) {
    for (const d of s.days) days.push(d);
    for (let i = 0; i < s.recorded.length; i++) {
      at = i === 0 ? (s.recorded[0] as number) : at + (s.recorded[i] as number);
      recorded.push(at);
    }
  }
  return { days, recorded };
}

/** Most segments kept: past it, the record is written again as one segment. */
const MAX_SEGMENTS = 32;
const CHUNK = 4 << 20;

/** SHA-256 (hex) of the file's bytes `[start, end)`. */
async function hashRange(handle: fsp.FileHandle, start: number, end: number): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(CHUNK, end - start)));
  for (let at = start; at < end;) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - at), at);
    if (bytesRead <= 0) throw new Error(`the file ended at byte ${at}, before ${end}`);
    hash.update(buffer.subarray(0, bytesRead));
    at += bytesRead;
  }
  return hash.digest('hex');
}

/** The decoded record of a log, or null when there is none or it does not decode. */
async function readRecord(logPath: string): Promise<readonly Segment[] | null> {
  let text: string;
  try {
    text = await fsp.readFile(verifiedPrefixPath(logPath), 'utf8');
  } catch {
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  // `is`, not `decode`: the record's codecs transform nothing, so both accept the same
  // values, and `is` builds no context per element of its arrays (one per event).
  if (!RecordDoc.is(json)) return null;
  let previous = 0;
  for (const s of json.segments) {
    if (!Number.isSafeInteger(s.end) || s.end <= previous || s.days.length !== s.recorded.length)
      return null;
    previous = s.end;
  }
  return json.segments;
}

/**
 * The prefix of the open log `handle` (of `size` bytes) that an earlier full check covered
 * and that is unchanged since: every recorded segment re-hashed and compared. `NO_PREFIX`
 * when there is no record, it does not decode, it is longer than the file, or a segment's
 * bytes differ (a line edited, the log replaced).
 */
export async function trustedPrefix(
  logPath: string,
  handle: fsp.FileHandle,
  size: number,
): Promise<TrustedPrefix> {
  const segments = await readRecord(logPath);
  const last = segments?.[segments.length - 1];
  if (segments === null || last === undefined || last.end > size) return NO_PREFIX;
  let start = 0;
  try {
    for (const s of segments) {
      if ((await hashRange(handle, start, s.end)) !== s.sha256) return NO_PREFIX;
      start = s.end;
    }
  } catch {
    return NO_PREFIX;
  }
  return { bytes: last.end, segments };
}

/**
 * Records that every line of the log's first `end` bytes passed a full check, extending
 * `prefix` (the part already recorded and re-checked on this read). Best effort: a record
 * that cannot be written (a read-only folder) is no error; the next read checks in full.
 * Written to a temporary file and renamed over the record, so a reader never sees half.
 */
export async function recordVerifiedPrefix(
  logPath: string,
  handle: fsp.FileHandle,
  prefix: TrustedPrefix,
  end: number,
  times: LineTimes,
): Promise<void> {
  if (end <= prefix.bytes) return;
  const recorded = times.recorded.map((ms, i) =>
    i === 0 ? ms : ms - (times.recorded[i - 1] as number),
  );
  const target = verifiedPrefixPath(logPath);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    let segments: Segment[];
    if (prefix.segments.length + 1 <= MAX_SEGMENTS) {
      const sha256 = await hashRange(handle, prefix.bytes, end);
      segments = [...prefix.segments, { end, sha256, days: times.days, recorded }];
    } else {
      const all = prefixTimes(prefix);
      const joined = [...all.recorded, ...times.recorded];
      segments = [
        {
          end,
          sha256: await hashRange(handle, 0, end),
          days: [...all.days, ...times.days],
          recorded: joined.map((ms, i) => (i === 0 ? ms : ms - (joined[i - 1] as number))),
        },
      ];
    }
    const doc: t.TypeOf<typeof RecordDoc> = {
      format: VERIFIED_PREFIX_FORMAT,
      version: 1,
      segments,
    };
    await fsp.writeFile(temporary, `${JSON.stringify(doc)}\n`);
    await fsp.rename(temporary, target);
  } catch {
    await fsp.rm(temporary, { force: true }).catch(() => undefined);
  }
}
