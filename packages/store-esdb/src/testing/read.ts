/**
 * The test double's `Streams/Read`: reads of a stream or of `$all`, forwards or backwards,
 * and subscriptions (catch-up, then the records the double writes, as it writes them).
 */
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { invalidArgument, streamDeletedError } from './errors';
import { streamsPb } from './generated';
import { atPosition, filterOf, readResp, streamName, type Filter } from './messages';
import type { DoubleLog, DoubleRecord } from './records';

type ReadCall = grpc.ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>;

interface Subscriber {
  readonly call: ReadCall;
  readonly stream: string | null; // null: $all
  readonly filter: Filter;
  readonly structured: boolean;
}

/** The live subscriptions, told of each record the double writes. */
export class Subscriptions {
  private readonly subscribers = new Set<Subscriber>();

  /** Sends a write's records, in order, to each subscriber they match. */
  deliver(records: readonly DoubleRecord[]): void {
    for (const sub of this.subscribers) for (const r of records) deliverOne(sub, r);
  }

  /** Adds a subscriber until its call ends. */
  add(sub: Subscriber): void {
    this.subscribers.add(sub);
    const drop = () => this.subscribers.delete(sub);
    sub.call.on('cancelled', drop);
    sub.call.on('close', drop);
    sub.call.on('error', drop);
  }

  clear(): void {
    this.subscribers.clear();
  }
}

function deliverOne(sub: Subscriber, r: DoubleRecord): void {
  if (!sub.filter(r)) return;
  if (sub.stream !== null && r.stream !== sub.stream) return;
  sub.call.write(readResp(r, sub.structured));
}

/** What a read selects: records (of `stream`, or of `$all` when null), or nothing more to do. */
type Selection =
  | { readonly kind: 'records'; readonly records: DoubleRecord[]; readonly stream: string | null }
  | { readonly kind: 'answered' };

const ANSWERED: Selection = { kind: 'answered' };

/** The records of one stream a read or subscription starts with (or the answer it got). */
function selectStream(
  call: ReadCall,
  log: DoubleLog,
  streamOptions: streamsPb.ReadReq.Options.StreamOptions,
  subscription: boolean,
  backwards: boolean,
): Selection {
  const stream = streamName(streamOptions.getStreamIdentifier());
  const s = log.peek(stream);
  if (s?.tombstoned === true) {
    call.emit('error', streamDeletedError(stream));
    return ANSWERED;
  }
  const visible = log.records.filter(
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
    return ANSWERED;
  }
  let records: DoubleRecord[];
  if (streamOptions.hasRevision()) {
    const from = BigInt(streamOptions.getRevision());
    // Reads start AT the revision; subscriptions start AFTER it.
    records = visible.filter((r) =>
      subscription ? r.revision > from : backwards ? r.revision <= from : r.revision >= from,
    );
  } else if (streamOptions.hasEnd()) {
    records = subscription ? [] : backwards ? visible : [];
  } else {
    records = backwards ? [] : visible;
  }
  return { kind: 'records', records, stream };
}

/** The records of `$all` a read or subscription starts with (or the answer it got). */
function selectAll(
  call: ReadCall,
  log: DoubleLog,
  allOptions: streamsPb.ReadReq.Options.AllOptions,
  subscription: boolean,
  backwards: boolean,
  filter: Filter,
): Selection {
  let records: DoubleRecord[];
  if (allOptions.hasPosition()) {
    const from = BigInt(allOptions.getPosition()?.getCommitPosition() ?? '0');
    if (from !== 0n && !log.hasPosition(from)) {
      // Like a real server: a position inside a record is refused.
      call.emit('error', {
        code: grpc.status.UNKNOWN,
        details: `Invalid position ${from}: no record starts there`,
      });
      return ANSWERED;
    }
    records = log.records.filter((r) =>
      subscription ? r.position > from : backwards ? r.position < from : r.position >= from,
    );
  } else if (allOptions.hasEnd()) {
    records = backwards && !subscription ? [...log.records] : [];
  } else {
    records = backwards ? [] : [...log.records];
  }
  return { kind: 'records', records: records.filter(filter), stream: null };
}

/**
 * Serves one `Streams/Read` call over `log`; a subscription joins `subscriptions`.
 * `onRecords` hears how many stored records the call sends at once (before live ones).
 */
export function serveRead(
  call: ReadCall,
  log: DoubleLog,
  subscriptions: Subscriptions,
  onSubscribe: () => void,
  onRecords: (count: number) => void,
): void {
  const options = call.request.getOptions();
  if (options === undefined) {
    call.emit('error', invalidArgument('options missing'));
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

  let selection: Selection;
  if (streamOptions !== undefined) {
    selection = selectStream(call, log, streamOptions, subscription, backwards);
  } else if (allOptions !== undefined) {
    selection = selectAll(call, log, allOptions, subscription, backwards, filter);
  } else {
    call.emit('error', invalidArgument('no stream option'));
    return;
  }
  if (selection.kind === 'answered') return;
  const { stream } = selection;
  let selected = selection.records;
  if (backwards) selected.reverse();
  if (count !== null && !subscription && BigInt(selected.length) > count) {
    selected = selected.slice(0, Number(count));
  }

  if (subscription) {
    onSubscribe();
    const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(randomUUID());
    const res = new streamsPb.ReadResp();
    res.setConfirmation(confirmation);
    call.write(res);
  }
  onRecords(selected.length);
  for (const r of selected) call.write(readResp(r, structured));
  if (!subscription) {
    call.end();
    return;
  }
  if (options.hasFilter()) {
    // Filtered subscriptions receive checkpoints; the adapter must tolerate them.
    const last = log.records[log.records.length - 1];
    const res = new streamsPb.ReadResp();
    res.setCheckpoint(atPosition(new streamsPb.ReadResp.Checkpoint(), last?.position ?? 0n));
    call.write(res);
  }
  subscriptions.add({
    call,
    stream,
    filter: stream === null ? filter : (r) => r.stream === stream && !r.type.startsWith('$'),
    structured,
  });
}
