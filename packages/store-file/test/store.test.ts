import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { computeEventHash, Envelope, ENVELOPE_FIELDS, GENESIS_HASH } from '@assure/event-store';
import { appendOk, collect } from '@assure/testing';
import { brief, open, rescored, useTempDir } from './helpers';

describe('file store: appends and reads', () => {
  const tmp = useTempDir();

  it('writes one normative envelope per line, positioned at its byte offset', async () => {
    const path = join(tmp.dir, 'nested', 'events.ndjson');
    const store = await open(path, { clock: () => new Date('2019-03-20T10:15:02.311Z') });
    const first = await appendOk(store, 'risk-equal-pay', [rescored(5), rescored(4)], 'no-stream');
    const second = await appendOk(store, 'risk-commonwealth-games', [rescored(3)], 'no-stream');
    await store.close();
    // Each line is exactly the JSON of the envelope the append returned.
    expect(readFileSync(path, 'utf8')).toBe(
      [...first.events, ...second.events].map((e) => `${JSON.stringify(e)}\n`).join(''),
    );

    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(3);
    let offset = 0;
    for (const line of lines) {
      const parsed: unknown = JSON.parse(line);
      const decoded = Envelope.decode(parsed);
      expect(E.isRight(decoded)).toBe(true);
      if (E.isLeft(decoded)) return;
      const e = decoded.right;
      expect(Object.keys(parsed as object)).toEqual(ENVELOPE_FIELDS);
      expect(e.position).toBe(String(offset));
      expect(e.hash).toBe(computeEventHash(e));
      expect(e.meta.recordedAt).toBe('2019-03-20T10:15:02.311Z');
      offset += Buffer.byteLength(line) + 1;
    }
    expect(first.events.map((e) => e.revision)).toEqual([0, 1]);
    expect(first.events[0]?.prevHash).toBe(GENESIS_HASH);
    expect(first.events[1]?.prevHash).toBe(first.events[0]?.hash);
    expect(first.nextRevision).toBe(1);
    expect(first.position).toBe(first.events[1]?.position);
  });

  it('reads streams and the global log, inclusive of from, with maxCount', async () => {
    const store = await open(tmp.log);
    const a = await appendOk(store, 'risk-equal-pay', [rescored(5), rescored(4)], 'no-stream');
    const b = await appendOk(store, 'risk-commonwealth-games', [rescored(3)], 'no-stream');
    const c = await appendOk(store, 'risk-equal-pay', [rescored(3)], { revision: 1 });
    const all = [...a.events, ...b.events, ...c.events];

    expect((await collect(store.readAll())).map(brief)).toEqual(all.map(brief));
    const stream = await collect(store.readStream('risk-equal-pay'));
    expect(stream.map((e) => e.revision)).toEqual([0, 1, 2]);
    expect(
      (await collect(store.readStream('risk-equal-pay', { fromRevision: 2 }))).map(brief),
    ).toEqual(c.events.map(brief));
    expect(await collect(store.readStream('risk-missing'))).toEqual([]);

    const from = BigInt(b.position);
    expect((await collect(store.readAll({ from }))).map(brief)).toEqual(
      [...b.events, ...c.events].map(brief),
    );
    // A position between two lines starts at the next line.
    expect((await collect(store.readAll({ from: from - 1n }))).map(brief)).toEqual(
      [...b.events, ...c.events].map(brief),
    );
    expect((await collect(store.readAll({ from, maxCount: 1 }))).map(brief)).toEqual(
      b.events.map(brief),
    );
    expect(await collect(store.readAll({ from: BigInt(c.position) + 1n }))).toEqual([]);
    const head = await store.headPosition()();
    expect(head).toEqual(E.right(BigInt(c.position)));
    await store.close();
  });

  it('enforces expected revisions', async () => {
    const store = await open(tmp.log);
    const stream = 'risk-equal-pay';
    const missing = await store.append(stream, [rescored(1)], 'stream-exists')();
    expect(E.isLeft(missing) && missing.left._tag).toBe('WrongExpectedRevision');
    await appendOk(store, stream, [rescored(1)], 'no-stream');
    const again = await store.append(stream, [rescored(1)], 'no-stream')();
    expect(again).toEqual(
      E.left(
        expect.objectContaining({
          _tag: 'WrongExpectedRevision',
          expected: 'no-stream',
          actual: '0',
        }),
      ),
    );
    const stale = await store.append(stream, [rescored(1)], { revision: 5 })();
    expect(E.isLeft(stale) && stale.left._tag).toBe('WrongExpectedRevision');
    await appendOk(store, stream, [rescored(2)], { revision: 0 });
    await appendOk(store, stream, [rescored(2)], 'stream-exists');
    await appendOk(store, stream, [rescored(2)], 'any');
    const empty = await appendOk(store, stream, [], { revision: 3 });
    expect(empty.nextRevision).toBe(3);
    expect(empty.events).toEqual([]);
    await store.close();
  });

  it('lets exactly one of many concurrent appends to one stream win', async () => {
    const store = await open(tmp.log);
    await appendOk(store, 'risk-equal-pay', [rescored(5)], 'no-stream');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.append('risk-equal-pay', [rescored(i)], { revision: 0 })(),
      ),
    );
    expect(results.filter(E.isRight)).toHaveLength(1);
    expect(
      results.filter(E.isLeft).every((r) => E.isLeft(r) && r.left._tag === 'WrongExpectedRevision'),
    ).toBe(true);
    expect(await collect(store.readStream('risk-equal-pay'))).toHaveLength(2);
    await store.close();
  });

  it('a stream read on the writer sees the appends to it still waiting for their group commit', async () => {
    const store = await open(tmp.log);
    await appendOk(store, 'risk-equal-pay', [rescored(5)], 'no-stream');
    // Two writers at revision 0: the loser reloads at once, as a command handler's retry does.
    const winner = store.append('risk-equal-pay', [rescored(4)], { revision: 0 })();
    const loser = await store.append('risk-equal-pay', [rescored(3)], { revision: 0 })();
    expect(E.isLeft(loser) && loser.left).toMatchObject({
      _tag: 'WrongExpectedRevision',
      actual: '1',
    });
    const reloaded = await collect(store.readStream('risk-equal-pay'));
    // The revision the next expectation is checked against, not the last one committed.
    expect(reloaded.map((e) => e.revision)).toEqual([0, 1]);
    const retry = await store.append('risk-equal-pay', [rescored(2)], { revision: 1 })();
    expect(E.isRight(retry)).toBe(true);
    expect(E.isRight(await winner)).toBe(true);
    expect(await collect(store.readStream('risk-equal-pay'))).toHaveLength(3);
    await store.close();
  });

  it('refuses events it could not read back, and writes nothing for them', async () => {
    const path = tmp.log;
    const store = await open(path);
    const bad = { ...rescored(1), type: '' };
    const r = await store.append('risk-equal-pay', [rescored(1), bad], 'any')();
    expect(E.isLeft(r) && r.left._tag).toBe('StoreUnavailable');
    const badStream = await store.append('Risk Equal Pay', [rescored(1)], 'any')();
    expect(E.isLeft(badStream) && badStream.left.message).toMatch(/stream/);
    expect(await collect(store.readAll())).toEqual([]);
    await store.close();
    expect(readFileSync(path, 'utf8')).toBe('');
  });

  it('rebuilds the index on open: a reopened store reads the same', async () => {
    const path = tmp.log;
    const store = await open(path);
    for (let i = 0; i < 30; i++) {
      await appendOk(store, `risk-r${i % 4}`, [rescored(i % 5), rescored((i + 1) % 5)], 'any');
    }
    const before = (await collect(store.readAll())).map(brief);
    const streams = await Promise.all(
      [0, 1, 2, 3].map(async (i) => (await collect(store.readStream(`risk-r${i}`))).map(brief)),
    );
    const stats = store.stats();
    await store.close();

    const again = await open(path);
    expect((await collect(again.readAll())).map(brief)).toEqual(before);
    for (const i of [0, 1, 2, 3]) {
      expect((await collect(again.readStream(`risk-r${i}`))).map(brief)).toEqual(streams[i]);
    }
    expect(again.stats()).toEqual({ ...stats, commits: 0 });
    // The chain goes on across the reopen.
    const next = await appendOk(again, 'risk-r0', [rescored(1)], { revision: 15 });
    expect(next.events[0]?.prevHash).toBe(streams[0]?.[15]?.split(' ')[2]);
    await again.close();
  });

  it('fails reads, appends and subscriptions after close', async () => {
    const store = await open(tmp.log);
    await appendOk(store, 'risk-equal-pay', [rescored(1)], 'no-stream');
    await store.close();
    const r = await store.append('risk-equal-pay', [rescored(1)], 'any')();
    expect(E.isLeft(r) && r.left._tag).toBe('StoreUnavailable');
    await expect(collect(store.readAll())).rejects.toThrow(/closed/);
    expect(await collect(store.subscribe())).toEqual([]);
  });
});
