import type { Envelope } from '@assure/event-store';
import { ProjectionErrors, type ProjectionError } from '../view/errors';
import { typeOf, type EventDecoder } from '../view/runner';
import { atOrBefore, type TimeTravel } from '../view/time';
import type { EnvelopeHead, HeadView, ProjectedHead } from '../view/view';
import {
  ByteReader,
  BytesInvalid,
  ByteWriter,
  StringTable,
  TokenWriter,
  UnencodableValue,
  type TokenPools,
} from './json-tokens';
import { latest, RecordTimes, Routes } from './journal-parts';

/**
 * The event journal of a snapshot: every event folded into it, in log order, as much as a
 * {@link HeadView} reads (position, stream, revision, type, schema version, valid and
 * transaction times) and its stored payload, as compact bytes (see `json-tokens.ts`). A
 * past day or a known-at instant is then a fold of the journal's events inside the window,
 * each payload decoded by the same decoder as a replay of the log would decode it, without
 * reading and hashing the log's lines again.
 *
 * One record per event, each field an unsigned LEB128 varint: the indexes of its stream,
 * type, `occurredAt` and `recordedAt` in the string table, its schema version and revision,
 * its position as the step from the last numeric position (0: the position is not a safe
 * integer, its text's index follows), the payload's byte length, then the payload's tokens.
 */
export class Journal {
  readonly pools: TokenPools;
  readonly #out: ByteWriter;
  readonly #tokens: TokenWriter;
  #count = 0;
  /** Where the next step counts from; null until a journal read from a section is checked. */
  #lastPosition: number | null = 0;
  #unusable: string | null = null;

  /**
   * @param pools the pools of the records (a section's), else new ones
   * @param records records read from a section: each is checked as it is read (see
   *   `ByteReader`), and all of them before another is added
   */
  constructor(
    pools?: TokenPools,
    records?: { readonly bytes: Uint8Array; readonly count: number },
  ) {
    this.pools = pools ?? { strings: new StringTable(), shapes: [], numbers: [] };
    this.#out = new ByteWriter(records?.bytes, records?.bytes.length ?? 0);
    this.#tokens = new TokenWriter(this.pools, new ByteWriter());
    this.#count = records?.count ?? 0;
    if (records !== undefined) this.#lastPosition = null;
  }

  /** How many events the journal holds. */
  get count(): number {
    return this.#count;
  }

  /** Why the journal cannot replay (an event it could not hold), or null when it can. */
  get unusable(): string | null {
    return this.#unusable;
  }

  /** Marks the journal as unable to replay (a section that said so). */
  markUnusable(reason: string): void {
    this.#unusable ??= reason;
  }

  /** The records (a view of the bytes written, not a copy). */
  records(): Uint8Array {
    return this.#out.bytes();
  }

  /** Adds an event, after every event already in. */
  add(envelope: Envelope): void {
    this.#record(envelope, envelope.data);
  }

  #record(
    e: Pick<Envelope, 'stream' | 'type' | 'schemaVersion' | 'revision' | 'position'> & {
      readonly meta: EnvelopeHead['meta'];
    },
    data: unknown,
  ): void {
    // A journal read from a section is checked in full before anything is added to it.
    this.#lastPosition ??= this.#check();
    const out = this.#out;
    const strings = this.pools.strings;
    if (!small(e.schemaVersion) || !small(e.revision))
      this.#unusable ??= `event ${e.position}: its revision or schema version is out of range`;
    out.varint(strings.intern(e.stream));
    out.varint(strings.intern(e.type));
    out.varint(strings.intern(e.meta.occurredAt));
    out.varint(strings.intern(e.meta.recordedAt));
    out.varint(small(e.schemaVersion) ? e.schemaVersion : 0);
    out.varint(small(e.revision) ? e.revision : 0);
    const p = numericPosition(e.position);
    const step = p - this.#lastPosition;
    if (step > 0 && small(step)) out.varint(step);
    else {
      out.varint(0);
      out.varint(strings.intern(e.position));
    }
    if (!Number.isNaN(p)) this.#lastPosition = p;
    const payload = this.#tokens.out;
    const before = payload.length;
    try {
      this.#tokens.write(data);
    } catch (err) {
      if (!(err instanceof UnencodableValue)) throw err;
      this.#unusable ??= `event ${e.position}: ${err.message}`;
    }
    const bytes = payload.bytes().subarray(before);
    out.varint(bytes.length);
    out.raw(bytes);
    // The payload buffer is scratch: start it over when it grows large.
    if (payload.length > 1 << 20) this.#tokens.out.reset();
    this.#count++;
  }

  /** Adds every event of `other` after this journal's (a snapshot's journal and a catch-up's). */
  append(other: Journal): void {
    other.#each((e, reader, end) => {
      this.#record(e, reader.value(end));
      return undefined;
    });
    if (other.#unusable !== null) this.#unusable ??= other.#unusable;
  }

  /**
   * Calls `visit` with each record's head, in order, the reader placed at its payload (which
   * ends at `end`), and the string indexes of its valid time and type; stops at the first answer `visit`
   * returns. A record shares the `meta` of the last record visited with its valid time when
   * their transaction times are the same too, and a valid time's day number is worked out
   * once per string (see `RecordTimes`). With `want`, only the records
   * whose times' string indexes it accepts are visited (the others are stepped over, their
   * payloads unread). With `limit`, only the first `limit` records are read (the journal may
   * have grown since a caller took its count: records are only ever added after the others).
   *
   * @throws BytesInvalid when a record does not read
   */
  #each<T>(
    visit: (
      e: RecordHead,
      reader: ByteReader,
      end: number,
      occurred: number,
      type: number,
    ) => T | undefined,
    want?: (occurred: number, recorded: number) => boolean,
    limit: number = this.#count,
  ): T | undefined {
    const bytes = this.records();
    const reader = new ByteReader(bytes, this.pools);
    const strings = this.pools.strings.list;
    const n = strings.length;
    const index = (): number => {
      const i = reader.varint(total);
      if (i >= n) throw new BytesInvalid(reader.at, 'no such string');
      return i;
    };
    const total = bytes.length;
    const times = new RecordTimes(strings);
    let last = 0;
    for (let k = 0; k < limit; k++) {
      const stream = index();
      const type = index();
      const occurred = index();
      const recorded = index();
      const schemaVersion = reader.varint(total);
      const revision = reader.varint(total);
      const step = reader.varint(total);
      let text = -1;
      if (step === 0) {
        text = index();
        const p = numericPosition(strings[text] as string);
        if (!Number.isNaN(p)) last = p;
      } else last += step;
      const length = reader.varint(total);
      const end = reader.at + length;
      if (end > total) throw new BytesInvalid(reader.at, 'a payload runs past the end');
      if (want === undefined || want(occurred, recorded)) {
        const e = new RecordEnvelope(
          strings[stream] as string,
          strings[type] as string,
          schemaVersion,
          revision,
          text < 0 ? last : (strings[text] as string),
          times.meta(occurred, recorded),
          times.day(occurred),
        );
        const answer = visit(e, reader, end, occurred, type);
        if (answer !== undefined) return answer;
      }
      reader.at = end;
    }
    if (limit === this.#count && reader.at !== total)
      throw new BytesInvalid(reader.at, 'bytes follow the last record');
    return undefined;
  }

  /**
   * Reads every record and payload, checking each (see `ByteReader`) and that positions
   * increase.
   *
   * @returns the last numeric position (where the next step counts from)
   * @throws BytesInvalid at the first that does not read
   */
  #check(): number {
    let numeric = 0;
    let last: bigint | null = null;
    this.#each((e, reader, end) => {
      reader.value(end);
      if (reader.at !== end)
        throw new BytesInvalid(reader.at, 'a payload is longer than its value');
      if (!/^(0|[1-9]\d*)$/.test(e.position)) throw new BytesInvalid(reader.at, 'not a position');
      const p = BigInt(e.position);
      if (last !== null && p <= last)
        throw new BytesInvalid(reader.at, 'a position does not follow the one before');
      last = p;
      const q = numericPosition(e.position);
      if (!Number.isNaN(q)) numeric = q;
      return undefined;
    });
    return numeric;
  }

  /**
   * Folds the events inside the window into `states` (in place, as a runner does), each
   * payload decoded by `decode` and routed to the views that handle its type.
   *
   * @param limit how many of the journal's first events to read (default: all of them)
   * @returns how many were folded and the latest valid time folded, or why it stopped
   * @throws BytesInvalid when a record does not read (each is checked as it is read)
   * @throws RangeError when `limit` is not a count of events the journal holds
   */
  replay<Ev>(
    views: readonly HeadView<unknown, Ev>[],
    states: unknown[],
    decode: EventDecoder<Ev>,
    tt: TimeTravel,
    limit: number = this.#count,
  ): { readonly folded: number; readonly maxOccurredAt: string | null } | ProjectionError {
    if (!Number.isSafeInteger(limit) || limit < 0 || limit > this.#count)
      throw new RangeError(`limit: expected 0 to ${this.#count}, got ${String(limit)}`);
    const lastInstant = tt.asAt === undefined ? undefined : `${tt.asAt}T23:59:59.999Z`;
    const knownAt = tt.knownAt;
    // Whether each string, as a valid or a transaction time, is inside the window: worked
    // out once per string of the table (0 not yet, 1 inside, 2 outside).
    const n = this.pools.strings.list.length;
    const occurredOk = new Uint8Array(n);
    const recordedOk = new Uint8Array(n);
    const routes = new Routes(views);
    const names = routes.names;
    let folded = 0;
    // The valid times folded, by string index: the latest is found among them at the end.
    const foldedAt = new Uint8Array(n);
    let failure: ProjectionError | undefined;
    const strings = this.pools.strings.list;
    const want = (o: number, r: number): boolean => {
      if (occurredOk[o] === 0)
        occurredOk[o] =
          lastInstant === undefined || atOrBefore(strings[o] as string, lastInstant) ? 1 : 2;
      if (recordedOk[r] === 0)
        recordedOk[r] = knownAt === undefined || atOrBefore(strings[r] as string, knownAt) ? 1 : 2;
      return occurredOk[o] === 1 && recordedOk[r] === 1;
    };
    const visit = (
      e: RecordHead,
      reader: ByteReader,
      end: number,
      occurred: number,
      type: number,
    ): true | undefined => {
      const decoded = decode(names[type] ?? e.type, e.schemaVersion, reader.value(end));
      if (decoded._tag === 'Left') {
        failure = ProjectionErrors.undecodable(
          e.position,
          e.stream,
          e.revision,
          e.type,
          e.schemaVersion,
          decoded.left.errors,
        );
        return true;
      }
      const event = decoded.right;
      const projected: ProjectedHead<Ev> = { envelope: e, event, retained: false };
      const route = routes.of(type, typeOf(event), e.type);
      for (let k = 0; k < route.length; k++) {
        const v = route[k] as number;
        const view = views[v] as HeadView<unknown, Ev>;
        try {
          states[v] = view.evolve(states[v], projected);
        } catch (cause) {
          failure = ProjectionErrors.viewFailed(view.name, e.position, cause);
          return true;
        }
      }
      folded++;
      foldedAt[occurred] = 1;
      return undefined;
    };
    this.#each(visit, want, limit);
    return failure ?? { folded, maxOccurredAt: latest(strings, foldedAt) };
  }
}

/** What a record says of its event besides the payload. */
type RecordHead = EnvelopeHead & Pick<Envelope, 'schemaVersion' | 'revision'>;

/**
 * A record's head as a view sees it: its position made a string only when read (few views
 * read it; a replay of a million events would otherwise make a million strings).
 */
class RecordEnvelope implements RecordHead {
  constructor(
    readonly stream: string,
    readonly type: string,
    readonly schemaVersion: number,
    readonly revision: number,
    private readonly at: number | string,
    readonly meta: EnvelopeHead['meta'],
    readonly occurredDay: number,
  ) {}

  get position(): string {
    return typeof this.at === 'string' ? this.at : String(this.at);
  }
}

/** A position as a safe integer, or NaN when its text is not one in canonical form. */
function numericPosition(position: string): number {
  const p = Number(position);
  return Number.isSafeInteger(p) && String(p) === position ? p : Number.NaN;
}

/** A non-negative integer a varint holds. */
const small = (n: number): boolean => Number.isInteger(n) && n >= 0 && n < 2 ** 32;
