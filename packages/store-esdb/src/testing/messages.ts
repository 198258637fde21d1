/**
 * The test double's protobuf helpers: reading requests (stream names, UUIDs, proposed events,
 * expectations, read filters) and building the messages every reply shares.
 */
import { sharedPb, streamsPb } from './generated';
import type { DoubleRecord, Expected, Proposed } from './records';

export function streamName(id: sharedPb.StreamIdentifier | undefined): string {
  return id === undefined ? '' : Buffer.from(id.getStreamName_asU8()).toString('utf8');
}

export function uuidString(u: sharedPb.UUID | undefined): string {
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

export function proposedFrom(
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

/** A message with a commit and a prepare position (of a reply, a checkpoint). */
interface PositionMessage {
  setCommitPosition(value: string): unknown;
  setPreparePosition(value: string): unknown;
}

/** Sets both positions of `message` to `position` (the double's records have one position). */
export function atPosition<M extends PositionMessage>(message: M, position: bigint): M {
  message.setCommitPosition(position.toString());
  message.setPreparePosition(position.toString());
  return message;
}

/** The setters of an expectation in a request or reply message, one per kind. */
export interface ExpectationSetters {
  any(): void;
  noStream(): void;
  streamExists(): void;
  revision(revision: string): void;
}

/** Calls the setter of `expected`'s kind. */
export function setExpectation(expected: Expected, set: ExpectationSetters): void {
  switch (expected.kind) {
    case 'any':
      set.any();
      break;
    case 'no_stream':
      set.noStream();
      break;
    case 'stream_exists':
      set.streamExists();
      break;
    case 'revision':
      set.revision(expected.revision.toString());
      break;
    default: {
      const never: never = expected;
      return never;
    }
  }
}

/** EventStoreDB's number for an expectation (as in its error metadata). */
export function expectedNumber(e: Expected): bigint {
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

/** A request's options that carry an expectation. */
export interface ExpectationOptions {
  hasRevision(): boolean;
  getRevision(): string;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
}

/** The expectation of a request's options (`any` when none is set). */
export function expectedOf(o: ExpectationOptions): Expected {
  if (o.hasRevision()) return { kind: 'revision', revision: BigInt(o.getRevision()) };
  if (o.hasNoStream()) return { kind: 'no_stream' };
  if (o.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'any' };
}

export function readResp(r: DoubleRecord, structured: boolean): streamsPb.ReadResp {
  const rec = atPosition(new streamsPb.ReadResp.ReadEvent.RecordedEvent(), r.position);
  rec.setId(uuidMessage(r.id, structured));
  const sid = new sharedPb.StreamIdentifier();
  sid.setStreamName(Buffer.from(r.stream, 'utf8'));
  rec.setStreamIdentifier(sid);
  rec.setStreamRevision(r.revision.toString());
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

export type Filter = (r: DoubleRecord) => boolean;

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

export function filterOf(options: streamsPb.ReadReq.Options): Filter {
  const f = options.getFilter();
  if (f === undefined) return () => true;
  if (f.hasStreamIdentifier()) return expressionFilter(f.getStreamIdentifier(), (r) => r.stream);
  if (f.hasEventType()) return expressionFilter(f.getEventType(), (r) => r.type);
  return () => true;
}
