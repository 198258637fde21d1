import * as E from 'fp-ts/Either';
import {
  HistoryState,
  SCORE_SPAN,
  TRACKED_TYPES,
  TYPE_SPAN,
  VERBATIM,
  type ItemFacts,
} from './history-state';
import { dayNumber } from './trail-columns';

/**
 * A history section (view version 4) that cannot be read: `field` names the part at fault
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
 * update codes and `scoreCodes` the score codes, each as base64 of little-endian 32-bit
 * integers; `verbatim` the updates kept as they came as `[place in codes, on, event]`, and
 * `scoreVerbatim` the scores kept as they came as `[place in scoreCodes, on, score]`, in
 * order.
 */
export interface HistoryColumnsJson {
  readonly keys: readonly string[];
  readonly facts: readonly ItemFacts[];
  readonly counts: readonly number[];
  readonly codes: string;
  readonly verbatim: readonly (readonly [number, string, string])[];
  readonly scoreCounts: readonly number[];
  readonly scoreCodes: string;
  readonly scoreVerbatim: readonly (readonly [number, string, number])[];
}

/** Base64 of codes as little-endian 32-bit integers. */
function base64Of(codes: Int32Array): string {
  const bytes = new Uint8Array(codes.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < codes.length; i++) view.setInt32(i * 4, codes[i] as number, true);
  return Buffer.from(bytes.buffer).toString('base64');
}

/** The JSON form of a state's columns. */
export function columnsJson(s: HistoryState): HistoryColumnsJson {
  const c = s.columns();
  const verbatim: [number, string, string][] = [];
  for (const [row, u] of [...c.verbatim].sort((a, b) => a[0] - b[0]))
    verbatim.push([row, u.on, u.event]);
  const scoreVerbatim: [number, string, number][] = [];
  for (const [row, u] of [...c.scoreVerbatim].sort((a, b) => a[0] - b[0]))
    scoreVerbatim.push([row, u.on, u.score]);
  return {
    keys: c.keys,
    facts: c.facts,
    counts: Array.from(c.counts),
    codes: base64Of(c.codes),
    verbatim,
    scoreCounts: Array.from(c.scoreCounts),
    scoreCodes: base64Of(c.scoreCodes),
    scoreVerbatim,
  };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** The days a code may name: those `dayString` prints as `YYYY-MM-DD`. */
const MIN_DAY = dayNumber('0000-01-01');
const MAX_DAY = dayNumber('9999-12-31');

/** One count per key, each a non-negative integer; their sum, or the field at fault. */
function rowsOf(
  field: 'counts' | 'scoreCounts',
  counts: readonly number[],
  keys: number,
): E.Either<HistorySectionInvalid, number> {
  if (counts.length !== keys)
    return E.left(historySectionInvalid(field, 'do not number one per key'));
  let rows = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i] as number;
    if (!Number.isSafeInteger(n) || n < 0)
      return E.left(historySectionInvalid(`${field}[${i}]`, 'is not a count'));
    rows += n;
  }
  return E.right(rows);
}

/** How codes of one kind pack: the span of the low part, how many low values are valid. */
interface Packing {
  readonly field: 'codes' | 'scoreCodes';
  readonly counts: 'counts' | 'scoreCounts';
  readonly span: number;
  readonly low: number;
  readonly what: string;
}
const UPDATE_PACKING: Packing = {
  field: 'codes',
  counts: 'counts',
  span: TYPE_SPAN,
  low: TRACKED_TYPES.length,
  what: 'is not a day and a tracked type',
};
const SCORE_PACKING: Packing = {
  field: 'scoreCodes',
  counts: 'scoreCounts',
  span: SCORE_SPAN,
  low: SCORE_SPAN,
  what: 'is not a day and a score',
};

/** Whether this machine stores integers little-endian (a typed array then reads the bytes as they are). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Little-endian 32-bit integers of bytes (a length divisible by 4): a view when it can be. */
export function int32sOf(bytes: Buffer): Int32Array<ArrayBuffer> {
  const buffer = bytes.buffer;
  if (LITTLE_ENDIAN && buffer instanceof ArrayBuffer && bytes.byteOffset % 4 === 0)
    return new Int32Array(buffer, bytes.byteOffset, bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out = new Int32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4, true);
  return out;
}

/**
 * The codes, each a day in range and a valid low part, or VERBATIM; and how many are
 * VERBATIM.
 */
function codesOf(
  text: string,
  rows: number,
  p: Packing,
): E.Either<HistorySectionInvalid, { codes: Int32Array<ArrayBuffer>; kept: number }> {
  if (text.length % 4 !== 0 || !BASE64.test(text))
    return E.left(historySectionInvalid(p.field, 'is not base64'));
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== rows * 4)
    return E.left(historySectionInvalid(p.field, `do not number ${rows} (the ${p.counts}' sum)`));
  const codes = int32sOf(bytes);
  const mask = p.span - 1;
  const lows = p.low;
  // A code's day (code - low) / span is in range when the code is (span a power of two).
  const min = MIN_DAY * p.span;
  const max = MAX_DAY * p.span + mask;
  let kept = 0;
  for (let i = 0; i < rows; i++) {
    const code = codes[i] as number;
    if (code === VERBATIM) kept++;
    else if ((code & mask) >= lows || code < min || code > max)
      return E.left(historySectionInvalid(`${p.field}[${i}]`, p.what));
  }
  return E.right({ codes, kept });
}

/** The rows kept as they came: each at a VERBATIM code, every VERBATIM code (`kept`) once. */
function verbatimOf<V, A, B>(
  field: 'verbatim' | 'scoreVerbatim',
  rows: readonly (readonly [number, A, B])[],
  c: { readonly codes: Int32Array; readonly kept: number },
  value: (a: A, b: B) => V,
): E.Either<HistorySectionInvalid, Map<number, V>> {
  const out = new Map<number, V>();
  for (let i = 0; i < rows.length; i++) {
    const [row, a, b] = rows[i] as readonly [number, A, B];
    if (!Number.isSafeInteger(row) || row < 0 || row >= c.codes.length || c.codes[row] !== VERBATIM)
      return E.left(historySectionInvalid(`${field}[${i}]`, 'is not at a verbatim code'));
    if (out.has(row)) return E.left(historySectionInvalid(`${field}[${i}]`, 'repeats its place'));
    out.set(row, value(a, b));
  }
  if (c.kept !== out.size)
    return E.left(historySectionInvalid(field, 'does not cover every verbatim code'));
  return E.right(out);
}

/**
 * The state of checked columns: for updates and for scores, counts, codes and verbatim
 * rows must agree (lengths, bounds of every place, each code a day and a tracked type, or
 * a day and a score), else the tagged error naming the field at fault.
 */
export function stateOfColumns(
  j: HistoryColumnsJson,
): E.Either<HistorySectionInvalid, HistoryState> {
  if (j.facts.length !== j.keys.length)
    return E.left(historySectionInvalid('facts', 'do not number one per key'));
  const rows = rowsOf('counts', j.counts, j.keys.length);
  if (E.isLeft(rows)) return rows;
  const scoreRows = rowsOf('scoreCounts', j.scoreCounts, j.keys.length);
  if (E.isLeft(scoreRows)) return scoreRows;
  if (new Set(j.keys).size !== j.keys.length)
    return E.left(historySectionInvalid('keys', 'are not distinct'));
  const codes = codesOf(j.codes, rows.right, UPDATE_PACKING);
  if (E.isLeft(codes)) return codes;
  const verbatim = verbatimOf('verbatim', j.verbatim, codes.right, (on, event: string) => ({
    on,
    event,
  }));
  if (E.isLeft(verbatim)) return verbatim;
  const scoreCodes = codesOf(j.scoreCodes, scoreRows.right, SCORE_PACKING);
  if (E.isLeft(scoreCodes)) return scoreCodes;
  const scoreVerbatim = verbatimOf(
    'scoreVerbatim',
    j.scoreVerbatim,
    scoreCodes.right,
    (on, score: number) => ({ on, score }),
  );
  if (E.isLeft(scoreVerbatim)) return scoreVerbatim;
  return E.right(
    HistoryState.ofColumns({
      keys: j.keys,
      facts: j.facts,
      counts: j.counts,
      codes: codes.right.codes,
      verbatim: verbatim.right,
      scoreCounts: j.scoreCounts,
      scoreCodes: scoreCodes.right.codes,
      scoreVerbatim: scoreVerbatim.right,
    }),
  );
}
