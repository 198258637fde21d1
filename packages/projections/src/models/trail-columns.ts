import type { Envelope, EventMeta } from '@assure/event-store';
import { isPayloadStream, payloadStream } from './payload-stream';

/** What the trail's columns keep of an envelope. */
export type TrailSource = Pick<Envelope, 'position' | 'stream' | 'type' | 'hash'> & {
  readonly meta: Pick<EventMeta, 'actor' | 'role' | 'occurredAt' | 'recordedAt'>;
};

/**
 * Column storage of the audit trail's folded events.
 *
 * A rebuild from a file parses every line into fresh objects; keeping each envelope (its
 * meta, hashes, position and ids: a dozen heap objects) for the trail made memory grow
 * with the event bodies and the garbage collector copy them all. These columns keep one
 * row in about 70 bytes of typed arrays plus a reference to the decoded payload:
 *
 * - positions, `occurredAt` and `recordedAt` as numbers (a decimal string and an instant
 *   in `toISOString()` form print back exactly);
 * - actor, role and type as indexes into an intern table (few distinct values); the stream
 *   not at all when it is the one the payload names (`<category>-<id>`, as the domain's
 *   `streamOfEvent` makes it: made again when read), else by reference (one per entity:
 *   too many to intern cheaply);
 * - the hash as 32 bytes.
 *
 * A value that does not have the canonical form (it cannot be turned back exactly) is kept
 * as it came, in a side table by row: what is read back is always what was folded.
 */
export class TrailColumns {
  #length = 0;
  /** Rows in chunks of {@link CHUNK_ROWS} (the first grows up to it): no copy of old rows. */
  readonly #chunks: ColumnChunk[] = [];
  /** Interned strings: index by value, and values by index. */
  readonly #internIndex = new Map<string, number>();
  readonly #interned: string[] = [];
  /** Values kept as they came, by row and column (non-canonical ones only). */
  readonly #verbatim = new Map<number, string>();
  /**
   * The {@link instantMs} of `occurredAt` and `recordedAt`, each remembered for the last one
   * read: an instant equal to the last (events of one day at midnight, a batch appended at
   * one instant) costs a string compare, not a parse (24 `charCodeAt` in optimised code:
   * about 700 instructions).
   */
  readonly #occurredMs = new LastRemembered(instantMs);
  readonly #recordedMs = new LastRemembered(instantMs);

  /** How many rows are stored. */
  get length(): number {
    return this.#length;
  }

  /**
   * Appends the row of one envelope and its decoded payload (the payload is kept by
   * reference: it is immutable once decoded).
   *
   * @param type the envelope's type, or a string equal to it (the decoded event's, which a
   *   decoder may hand out as its own constant: interned faster than a fresh copy)
   */
  push(envelope: TrailSource, payload: unknown, type: string = envelope.type): void {
    const i = this.#length;
    const k = i & CHUNK_MASK;
    let c = this.#chunks[i >>> CHUNK_BITS];
    if (c === undefined) {
      c = new ColumnChunk(i === 0 ? FIRST_CAPACITY : CHUNK_ROWS);
      this.#chunks.push(c);
    } else if (k === c.capacity) c.grow();
    const meta = envelope.meta;
    const position = decimalValue(envelope.position);
    if (Number.isNaN(position)) this.#keep(i, POSITION, envelope.position);
    c.positions[k] = position;
    const occurredAt = meta.occurredAt;
    const occurred = this.#occurredMs.of(occurredAt);
    if (Number.isNaN(occurred)) this.#keep(i, OCCURRED, occurredAt);
    c.occurred[k] = occurred;
    const recordedAt = meta.recordedAt;
    const recorded = this.#recordedMs.of(recordedAt);
    if (Number.isNaN(recorded)) this.#keep(i, RECORDED, recordedAt);
    c.recorded[k] = recorded;
    c.actors[k] = this.#intern(meta.actor);
    c.roles[k] = this.#intern(meta.role);
    // A fresh string per event kept for the whole fold, which the garbage collector copied
    // (and the payload names it anyway): kept only when it is not the payload's.
    const stream = envelope.stream;
    c.streams.push(isPayloadStream(stream, type, payload) ? null : stream);
    c.types[k] = this.#intern(type);
    if (!hexToBytes(envelope.hash, c.hashes, k * 32))
      this.#verbatim.set(i * COLUMNS + HASH, envelope.hash);
    c.payloads.push(payload);
    this.#length = i + 1;
  }

  #chunk(i: number): ColumnChunk {
    return this.#chunks[i >>> CHUNK_BITS] as ColumnChunk;
  }

  /** The position of row `i` (a decimal string). */
  position(i: number): string {
    return (
      this.#verbatim.get(i * COLUMNS + POSITION) ?? String(this.#chunk(i).positions[i & CHUNK_MASK])
    );
  }
  /** The `occurredAt` instant of row `i`. */
  occurredAt(i: number): string {
    return (
      this.#verbatim.get(i * COLUMNS + OCCURRED) ??
      msInstant(this.#chunk(i).occurred[i & CHUNK_MASK] as number)
    );
  }
  /** The `recordedAt` instant of row `i`. */
  recordedAt(i: number): string {
    return (
      this.#verbatim.get(i * COLUMNS + RECORDED) ??
      msInstant(this.#chunk(i).recorded[i & CHUNK_MASK] as number)
    );
  }
  /** The actor of row `i`. */
  actor(i: number): string {
    return this.#interned[this.#chunk(i).actors[i & CHUNK_MASK] as number] as string;
  }
  /** The role of row `i`. */
  role(i: number): string {
    return this.#interned[this.#chunk(i).roles[i & CHUNK_MASK] as number] as string;
  }
  /** The stream of row `i`. */
  stream(i: number): string {
    const kept = this.#chunk(i).streams[i & CHUNK_MASK];
    if (kept !== null && kept !== undefined) return kept;
    // Not kept: the payload named it (see `push`), by the rule of the row's type.
    return payloadStream(this.type(i), this.payload(i));
  }
  /** The event type of row `i`. */
  type(i: number): string {
    return this.#interned[this.#chunk(i).types[i & CHUNK_MASK] as number] as string;
  }
  /** The hash of row `i` (64 lower-case hex digits when canonical). */
  hash(i: number): string {
    return (
      this.#verbatim.get(i * COLUMNS + HASH) ??
      bytesToHex(this.#chunk(i).hashes, (i & CHUNK_MASK) * 32)
    );
  }
  /** The decoded payload of row `i`, as pushed. */
  payload(i: number): unknown {
    return this.#chunk(i).payloads[i & CHUNK_MASK];
  }

  /** Keeps a value of row `i` that has no canonical form as it came. */
  #keep(i: number, column: number, s: string): void {
    this.#verbatim.set(i * COLUMNS + column, s);
  }

  #intern(s: string): number {
    const known = this.#internIndex.get(s);
    if (known !== undefined) return known;
    const index = this.#interned.length;
    this.#interned.push(s);
    this.#internIndex.set(s, index);
    return index;
  }
}

/** Rows per chunk of columns (a power of two: a row's chunk and place are a shift and a mask). */
const CHUNK_BITS = 14;
const CHUNK_ROWS = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_ROWS - 1;
/** The first chunk starts this small (a short trail stays small) and doubles up to a full one. */
const FIRST_CAPACITY = 64;

/** The columns of up to {@link CHUNK_ROWS} consecutive rows. */
class ColumnChunk {
  positions: Float64Array;
  occurred: Float64Array;
  recorded: Float64Array;
  actors: Uint32Array;
  roles: Uint32Array;
  types: Uint32Array;
  hashes: Uint8Array;
  /**
   * Streams by reference (one per entity, too many to intern cheaply), null where the
   * payload names the stream (see `isPayloadStream`).
   */
  readonly streams: (string | null)[] = [];
  readonly payloads: unknown[] = [];

  constructor(public capacity: number) {
    this.positions = new Float64Array(capacity);
    this.occurred = new Float64Array(capacity);
    this.recorded = new Float64Array(capacity);
    this.actors = new Uint32Array(capacity);
    this.roles = new Uint32Array(capacity);
    this.types = new Uint32Array(capacity);
    this.hashes = new Uint8Array(capacity * 32);
  }

  /** Doubles the capacity (the first chunk only, up to a full chunk). */
  grow(): void {
    const capacity = Math.min(CHUNK_ROWS, this.capacity * 2);
    this.positions = grown(this.positions, new Float64Array(capacity));
    this.occurred = grown(this.occurred, new Float64Array(capacity));
    this.recorded = grown(this.recorded, new Float64Array(capacity));
    this.actors = grown(this.actors, new Uint32Array(capacity));
    this.roles = grown(this.roles, new Uint32Array(capacity));
    this.types = grown(this.types, new Uint32Array(capacity));
    this.hashes = grown(this.hashes, new Uint8Array(capacity * 32));
    this.capacity = capacity;
  }
}

// Column numbers of the side table's keys (row * COLUMNS + column).
const POSITION = 0;
const OCCURRED = 1;
const RECORDED = 2;
const HASH = 3;
const COLUMNS = 4;

function grown<T extends Float64Array | Uint32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

const ZERO = 48;

/**
 * The value of a canonical decimal string (digits, no leading zero unless it is "0") that
 * a double holds exactly; NaN for anything else.
 */
export function decimalValue(s: string): number {
  const n = s.length;
  if (n === 0 || n > 15 || (n > 1 && s.charCodeAt(0) === ZERO)) return Number.NaN;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return Number.NaN;
    v = v * 10 + d;
  }
  return v;
}

const digits2 = (s: string, i: number): number => {
  const a = s.charCodeAt(i) - ZERO;
  const b = s.charCodeAt(i + 1) - ZERO;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
};

/**
 * A number worked out from a string (`compute`, pure), remembered for the last string given:
 * the same string again (an instant or day repeated from one event to the next) costs a
 * string compare.
 */
export class LastRemembered {
  /** The last string given (none yet: undefined, which no string equals). */
  #text: string | undefined = undefined;
  #value = Number.NaN;
  readonly #compute: (text: string) => number;

  constructor(compute: (text: string) => number) {
    this.#compute = compute;
  }

  /** `compute(text)`, worked out again only when `text` is not the last one given. */
  of(text: string): number {
    if (text !== this.#text) {
      this.#text = text;
      this.#value = this.#compute(text);
    }
    return this.#value;
  }
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The last civil date {@link civilDay} worked out (`(y * 16 + m) * 128 + d`) and its day number
 * (NaN: not a real day). A fold reads two or three instants per event (the history's day, the
 * trail's `occurredAt` and `recordedAt`), mostly of the day just read: one compare instead of
 * the month-length check and five divisions of {@link daysFromCivil}. With the caches of an
 * instant equal to the last (TrailColumns, the history view): instantMs 1558 -> 568 and
 * dayNumber 321 -> 38 instructions per event, cold rebuild of 30k generated events (callgrind).
 */
let lastDate = -1;
let lastDay = Number.NaN;

/**
 * Days from 1970-01-01 to a civil date (digits already checked: y 0-9999, m 1-12, d 0-99),
 * NaN when it is not a real day.
 */
function civilDay(y: number, m: number, d: number): number {
  const date = (y * 16 + m) * 128 + d;
  if (date === lastDate) return lastDay;
  const monthDays = m === 2 && isLeap(y) ? 29 : (MONTH_DAYS[m - 1] as number);
  const day = d < 1 || d > monthDays ? Number.NaN : daysFromCivil(y, m, d);
  lastDate = date;
  lastDay = day;
  return day;
}

/** Days from 1970-01-01 to a civil date (proleptic Gregorian). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Milliseconds since the epoch of an instant in `toISOString()` form
 * (`YYYY-MM-DDTHH:mm:ss.sssZ`, a real day, hours 0-23); NaN for any other string. Such an
 * instant prints back unchanged with {@link msInstant}.
 */
export function instantMs(s: string): number {
  if (
    s.length !== 24 ||
    s.charCodeAt(4) !== 45 ||
    s.charCodeAt(7) !== 45 ||
    s.charCodeAt(10) !== 84 ||
    s.charCodeAt(13) !== 58 ||
    s.charCodeAt(16) !== 58 ||
    s.charCodeAt(19) !== 46 ||
    s.charCodeAt(23) !== 90
  )
    return Number.NaN;
  const y1 = digits2(s, 0);
  const y2 = digits2(s, 2);
  const mo = digits2(s, 5);
  const d = digits2(s, 8);
  const h = digits2(s, 11);
  const mi = digits2(s, 14);
  const sec = digits2(s, 17);
  const ms1 = digits2(s, 20);
  const ms2 = s.charCodeAt(22) - ZERO;
  if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23) return Number.NaN;
  if (mi < 0 || mi > 59 || sec < 0 || sec > 59 || ms1 < 0 || ms2 < 0 || ms2 > 9) return Number.NaN;
  const ms = ms1 * 10 + ms2;
  // NaN for a day that is not a real one: NaN throughout.
  return ((civilDay(y1 * 100 + y2, mo, d) * 24 + h) * 60 + mi) * 60000 + sec * 1000 + ms;
}

/**
 * Days since 1970-01-01 of the day a string begins with, when its first ten characters are
 * a real day in `YYYY-MM-DD` form (what `slice(0, 10)` of an instant in `toISOString()` form
 * gives); NaN for any other string. Such a day prints back unchanged with {@link dayString}.
 */
export function dayNumber(s: string): number {
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return Number.NaN;
  const y1 = digits2(s, 0);
  const y2 = digits2(s, 2);
  const mo = digits2(s, 5);
  const d = digits2(s, 8);
  if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1) return Number.NaN;
  return civilDay(y1 * 100 + y2, mo, d);
}

/** The `YYYY-MM-DD` form of a day number (see {@link dayNumber}). */
export function dayString(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

/** The `toISOString()` form of an epoch millisecond count. */
export function msInstant(ms: number): string {
  return new Date(ms).toISOString();
}

const HEX = '0123456789abcdef';
/** Value of a lower-case hex digit by character code, -1 for others. */
const HEX_VALUE = (() => {
  const out = new Int8Array(128).fill(-1);
  for (let i = 0; i < 16; i++) out[HEX.charCodeAt(i)] = i;
  return out;
})();

/** Writes 64 lower-case hex digits as 32 bytes at `offset`; false (nothing kept) otherwise. */
function hexToBytes(s: string, out: Uint8Array, offset: number): boolean {
  if (s.length !== 64) return false;
  for (let i = 0; i < 32; i++) {
    const hi = s.charCodeAt(2 * i);
    const lo = s.charCodeAt(2 * i + 1);
    const h = hi < 128 ? (HEX_VALUE[hi] as number) : -1;
    const l = lo < 128 ? (HEX_VALUE[lo] as number) : -1;
    if (h < 0 || l < 0) return false;
    out[offset + i] = (h << 4) | l;
  }
  return true;
}

function bytesToHex(bytes: Uint8Array, offset: number): string {
  let s = '';
  for (let i = 0; i < 32; i++) {
    const b = bytes[offset + i] as number;
    s += HEX[b >> 4] + (HEX[b & 15] as string);
  }
  return s;
}
