import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import fc from 'fast-check';
import { decodeEvent, defaultRagPolicy } from '@assure/domain';
import { createMemoryStore, type EventStore } from '@assure/event-store';
import {
  memorySnapshotStore,
  Projector,
  readModels,
  readModelViews,
  type SnapshotStore,
} from '@assure/projections';
import { openFileStore, openLogReader, verifiedPrefixPath } from '@assure/store-file';
import { appendAll, clock, dayOf, history, op } from './risk-history';

// Any as-at / known-at answer equals a full replay of exactly the events valid on or
// before the day and recorded at or before the instant, whatever path gives it: the file
// log read from zero (every line checked), through its verified prefix (lines outside the
// window left unparsed), with a tail appended after the record, and through a snapshot.

/** status, tracker and risks as at `asAt` (and known at `knownAt`) from a store. */
async function answer(
  store: EventStore,
  asAt: string,
  knownAt: string | undefined,
  snapshots: SnapshotStore | null = null,
): Promise<string> {
  const r = await readModels(store, {
    decode: decodeEvent,
    clock,
    asAt,
    snapshots,
    ...(knownAt === undefined ? {} : { knownAt }),
  })();
  if (E.isLeft(r)) throw new Error(r.left.message);
  const m = r.right.models;
  return JSON.stringify([
    m.status(defaultRagPolicy),
    m.tracker({ policy: defaultRagPolicy }),
    m.risks(),
  ]);
}

describe('time travel: every path answers as a full replay of the window', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'assure-tt-prop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let run = 0;

  it('file log (checked, verified prefix, prefix + tail) and snapshot agree with the replay', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 45 }),
        fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
        fc.integer({ min: 0, max: 30 }),
        async (ops, asAtDay, knownHours, split) => {
          const events = history(ops);
          const asAt = dayOf(asAtDay);
          const knownAt =
            knownHours === undefined
              ? undefined
              : new Date(Date.UTC(2015, 0, 1) + knownHours * 3_600_000).toISOString();
          // The replay: exactly the events inside the window, folded from zero (the window
          // then leaves nothing out; given, so the documents name the same point of view).
          const replay = async (of: typeof events) => {
            const reference = createMemoryStore({ clock });
            await appendAll(
              reference,
              of.filter(
                ({ event: e }) =>
                  e.meta.occurredAt.slice(0, 10) <= asAt &&
                  (knownAt === undefined || (e.meta.recordedAt as string) <= knownAt),
              ),
            );
            return answer(reference, asAt, knownAt);
          };
          const cut = Math.min(split, events.length);
          const before = await replay(events.slice(0, cut));
          const expected = await replay(events);

          const file = path.join(dir, `events-${run++}.ndjson`);
          const writer = await openFileStore(file, { fsync: () => Promise.resolve(), clock })();
          if (E.isLeft(writer)) throw new Error(writer.left.message);
          await appendAll(writer.right, events.slice(0, cut));
          const reader = openLogReader(file, { recordAfterBytes: 0 });
          // Every line checked (and the prefix recorded), then through the record.
          expect(await answer(reader, asAt, knownAt)).toBe(before);
          expect(await answer(reader, asAt, knownAt)).toBe(before);
          // A tail appended after the record: read through the prefix, the tail checked.
          await appendAll(writer.right, events.slice(cut));
          await writer.right.close();
          expect(await answer(reader, asAt, knownAt)).toBe(expected);
          expect(await answer(reader, asAt, knownAt)).toBe(expected);
          expect(await answer(openLogReader(file, { verifiedPrefix: false }), asAt, knownAt)).toBe(
            expected,
          );
          // Through a snapshot of the full fold, taken first.
          const snapshots = memorySnapshotStore();
          await answer(reader, '9999-12-31', undefined, snapshots);
          expect(await answer(reader, asAt, knownAt, snapshots)).toBe(expected);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('a rebuild from the log reader (one pass, no window) folds what the opened file store folds, and gives no answer from a log whose chain breaks', async () => {
    const fold = async (store: EventStore) => {
      const r = await new Projector(readModelViews, { decode: decodeEvent }).catchUp(store)();
      return E.isLeft(r) ? r.left : JSON.stringify(r.right.states);
    };
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 2, maxLength: 30 }), async (ops) => {
        const events = history(ops);
        const file = path.join(dir, `events-${run++}.ndjson`);
        const writer = await openFileStore(file, { fsync: () => Promise.resolve(), clock })();
        if (E.isLeft(writer)) throw new Error(writer.left.message);
        await appendAll(writer.right, events);
        await writer.right.close();
        // The store's own open (its index and checks), then the fold.
        const opened = await openFileStore(file, { readOnly: true })();
        if (E.isLeft(opened)) throw new Error(opened.left.message);
        const expected = await fold(opened.right);
        await opened.right.close();
        expect(typeof expected).toBe('string');
        // Every line checked in full (and recorded), then through the record.
        expect(await fold(openLogReader(file, { recordAfterBytes: 0 }))).toBe(expected);
        expect(await fold(openLogReader(file))).toBe(expected);
        // The line before the last removed, the later positions laid out again: every line's
        // position and content hash hold, and only a chain can tell.
        const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
        const kept = [...lines.slice(0, -2), lines[lines.length - 1] as string];
        let offset = 0;
        const text = kept
          .map((l) => {
            const line = l.replace(/^\{"position":"\d+"/, `{"position":"${offset}"`);
            offset += Buffer.byteLength(line) + 1;
            return line;
          })
          .join('\n');
        writeFileSync(file, `${text}\n`);
        rmSync(verifiedPrefixPath(file), { force: true });
        const streamOf = (l: string) => (JSON.parse(l) as { stream: string }).stream;
        const removed = lines[lines.length - 2] as string;
        const broken = await fold(openLogReader(file, { recordAfterBytes: 0 }));
        // When the last line is of the removed line's stream, its chain breaks there: no
        // answer; else every chain holds, and the fold answers.
        if (streamOf(removed) === streamOf(lines[lines.length - 1] as string))
          expect(typeof broken !== 'string' && broken._tag).toBe('Tampered');
        else expect(typeof broken).toBe('string');
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
