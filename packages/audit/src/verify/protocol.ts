import type { LineOutcome } from './analyse';

/** A block of whole NDJSON lines sent to a verify worker. */
export interface BlockRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
}

/**
 * A worker's answer: the outcome of every non-empty line of the block, the line of each
 * (1-based within the block) and how many newlines the block held.
 */
export interface BlockResult {
  readonly id: number;
  readonly newlines: number;
  readonly lines: readonly number[];
  readonly outcomes: readonly LineOutcome[];
}

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null;

/** Guard of a {@link BlockRequest} (messages cross a thread boundary). */
export const isBlockRequest = (u: unknown): u is BlockRequest =>
  isRecord(u) && typeof u['id'] === 'number' && u['bytes'] instanceof Uint8Array;

/**
 * Guard of a {@link BlockResult}. The outcomes come from our own worker, which built them
 * with `analyseLine`; their shape is checked only as far as being arrays.
 */
export const isBlockResult = (u: unknown): u is BlockResult =>
  isRecord(u) &&
  typeof u['id'] === 'number' &&
  typeof u['newlines'] === 'number' &&
  Array.isArray(u['lines']) &&
  Array.isArray(u['outcomes']);
