/**
 * Scripted failures of an append's reply for the test double (see
 * `EsdbDouble.failNextAppends`), and the reply a real server sends when a batch's
 * write times out.
 */
import { anyPb, codePb, sharedPb, statusPb, streamsPb } from './generated';

/**
 * A scripted failure of one append (`Append` call, or one `BatchAppend` request), as seen
 * by a client whose reply never comes: the connection breaks, or the write times out.
 */
export interface AppendFault {
  /**
   * true: the double judges the append as usual first (it writes the events, or recognises
   * an idempotent repeat, or finds a wrong expected version), then loses the reply.
   * false: the request is lost unjudged and nothing is written.
   */
  readonly commit: boolean;
  /**
   * How the reply is lost. `drop`: every connection is closed (like a server restart or a
   * network cut) and the double listens again on the same port at once. `down`: the same,
   * but it stays down until `EsdbDouble.restart`. `timeout`: no success reply; on
   * `Append` no reply at all, so the client's deadline ends the call; on `BatchAppend`
   * (whose call has no client-side deadline) the reply a real server sends when a write's
   * timeout passes, a DEADLINE_EXCEEDED status with an `event_store.client.Timeout`
   * detail, at the deadline the request carries.
   */
  readonly reply: 'drop' | 'down' | 'timeout';
}

/**
 * EventStoreDB's answer to a `BatchAppend` request whose write timed out: status
 * DEADLINE_EXCEEDED, message `Timeout`, detail `event_store.client.Timeout` (which client
 * 6.2.1 turns into its DeadlineExceededError). The write may still complete afterwards.
 */
export function batchTimeoutResponse(
  correlation: sharedPb.UUID | undefined,
  options: streamsPb.BatchAppendReq.Options | undefined,
): streamsPb.BatchAppendResp {
  const res = new streamsPb.BatchAppendResp();
  if (correlation !== undefined) res.setCorrelationId(correlation);
  const identifier = options?.getStreamIdentifier();
  if (identifier !== undefined) res.setStreamIdentifier(identifier);
  const st = new statusPb.Status();
  st.setCode(codePb.Code.DEADLINE_EXCEEDED);
  st.setMessage('Timeout');
  const any = new anyPb.Any();
  any.pack(new sharedPb.Timeout().serializeBinary(), 'event_store.client.Timeout');
  st.setDetails(any);
  res.setError(st);
  return res;
}
