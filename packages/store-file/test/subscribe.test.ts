import { join } from 'node:path';
import type { Envelope } from '@assure/event-store';
import type { FileStore } from '@assure/store-file';
import { appendOk, collect } from '@assure/testing';
import { brief, open, rescored, useTempDir } from './helpers';

/** Takes `n` events from a subscription, then stops it. */
async function take(store: FileStore, n: number, after?: bigint): Promise<Envelope[]> {
  const out: Envelope[] = [];
  if (n === 0) return out;
  for await (const e of store.subscribe(after === undefined ? {} : { after })) {
    out.push(e);
    if (out.length === n) break;
  }
  return out;
}

describe('file store: subscriptions', () => {
  const tmp = useTempDir();

  it('catches up then follows live appends of the writer, exclusive of the checkpoint', async () => {
    const store = await open(tmp.log);
    const first = await appendOk(store, 'risk-equal-pay', [rescored(5), rescored(4)], 'no-stream');
    const checkpoint = BigInt(first.events[0]?.position ?? '0');
    const seen = take(store, 5, checkpoint);
    const later: Envelope[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await appendOk(store, `risk-r${i % 2}`, [rescored(i)], 'any');
      later.push(...r.events);
    }
    expect((await seen).map(brief)).toEqual([first.events[1] as Envelope, ...later].map(brief));
    expect((await collect(store.readAll())).map(brief)).toEqual(
      [...first.events, ...later].map(brief),
    );
    await store.close();
  });

  it('sees concurrent group-committed appends with no gap and no duplicate', async () => {
    const store = await open(tmp.log);
    const seen = take(store, 60);
    const writes = Array.from({ length: 30 }, (_, i) =>
      store.append(`risk-r${i % 6}`, [rescored(i % 5), rescored((i + 2) % 5)], 'any')(),
    );
    await Promise.all(writes);
    const got = await seen;
    expect(got.map(brief)).toEqual((await collect(store.readAll())).map(brief));
    await store.close();
  });

  it('ends when its signal aborts, and when the store closes', async () => {
    const store = await open(tmp.log);
    await appendOk(store, 'risk-equal-pay', [rescored(5)], 'no-stream');
    const controller = new AbortController();
    const got: Envelope[] = [];
    const run = (async () => {
      for await (const e of store.subscribe({ signal: controller.signal })) {
        got.push(e);
        if (got.length === 1) controller.abort();
      }
    })();
    await run;
    expect(got).toHaveLength(1);

    const waiting = collect(store.subscribe());
    await new Promise((resolve) => setTimeout(resolve, 10));
    await store.close();
    expect(await waiting).toHaveLength(1);
  });

  it('lets a reader in another handle follow what a writer appends', async () => {
    const path = tmp.log;
    const writer = await open(path);
    const before = await appendOk(writer, 'risk-equal-pay', [rescored(5)], 'no-stream');
    const reader = await open(path, { readOnly: true, pollIntervalMs: 5 });
    const seen = take(reader, 4);
    const later: Envelope[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await appendOk(writer, 'risk-equal-pay', [rescored(i)], 'any');
      later.push(...r.events);
    }
    expect((await seen).map(brief)).toEqual([...before.events, ...later].map(brief));
    expect((await collect(reader.readStream('risk-equal-pay'))).map(brief)).toEqual(
      [...before.events, ...later].map(brief),
    );
    const head = await reader.headPosition()();
    expect(head).toEqual({ _tag: 'Right', right: BigInt(later[2]?.position ?? '0') });
    await reader.close();
    await writer.close();
  });

  it('lets a reader open a log that does not exist yet, and see it appear', async () => {
    const path = join(tmp.dir, 'later', 'events.ndjson');
    const reader = await open(path, { readOnly: true, pollIntervalMs: 5 });
    expect(await collect(reader.readAll())).toEqual([]);
    const seen = take(reader, 1);
    const writer = await open(path);
    const r = await appendOk(writer, 'risk-equal-pay', [rescored(5)], 'no-stream');
    expect((await seen).map(brief)).toEqual(r.events.map(brief));
    await reader.close();
    await writer.close();
  });
});
