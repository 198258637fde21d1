/**
 * The test double's `Streams/Delete` (a soft delete: reads start after the stream's last
 * revision) and `Streams/Tombstone` (a hard delete: the stream is gone for good).
 */
import { randomUUID } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import { invalidArgument, streamDeletedError, wrongExpectedVersionError } from './errors';
import { type sharedPb, streamsPb } from './generated';
import { atPosition, expectedOf, streamName, type ExpectationOptions } from './messages';
import { DELETED_STREAM_REVISION, ticksNow, type DoubleLog } from './records';

const textEncoder = new TextEncoder();

/** A delete's or tombstone's options: the stream and an expectation. */
type DeletionOptions = ExpectationOptions & {
  getStreamIdentifier(): sharedPb.StreamIdentifier | undefined;
};

/**
 * The stream a delete or tombstone may go ahead on; undefined when refused, with `fail`
 * told why (options missing, the stream tombstoned, a wrong expected version).
 */
function admitDeletion(
  log: DoubleLog,
  options: DeletionOptions | undefined,
  fail: (error: grpc.ServerErrorResponse | Partial<grpc.StatusObject>) => void,
): string | undefined {
  if (options === undefined) {
    fail(invalidArgument('options missing'));
    return undefined;
  }
  const stream = streamName(options.getStreamIdentifier());
  if (log.peek(stream)?.tombstoned === true) {
    fail(streamDeletedError(stream));
    return undefined;
  }
  const expected = expectedOf(options);
  const verdict = log.check(stream, expected);
  if (!verdict.ok) {
    fail(wrongExpectedVersionError(stream, expected, verdict.current));
    return undefined;
  }
  return stream;
}

export function serveDelete(
  log: DoubleLog,
  call: grpc.ServerUnaryCall<streamsPb.DeleteReq, streamsPb.DeleteResp>,
  callback: grpc.sendUnaryData<streamsPb.DeleteResp>,
): void {
  const stream = admitDeletion(log, call.request.getOptions(), (e) => callback(e, null));
  if (stream === undefined) return;
  const state = log.state(stream);
  state.truncateBefore = state.lastRevision + 1n;
  // A real server records a soft delete as `$metadata` {$tb} in the `$$stream`.
  const meta = log.write(`$$${stream}`, [
    {
      id: randomUUID(),
      type: '$metadata',
      contentType: 'application/json',
      data: textEncoder.encode(JSON.stringify({ $tb: Number(state.truncateBefore) })),
      customMetadata: new Uint8Array(),
    },
  ]);
  const res = new streamsPb.DeleteResp();
  res.setPosition(atPosition(new streamsPb.DeleteResp.Position(), meta[0]?.position ?? 0n));
  callback(null, res);
}

export function serveTombstone(
  log: DoubleLog,
  call: grpc.ServerUnaryCall<streamsPb.TombstoneReq, streamsPb.TombstoneResp>,
  callback: grpc.sendUnaryData<streamsPb.TombstoneResp>,
): void {
  const stream = admitDeletion(log, call.request.getOptions(), (e) => callback(e, null));
  if (stream === undefined) return;
  const s = log.state(stream);
  s.tombstoned = true;
  // A real server writes `$streamDeleted` into the stream itself; it shows in `$all`.
  const r = log.writeRecord({
    stream,
    revision: DELETED_STREAM_REVISION,
    id: randomUUID(),
    type: '$streamDeleted',
    contentType: 'application/octet-stream',
    data: new Uint8Array(),
    customMetadata: new Uint8Array(),
    created: ticksNow(),
  });
  const res = new streamsPb.TombstoneResp();
  res.setPosition(atPosition(new streamsPb.TombstoneResp.Position(), r.position));
  callback(null, res);
}
