/**
 * A protocol-level TEST DOUBLE of EventStoreDB: an in-process gRPC server that serves the
 * client's own generated service definitions (ServerFeatures; Streams Read, Append,
 * BatchAppend, Delete, Tombstone) with EventStoreDB's error conventions, so the real
 * `@eventstore/db-client` can be exercised without a server. It is a double, not a product:
 * no persistence, no cluster, no ACLs, and it only models what the adapter and its tests
 * need. It models the server's idempotent append (a batch re-sent with the same event ids is
 * acknowledged without being written again; see ./idempotency.ts), and scripted failures of
 * an append's reply ({@link EsdbDouble.failNextAppends}). See ../../README.md.
 */
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import {
  anyPb,
  codePb,
  emptyPb,
  serverFeaturesGrpc,
  serverFeaturesPb,
  sharedPb,
  statusPb,
  streamsGrpc,
  streamsPb,
} from './generated';
import { RecentIds, judgeRepeat } from './idempotency';
import { batchTimeoutResponse, type AppendFault } from './faults';

export type { AppendFault } from './faults';

/** Options of {@link EsdbDouble.start}. */
export interface EsdbDoubleOptions {
  /** Advertise `Streams/BatchAppend` in ServerFeatures (the client then appends through it). */
  readonly batchAppend: boolean;
  /** Answer ServerFeatures with UNIMPLEMENTED, like a 20.6 server (nothing optional). */
  readonly featuresUnimplemented?: boolean;
  /** Commit position of the first record (default 512); use a value beyond 2^53 to test bigints. */
  readonly firstPosition?: bigint;
  /** Write system records (`$`-prefixed streams, `$metadata`) at start and every N appends. */
  readonly systemNoiseEvery?: number;
  /** Bind to this port (default: a free one). */
  readonly port?: number;
  /**
   * Runs before the double judges each `Append` call (not `BatchAppend`), with the target
   * stream: a test writes a competing event there to force a conflict. Appends made while
   * it runs are not hooked.
   */
  readonly beforeAppend?: (stream: string) => Promise<void>;
}

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

interface StreamState {
  lastRevision: bigint; // -1n when nothing was ever written
  truncateBefore: bigint; // soft delete: reads start here
  tombstoned: boolean;
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

type Filter = (r: DoubleRecord) => boolean;

interface Subscriber {
  readonly call: grpc.ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>;
  readonly stream: string | null; // null: $all
  readonly filter: Filter;
  readonly structured: boolean;
}

const DELETED_STREAM_REVISION = 9223372036854775807n;
const TICKS_PER_MS = 10_000n;
const textEncoder = new TextEncoder();

/** The in-process EventStoreDB test double (see the module comment). */
export class EsdbDouble {
  private server: grpc.Server | null = null;
  private readonly records: DoubleRecord[] = [];
  private readonly positions = new Set<bigint>();
  /** Records by stream and revision (`stream \u0000 revision`), for the idempotency check. */
  private readonly byRevision = new Map<string, DoubleRecord>();
  private readonly recentIds = new RecentIds();
  private readonly faults: AppendFault[] = [];
  private readFaults = 0;
  private readFaultsAfterWrite = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly streams = new Map<string, StreamState>();
  private readonly subscribers = new Set<Subscriber>();
  private nextPosition: bigint;
  private appendsSinceNoise = 0;
  private inAppendHook = false;
  private boundPort = 0;
  /** How many Streams calls of each kind the double has served (tests read it). */
  readonly calls = {
    append: 0,
    batchAppend: 0,
    batches: 0,
    read: 0,
    subscribe: 0,
    delete: 0,
    tombstone: 0,
    /** Appends acknowledged as an idempotent repeat of a batch already written. */
    idempotent: 0,
    /** Appends whose reply a scripted {@link AppendFault} lost. */
    faulted: 0,
  };

  private constructor(readonly options: EsdbDoubleOptions) {
    this.nextPosition = options.firstPosition ?? 512n;
  }

  /** Starts a double on 127.0.0.1 (a free port unless `options.port` is given). */
  static async start(options: EsdbDoubleOptions): Promise<EsdbDouble> {
    const d = new EsdbDouble(options);
    if (options.systemNoiseEvery !== undefined) d.writeNoise();
    await d.listen(options.port ?? 0);
    return d;
  }

  /** The bound port. */
  get port(): number {
    return this.boundPort;
  }

  /** `esdb://127.0.0.1:PORT?tls=false`. */
  get connectionString(): string {
    return `esdb://127.0.0.1:${this.boundPort}?tls=false`;
  }

  /** Every record, system ones included, in log order (a copy). */
  allRecords(): readonly DoubleRecord[] {
    return [...this.records];
  }

  /** Drops every connection and stops listening; the data stays for {@link restart}. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.subscribers.clear();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (server === null) return;
    server.forceShutdown();
    await new Promise((r) => setImmediate(r));
  }

  /** Listens again on the same port with the same data. */
  async restart(): Promise<void> {
    if (this.server !== null) await this.stop();
    await this.listen(this.boundPort);
  }

  /**
   * Scripts failures for the next appends, one each, in order (`Append` calls and
   * `BatchAppend` requests alike); later appends are served normally.
   */
  failNextAppends(...faults: readonly AppendFault[]): void {
    this.faults.push(...faults);
  }

  /**
   * Drops every connection (back at once) instead of answering the next `count` reads; with
   * `afterNextWrite`, only the reads after the next append the double writes (so a client's
   * reads before that append, such as the adapter's look at the log's last transaction time,
   * are served, and the faults meet the read-back of what was written).
   */
  failNextReads(count: number, options: { readonly afterNextWrite?: boolean } = {}): void {
    if (options.afterNextWrite === true) this.readFaultsAfterWrite += count;
    else this.readFaults += count;
  }

  /** Writes a record directly (no expectation check), e.g. a corrupt or foreign event. */
  inject(stream: string, proposed: Omit<Proposed, 'id'> & { readonly id?: string }): DoubleRecord {
    const [record] = this.write(stream, [{ ...proposed, id: proposed.id ?? randomUUID() }]);
    if (record === undefined) throw new Error('inject wrote nothing');
    return record;
  }

  private async listen(port: number): Promise<void> {
    const server = new grpc.Server();
    server.addService(streamsGrpc.StreamsService, this.streamsImpl());
    server.addService(serverFeaturesGrpc.ServerFeaturesService, this.featuresImpl());
    this.boundPort = await new Promise<number>((resolve, reject) => {
      server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      );
    });
    this.server = server;
  }

  // ---- storage ------------------------------------------------------------------------

  private state(stream: string): StreamState {
    let s = this.streams.get(stream);
    if (s === undefined) {
      s = { lastRevision: -1n, truncateBefore: 0n, tombstoned: false };
      this.streams.set(stream, s);
    }
    return s;
  }

  private exists(stream: string): boolean {
    const s = this.streams.get(stream);
    return s !== undefined && !s.tombstoned && s.lastRevision >= s.truncateBefore;
  }

  private write(stream: string, events: readonly Proposed[]): DoubleRecord[] {
    const s = this.state(stream);
    const created = (BigInt(Date.now()) * TICKS_PER_MS).toString();
    const out: DoubleRecord[] = [];
    for (const e of events) {
      s.lastRevision += 1n;
      out.push(this.push({ ...e, stream, revision: s.lastRevision, created }));
    }
    for (const sub of this.subscribers) for (const r of out) this.deliver(sub, r);
    return out;
  }

  private push(r: Omit<DoubleRecord, 'position'>): DoubleRecord {
    const record: DoubleRecord = { ...r, position: this.nextPosition };
    // Positions are byte offsets in a real log: increasing, not contiguous.
    this.nextPosition += BigInt(128 + r.data.length + r.customMetadata.length);
    this.records.push(record);
    this.positions.add(record.position);
    this.byRevision.set(`${record.stream}\u0000${record.revision}`, record);
    this.recentIds.remember(record);
    return record;
  }

  private afterClientWrite(): void {
    const every = this.options.systemNoiseEvery;
    if (every === undefined) return;
    this.appendsSinceNoise += 1;
    if (this.appendsSinceNoise >= every) {
      this.appendsSinceNoise = 0;
      this.writeNoise();
    }
  }

  private writeNoise(): void {
    const json = (o: unknown) => textEncoder.encode(JSON.stringify(o));
    const noise = (stream: string, type: string, data: unknown): void => {
      const s = this.state(stream);
      s.lastRevision += 1n;
      const r = this.push({
        stream,
        revision: s.lastRevision,
        id: randomUUID(),
        type,
        contentType: 'application/json',
        data: json(data),
        customMetadata: new Uint8Array(),
        created: (BigInt(Date.now()) * TICKS_PER_MS).toString(),
      });
      for (const sub of this.subscribers) this.deliver(sub, r);
    };
    noise('$stats-127.0.0.1:2113', '$statsCollected', { 'proc-mem': 1 });
    noise('$$$settings', '$metadata', { $acl: {} });
  }

  private check(
    stream: string,
    expected: Expected,
  ): { ok: true } | { ok: false; current: bigint | null } {
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

  /**
   * Judges and performs one append (after the tombstone check): a repeat of a batch already
   * written is acknowledged without writing (./idempotency.ts); otherwise the expectation is
   * checked and the events are written. `revision` is the one a success reports: the
   * stream's last, or for a repeat the batch's last (-1: still no stream).
   */
  private commit(
    stream: string,
    expected: Expected,
    events: readonly Proposed[],
  ):
    | { readonly ok: false; readonly current: bigint | null }
    | { readonly ok: true; readonly revision: bigint; readonly last: DoubleRecord | undefined } {
    const s = this.streams.get(stream);
    const repeat = judgeRepeat(stream, expected, events, {
      lastRevision: s === undefined ? -1n : s.tombstoned ? null : s.lastRevision,
      at: (revision) => this.byRevision.get(`${stream}\u0000${revision}`),
      recent: (id) => this.recentIds.get(id),
    });
    if (repeat.kind === 'repeat') {
      this.calls.idempotent += 1;
      return { ok: true, revision: repeat.last.revision, last: repeat.last };
    }
    if (repeat.kind === 'mismatch') {
      return { ok: false, current: this.exists(stream) ? (s?.lastRevision ?? null) : null };
    }
    const verdict = this.check(stream, expected);
    if (!verdict.ok) return verdict;
    const written = this.write(stream, events);
    this.afterClientWrite();
    this.readFaults += this.readFaultsAfterWrite;
    this.readFaultsAfterWrite = 0;
    const revision = this.state(stream).lastRevision;
    return { ok: true, revision, last: written[written.length - 1] };
  }

  /** Applies a scripted fault: judges the append if it commits, then loses the reply. */
  private applyFault(fault: AppendFault, judge: () => void, timeout: () => void): void {
    this.calls.faulted += 1;
    if (fault.commit) judge();
    if (fault.reply === 'timeout') timeout();
    else void this.dropConnections(fault.reply === 'drop');
  }

  private async dropConnections(comeBack: boolean): Promise<void> {
    await this.stop();
    if (comeBack) await this.listen(this.boundPort);
  }

  /** A real server's answer to a batch whose write timed out, sent at the request's deadline. */
  private replyTimeoutAtDeadline(
    call: grpc.ServerDuplexStream<streamsPb.BatchAppendReq, streamsPb.BatchAppendResp>,
    correlation: sharedPb.UUID | undefined,
    options: streamsPb.BatchAppendReq.Options | undefined,
  ): void {
    const deadline = options?.getDeadline()?.toDate().getTime() ?? Date.now();
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (call.cancelled || call.destroyed) return;
        call.write(batchTimeoutResponse(correlation, options));
      },
      Math.max(0, deadline - Date.now()),
    );
    this.timers.add(timer);
  }

  // ---- errors (EventStoreDB conventions) ------------------------------------------------

  private streamDeletedError(stream: string): grpc.ServerErrorResponse {
    const metadata = new grpc.Metadata();
    metadata.set('exception', 'stream-deleted');
    metadata.set('stream-name', stream);
    return Object.assign(new Error(`Event stream '${stream}' is deleted.`), {
      code: grpc.status.FAILED_PRECONDITION,
      details: `Event stream '${stream}' is deleted.`,
      metadata,
    });
  }

  private wrongExpectedVersionError(
    stream: string,
    expected: Expected,
    current: bigint | null,
  ): grpc.ServerErrorResponse {
    const metadata = new grpc.Metadata();
    metadata.set('exception', 'wrong-expected-version');
    metadata.set('stream-name', stream);
    metadata.set('expected-version', expectedNumber(expected).toString());
    if (current !== null) metadata.set('actual-version', current.toString());
    const details = `Append failed due to WrongExpectedVersion. Stream: ${stream}, Expected version: ${expectedNumber(expected)}, Actual version: ${current ?? -1}`;
    return Object.assign(new Error(details), {
      code: grpc.status.FAILED_PRECONDITION,
      details,
      metadata,
    });
  }

  // ---- services ---------------------------------------------------------------------

  private featuresImpl(): serverFeaturesGrpc.IServerFeaturesServer {
    return {
      getSupportedMethods: (_call, callback) => {
        if (this.options.featuresUnimplemented === true) {
          callback({ code: grpc.status.UNIMPLEMENTED, details: 'Method not found' }, null);
          return;
        }
        const methods = ['read', 'append', 'delete', 'tombstone'];
        if (this.options.batchAppend) methods.push('batchappend');
        const res = new serverFeaturesPb.SupportedMethods();
        res.setEventStoreServerVersion(this.options.batchAppend ? '21.10.0' : '20.10.0');
        res.setMethodsList(
          methods.map((m) => {
            const sm = new serverFeaturesPb.SupportedMethod();
            sm.setServiceName('event_store.client.streams.streams');
            sm.setMethodName(m);
            return sm;
          }),
        );
        callback(null, res);
      },
    };
  }

  private streamsImpl(): streamsGrpc.IStreamsServer {
    return {
      read: (call) => {
        this.calls.read += 1;
        if (this.readFaults > 0 && call.request.getOptions()?.hasSubscription() !== true) {
          this.readFaults -= 1;
          this.calls.faulted += 1;
          void this.dropConnections(true);
          return;
        }
        this.read(call);
      },
      append: (call, callback) => {
        this.calls.append += 1;
        let options: streamsPb.AppendReq.Options | undefined;
        const events: Proposed[] = [];
        call.on('data', (req: streamsPb.AppendReq) => {
          if (req.hasOptions()) options = req.getOptions();
          const m = req.getProposedMessage();
          if (m !== undefined) events.push(proposedFrom(m));
        });
        call.on('error', () => undefined);
        type Reply = typeof callback;
        const judge = (options: streamsPb.AppendReq.Options | undefined, callback: Reply): void => {
          if (options === undefined) {
            callback({ code: grpc.status.INVALID_ARGUMENT, details: 'options missing' }, null);
            return;
          }
          const stream = streamName(options.getStreamIdentifier());
          const expected = expectedOf(options);
          if (this.streams.get(stream)?.tombstoned === true) {
            callback(this.streamDeletedError(stream), null);
            return;
          }
          const res = new streamsPb.AppendResp();
          const verdict = this.commit(stream, expected, events);
          if (!verdict.ok) {
            const w = new streamsPb.AppendResp.WrongExpectedVersion();
            if (verdict.current === null) w.setCurrentNoStream(new sharedPb.Empty());
            else w.setCurrentRevision(verdict.current.toString());
            switch (expected.kind) {
              case 'any':
                w.setExpectedAny(new sharedPb.Empty());
                break;
              case 'no_stream':
                w.setExpectedNoStream(new sharedPb.Empty());
                break;
              case 'stream_exists':
                w.setExpectedStreamExists(new sharedPb.Empty());
                break;
              case 'revision':
                w.setExpectedRevision(expected.revision.toString());
                break;
              default: {
                const never: never = expected;
                return never;
              }
            }
            res.setWrongExpectedVersion(w);
            callback(null, res);
            return;
          }
          const success = new streamsPb.AppendResp.Success();
          const last = verdict.last;
          if (verdict.revision < 0n) success.setNoStream(new sharedPb.Empty());
          else success.setCurrentRevision(verdict.revision.toString());
          if (last === undefined) success.setNoPosition(new sharedPb.Empty());
          else {
            const pos = new streamsPb.AppendResp.Position();
            pos.setCommitPosition(last.position.toString());
            pos.setPreparePosition(last.position.toString());
            success.setPosition(pos);
          }
          res.setSuccess(success);
          callback(null, res);
        };
        call.on('end', () => {
          const fault = this.faults.shift();
          if (fault !== undefined) {
            // A lost reply: judged without answering; a timeout leaves the call to the
            // client's deadline.
            this.applyFault(
              fault,
              () => judge(options, () => undefined),
              () => undefined,
            );
            return;
          }
          const hook = this.options.beforeAppend;
          if (hook === undefined || options === undefined || this.inAppendHook) {
            judge(options, callback);
            return;
          }
          this.inAppendHook = true;
          const stream = streamName(options.getStreamIdentifier());
          void hook(stream)
            .catch(() => undefined)
            .finally(() => {
              this.inAppendHook = false;
              judge(options, callback);
            });
        });
      },
      batchAppend: (call) => {
        this.calls.batchAppend += 1;
        const pending = new Map<
          string,
          { options: streamsPb.BatchAppendReq.Options | undefined; events: Proposed[] }
        >();
        call.on('data', (req: streamsPb.BatchAppendReq) => {
          const correlation = req.getCorrelationId();
          const key = uuidString(correlation);
          const entry = pending.get(key) ?? { options: undefined, events: [] };
          if (req.hasOptions()) entry.options = req.getOptions();
          for (const m of req.getProposedMessagesList()) entry.events.push(proposedFrom(m));
          pending.set(key, entry);
          if (!req.getIsFinal()) return;
          pending.delete(key);
          this.calls.batches += 1;
          const fault = this.faults.shift();
          if (fault === undefined) {
            call.write(this.batchAppendOne(correlation, entry.options, entry.events));
            return;
          }
          this.applyFault(
            fault,
            () => void this.batchAppendOne(correlation, entry.options, entry.events),
            () => this.replyTimeoutAtDeadline(call, correlation, entry.options),
          );
        });
        call.on('error', () => undefined);
        call.on('end', () => call.end());
      },
      delete: (call, callback) => {
        this.calls.delete += 1;
        const options = call.request.getOptions();
        if (options === undefined) {
          callback({ code: grpc.status.INVALID_ARGUMENT, details: 'options missing' }, null);
          return;
        }
        const stream = streamName(options.getStreamIdentifier());
        const s = this.streams.get(stream);
        if (s?.tombstoned === true) {
          callback(this.streamDeletedError(stream), null);
          return;
        }
        const expected = expectedOf(options);
        const verdict = this.check(stream, expected);
        if (!verdict.ok) {
          callback(this.wrongExpectedVersionError(stream, expected, verdict.current), null);
          return;
        }
        const state = this.state(stream);
        state.truncateBefore = state.lastRevision + 1n;
        // A real server records a soft delete as `$metadata` {$tb} in the `$$stream`.
        const meta = this.write(`$$${stream}`, [
          {
            id: randomUUID(),
            type: '$metadata',
            contentType: 'application/json',
            data: textEncoder.encode(JSON.stringify({ $tb: Number(state.truncateBefore) })),
            customMetadata: new Uint8Array(),
          },
        ]);
        const res = new streamsPb.DeleteResp();
        const pos = new streamsPb.DeleteResp.Position();
        const p = meta[0]?.position ?? 0n;
        pos.setCommitPosition(p.toString());
        pos.setPreparePosition(p.toString());
        res.setPosition(pos);
        callback(null, res);
      },
      tombstone: (call, callback) => {
        this.calls.tombstone += 1;
        const options = call.request.getOptions();
        if (options === undefined) {
          callback({ code: grpc.status.INVALID_ARGUMENT, details: 'options missing' }, null);
          return;
        }
        const stream = streamName(options.getStreamIdentifier());
        const s = this.state(stream);
        if (s.tombstoned) {
          callback(this.streamDeletedError(stream), null);
          return;
        }
        const expected = expectedOf(options);
        const verdict = this.check(stream, expected);
        if (!verdict.ok) {
          callback(this.wrongExpectedVersionError(stream, expected, verdict.current), null);
          return;
        }
        s.tombstoned = true;
        // A real server writes `$streamDeleted` into the stream itself; it shows in `$all`.
        const r = this.push({
          stream,
          revision: DELETED_STREAM_REVISION,
          id: randomUUID(),
          type: '$streamDeleted',
          contentType: 'application/octet-stream',
          data: new Uint8Array(),
          customMetadata: new Uint8Array(),
          created: (BigInt(Date.now()) * TICKS_PER_MS).toString(),
        });
        for (const sub of this.subscribers) this.deliver(sub, r);
        const res = new streamsPb.TombstoneResp();
        const pos = new streamsPb.TombstoneResp.Position();
        pos.setCommitPosition(r.position.toString());
        pos.setPreparePosition(r.position.toString());
        res.setPosition(pos);
        callback(null, res);
      },
    };
  }

  private batchAppendOne(
    correlation: sharedPb.UUID | undefined,
    options: streamsPb.BatchAppendReq.Options | undefined,
    events: readonly Proposed[],
  ): streamsPb.BatchAppendResp {
    const res = new streamsPb.BatchAppendResp();
    if (correlation !== undefined) res.setCorrelationId(correlation);
    const fail = (code: codePb.Code, message: string, typeName: string, detail: Uint8Array) => {
      const st = new statusPb.Status();
      st.setCode(code);
      st.setMessage(message);
      const any = new anyPb.Any();
      any.pack(detail, typeName);
      st.setDetails(any);
      res.setError(st);
      return res;
    };
    if (options === undefined) {
      return fail(
        codePb.Code.INVALID_ARGUMENT,
        'options missing',
        'event_store.client.BadRequest',
        new sharedPb.BadRequest().serializeBinary(),
      );
    }
    const identifier = options.getStreamIdentifier();
    if (identifier !== undefined) res.setStreamIdentifier(identifier);
    const stream = streamName(identifier);
    const expected: Expected = options.hasStreamPosition()
      ? { kind: 'revision', revision: BigInt(options.getStreamPosition()) }
      : options.hasNoStream()
        ? { kind: 'no_stream' }
        : options.hasStreamExists()
          ? { kind: 'stream_exists' }
          : { kind: 'any' };
    switch (expected.kind) {
      case 'revision':
        res.setStreamPosition(expected.revision.toString());
        break;
      case 'no_stream':
        res.setNoStream(new emptyPb.Empty());
        break;
      case 'stream_exists':
        res.setStreamExists(new emptyPb.Empty());
        break;
      case 'any':
        res.setAny(new emptyPb.Empty());
        break;
      default: {
        const never: never = expected;
        return never;
      }
    }
    if (this.streams.get(stream)?.tombstoned === true) {
      const detail = new sharedPb.StreamDeleted();
      if (identifier !== undefined) detail.setStreamIdentifier(identifier);
      return fail(
        codePb.Code.FAILED_PRECONDITION,
        `Event stream '${stream}' is deleted.`,
        'event_store.client.StreamDeleted',
        detail.serializeBinary(),
      );
    }
    const verdict = this.commit(stream, expected, events);
    if (!verdict.ok) {
      const w = new sharedPb.WrongExpectedVersion();
      if (verdict.current === null) w.setCurrentNoStream(new emptyPb.Empty());
      else w.setCurrentStreamRevision(verdict.current.toString());
      switch (expected.kind) {
        case 'any':
          w.setExpectedAny(new emptyPb.Empty());
          break;
        case 'no_stream':
          w.setExpectedNoStream(new emptyPb.Empty());
          break;
        case 'stream_exists':
          w.setExpectedStreamExists(new emptyPb.Empty());
          break;
        case 'revision':
          w.setExpectedStreamPosition(expected.revision.toString());
          break;
        default: {
          const never: never = expected;
          return never;
        }
      }
      return fail(
        codePb.Code.FAILED_PRECONDITION,
        'WrongExpectedVersion',
        'event_store.client.WrongExpectedVersion',
        w.serializeBinary(),
      );
    }
    const success = new streamsPb.BatchAppendResp.Success();
    if (verdict.revision < 0n) success.setNoStream(new emptyPb.Empty());
    else success.setCurrentRevision(verdict.revision.toString());
    const last = verdict.last;
    if (last === undefined) success.setNoPosition(new emptyPb.Empty());
    else {
      const pos = new sharedPb.AllStreamPosition();
      pos.setCommitPosition(last.position.toString());
      pos.setPreparePosition(last.position.toString());
      success.setPosition(pos);
    }
    res.setSuccess(success);
    return res;
  }

  // ---- reads and subscriptions --------------------------------------------------------

  private read(call: grpc.ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>): void {
    const options = call.request.getOptions();
    if (options === undefined) {
      call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: 'options missing' });
      return;
    }
    const structured = options.getUuidOption()?.hasStructured() === true;
    const backwards =
      options.getReadDirection() === streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;
    const subscription = options.hasSubscription();
    const count = options.hasCount() ? BigInt(options.getCount()) : null;
    const filter = filterOf(options);
    const streamOptions = options.getStream();
    const allOptions = options.getAll();

    let selected: DoubleRecord[];
    let stream: string | null = null;
    if (streamOptions !== undefined) {
      stream = streamName(streamOptions.getStreamIdentifier());
      const s = this.streams.get(stream);
      if (s?.tombstoned === true) {
        call.emit('error', this.streamDeletedError(stream));
        return;
      }
      const visible = this.records.filter(
        (r) =>
          r.stream === stream && r.revision >= (s?.truncateBefore ?? 0n) && !r.type.startsWith('$'),
      );
      if (!subscription && visible.length === 0) {
        const nf = new streamsPb.ReadResp.StreamNotFound();
        const id = streamOptions.getStreamIdentifier();
        if (id !== undefined) nf.setStreamIdentifier(id);
        const res = new streamsPb.ReadResp();
        res.setStreamNotFound(nf);
        call.write(res);
        call.end();
        return;
      }
      if (streamOptions.hasRevision()) {
        const from = BigInt(streamOptions.getRevision());
        // Reads start AT the revision; subscriptions start AFTER it.
        selected = visible.filter((r) =>
          subscription ? r.revision > from : backwards ? r.revision <= from : r.revision >= from,
        );
      } else if (streamOptions.hasEnd()) {
        selected = subscription ? [] : backwards ? visible : [];
      } else {
        selected = backwards ? [] : visible;
      }
    } else if (allOptions !== undefined) {
      if (allOptions.hasPosition()) {
        const from = BigInt(allOptions.getPosition()?.getCommitPosition() ?? '0');
        if (from !== 0n && !this.positions.has(from)) {
          // Like a real server: a position inside a record is refused.
          call.emit('error', {
            code: grpc.status.UNKNOWN,
            details: `Invalid position ${from}: no record starts there`,
          });
          return;
        }
        selected = this.records.filter((r) =>
          subscription ? r.position > from : backwards ? r.position < from : r.position >= from,
        );
      } else if (allOptions.hasEnd()) {
        selected = backwards && !subscription ? [...this.records] : [];
      } else {
        selected = backwards ? [] : [...this.records];
      }
      selected = selected.filter(filter);
    } else {
      call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: 'no stream option' });
      return;
    }
    if (backwards) selected.reverse();
    if (count !== null && !subscription && BigInt(selected.length) > count) {
      selected = selected.slice(0, Number(count));
    }

    if (subscription) {
      this.calls.subscribe += 1;
      const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
      confirmation.setSubscriptionId(randomUUID());
      const res = new streamsPb.ReadResp();
      res.setConfirmation(confirmation);
      call.write(res);
    }
    for (const r of selected) call.write(readResp(r, structured));
    if (!subscription) {
      call.end();
      return;
    }
    if (options.hasFilter()) {
      // Filtered subscriptions receive checkpoints; the adapter must tolerate them.
      const last = this.records[this.records.length - 1];
      const cp = new streamsPb.ReadResp.Checkpoint();
      cp.setCommitPosition((last?.position ?? 0n).toString());
      cp.setPreparePosition((last?.position ?? 0n).toString());
      const res = new streamsPb.ReadResp();
      res.setCheckpoint(cp);
      call.write(res);
    }
    const sub: Subscriber = {
      call,
      stream,
      filter: stream === null ? filter : (r) => r.stream === stream && !r.type.startsWith('$'),
      structured,
    };
    this.subscribers.add(sub);
    const drop = () => this.subscribers.delete(sub);
    call.on('cancelled', drop);
    call.on('close', drop);
    call.on('error', drop);
  }

  private deliver(sub: Subscriber, r: DoubleRecord): void {
    if (!sub.filter(r)) return;
    if (sub.stream !== null && r.stream !== sub.stream) return;
    sub.call.write(readResp(r, sub.structured));
  }
}

// ---- message helpers ------------------------------------------------------------------

function expectedNumber(e: Expected): bigint {
  switch (e.kind) {
    case 'any':
      return -2n;
    case 'no_stream':
      return -1n;
    case 'stream_exists':
      return -4n;
    case 'revision':
      return e.revision;
    default: {
      const never: never = e;
      return never;
    }
  }
}

interface ExpectationOptions {
  hasRevision(): boolean;
  getRevision(): string;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
}

function expectedOf(o: ExpectationOptions): Expected {
  if (o.hasRevision()) return { kind: 'revision', revision: BigInt(o.getRevision()) };
  if (o.hasNoStream()) return { kind: 'no_stream' };
  if (o.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

function streamName(id: sharedPb.StreamIdentifier | undefined): string {
  return id === undefined ? '' : Buffer.from(id.getStreamName_asU8()).toString('utf8');
}

function uuidString(u: sharedPb.UUID | undefined): string {
  if (u === undefined) return '';
  if (u.hasStructured()) {
    const s = u.getStructured();
    const buf = Buffer.alloc(16);
    buf.writeBigUInt64BE(BigInt.asUintN(64, BigInt(s?.getMostSignificantBits() ?? '0')), 0);
    buf.writeBigUInt64BE(BigInt.asUintN(64, BigInt(s?.getLeastSignificantBits() ?? '0')), 8);
    const h = buf.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  return u.getString().toLowerCase();
}

function uuidMessage(id: string, structured: boolean): sharedPb.UUID {
  const u = new sharedPb.UUID();
  if (!structured) {
    u.setString(id);
    return u;
  }
  const buf = Buffer.from(id.replace(/-/g, ''), 'hex');
  const s = new sharedPb.UUID.Structured();
  // Signed 64-bit halves, as the .NET server sends them.
  s.setMostSignificantBits(buf.readBigInt64BE(0).toString());
  s.setLeastSignificantBits(buf.readBigInt64BE(8).toString());
  u.setStructured(s);
  return u;
}

function proposedFrom(
  m: streamsPb.AppendReq.ProposedMessage | streamsPb.BatchAppendReq.ProposedMessage,
): Proposed {
  const meta = m.getMetadataMap();
  return {
    id: uuidString(m.getId()),
    type: meta.get('type') ?? '',
    contentType: meta.get('content-type') ?? 'application/octet-stream',
    data: m.getData_asU8(),
    customMetadata: m.getCustomMetadata_asU8(),
  };
}

function readResp(r: DoubleRecord, structured: boolean): streamsPb.ReadResp {
  const rec = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  rec.setId(uuidMessage(r.id, structured));
  const sid = new sharedPb.StreamIdentifier();
  sid.setStreamName(Buffer.from(r.stream, 'utf8'));
  rec.setStreamIdentifier(sid);
  rec.setStreamRevision(r.revision.toString());
  rec.setCommitPosition(r.position.toString());
  rec.setPreparePosition(r.position.toString());
  const map = rec.getMetadataMap();
  map.set('type', r.type);
  map.set('content-type', r.contentType);
  map.set('created', r.created);
  rec.setCustomMetadata(r.customMetadata);
  rec.setData(r.data);
  const ev = new streamsPb.ReadResp.ReadEvent();
  ev.setEvent(rec);
  ev.setCommitPosition(r.position.toString());
  const res = new streamsPb.ReadResp();
  res.setEvent(ev);
  return res;
}

function expressionFilter(
  expr: streamsPb.ReadReq.Options.FilterOptions.Expression | undefined,
  pick: (r: DoubleRecord) => string,
): Filter {
  if (expr === undefined) return () => true;
  const prefixes = expr.getPrefixList();
  const regex = expr.getRegex();
  if (prefixes.length > 0) return (r) => prefixes.some((p) => pick(r).startsWith(p));
  if (regex !== '') {
    const re = new RegExp(regex);
    return (r) => re.test(pick(r));
  }
  return () => true;
}

function filterOf(options: streamsPb.ReadReq.Options): Filter {
  const f = options.getFilter();
  if (f === undefined) return () => true;
  if (f.hasStreamIdentifier()) return expressionFilter(f.getStreamIdentifier(), (r) => r.stream);
  if (f.hasEventType()) return expressionFilter(f.getEventType(), (r) => r.type);
  return () => true;
}
