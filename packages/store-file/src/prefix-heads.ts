import { createHash } from 'node:crypto';
import * as fsp from 'node:fs/promises';

/*
 * The chain heads at the end of the verified prefix (see verified-prefix.ts), in a file
 * beside the record, `<log>.verified.heads`: for each stream with an event in the prefix,
 * its last revision there and that event's hash, as the JSON array
 * `[[stream, revision, hash], ...]`. The record keeps the file's SHA-256 and holds it only
 * when the read that wrote it followed every stream's chain through the whole prefix. A
 * later read from the start then need not follow the chains of the prefix's lines (their
 * bytes are those whose chains held), and follows the lines after it from these heads.
 */

/** Where a stream's chain stands: its last revision and that event's hash. */
export interface Head {
  revision: number;
  hash: string;
}

/** The heads file of a log's verified-prefix record: its path beside the log. */
export const prefixHeadsPath = (logPath: string): string => `${logPath}.verified.heads`;

/** What the record keeps of its heads file. */
export interface HeadsRecord {
  /** SHA-256 (hex) of the file's bytes. */
  readonly sha256: string;
  /** How many streams it holds. */
  readonly streams: number;
}

/** The recorded heads, read (and checked against the record) when first asked for. */
export interface PrefixHeads {
  /** A new table of the recorded heads, or null when the file is not the one recorded. */
  load(): Promise<Map<string, Head> | null>;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const HEX64 = /^[0-9a-f]{64}$/;

/** The heads in a parsed heads file, or null when it is not an array of well-formed triples. */
function headsOf(json: unknown, streams: number): Map<string, Head> | null {
  if (!Array.isArray(json) || json.length !== streams) return null;
  const heads = new Map<string, Head>();
  for (const entry of json as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 3) return null;
    const [stream, revision, hash] = entry as unknown[];
    if (
      typeof stream !== 'string' ||
      typeof revision !== 'number' ||
      !Number.isSafeInteger(revision) ||
      revision < 0 ||
      typeof hash !== 'string' ||
      !HEX64.test(hash) ||
      heads.has(stream)
    )
      return null;
    heads.set(stream, { revision, hash });
  }
  return heads;
}

/** The heads the record with `record` says the log's heads file holds. */
export function recordedHeads(logPath: string, record: HeadsRecord): PrefixHeads {
  return {
    load: async () => {
      let bytes: Buffer;
      try {
        bytes = await fsp.readFile(prefixHeadsPath(logPath));
      } catch {
        return null;
      }
      if (sha256(bytes) !== record.sha256) return null;
      try {
        return headsOf(JSON.parse(bytes.toString('utf8')), record.streams);
      } catch {
        return null;
      }
    },
  };
}

/**
 * Writes the heads file of a log (to a temporary file, then renamed over it) and gives what
 * the record must keep of it; throws when it cannot be written.
 */
export async function writeHeads(
  logPath: string,
  heads: ReadonlyMap<string, Head>,
): Promise<HeadsRecord> {
  const rows: [string, number, string][] = [];
  for (const [stream, head] of heads) rows.push([stream, head.revision, head.hash]);
  const bytes = Buffer.from(JSON.stringify(rows), 'utf8');
  const target = prefixHeadsPath(logPath);
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await fsp.writeFile(temporary, bytes);
    await fsp.rename(temporary, target);
  } catch (e) {
    await fsp.rm(temporary, { force: true }).catch(() => undefined);
    throw e;
  }
  return { sha256: sha256(bytes), streams: rows.length };
}
