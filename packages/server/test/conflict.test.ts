import * as E from 'fp-ts/Either';
import { domainModel } from '@assure/domain';
import { createCommandHandler, type EventStore } from '@assure/event-store';
import { createServer, type AssureServer } from '@assure/server';
import { OFFICER, issueKeys, seededFolder, type Folder } from './fixture';
import { openStore, post, rescore } from './helpers';

/**
 * The store the server writes through, with a rival writer that lands on a stream between
 * the server's read of it and its append, on each of the first `wins` appends to that
 * stream: the real store then refuses the server's append with `WrongExpectedRevision` (its
 * expected revision is stale), exactly as when another writer wins a race, but at a point
 * chosen by the test rather than by timing.
 */
function withRival(
  store: EventStore,
  stream: string,
  wins: number,
  rival: (n: number) => Promise<void>,
): { store: EventStore; landed: () => number } {
  let landed = 0;
  return {
    landed: () => landed,
    store: {
      append: (s, events, expected) => async () => {
        if (s === stream && landed < wins) await rival(++landed);
        return store.append(s, events, expected)();
      },
      readStream: (s, options) => store.readStream(s, options),
      readAll: (options) => store.readAll(options),
      subscribe: (options) => store.subscribe(options),
      headPosition: () => store.headPosition(),
      close: () => store.close(),
    },
  };
}

describe('a command that loses the race for its stream', () => {
  let folder: Folder;
  let officer: string;
  let store: EventStore;
  let server: AssureServer;

  /** Starts a server whose writes to risk-equal-pay are preceded by `wins` rival rescores. */
  async function startWithRival(wins: number): Promise<{ url: string; landed: () => number }> {
    store = await openStore(folder.file);
    const rivalHandler = createCommandHandler({ store, model: domainModel });
    const rival = withRival(store, 'risk-equal-pay', wins, async (n) => {
      const r = await rivalHandler.handleUnknown(
        {
          type: 'RescoreRisk',
          // Never the server's score (3, 5), and each unlike the one before.
          data: {
            riskId: 'equal-pay',
            likelihood: 1 + (n % 5),
            impact: 4,
            rationale: `rival ${n}`,
          },
        },
        { actor: 'officer-rival', role: 'officer', commandId: `rival-${n}` },
      )();
      if (E.isLeft(r)) throw new Error(`the rival's rescore failed: ${r.left._tag}`);
    });
    const built = await createServer({ store: rival.store, keysFile: folder.keys, logger: false });
    if (E.isLeft(built)) throw new Error(built.left.message);
    server = built.right;
    const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
    return { url, landed: rival.landed };
  }

  /** The stream's events: who issued them and under which command. */
  async function streamOf(): Promise<{ actor: string; commandId: string | undefined }[]> {
    const out: { actor: string; commandId: string | undefined }[] = [];
    for await (const e of store.readStream('risk-equal-pay'))
      out.push({ actor: e.meta.actor, commandId: e.meta.commandId });
    return out;
  }

  beforeEach(async () => {
    folder = await seededFolder(19);
    officer = (await issueKeys(folder.keys, { officer: OFFICER })).officer.secret;
  });
  afterEach(async () => {
    await server.close();
    await store.close();
    await folder.remove();
  });

  it('is answered 409 WrongExpectedRevision (problem+json) once every retry lost, with nothing of it written; the same command sent again is applied', async () => {
    // The handler tries 1 + 5 retries; the rival wins each of them.
    const { url, landed } = await startWithRival(6);
    const before = await streamOf();
    const r = await post(url, officer, rescore('lost-race'));
    expect(r.status).toBe(409);
    expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(r.json).toMatchObject({
      type: 'urn:assure:problem:WrongExpectedRevision',
      status: 409,
      error: { _tag: 'WrongExpectedRevision', stream: 'risk-equal-pay' },
    });
    expect(landed()).toBe(6);
    const after = await streamOf();
    // Only the rival's six rescores were written; nothing under the lost command's id.
    expect(after.slice(before.length)).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => ({ actor: 'officer-rival', commandId: `rival-${n}` })),
    );
    expect(after.some((e) => e.commandId === 'lost-race')).toBe(false);

    // The rival is done: the client's retry with the same commandId goes through.
    const again = await post(url, officer, rescore('lost-race'));
    expect(again.status).toBe(200);
    const last = (await streamOf()).at(-1);
    expect(last).toEqual({ actor: 'officer-cfo', commandId: 'lost-race' });
  });

  it('is retried on a fresh read when the rival wins only once, and applied after the rival (200)', async () => {
    const { url, landed } = await startWithRival(1);
    const before = await streamOf();
    const r = await post(url, officer, rescore('won-on-retry'));
    expect(r.status).toBe(200);
    expect(landed()).toBe(1);
    expect((await streamOf()).slice(before.length)).toEqual([
      { actor: 'officer-rival', commandId: 'rival-1' },
      { actor: 'officer-cfo', commandId: 'won-on-retry' },
    ]);
    expect(r.json).toMatchObject({ stream: 'risk-equal-pay' });
  });
});
