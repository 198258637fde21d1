import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { StoreFailure, type Envelope } from '@assure/event-store';
import { openLogReader, positionsAreByteOffsets } from '@assure/store-file';
import { appendOk, collect, open, rescored, tempDir } from './helpers';

/** A log of `n` events over two streams, written by the file store; returns what it wrote. */
async function writeLog(path: string, n: number): Promise<Envelope[]> {
  const store = await open(path);
  const written: Envelope[] = [];
  for (let i = 0; i < n; i++) {
    const r = await appendOk(store, i % 2 === 0 ? 'risk-equal-pay' : 'risk-housing', [
      rescored(1 + (i % 5)),
    ]);
    written.push(...r.events);
  }
  await store.close();
  return written;
}

async function failureOf(it: AsyncIterable<unknown>): Promise<StoreFailure> {
  try {
    await collect(it);
  } catch (e) {
    if (e instanceof StoreFailure) return e;
    throw e;
  }
  throw new Error('expected the read to fail');
}

describe('openLogReader: a read-only open of the file log without an index', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.cleanup());

  it('reads what the file store wrote, and seeks to the first event at or after `from`', async () => {
    const path = join(dir.dir, 'events.ndjson');
    const written = await writeLog(path, 12);
    const reader = openLogReader(path);
    expect(await collect(reader.readAll())).toEqual(written);
    const fifth = written[5] as Envelope;
    // Exactly at a line start, and one byte into the line before it.
    expect(await collect(reader.readAll({ from: BigInt(fifth.position) }))).toEqual(
      written.slice(5),
    );
    expect(await collect(reader.readAll({ from: BigInt(fifth.position) - 1n }))).toEqual(
      written.slice(5),
    );
    expect(await collect(reader.readAll({ from: 1n, maxCount: 3 }))).toEqual(written.slice(1, 4));
    expect((await collect(reader.readAllBatches({ from: 1n }))).flat()).toEqual(written.slice(1));
    expect(await collect(reader.readStream('risk-housing', { fromRevision: 2 }))).toEqual(
      written.filter((e) => e.stream === 'risk-housing' && e.revision >= 2),
    );
    expect(await reader.headPosition()()).toEqual(
      E.right(BigInt((written[11] as Envelope).position)),
    );
    expect(await positionsAreByteOffsets(path)).toBe(true);
    await reader.close();
  });

  it('ignores an incomplete last line, reads a missing file as empty, and refuses appends', async () => {
    const path = join(dir.dir, 'events.ndjson');
    const written = await writeLog(path, 3);
    appendFileSync(path, '{"position":"9999","stream":"risk-equal-pay"');
    const reader = openLogReader(path);
    expect(await collect(reader.readAll())).toEqual(written);
    const missing = openLogReader(join(dir.dir, 'none.ndjson'));
    expect(await collect(missing.readAll())).toEqual([]);
    expect(await missing.headPosition()()).toEqual(E.right(null));
    const appended = await reader.append('risk-equal-pay', [rescored(2)], 'any')();
    expect(E.isLeft(appended) && appended.left._tag).toBe('StoreUnavailable');
  });

  it('fails an edited event with Tampered (hash-mismatch) and a misplaced one by its offset', async () => {
    const path = join(dir.dir, 'events.ndjson');
    await writeLog(path, 4);
    const text = readFileSync(path, 'utf8');
    // Same length, so every later position still matches its offset.
    writeFileSync(path, text.replace('"likelihood":3', '"likelihood":4'));
    const edited = await failureOf(openLogReader(path).readAll());
    expect(edited.error._tag).toBe('Tampered');
    expect(edited.error.message).toContain('hash-mismatch');

    writeFileSync(path, `\n${text}`);
    const shifted = await failureOf(openLogReader(path).readAll());
    expect(shifted.error._tag).toBe('StoreCorrupt');
    expect(shifted.error.message).toContain('at position 0');
  });
});
