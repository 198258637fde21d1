import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import {
  decodeProjectionEvent,
  encodeSnapshot,
  fileSnapshotStore,
  loadOrBuild,
  Projector,
  readModelViews,
} from '@assure/projections';
import { tempDirPerTest } from './temp-dir';
import { birminghamJourney } from './fixtures';
import { snapshotText } from './snapshot-edit';

// A snapshot of every read model over the Birmingham journey, as an earlier build wrote it
// (before the facts codecs were written with shared field sets; rewritten in the sectioned
// format, version 4, from the states of the version 3 golden; rewritten again when the
// history view went to version 3, and to version 4). Rewrite it only when a view's version
// changes:
// `ASSURE_WRITE_GOLDEN=1 jest snapshot-compat`.
const GOLDEN = join(__dirname, 'golden', 'read-models-snapshot.json');
// The same snapshot with the history view at version 2 (one JSON object per update), as
// builds before the packed history section wrote it, and at version 3 (packed updates, one
// JSON object per score), as builds before the packed scores wrote it: never rewritten.
const GOLDEN_HISTORY_OLD = [2, 3].map(
  (v) => [v, join(__dirname, 'golden', `read-models-snapshot-history-v${v}.json`)] as const,
);

const decode = decodeProjectionEvent;
const dir = tempDirPerTest('assure-snapshot-compat-');

describe('a snapshot written by an earlier build', () => {
  it('loads, and holds the states a rebuild makes, in the same encoding', async () => {
    // The first history of this file: its event ids, and so its hashes, are the golden's.
    const h = await birminghamJourney();
    const rebuilt = await new Projector(readModelViews, { decode }).catchUp(h.store)();
    if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message);
    if (process.env['ASSURE_WRITE_GOLDEN'] === '1')
      await writeFile(GOLDEN, snapshotText(encodeSnapshot(readModelViews, rebuilt.right)));

    const path = join(dir(), 'read-models.json');
    await copyFile(GOLDEN, path);
    const r = await loadOrBuild(h.store, readModelViews, fileSnapshotStore(path), { decode })();
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect(r.right.snapshotProblem).toBeNull();
    expect(r.right.source).toBe('snapshot');
    expect(r.right.caughtUp).toBe(0);
    expect(r.right.result.states).toEqual(rebuilt.right.states);
    const golden = await readFile(GOLDEN, 'utf8');
    expect(snapshotText(encodeSnapshot(readModelViews, r.right.result))).toBe(golden);
  });

  it.each(GOLDEN_HISTORY_OLD)(
    'with the history view at version %i is stale: rebuilt over, into the same states',
    async (version, golden) => {
      const h = await birminghamJourney();
      const rebuilt = await new Projector(readModelViews, { decode }).catchUp(h.store)();
      if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message);
      const old = await readFile(golden, 'utf8');
      expect(old).toContain(`"history":{"version":${version},`);

      const path = join(dir(), 'read-models.json');
      await copyFile(golden, path);
      const r = await loadOrBuild(h.store, readModelViews, fileSnapshotStore(path), { decode })();
      if (E.isLeft(r)) throw new Error(r.left.message);
      expect(r.right.snapshotProblem).toBe(`view history is at version ${version}, not 4`);
      expect(r.right.source).not.toBe('snapshot');
      expect(r.right.result.states).toEqual(rebuilt.right.states);
    },
  );
});
