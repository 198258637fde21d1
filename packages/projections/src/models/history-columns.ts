import * as E from 'fp-ts/Either';
import type { UpdateFacts } from './history';
import {
  HistoryState,
  TRACKED_TYPES,
  TYPE_SPAN,
  VERBATIM,
  type HistoryColumns,
  type ItemFacts,
} from './history-state';
import { dayNumber } from './trail-columns';

/**
 * A history section (view version 3) that cannot be read: `field` names the part at fault
 * (`codes`, `counts`, `verbatim[3]`, ...), `message` says what is wrong with it.
 */
export interface HistorySectionInvalid {
  readonly _tag: 'HistorySectionInvalid';
  readonly field: string;
  readonly message: string;
}

/** The tagged error for a field of a history section. */
export const historySectionInvalid = (field: string, what: string): HistorySectionInvalid => ({
  _tag: 'HistorySectionInvalid',
  field,
  message: `history section: ${field} ${what}`,
});

/**
 * The JSON form of a history state's columns (see {@link HistoryColumns}): `codes` the
 * update codes as base64 of little-endian 32-bit integers; `verbatim` the updates kept as
 * they came as `[place in codes, on, event]`, in order.
 */
export interface HistoryColumnsJson {
  readonly keys: readonly string[];
  readonly facts: readonly ItemFacts[];
  readonly counts: readonly number[];
  readonly codes: string;
  readonly verbatim: readonly (readonly [number, string, string])[];
}

/** The JSON form of a state's columns. */
export function columnsJson(s: HistoryState): HistoryColumnsJson {
  const c = s.columns();
  const bytes = new Uint8Array(c.codes.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < c.codes.length; i++) view.setInt32(i * 4, c.codes[i] as number, true);
  const verbatim: [number, string, string][] = [];
  for (const [row, u] of [...c.verbatim].sort((a, b) => a[0] - b[0]))
    verbatim.push([row, u.on, u.event]);
  return {
    keys: c.keys,
    facts: c.facts,
    counts: Array.from(c.counts),
    codes: Buffer.from(bytes.buffer).toString('base64'),
    verbatim,
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** The days a code may name: those `dayString` prints as `YYYY-MM-DD`. */
const MIN_DAY = dayNumber('0000-01-01');
const MAX_DAY = dayNumber('9999-12-31');

/** Each item's count: a non-negative integer; their sum, or the field at fault. */
function rowsOf(j: HistoryColumnsJson): E.Either<HistorySectionInvalid, number> {
  if (j.facts.length !== j.keys.length)
    return E.left(historySectionInvalid('facts', 'do not number one per key'));
  if (j.counts.length !== j.keys.length)
    return E.left(historySectionInvalid('counts', 'do not number one per key'));
  if (new Set(j.keys).size !== j.keys.length)
    return E.left(historySectionInvalid('keys', 'are not distinct'));
  let rows = 0;
  for (let i = 0; i < j.counts.length; i++) {
    const n = j.counts[i] as number;
    if (!Number.isSafeInteger(n) || n < 0)
      return E.left(historySectionInvalid(`counts[${i}]`, 'is not a count'));
    rows += n;
  }
  return E.right(rows);
}

/** The codes, each a day in range and a tracked type, or VERBATIM. */
function codesOf(text: string, rows: number): E.Either<HistorySectionInvalid, Int32Array> {
  if (text.length % 4 !== 0 || !BASE64.test(text))
    return E.left(historySectionInvalid('codes', 'is not base64'));
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== rows * 4)
    return E.left(historySectionInvalid('codes', `do not number ${rows} (the counts' sum)`));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const codes = new Int32Array(rows);
  const types = TRACKED_TYPES.length;
  for (let i = 0; i < rows; i++) {
    const code = view.getInt32(i * 4, true);
    if (code !== VERBATIM) {
      const index = code & (TYPE_SPAN - 1);
      const day = (code - index) / TYPE_SPAN;
      if (index >= types || day < MIN_DAY || day > MAX_DAY)
        return E.left(historySectionInvalid(`codes[${i}]`, 'is not a day and a tracked type'));
    }
    codes[i] = code;
  }
  return E.right(codes);
}

/** The updates kept as they came: each at a VERBATIM code, every VERBATIM code once. */
function verbatimOf(
  j: HistoryColumnsJson,
  codes: Int32Array,
): E.Either<HistorySectionInvalid, Map<number, UpdateFacts>> {
  const out = new Map<number, UpdateFacts>();
  for (let i = 0; i < j.verbatim.length; i++) {
    const [row, on, event] = j.verbatim[i] as readonly [number, string, string];
    if (!Number.isSafeInteger(row) || row < 0 || row >= codes.length || codes[row] !== VERBATIM)
      return E.left(historySectionInvalid(`verbatim[${i}]`, 'is not at a verbatim code'));
    if (out.has(row)) return E.left(historySectionInvalid(`verbatim[${i}]`, 'repeats its place'));
    out.set(row, { on, event });
  }
  let kept = 0;
  for (let i = 0; i < codes.length; i++) if (codes[i] === VERBATIM) kept++;
  if (kept !== out.size)
    return E.left(historySectionInvalid('verbatim', 'does not cover every verbatim code'));
  return E.right(out);
}

/**
 * The state of checked columns: counts, codes and verbatim updates must agree (lengths,
 * bounds of every place, each code a day and a tracked type), else the tagged error naming
 * the field at fault.
 */
export function stateOfColumns(
  j: HistoryColumnsJson,
): E.Either<HistorySectionInvalid, HistoryState> {
  const rows = rowsOf(j);
  if (E.isLeft(rows)) return rows;
  const codes = codesOf(j.codes, rows.right);
  if (E.isLeft(codes)) return codes;
  const verbatim = verbatimOf(j, codes.right);
  if (E.isLeft(verbatim)) return verbatim;
  const c: HistoryColumns = {
    keys: j.keys,
    facts: j.facts,
    counts: j.counts,
    codes: codes.right,
    verbatim: verbatim.right,
  };
  return E.right(HistoryState.ofColumns(c));
}
