import { createHash } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import * as t from 'io-ts';
import {
  NO_TIMES,
  prefixTimesPath,
  recordedTimes,
  writeTimes,
  type PrefixTimes,
} from './prefix-times';
import {
  prefixHeadsPath,
  recordedHeads,
  writeHeads,
  type Head,
  type PrefixHeads,
} from './prefix-heads';

export type { PrefixTimes } from './prefix-times';

/*
 * The verified-prefix record: `<log>.verified.json` beside the log, written by a reader after
 * it has checked every line of the log's first N bytes in full (envelope, position, content
 * hash). It holds N and the SHA-256 of those N bytes, in segments (each later read that
 * checks more lines adds one, so the bytes already recorded are not hashed again on write),
 * the SHA-256 of each part of the times file `<log>.verified.times` (prefix-times.ts), and,
 * when the read that wrote it followed every chain, that of the chain heads at its end
 * (`<log>.verified.heads`, prefix-heads.ts),
 * each line's valid day and transaction time as little-endian binary (version 3: a read as
 * at a day reads 4 bytes a line, where the base64 in the JSON of version 2 cost a fifth of
 * a second to read and parse at a million lines; a record of an earlier version is not
 * used, and is written over).
 *
 * A later reader re-hashes the N bytes (SHA-256 over the file's bytes, where recomputing
 * every line's content hash takes several times longer); when they match, it knows the
 * lines are byte for byte the ones that passed, so their content hashes hold as they did,
 * and it does not recompute them. Any changed, added or removed byte in the prefix, or a
 * record that does not decode, makes it check every line as before. A read within time
 * bounds hashes the bytes as it reads them instead (`StreamedHash`), and fails when they
 * differ (see trusted-read.ts).
 */

/** The record file's format name. */
export const VERIFIED_PREFIX_FORMAT = 'assure-verified-prefix';

const Segment = t.type({
  end: t.number,
  sha256: t.string,
  /** How many lines the segment holds. */
  lines: t.number,
});
const RecordDoc = t.intersection([
  t.type({
    format: t.literal(VERIFIED_PREFIX_FORMAT),
    version: t.literal(3),
    segments: t.array(Segment),
    /** The SHA-256 of each part of the times file (see prefix-times.ts). */
    times: t.type({ days: t.string, recorded: t.string }),
  }),
  t.partial({
    /**
     * The heads file (see prefix-heads.ts), when the read that wrote the record followed
     * every stream's chain through the whole prefix; a record without it (written by an
     * open, or by a read within time bounds) says nothing of the prefix's chains.
     */
    heads: t.type({ sha256: t.string, streams: t.number }),
  }),
]);
type Segment = t.TypeOf<typeof Segment>;

/** The record of a log: its path beside the log. */
export const verifiedPrefixPath = (logPath: string): string => `${logPath}.verified.json`;

/** A verified prefix as re-checked against the file: its length (0: none) and segments. */
export interface TrustedPrefix {
  /** Bytes from the start of the log whose lines passed a full check and have not changed. */
  readonly bytes: number;
  readonly segments: readonly Segment[];
  /** Its lines' times, in log order. */
  readonly times: PrefixTimes;
  /** The chain heads at its end, when the read that recorded it followed every chain. */
  readonly heads: PrefixHeads | undefined;
}

export const NO_PREFIX: TrustedPrefix = {
  bytes: 0,
  segments: [],
  times: NO_TIMES,
  heads: undefined,
};

/** The recorded times of a line: valid day as YYYYMMDD, transaction time in ms. */
export interface LineTimes {
  readonly days: number[];
  readonly recorded: number[];
}

/** A day `YYYY-MM-DD` (or the day of an instant) as the number YYYYMMDD. */
export const dayNumber = (s: string): number =>
  Number(s.slice(0, 4)) * 10_000 + Number(s.slice(5, 7)) * 100 + Number(s.slice(8, 10));

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
async function readRecord(logPath: string): Promise<{
  segments: readonly Segment[];
  times: PrefixTimes;
  heads: PrefixHeads | undefined;
} | null> {
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
  if (!RecordDoc.is(json)) return null;
  let previous = 0;
  let lines = 0;
  for (const s of json.segments) {
    if (!Number.isSafeInteger(s.end) || s.end <= previous || !Number.isSafeInteger(s.lines))
      return null;
    if (s.lines < 0) return null;
    previous = s.end;
    lines += s.lines;
  }
  return {
    segments: json.segments,
    times: recordedTimes(logPath, lines, json.times),
    heads: json.heads === undefined ? undefined : recordedHeads(logPath, json.heads),
  };
}

/**
 * The prefix the record of the log claims, not re-hashed: `NO_PREFIX` when there is no
 * record, it does not decode, or it is longer than the file (`size` bytes). Only a read
 * that compares each segment's bytes before it trusts them may use it (see
 * `StreamedHash`).
 */
export async function claimedPrefix(logPath: string, size: number): Promise<TrustedPrefix> {
  const record = await readRecord(logPath);
  const segments = record?.segments;
  const last = segments?.[segments.length - 1];
  if (record === null || segments === undefined || last === undefined || last.end > size)
    return NO_PREFIX;
  return { bytes: last.end, segments, times: record.times, heads: record.heads };
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
  const claimed = await claimedPrefix(logPath, size);
  let start = 0;
  try {
    for (const s of claimed.segments) {
      if ((await hashRange(handle, start, s.end)) !== s.sha256) return NO_PREFIX;
      start = s.end;
    }
  } catch {
    return NO_PREFIX;
  }
  return claimed;
}

/** Removes the record of a log and its times (best effort): they no longer match the log. */
export async function forgetVerifiedPrefix(logPath: string): Promise<void> {
  for (const path of [
    verifiedPrefixPath(logPath),
    prefixTimesPath(logPath),
    prefixHeadsPath(logPath),
  ])
    await fsp.rm(path, { force: true }).catch(() => undefined);
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
  /** The SHA-256 of `[prefix.bytes, end)` when the read hashed it already. */
  tailSha256?: string,
  /**
   * Every stream's chain head at `end`, when the read followed every chain of the log's
   * first `end` bytes (from the start, or from the prefix's recorded heads).
   */
  heads?: ReadonlyMap<string, Head>,
): Promise<void> {
  // Nothing new to record, unless the heads of a prefix recorded without them.
  if (
    end < prefix.bytes ||
    (end === prefix.bytes && (heads === undefined || prefix.heads !== undefined))
  )
    return;
  const target = verifiedPrefixPath(logPath);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    const before = { days: await prefix.times.days(), recorded: await prefix.times.recorded() };
    if (before.days === null || before.recorded === null) {
      // The times of the recorded lines are lost: the next full read records them anew.
      await forgetVerifiedPrefix(logPath);
      return;
    }
    const lines = times.days.length;
    const segments: Segment[] =
      end === prefix.bytes
        ? [...prefix.segments]
        : prefix.segments.length + 1 <= MAX_SEGMENTS
          ? [
              ...prefix.segments,
              { end, sha256: tailSha256 ?? (await hashRange(handle, prefix.bytes, end)), lines },
            ]
          : [{ end, sha256: await hashRange(handle, 0, end), lines: prefix.times.lines + lines }];
    const days = new Int32Array(before.days.length + lines);
    days.set(before.days);
    days.set(times.days, before.days.length);
    const recorded = new Float64Array(before.recorded.length + lines);
    recorded.set(before.recorded);
    recorded.set(times.recorded, before.recorded.length);
    // Written first: a record renamed into place names the times (and heads) it was
    // written with. Without heads, a stale heads file is left unnamed, so unused.
    const timesHashes = await writeTimes(logPath, days, recorded);
    const doc: t.TypeOf<typeof RecordDoc> = {
      format: VERIFIED_PREFIX_FORMAT,
      version: 3,
      segments,
      times: timesHashes,
      ...(heads === undefined ? {} : { heads: await writeHeads(logPath, heads) }),
    };
    await fsp.writeFile(temporary, `${JSON.stringify(doc)}\n`);
    await fsp.rename(temporary, target);
  } catch {
    await fsp.rm(temporary, { force: true }).catch(() => undefined);
  }
}
