/**
 * The test double's replies to appends, for both ways a client appends: `Streams/Append`
 * (one call a batch) and `Streams/BatchAppend` (one duplex call, a request a batch). Both
 * read the stream and expectation from the request's options, have the double judge the
 * append once ({@link JudgeAppend}), and say the outcome in their own messages.
 */
import type * as grpc from '@grpc/grpc-js';
import { invalidArgument, streamDeletedError } from './errors';
import { anyPb, codePb, emptyPb, sharedPb, statusPb, streamsPb } from './generated';
import {
  atPosition,
  expectedOf,
  setExpectation,
  streamName,
  type ExpectationSetters,
} from './messages';
import type { DoubleRecord, Expected } from './records';

/** How the double judged an append. */
export type AppendOutcome =
  | { readonly kind: 'deleted' }
  | { readonly kind: 'wrong'; readonly current: bigint | null }
  /** `revision`: the stream's last (-1: still no stream); `last`: the batch's last record. */
  | { readonly kind: 'ok'; readonly revision: bigint; readonly last: DoubleRecord | undefined };

/** Judges (and performs) the append of the request's events to `stream` under `expected`. */
export type JudgeAppend = (stream: string, expected: Expected) => AppendOutcome;

/** A success message of either call. */
interface SuccessMessage<Empty, Position> {
  setNoStream(value: Empty): unknown;
  setCurrentRevision(value: string): unknown;
  setNoPosition(value: Empty): unknown;
  setPosition(value: Position): unknown;
}

function fillSuccess<Empty, Position extends Parameters<typeof atPosition>[0]>(
  success: SuccessMessage<Empty, Position>,
  ok: Extract<AppendOutcome, { kind: 'ok' }>,
  empty: () => Empty,
  position: () => Position,
): void {
  if (ok.revision < 0n) success.setNoStream(empty());
  else success.setCurrentRevision(ok.revision.toString());
  if (ok.last === undefined) success.setNoPosition(empty());
  else success.setPosition(atPosition(position(), ok.last.position));
}

/** The reply to an `Append` call: a response, or an error status. */
export type AppendReply =
  | { readonly error: grpc.ServerErrorResponse | Partial<grpc.StatusObject> }
  | { readonly response: streamsPb.AppendResp };

export function appendReply(
  options: streamsPb.AppendReq.Options | undefined,
  judge: JudgeAppend,
): AppendReply {
  if (options === undefined) {
    return { error: invalidArgument('options missing') };
  }
  const stream = streamName(options.getStreamIdentifier());
  const expected = expectedOf(options);
  const outcome = judge(stream, expected);
  const res = new streamsPb.AppendResp();
  switch (outcome.kind) {
    case 'deleted':
      return { error: streamDeletedError(stream) };
    case 'wrong': {
      const w = new streamsPb.AppendResp.WrongExpectedVersion();
      if (outcome.current === null) w.setCurrentNoStream(new sharedPb.Empty());
      else w.setCurrentRevision(outcome.current.toString());
      setExpectation(expected, {
        any: () => w.setExpectedAny(new sharedPb.Empty()),
        noStream: () => w.setExpectedNoStream(new sharedPb.Empty()),
        streamExists: () => w.setExpectedStreamExists(new sharedPb.Empty()),
        revision: (r) => w.setExpectedRevision(r),
      });
      res.setWrongExpectedVersion(w);
      return { response: res };
    }
    case 'ok': {
      const success = new streamsPb.AppendResp.Success();
      fillSuccess<sharedPb.Empty, streamsPb.AppendResp.Position>(
        success,
        outcome,
        () => new sharedPb.Empty(),
        () => new streamsPb.AppendResp.Position(),
      );
      res.setSuccess(success);
      return { response: res };
    }
    default: {
      const never: never = outcome;
      return never;
    }
  }
}

/** A `BatchAppend` error: a status with one packed detail message. */
function batchError(
  res: streamsPb.BatchAppendResp,
  code: codePb.Code,
  message: string,
  typeName: string,
  detail: Uint8Array,
): streamsPb.BatchAppendResp {
  const st = new statusPb.Status();
  st.setCode(code);
  st.setMessage(message);
  const any = new anyPb.Any();
  any.pack(detail, typeName);
  st.setDetails(any);
  res.setError(st);
  return res;
}

/** The expectation of a `BatchAppend` request's options. */
function batchExpected(options: streamsPb.BatchAppendReq.Options): Expected {
  return expectedOf({
    hasRevision: () => options.hasStreamPosition(),
    getRevision: () => options.getStreamPosition(),
    hasNoStream: () => options.hasNoStream(),
    hasStreamExists: () => options.hasStreamExists(),
  });
}

/** Setters of an expectation on a `BatchAppend` message (google.protobuf.Empty for kinds). */
function batchExpectation(set: {
  setAny(e: emptyPb.Empty): unknown;
  setNoStream(e: emptyPb.Empty): unknown;
  setStreamExists(e: emptyPb.Empty): unknown;
  setRevision(r: string): unknown;
}): ExpectationSetters {
  return {
    any: () => void set.setAny(new emptyPb.Empty()),
    noStream: () => void set.setNoStream(new emptyPb.Empty()),
    streamExists: () => void set.setStreamExists(new emptyPb.Empty()),
    revision: (r) => void set.setRevision(r),
  };
}

/** The reply to one `BatchAppend` request (its `correlation` echoed). */
export function batchAppendReply(
  correlation: sharedPb.UUID | undefined,
  options: streamsPb.BatchAppendReq.Options | undefined,
  judge: JudgeAppend,
): streamsPb.BatchAppendResp {
  const res = new streamsPb.BatchAppendResp();
  if (correlation !== undefined) res.setCorrelationId(correlation);
  if (options === undefined) {
    const detail = new sharedPb.BadRequest().serializeBinary();
    const typeName = 'event_store.client.BadRequest';
    return batchError(res, codePb.Code.INVALID_ARGUMENT, 'options missing', typeName, detail);
  }
  const identifier = options.getStreamIdentifier();
  if (identifier !== undefined) res.setStreamIdentifier(identifier);
  const stream = streamName(identifier);
  const expected = batchExpected(options);
  setExpectation(
    expected,
    batchExpectation({
      setAny: (e) => res.setAny(e),
      setNoStream: (e) => res.setNoStream(e),
      setStreamExists: (e) => res.setStreamExists(e),
      setRevision: (r) => res.setStreamPosition(r),
    }),
  );
  const outcome = judge(stream, expected);
  switch (outcome.kind) {
    case 'deleted': {
      const detail = new sharedPb.StreamDeleted();
      if (identifier !== undefined) detail.setStreamIdentifier(identifier);
      const message = `Event stream '${stream}' is deleted.`;
      const typeName = 'event_store.client.StreamDeleted';
      return batchError(
        res,
        codePb.Code.FAILED_PRECONDITION,
        message,
        typeName,
        detail.serializeBinary(),
      );
    }
    case 'wrong': {
      const w = new sharedPb.WrongExpectedVersion();
      if (outcome.current === null) w.setCurrentNoStream(new emptyPb.Empty());
      else w.setCurrentStreamRevision(outcome.current.toString());
      setExpectation(
        expected,
        batchExpectation({
          setAny: (e) => w.setExpectedAny(e),
          setNoStream: (e) => w.setExpectedNoStream(e),
          setStreamExists: (e) => w.setExpectedStreamExists(e),
          setRevision: (r) => w.setExpectedStreamPosition(r),
        }),
      );
      const typeName = 'event_store.client.WrongExpectedVersion';
      const code = codePb.Code.FAILED_PRECONDITION;
      return batchError(res, code, 'WrongExpectedVersion', typeName, w.serializeBinary());
    }
    case 'ok': {
      const success = new streamsPb.BatchAppendResp.Success();
      fillSuccess<emptyPb.Empty, sharedPb.AllStreamPosition>(
        success,
        outcome,
        () => new emptyPb.Empty(),
        () => new sharedPb.AllStreamPosition(),
      );
      res.setSuccess(success);
      return res;
    }
    default: {
      const never: never = outcome;
      return never;
    }
  }
}
