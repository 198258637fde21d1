import { EventMeta } from './codec';

// Which strings canonical JSON writes between quotes as they are (canonical.ts): the checks,
// the strings found raw last at the fields whose values repeat, and the texts of keys.

/**
 * A string value as JSON: between quotes as it is when {@link isRaw} (no character of it is
 * escaped), else as `JSON.stringify` writes it. Exact either way, so the output needs no
 * check afterwards.
 */
export function text(s: string): string {
  return isRaw(s) ? '"' + s + '"' : JSON.stringify(s);
}

/**
 * A string that JSON writes as it is between quotes: no `"`, backslash, control character
 * or surrogate (one search of {@link NOT_RAW} over the whole string, a tight loop of the
 * engine's). A string with a surrogate, paired or lone, is not raw: `JSON.stringify` writes
 * it, a pair as it is and a lone half escaped, as the reference does.
 *
 * Checked string by string: with checks of the strings alone, rather than one search of the
 * whole output (some 25 pieces copied into one string for it), the hash of an event's
 * canonical JSON took about 6% less time, the JSON alone 40% less.
 */
export function isRaw(u: unknown): u is string {
  return typeof u === 'string' && !NOT_RAW.test(u);
}

/**
 * {@link isRaw}, remembering the last string found raw at each of a few fields whose values
 * repeat from event to event (slot 0 the stream, 1 the type, then meta's fields): the same
 * string again (the same object, or equal text) is found raw by one comparison, where the
 * check costs 25-40 ns a string. Only a string found raw is kept, so a hit is exact.
 */
export function isRawAt(slot: number, u: unknown): u is string {
  if (u === LAST_RAW[slot] || u === lastRaw || u === lastRawBefore) return true;
  if (!isRaw(u)) return false;
  LAST_RAW[slot] = u;
  lastRawBefore = lastRaw;
  lastRaw = u;
  return true;
}

/**
 * The last two strings {@link isRawAt} checked and found raw, whatever their slot: the ids
 * of a command's lineage are mostly one string (`correlationId` and `causationId` default to
 * the `commandId`), new with every command, and `commandHash` comes between them in JCS
 * order (`causationId`, `commandHash`, `commandId`, `correlationId`).
 */
let lastRaw = '';
let lastRawBefore = '';

/**
 * A code unit JSON does not write as itself between quotes (`"`, backslash, U+0000 to
 * U+001F) or a surrogate half. One search for what may not be there (with no answer for a
 * raw string) took 330 instructions for a short string where the match of the whole string
 * against the allowed ones (`^[^"\\\u0000-\u001f]*$`) and `isWellFormed` took 600
 * (callgrind); the cost per character is the same, some 15 instructions.
 */
const NOT_RAW = /[^\u0020\u0021\u0023-\u005b\u005d-\ud7ff\ue000-\uffff]/;

/** The strings {@link isRawAt} found raw last, by slot (the empty string is raw). */
const LAST_RAW: string[] = Array.from(
  { length: 2 + Object.keys(EventMeta.required).length + Object.keys(EventMeta.optional).length },
  () => '',
);

/**
 * What comes before a member's value: `"key":` first in its object (after `{`), `,"key":`
 * after another member, `","key":` after a string value left open; each followed by `"` when
 * the value is a raw string written without quotes around it.
 */
interface KeyPrefix {
  readonly first: string;
  readonly next: string;
  readonly afterText: string;
  readonly firstText: string;
  readonly nextText: string;
  readonly afterTextText: string;
}

/**
 * The prefixes of the keys met so far (payloads repeat a few keys in every event), so that
 * a member costs one string append rather than building its quoted key each time. Bounded:
 * once full, further keys are quoted on each use.
 */
const KEY_PREFIXES = new Map<string, KeyPrefix>();
const KEY_PREFIXES_MAX = 4096;
const KEY_PREFIX_MAX_LENGTH = 64;

export function keyPrefix(k: string): KeyPrefix {
  const known = KEY_PREFIXES.get(k);
  if (known !== undefined) return known;
  const key = text(k) + ':';
  const made: KeyPrefix = {
    first: '{' + key,
    next: ',' + key,
    afterText: '",' + key,
    firstText: '{' + key + '"',
    nextText: ',' + key + '"',
    afterTextText: '",' + key + '"',
  };
  if (KEY_PREFIXES.size < KEY_PREFIXES_MAX && k.length <= KEY_PREFIX_MAX_LENGTH)
    KEY_PREFIXES.set(k, made);
  return made;
}
