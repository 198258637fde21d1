// Where a read's models come from (the followed model, or the store), and the cache of
// serialized documents built from them.
import * as E from 'fp-ts/Either';
import {
  decodeProjectionEvent,
  fullReadModels,
  readModels,
  readModelsFromJournal,
  type FullReadModels,
  type ReadModels,
} from '@assure/projections';
import type { ServerContext } from '../context';
import type { ServedDocument } from '../documents';
import type { TaggedError } from '../problem';
import type { Pov } from './query';

/** Read models at a point of view, with the log position they reflect. */
interface Models<M> {
  readonly models: M;
  readonly position: string | null;
  /** True when built from the followed model: exactly the log up to `position`. */
  readonly followed: boolean;
}

/** Waits for `p` at most `ms` (the timer cleared as soon as `p` settles). */
async function within(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([p, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** Where the read models at a point of view come from, and the log position they reflect. */
interface Source<M> {
  readonly position: string | null;
  /** True when they come from the followed model: exactly the log up to `position`. */
  readonly followed: boolean;
  /** The models: at once from the followed model, else built from the store. */
  models(): Promise<E.Either<TaggedError, M>>;
}

/**
 * Where the read models at a point of view come from: the followed model once it has folded
 * the log's head (a read sees every write acknowledged before it); when it cannot answer (a
 * known-at instant, an earlier as-at day), the entity views from its event journal and the
 * store's events after it, any other view from the store; the store alone when the followed
 * model lags too long. Nothing is built yet, so a cached document or a 304 costs no fold.
 */
export async function sourceAt(
  ctx: ServerContext,
  pov: Pov,
  full: boolean,
): Promise<E.Either<TaggedError, Source<FullReadModels | ReadModels>>> {
  const head = await ctx.store.headPosition()();
  if (E.isLeft(head)) return head;
  // Usually the followed model has folded the head already: no promise, no timer.
  if (head.right !== null && !ctx.live.hasFolded(head.right))
    await within(ctx.live.reached(head.right), ctx.limits.readWaitMs);
  const followed = ctx.live.modelsAt(pov.asAt, pov.knownAt);
  if (followed !== null && (head.right === null || followed.checkpoint !== null)) {
    const models = E.right(followed.models);
    return E.right({
      position: followed.checkpoint,
      followed: true,
      models: () => Promise.resolve(models),
    });
  }
  const options = {
    decode: decodeProjectionEvent,
    asAt: pov.asAt,
    ...(pov.knownAt === null ? {} : { knownAt: pov.knownAt }),
  };
  return E.right({
    position: head.right?.toString() ?? null,
    followed: false,
    models: async () => {
      // The journal's events up to its checkpoint as it is now, the store's after it.
      const journaled = full || ctx.live.journal === null ? null : await ctx.live.journal.current();
      const built = full
        ? await fullReadModels(ctx.store, options)()
        : journaled === null
          ? await readModels(ctx.store, options)()
          : await readModelsFromJournal(ctx.store, journaled, options)();
      return E.isLeft(built) ? built : E.right(built.right.models);
    },
  });
}

/** The read models at a point of view (see {@link sourceAt}), built. */
export async function modelsAt(
  ctx: ServerContext,
  pov: Pov,
  full: boolean,
): Promise<E.Either<TaggedError, Models<FullReadModels | ReadModels>>> {
  const source = await sourceAt(ctx, pov, full);
  if (E.isLeft(source)) return source;
  const models = await source.right.models();
  if (E.isLeft(models)) return models;
  return E.right({
    models: models.right,
    position: source.right.position,
    followed: source.right.followed,
  });
}

/**
 * A document from the cache of serialized documents, built on a miss. One built from the
 * store (a known-at instant, an earlier as-at day) is kept only if the log's head did not
 * move while it was built, so its position names exactly what it reflects.
 */
export async function documentAt<M>(
  ctx: ServerContext,
  source: Source<M>,
  key: string,
  etag: string,
  build: (models: M) => unknown,
): Promise<E.Either<TaggedError, ServedDocument>> {
  const hit = ctx.documents.peek(key);
  if (hit !== undefined) return E.right(hit);
  const models = await source.models();
  if (E.isLeft(models)) return models;
  let keep = source.followed;
  if (!keep) {
    const head = await ctx.store.headPosition()();
    keep = E.isRight(head) && (head.right?.toString() ?? null) === source.position;
  }
  return E.right(ctx.documents.put(source.position, key, etag, build(models.right), keep));
}
