import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import type { View } from '../view/view';
import { float64Base64, float64Column } from './columns';
import { StringTable, type TokenPools } from './json-tokens';
import { Journal } from './journal';

/**
 * A journal section that cannot be read: `field` names the part at fault (`meta`,
 * `records`, `shapes[3]`, ...), `message` says what is wrong with it.
 */
export interface JournalSectionInvalid {
  readonly _tag: 'JournalSectionInvalid';
  readonly field: string;
  readonly message: string;
}

const invalid = (field: string, what: string): JournalSectionInvalid => ({
  _tag: 'JournalSectionInvalid',
  field,
  message: `journal section: ${field} ${what}`,
});

/** The name of the journal's section in a snapshot. */
export const JOURNAL = '$journal';
/** The journal section's version (a snapshot with another is rebuilt over). */
export const JOURNAL_VERSION = 1;

/**
 * What precedes a journal's records in its section: the event count, the pools the
 * records refer to (strings, object shapes as key indexes, numbers as base64 of 64-bit
 * little-endian floats) and why it cannot replay, if it cannot.
 */
const JournalMeta = t.type(
  {
    count: t.number,
    strings: t.array(t.string),
    shapes: t.array(t.array(t.number)),
    numbers: t.string,
    unusable: t.union([t.string, t.null]),
  },
  'JournalMeta',
);
type JournalMeta = t.TypeOf<typeof JournalMeta>;

/**
 * A journal's section, binary: the byte length of its meta (32-bit little-endian), the
 * meta as JSON text (UTF-8), then the records (see {@link Journal}).
 */
export function encodeJournalSection(j: Journal): Uint8Array {
  const meta: JournalMeta = {
    count: j.count,
    strings: j.pools.strings.list,
    shapes: j.pools.shapes,
    numbers: float64Base64(j.pools.numbers),
    unusable: j.unusable,
  };
  const text = Buffer.from(JSON.stringify(meta), 'utf8');
  const records = j.records();
  const out = Buffer.allocUnsafe(4 + text.length + records.length);
  out.writeUInt32LE(text.length, 0);
  text.copy(out, 4);
  out.set(records, 4 + text.length);
  return out;
}

/** The pools of a checked meta. */
function poolsOf(m: JournalMeta): E.Either<JournalSectionInvalid, TokenPools> {
  if (!Number.isSafeInteger(m.count) || m.count < 0)
    return E.left(invalid('count', 'is not a count'));
  if (new Set(m.strings).size !== m.strings.length)
    return E.left(invalid('strings', 'are not distinct'));
  for (let k = 0; k < m.shapes.length; k++)
    for (const key of m.shapes[k] as number[])
      if (!Number.isSafeInteger(key) || key < 0 || key >= m.strings.length)
        return E.left(invalid(`shapes[${k}]`, 'names a key not in the string table'));
  const numbers = float64Column(m.numbers);
  if (numbers === null) return E.left(invalid('numbers', 'is not base64 of 64-bit floats'));
  // JSON holds finite numbers only (a writer puts null for the others).
  if (!numbers.every(Number.isFinite)) return E.left(invalid('numbers', 'are not all finite'));
  return E.right({ strings: StringTable.of(m.strings), shapes: m.shapes, numbers: [...numbers] });
}

/**
 * Reads a journal section: its meta strictly (or the tagged error naming the part at
 * fault); its records are checked as they are read (a replay reads every record's head and
 * the payloads inside its window; adding to the journal first checks every record), and
 * the section's digest has already matched.
 */
export function decodeJournalSection(bytes: Uint8Array): E.Either<JournalSectionInvalid, Journal> {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 4) return E.left(invalid('meta', 'is missing'));
  const length = b.readUInt32LE(0);
  if (4 + length > b.length) return E.left(invalid('meta', 'runs past the section'));
  let json: unknown;
  try {
    json = JSON.parse(b.toString('utf8', 4, 4 + length));
  } catch {
    return E.left(invalid('meta', 'does not parse'));
  }
  const meta = JournalMeta.decode(json);
  if (E.isLeft(meta)) return E.left(invalid('meta', 'is malformed'));
  const pools = poolsOf(meta.right);
  if (E.isLeft(pools)) return pools;
  const journal = new Journal(pools.right, {
    bytes: b.subarray(4 + length),
    count: meta.right.count,
  });
  if (meta.right.unusable !== null) journal.markUnusable(meta.right.unusable);
  return E.right(journal);
}

/**
 * The event journal as a view: every event folded is added, whatever its type. Its state
 * is written to a snapshot as a binary section of its own (see `loadOrBuild`).
 */
export const journalView: View<Journal, unknown> = {
  name: JOURNAL,
  version: JOURNAL_VERSION,
  initial: () => new Journal(),
  evolve: (j, p) => {
    j.add(p.envelope);
    return j;
  },
};
