/**
 * A protocol-level TEST DOUBLE of EventStoreDB: an in-process gRPC server that serves the
 * client's own generated service definitions (ServerFeatures; Streams Read, Append,
 * BatchAppend, Delete, Tombstone) with EventStoreDB's error conventions, so the real
 * `@eventstore/db-client` can be exercised without a server. It is a double, not a product:
 * no persistence, no cluster, no ACLs, and it only models what the adapter and its tests
 * need. It models the server's idempotent append (a batch re-sent with the same event ids is
 * acknowledged without being written again; see ./idempotency.ts), and scripted failures of
 * an append's reply ({@link EsdbDouble.failNextAppends}). See ../../README.md.
 *
 * This file holds the server, its lifecycle, the scripted faults and the judging of appends;
 * the log is ./records.ts, the replies to `Append` and `BatchAppend` ./append.ts, reads and
 * subscriptions ./read.ts, deletes ./deletes.ts, errors ./errors.ts and the protobuf helpers
 * ./messages.ts.
 */
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { appendReply, batchAppendReply, type AppendOutcome, type JudgeAppend } from './append';
import { serveDelete, serveTombstone } from './deletes';
import { batchTimeoutResponse, type AppendFault } from './faults';
import {
  serverFeaturesGrpc,
  serverFeaturesPb,
  type sharedPb,
  streamsGrpc,
  type streamsPb,
} from './generated';
import { judgeRepeat } from './idempotency';
import { proposedFrom, streamName, uuidString } from './messages';
import { serveRead, Subscriptions } from './read';
import { DoubleLog, type DoubleRecord, type Expected, type Proposed } from './records';

export type { AppendFault } from './faults';
export type { DoubleRecord, Expected, Proposed } from './records';

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

/** The in-process EventStoreDB test double (see the module comment). */
export class EsdbDouble {
  private server: grpc.Server | null = null;
  private readonly subscriptions = new Subscriptions();
  private readonly log: DoubleLog;
  private readonly faults: AppendFault[] = [];
  private readFaults = 0;
  private readFaultsAfterWrite = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private appendsSinceNoise = 0;
  private inAppendHook = false;
  private boundPort = 0;
  /** How many Streams calls of each kind the double has served (tests read it). */
  readonly calls = {
    append: 0,
    batchAppend: 0,
    batches: 0,
    read: 0,
    /** Records sent by reads and by subscriptions' catch-up (not live deliveries). */
    recordsRead: 0,
    subscribe: 0,
    delete: 0,
    tombstone: 0,
    /** Appends acknowledged as an idempotent repeat of a batch already written. */
    idempotent: 0,
    /** Appends whose reply a scripted {@link AppendFault} lost. */
    faulted: 0,
  };

  private constructor(readonly options: EsdbDoubleOptions) {
    this.log = new DoubleLog(options.firstPosition ?? 512n, (records) =>
      this.subscriptions.deliver(records),
    );
  }

  /** Starts a double on 127.0.0.1 (a free port unless `options.port` is given). */
  static async start(options: EsdbDoubleOptions): Promise<EsdbDouble> {
    const d = new EsdbDouble(options);
    if (options.systemNoiseEvery !== undefined) d.log.writeSystemNoise();
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
    return [...this.log.records];
  }

  /** Drops every connection and stops listening; the data stays for {@link restart}. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.subscriptions.clear();
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
    const [record] = this.log.write(stream, [{ ...proposed, id: proposed.id ?? randomUUID() }]);
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

  // ---- judging appends -----------------------------------------------------------------

  private afterClientWrite(): void {
    const every = this.options.systemNoiseEvery;
    if (every === undefined) return;
    this.appendsSinceNoise += 1;
    if (this.appendsSinceNoise >= every) {
      this.appendsSinceNoise = 0;
      this.log.writeSystemNoise();
    }
  }

  /** How `Append` and `BatchAppend` alike judge an append: {@link commit}, unless tombstoned. */
  private judge(events: readonly Proposed[]): JudgeAppend {
    return (stream, expected) =>
      this.log.peek(stream)?.tombstoned === true
        ? { kind: 'deleted' }
        : this.commit(stream, expected, events);
  }

  /**
   * Judges and performs one append (after the tombstone check): a repeat of a batch already
   * written is acknowledged without writing (./idempotency.ts); otherwise the expectation is
   * checked and the events are written. `revision` is the one a success reports: the
   * stream's last, or for a repeat the batch's last (-1: still no stream).
   */
  private commit(stream: string, expected: Expected, events: readonly Proposed[]): AppendOutcome {
    const s = this.log.peek(stream);
    const repeat = judgeRepeat(stream, expected, events, {
      lastRevision: s === undefined ? -1n : s.tombstoned ? null : s.lastRevision,
      at: (revision) => this.log.at(stream, revision),
      recent: (id) => this.log.recent(id),
    });
    if (repeat.kind === 'repeat') {
      this.calls.idempotent += 1;
      return { kind: 'ok', revision: repeat.last.revision, last: repeat.last };
    }
    if (repeat.kind === 'mismatch') {
      return { kind: 'wrong', current: this.log.exists(stream) ? (s?.lastRevision ?? null) : null };
    }
    const verdict = this.log.check(stream, expected);
    if (!verdict.ok) return { kind: 'wrong', current: verdict.current };
    const written = this.log.write(stream, events);
    this.afterClientWrite();
    this.readFaults += this.readFaultsAfterWrite;
    this.readFaultsAfterWrite = 0;
    const revision = this.log.state(stream).lastRevision;
    return { kind: 'ok', revision, last: written[written.length - 1] };
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
        serveRead(
          call,
          this.log,
          this.subscriptions,
          () => (this.calls.subscribe += 1),
          (n) => (this.calls.recordsRead += n),
        );
      },
      append: (call, callback) => this.serveAppend(call, callback),
      batchAppend: (call) => this.serveBatchAppend(call),
      delete: (call, callback) => {
        this.calls.delete += 1;
        serveDelete(this.log, call, callback);
      },
      tombstone: (call, callback) => {
        this.calls.tombstone += 1;
        serveTombstone(this.log, call, callback);
      },
    };
  }

  private serveAppend(
    call: grpc.ServerReadableStream<streamsPb.AppendReq, streamsPb.AppendResp>,
    callback: grpc.sendUnaryData<streamsPb.AppendResp>,
  ): void {
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
      const reply = appendReply(options, this.judge(events));
      if ('error' in reply) callback(reply.error, null);
      else callback(null, reply.response);
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
  }

  private serveBatchAppend(
    call: grpc.ServerDuplexStream<streamsPb.BatchAppendReq, streamsPb.BatchAppendResp>,
  ): void {
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
        call.write(batchAppendReply(correlation, entry.options, this.judge(entry.events)));
        return;
      }
      this.applyFault(
        fault,
        () => void batchAppendReply(correlation, entry.options, this.judge(entry.events)),
        () => this.replyTimeoutAtDeadline(call, correlation, entry.options),
      );
    });
    call.on('error', () => undefined);
    call.on('end', () => call.end());
  }
}
