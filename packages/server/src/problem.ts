import type { FastifyReply } from 'fastify';

/** Any tagged error: the libraries' and the server's own. */
export interface TaggedError {
  readonly _tag: string;
  readonly message?: string;
}

/** The domain's `NotFound`, for a programme or a seal the server looked for. */
export const notFound = (stream: string, message: string): TaggedError => {
  const error = { _tag: 'NotFound', stream, message };
  return error;
};

/** The media type of an error response (RFC 9457). */
export const PROBLEM_JSON = 'application/problem+json';

/** The HTTP status of each tag; an unknown tag is a 500. */
const statusByTag: Readonly<Record<string, number>> = {
  ValidationFailed: 400,
  BadRequest: 400,
  InternalError: 500,
  InvalidTimeTravel: 400,
  BadTreeSize: 400,
  PayloadRejected: 400,
  Unauthorized: 401,
  Forbidden: 403,
  ScopeForbidden: 403,
  NotFound: 404,
  RouteNotFound: 404,
  EventNotFound: 404,
  NotAcceptable: 406,
  AlreadyExists: 409,
  WrongExpectedRevision: 409,
  HeadMoved: 409,
  SealRaced: 409,
  CommandIdReused: 409,
  BodyTooLarge: 413,
  UnsupportedMediaType: 415,
  InvalidTransition: 422,
  RuleViolated: 422,
  TooManyRequests: 429,
  StoreUnavailable: 503,
  ShuttingDown: 503,
  NotReady: 503,
  StoreCorrupt: 500,
  Tampered: 500,
  EventUndecodable: 500,
  ViewFailed: 500,
};

/** The HTTP status a tagged error is answered with. */
export function statusOf(error: TaggedError): number {
  return statusByTag[error._tag] ?? 500;
}

/** An RFC 9457 problem document carrying the tagged error. */
export interface Problem {
  /** `urn:assure:problem:<tag>` */
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  /** The tagged error, as the CLI prints it under `--json`. */
  readonly error: TaggedError;
  /** In a batch: the 0-based index of the command that failed. */
  readonly index?: number;
  /** In a batch: the results of the commands applied before the one that failed. */
  readonly applied?: readonly unknown[];
}

/** What a problem may carry besides the error. */
export interface ProblemExtra {
  readonly index?: number;
  readonly applied?: readonly unknown[];
}

/** Builds the problem document of a tagged error. */
export function problemOf(error: TaggedError, extra: ProblemExtra = {}): Problem {
  const detail = error.message ?? error._tag;
  return {
    type: `urn:assure:problem:${error._tag}`,
    title: error._tag,
    status: statusOf(error),
    detail,
    error: { ...error, message: detail },
    ...extra,
  };
}

/** Sends a tagged error as `application/problem+json` with its status. */
export function sendProblem(
  reply: FastifyReply,
  error: TaggedError,
  extra: ProblemExtra = {},
): FastifyReply {
  const problem = problemOf(error, extra);
  return reply.code(problem.status).type(PROBLEM_JSON).send(problem);
}

/** A server-side tagged error (bad request, auth, limits). */
export const serverError = (tag: string, message: string): TaggedError => ({ _tag: tag, message });

/** A `ValidationFailed` naming one field (or parameter) and why. */
export const invalidField = (path: string, message: string): TaggedError => {
  const error = {
    _tag: 'ValidationFailed',
    errors: [{ path, message }],
    message: `invalid input: ${path}: ${message}`,
  };
  return error;
};
