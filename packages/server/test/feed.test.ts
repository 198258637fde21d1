import * as http from 'node:http';
import * as E from 'fp-ts/Either';
import { openFileStore } from '@assure/store-file';
import { OFFICER, issueKeys, suiteFolder } from './fixture';
import { feedUntil, openStore, post, readFeed, rescore, seed, start, type Frame } from './helpers';
import { serve } from './process';

const ids = (frames: readonly Frame[]): string[] => frames.map((f) => f.id ?? '');

/** The log's positions, read as a reader (no lock: the server holds the writer's). */
async function positions(file: string): Promise<string[]> {
  const opened = await openFileStore(file, { readOnly: true })();
  if (E.isLeft(opened)) throw new Error(opened.left.message);
  const store = opened.right;
  const out: string[] = [];
  try {
    for await (const e of store.readAll()) out.push(e.position);
  } finally {
    await store.close();
  }
  return out;
}

describe('the live change feed', () => {
  const folder = suiteFolder(19, 'each');
  let officer: string;

  beforeEach(async () => {
    officer = (await issueKeys(folder().keys, { officer: OFFICER })).officer.secret;
  });

  it('sends every event with its position as the SSE id, the items it changed, and resumes after a disconnect with no gap or duplicate', async () => {
    const running = await start(folder().file, folder().keys, { heartbeatMs: 60_000 });
    try {
      const first = await readFeed(running.url, officer, null, (f) => f.length === 10);
      expect(first.every((f) => f.event === 'change')).toBe(true);
      for (const i of [1, 2, 3])
        expect((await post(running.url, officer, rescore(`feed-${i}`, i))).status).toBe(200);
      const head = (await running.store.headPosition()()) as { right: bigint };
      const rest = await readFeed(
        running.url,
        officer,
        first[9]?.id ?? null,
        (f) => f.at(-1)?.id === head.right.toString(),
      );
      const last = JSON.parse(rest.at(-1)?.data ?? '{}') as Record<string, unknown>;
      expect(last).toMatchObject({
        stream: 'risk-equal-pay',
        type: 'RiskRescored',
        occurredAt: '2019-03-12T00:00:00.000Z',
      });
      expect(last['items']).toMatchObject({ risk: ['equal-pay'] });
      const all: string[] = [];
      for await (const e of running.store.readAll()) all.push(e.position);
      expect([...ids(first), ...ids(rest)]).toEqual(all);
    } finally {
      await running.stop();
    }
  });

  it('resumes across a restart of `assure serve` (real processes), events written while down included', async () => {
    const one = await serve(folder().dir, folder().file, folder().keys);
    const seen = await readFeed(one.url, officer, null, (f) => f.length === 19);
    expect((await post(one.url, officer, rescore('before-restart', 2))).status).toBe(200);
    const more = await readFeed(one.url, officer, seen.at(-1)?.id ?? null, (f) => f.length === 1);
    expect(await one.stop()).toBe(0);
    // While it is down, another writer adds to the log.
    const store = await openStore(folder().file);
    await seed(store, [
      {
        type: 'RescoreRisk',
        data: {
          riskId: 'equal-pay',
          likelihood: 3,
          impact: 4,
          rationale: 'while the server was down',
        },
        meta: {
          actor: 'officer-cfo',
          role: 'officer',
          occurredAt: '2019-04-01',
          commandId: 'while-down',
        },
      },
    ]);
    await store.close();
    const two = await serve(folder().dir, folder().file, folder().keys);
    try {
      expect((await post(two.url, officer, rescore('after-restart', 4))).status).toBe(200);
      const all = await positions(folder().file);
      const after = await readFeed(
        two.url,
        officer,
        more.at(-1)?.id ?? null,
        (f) => f.at(-1)?.id === all.at(-1),
      );
      expect([...ids(seen), ...ids(more), ...ids(after)]).toEqual(all);
    } finally {
      expect(await two.stop()).toBe(0);
    }
  });

  it('sends heartbeats, and refuses a Last-Event-ID that is not a position', async () => {
    const running = await start(folder().file, folder().keys, { heartbeatMs: 50 });
    try {
      const text = await feedUntil(running.url, officer, '999999999', ': heartbeat');
      expect(text).toContain(': heartbeat\n\n');
      const bad = await new Promise<number>((resolve) =>
        http.get(
          `${running.url}/v1/feed`,
          { headers: { authorization: `Bearer ${officer}`, 'last-event-id': 'abc' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        ),
      );
      expect(bad).toBe(400);
    } finally {
      await running.stop();
    }
  });
});
