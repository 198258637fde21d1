import { createHash } from 'node:crypto';
import * as fsp from 'node:fs/promises';

/*
 * The times of the verified prefix's lines (see verified-prefix.ts), in a binary file beside
 * the record, `<log>.verified.times`: each line's valid day (YYYYMMDD) as a little-endian
 * int32, for every line in log order, then each line's transaction time (ms) as a
 * little-endian float64. The record holds the SHA-256 of each of the two parts, so a read
 * as at a day reads and checks the days alone (4 bytes a line, read straight into the
 * array), and a times file that is not the one the record was written with is not used.
 */

/** The times file of a log's verified-prefix record: its path beside the log. */
export const prefixTimesPath = (logPath: string): string => `${logPath}.verified.times`;

/** The SHA-256 (hex) of each part of a times file, as the record keeps them. */
export interface TimesHashes {
  readonly days: string;
  readonly recorded: string;
}

/**
 * The recorded times of a prefix's lines, in log order, each part read when first asked
 * for; null when the times file does not hold what the record says (missing, cut short,
 * another hash).
 */
export interface PrefixTimes {
  readonly lines: number;
  days(): Promise<Int32Array | null>;
  recorded(): Promise<Float64Array | null>;
}

export const NO_TIMES: PrefixTimes = {
  lines: 0,
  days: () => Promise.resolve(new Int32Array(0)),
  recorded: () => Promise.resolve(new Float64Array(0)),
};

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The array's values from (or to) little-endian bytes, in place (a no-op on little-endian). */
function swapUnlessLittleEndian(out: Int32Array | Float64Array): void {
  if (LITTLE_ENDIAN) return;
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let i = 0; i < out.length; i++)
    if (out instanceof Int32Array) {
      out[i] = view.getInt32(i * 4, true);
    } else out[i] = view.getFloat64(i * 8, true);
}

/** Decodes on the first call only. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** Reads the bytes of `out` from the times file at `at`: `out`, or null unless whole and hashing to `hash`. */
async function readPart<A extends Int32Array | Float64Array>(
  path: string,
  at: number,
  out: A,
  hash: string,
): Promise<A | null> {
  const bytes = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  if (bytes.length > 0) {
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(path, 'r');
    } catch {
      return null;
    }
    try {
      for (let got = 0; got < bytes.length;) {
        const { bytesRead } = await handle.read(bytes, got, bytes.length - got, at + got);
        if (bytesRead === 0) return null;
        got += bytesRead;
      }
    } catch {
      return null;
    } finally {
      await handle.close();
    }
  }
  if (sha256(bytes) !== hash) return null;
  swapUnlessLittleEndian(out);
  return out;
}

/** The times of `lines` lines that the record with `hashes` says the log's times file holds. */
export function recordedTimes(logPath: string, lines: number, hashes: TimesHashes): PrefixTimes {
  const path = prefixTimesPath(logPath);
  return {
    lines,
    days: once(() => readPart(path, 0, new Int32Array(lines), hashes.days)),
    recorded: once(() => readPart(path, lines * 4, new Float64Array(lines), hashes.recorded)),
  };
}

/**
 * Writes the times file of a log (to a temporary file, then renamed over it) and gives the
 * hashes the record must keep; throws when it cannot be written.
 */
export async function writeTimes(
  logPath: string,
  days: Int32Array,
  recorded: Float64Array,
): Promise<TimesHashes> {
  swapUnlessLittleEndian(days);
  swapUnlessLittleEndian(recorded);
  const d = new Uint8Array(days.buffer, days.byteOffset, days.byteLength);
  const r = new Uint8Array(recorded.buffer, recorded.byteOffset, recorded.byteLength);
  const target = prefixTimesPath(logPath);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await fsp.writeFile(temporary, Buffer.concat([d, r]));
    await fsp.rename(temporary, target);
  } catch (e) {
    await fsp.rm(temporary, { force: true }).catch(() => undefined);
    throw e;
  }
  return { days: sha256(d), recorded: sha256(r) };
}
