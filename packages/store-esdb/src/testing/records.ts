/**
 * The test double's log: its records, streams and positions, kept in memory, and the check
 * of an append's expected revision. No gRPC here: ./esdb-double.ts serves this log.
 */
import { randomUUID } from 'node:crypto';
import { RecentIds } from './idempotency';

/** One stored record, as the double keeps it. */
export interface DoubleRecord {
  readonly stream: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
  readonly created: string;
  readonly position: bigint;
}

/** An append's expectation, as the double reads it. */
export type Expected =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

/** A proposed event, as the double reads it. */
export interface Proposed {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

/** What the double knows of one stream. */
export interface StreamState {
  lastRevision: bigint; // -1n when nothing was ever written
  truncateBefore: bigint; // soft delete: reads start here
  tombstoned: boolean;
}

/** The revision a real server gives the `$streamDeleted` record of a tombstoned stream. */
export const DELETED_STREAM_REVISION = 9223372036854775807n;
const TICKS_PER_MS = 10_000n;
const textEncoder = new TextEncoder();

/** Now, in .NET ticks (100 ns), as a record's `created`. */
export function ticksNow(): string {
  return (BigInt(Date.now()) * TICKS_PER_MS).toString();
}

/** The result of checking an append's expectation against a stream. */
export type Check = { ok: true } | { ok: false; current: bigint | null };

/** The double's records, in log order, with their streams and positions. */
export class DoubleLog {
  private readonly list: DoubleRecord[] = [];
  private readonly positions = new Set<bigint>();
  /** Records by stream and revision (`stream \u0000 revision`), for the idempotency check. */
  private readonly byRevision = new Map<string, DoubleRecord>();
  private readonly recentIds = new RecentIds();
  private readonly streams = new Map<string, StreamState>();
  private nextPosition: bigint;

  /** `notify` is told of the records each write adds, in order (the live subscriptions). */
  constructor(
    firstPosition: bigint,
    private readonly notify: (records: readonly DoubleRecord[]) => void,
  ) {
    this.nextPosition = firstPosition;
  }

  /** Every record, system ones included, in log order (the double's own array: do not change it). */
  get records(): readonly DoubleRecord[] {
    return this.list;
  }

  /** Whether a record starts at this commit position. */
  hasPosition(position: bigint): boolean {
    return this.positions.has(position);
  }

  /** The event stored at a revision of a stream. */
  at(stream: string, revision: bigint): DoubleRecord | undefined {
    return this.byRevision.get(`${stream}\u0000${revision}`);
  }

  /** Where a recently written event id was stored (the bounded cache). */
  recent(id: string): DoubleRecord | undefined {
    return this.recentIds.get(id);
  }

  /** The stream's state, if it was ever written or deleted. */
  peek(stream: string): StreamState | undefined {
    return this.streams.get(stream);
  }

  /** The stream's state, created empty when new. */
  state(stream: string): StreamState {
    let s = this.streams.get(stream);
    if (s === undefined) {
      s = { lastRevision: -1n, truncateBefore: 0n, tombstoned: false };
      this.streams.set(stream, s);
    }
    return s;
  }

  exists(stream: string): boolean {
    const s = this.streams.get(stream);
    return s !== undefined && !s.tombstoned && s.lastRevision >= s.truncateBefore;
  }

  /** Writes events at the stream's next revisions and tells the subscriptions. */
  write(stream: string, events: readonly Proposed[]): DoubleRecord[] {
    const s = this.state(stream);
    const created = ticksNow();
    const out: DoubleRecord[] = [];
    for (const e of events) {
      s.lastRevision += 1n;
      out.push(this.push({ ...e, stream, revision: s.lastRevision, created }));
    }
    this.notify(out);
    return out;
  }

  /** Writes one record as given (a system record) and tells the subscriptions. */
  writeRecord(r: Omit<DoubleRecord, 'position'>): DoubleRecord {
    const record = this.push(r);
    this.notify([record]);
    return record;
  }

  /** Writes the system records a real server writes now and then (`$`-prefixed streams). */
  writeSystemNoise(): void {
    const json = (o: unknown) => textEncoder.encode(JSON.stringify(o));
    const noise = (stream: string, type: string, data: unknown): void => {
      const s = this.state(stream);
      s.lastRevision += 1n;
      this.writeRecord({
        stream,
        revision: s.lastRevision,
        id: randomUUID(),
        type,
        contentType: 'application/json',
        data: json(data),
        customMetadata: new Uint8Array(),
        created: ticksNow(),
      });
    };
    noise('$stats-127.0.0.1:2113', '$statsCollected', { 'proc-mem': 1 });
    noise('$$$settings', '$metadata', { $acl: {} });
  }

  private push(r: Omit<DoubleRecord, 'position'>): DoubleRecord {
    const record: DoubleRecord = { ...r, position: this.nextPosition };
    // Positions are byte offsets in a real log: increasing, not contiguous.
    this.nextPosition += BigInt(128 + r.data.length + r.customMetadata.length);
    this.list.push(record);
    this.positions.add(record.position);
    this.byRevision.set(`${record.stream}\u0000${record.revision}`, record);
    this.recentIds.remember(record);
    return record;
  }

  /** Checks an append's expectation against the stream as it stands. */
  check(stream: string, expected: Expected): Check {
    const exists = this.exists(stream);
    const current = exists ? (this.streams.get(stream)?.lastRevision ?? null) : null;
    switch (expected.kind) {
      case 'any':
        return { ok: true };
      case 'no_stream':
        return exists ? { ok: false, current } : { ok: true };
      case 'stream_exists':
        return exists ? { ok: true } : { ok: false, current };
      case 'revision':
        return current === expected.revision ? { ok: true } : { ok: false, current };
      default: {
        const never: never = expected;
        return never;
      }
    }
  }
}
