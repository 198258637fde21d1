import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import {
  StoreErrors,
  StoreFailure,
  type Envelope,
  type EventStore,
  type ReadAllOptions,
} from '@assure/event-store';
import { ExportHeader } from '../export/format';
import { ndjsonBatches } from '../ndjson';
import { decodeEnvelope } from '@assure/event-store';

/**
 * A read-only {@link EventStore} over an export file, so that anything that reads a store
 * (the projections, verify, proofs) runs from an export alone, with no server. Every read
 * streams the file; appends fail with `StoreUnavailable`; a subscription is the catch-up
 * only. A line that is not an envelope fails the read with `StoreCorrupt`.
 *
 * @example
 * const store = exportStore('audit-2019.ndjson');
 * const models = await fullReadModels(store, { asAt: '2019-03-31' })();
 */
export function exportStore(path: string): EventStore {
  async function* events(from?: bigint, max = Number.POSITIVE_INFINITY): AsyncGenerator<Envelope> {
    let first = true;
    let n = 0;
    for await (const batch of ndjsonBatches(path)) {
      for (const l of batch) {
        let u: unknown;
        try {
          u = JSON.parse(l.text);
        } catch {
          throw new StoreFailure(StoreErrors.corrupt('?', `line ${l.line} is not JSON`));
        }
        if (first) {
          first = false;
          if (ExportHeader.is(u)) continue;
        }
        if (!l.complete) return;
        const e = decodeEnvelope(u);
        if (E.isLeft(e))
          throw new StoreFailure(StoreErrors.corrupt('?', `line ${l.line} is not an envelope`));
        if (from !== undefined && BigInt(e.right.position) < from) continue;
        if (n++ >= max) return;
        yield e.right;
      }
    }
  }
  return {
    append: (stream) =>
      TE.left(StoreErrors.unavailable(`an export is read-only (append to ${stream})`)),
    readStream: (stream, options = {}) => ({
      async *[Symbol.asyncIterator]() {
        for await (const e of events())
          if (e.stream === stream && e.revision >= (options.fromRevision ?? 0)) yield e;
      },
    }),
    readAll: (options: ReadAllOptions = {}) => ({
      [Symbol.asyncIterator]: () => events(options.from, options.maxCount),
    }),
    subscribe: (options = {}) => ({
      [Symbol.asyncIterator]: () =>
        events(options.after === undefined ? undefined : options.after + 1n),
    }),
    headPosition: () => async () => {
      try {
        let last: bigint | null = null;
        for await (const e of events()) last = BigInt(e.position);
        return E.right(last);
      } catch (err) {
        return E.left(
          err instanceof StoreFailure ? err.error : StoreErrors.unavailable(String(err)),
        );
      }
    },
    close: () => Promise.resolve(),
  };
}
