/** The test double's gRPC errors, with EventStoreDB's status codes, messages and metadata. */
import * as grpc from '@grpc/grpc-js';
import { expectedNumber } from './messages';
import type { Expected } from './records';

/** The status of a request the double cannot serve (its options are missing). */
export function invalidArgument(details: string): Partial<grpc.StatusObject> {
  return { code: grpc.status.INVALID_ARGUMENT, details };
}

export function streamDeletedError(stream: string): grpc.ServerErrorResponse {
  const metadata = new grpc.Metadata();
  metadata.set('exception', 'stream-deleted');
  metadata.set('stream-name', stream);
  return Object.assign(new Error(`Event stream '${stream}' is deleted.`), {
    code: grpc.status.FAILED_PRECONDITION,
    details: `Event stream '${stream}' is deleted.`,
    metadata,
  });
}

export function wrongExpectedVersionError(
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
