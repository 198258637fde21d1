import * as E from 'fp-ts/Either';
import type { Envelope } from '../envelope';
import {
  StoreErrors,
  type DecodedBatch,
  type PayloadDecoder,
  type PayloadRejected,
} from '../store';

// The in-memory store's `decodePayloads` option, kept apart from the store: every payload is
// checked on append with the decoder, and the decodings are handed to a reader with the same
// function (`DecodedBatchReader`), so a rebuild does not check again what the store checked
// (a rebuild's largest cost after the views themselves).

/**
 * The decodings of the stored payloads. Those that are just `{ type, data }` of their
 * envelope (the usual case) are not kept but rebuilt exactly when read; the others (an
 * upcast, say) are kept, frozen, by log index.
 */
export class PayloadDecodings {
  readonly #others = new Map<number, unknown>();

  /**
   * @param decoder - the store's `decodePayloads`
   * @param kept - whether the decodings are kept for readers (`keepDecodings`); when not,
   *   payloads are only checked and {@link batches} is not to be called.
   */
  constructor(
    readonly decoder: PayloadDecoder,
    readonly kept: boolean,
  ) {}

  /**
   * Decodes the payloads of events about to be stored at log indexes `first`, `first + 1`,
   * ...: `Left(PayloadRejected)` for the first one refused (keep nothing then), else a
   * function that keeps their decodings once the events are stored.
   */
  check(
    stream: string,
    stored: readonly Envelope[],
    first: number,
  ): E.Either<PayloadRejected, () => void> {
    const others: [number, unknown][] = [];
    for (let k = 0; k < stored.length; k++) {
      const e = stored[k] as Envelope;
      const decoded = this.decoder(e.type, e.schemaVersion, e.data);
      if (decoded._tag === 'Left')
        return E.left(
          StoreErrors.payloadRejected(stream, k, e.eventId, e.type, decoded.left.errors),
        );
      // Kept ones are frozen, as the envelopes are: no reader can change what the next one
      // is handed.
      if (this.kept && !isOwnDecoding(decoded.right, e))
        others.push([first + k, deepFreeze(decoded.right)]);
    }
    return E.right(() => {
      for (const [index, decoded] of others) this.#others.set(index, decoded);
    });
  }

  /** The batches of `slices` (starting at log index `start`) with their decodings. */
  batches(slices: AsyncIterator<readonly Envelope[]>, start: number): AsyncIterator<DecodedBatch> {
    const others = this.#others;
    let at = start;
    return {
      next: async () => {
        const r = await slices.next();
        if (r.done === true) return r;
        const envelopes = r.value;
        const events = new Array<unknown>(envelopes.length);
        for (let i = 0; i < envelopes.length; i++) {
          const e = envelopes[i] as Envelope;
          events[i] =
            others.size === 0
              ? { type: e.type, data: e.data }
              : (others.get(at + i) ?? { type: e.type, data: e.data });
        }
        at += envelopes.length;
        return { done: false, value: { envelopes, events } };
      },
      return: () =>
        (slices.return?.() ?? Promise.resolve({ done: true, value: undefined })).then(() => ({
          done: true as const,
          value: undefined,
        })),
    };
  }
}

/**
 * Whether a decoding is exactly `{ type, data }` of the envelope (a plain object with those
 * two keys, the payload by reference): then it need not be kept, being rebuilt exactly.
 */
function isOwnDecoding(decoded: unknown, envelope: Envelope): boolean {
  if (typeof decoded !== 'object' || decoded === null) return false;
  if (Object.getPrototypeOf(decoded) !== Object.prototype) return false;
  const keys = Object.keys(decoded);
  return (
    keys.length === 2 &&
    'type' in decoded &&
    'data' in decoded &&
    decoded.type === envelope.type &&
    decoded.data === envelope.data
  );
}

/** Freezes a value and everything reachable from it. */
function deepFreeze<T>(value: T, seen = new Set<object>()): T {
  if (typeof value === 'object' && value !== null && !seen.has(value)) {
    seen.add(value);
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v, seen);
  }
  return value;
}
