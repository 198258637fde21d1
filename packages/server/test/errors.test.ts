import { ADMIN, OFFICER, seededFolder, seededSuite } from './fixture';
import { bearer, birminghamLines, post, postText, request, rescore, start } from './helpers';

describe('errors as problem+json, and hostile requests that write nothing', () => {
  const running = seededSuite({
    contents: 19,
    holders: { officer: OFFICER, admin: ADMIN },
    options: { bodyLimit: 64 * 1024, maxBatch: 1000 },
  });

  const head = async (): Promise<unknown> => running.store.headPosition()();
  /** A GET of `route` with the officer's key; a POST of `body` to the commands route. */
  const read = (route: string) =>
    request(`${running.url}${route}`, { headers: bearer(running.secret('officer')) });
  const write = (body: unknown) => post(running.url, running.secret('officer'), body);
  const problem = (
    r: { status: number; headers: Record<string, unknown>; json: unknown },
    status: number,
    tag: string,
  ) => {
    expect(r.status).toBe(status);
    expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(r.json).toMatchObject({
      type: `urn:assure:problem:${tag}`,
      title: tag,
      status,
      error: { _tag: tag },
    });
  };

  it.each([
    [
      '400 ValidationFailed (a field)',
      () => write(rescore('bad-score', 9)),
      400,
      'ValidationFailed',
    ],
    [
      '400 ValidationFailed (no commandId)',
      () => write({ ...rescore('x'), meta: {} }),
      400,
      'ValidationFailed',
    ],
    [
      '400 ValidationFailed (recordedAt: no backfill over HTTP)',
      () =>
        write({
          ...rescore('x'),
          meta: { commandId: 'x', recordedAt: '2019-01-01T00:00:00.000Z' },
        }),
      400,
      'ValidationFailed',
    ],
    [
      '400 ValidationFailed (an unknown command)',
      () =>
        write({
          type: 'DropTables',
          data: {},
          meta: { commandId: 'x' },
        }),
      400,
      'ValidationFailed',
    ],
    [
      '404 NotFound (no such risk)',
      () =>
        write({
          ...rescore('nf'),
          data: { riskId: 'nowhere', likelihood: 2, impact: 2, rationale: 'r' },
        }),
      404,
      'NotFound',
    ],
    [
      '409 AlreadyExists (the risk exists)',
      () =>
        post(
          running.url,
          running.secret('admin'),
          birminghamLines(19)[18]! && { ...birminghamLines(19)[18], meta: { commandId: 'again' } },
        ),
      409,
      'AlreadyExists',
    ],
    [
      '400 InvalidTimeTravel (asAt)',
      () => read('/v1/status?asAt=2019-13-45'),
      400,
      'InvalidTimeTravel',
    ],
    [
      '400 ValidationFailed (an unknown query parameter)',
      () => read('/v1/status?as_at=2019-01-01'),
      400,
      'ValidationFailed',
    ],
    ['404 NotFound (no such programme)', () => read('/v1/programmes/nowhere'), 404, 'NotFound'],
    ['404 RouteNotFound', () => read('/v2/status'), 404, 'RouteNotFound'],
    ['404 NotFound (no seal yet)', () => read('/v1/audit/seal'), 404, 'NotFound'],
    [
      '404 EventNotFound (a proof of no event)',
      () => read('/v1/audit/proofs/inclusion/nope'),
      404,
      'EventNotFound',
    ],
  ] as const)('%s', async (_what, send, status, tag) => {
    const before = await head();
    problem(await send(), status, tag);
    expect(await head()).toEqual(before);
  });

  it('422 RuleViolated or InvalidTransition: a domain rule refuses the command', async () => {
    const close = {
      type: 'CloseRisk',
      data: { riskId: 'equal-pay', reason: 'gone' },
      meta: { commandId: 'close-1', occurredAt: '2019-03-12' },
    };
    const first = await post(running.url, running.secret('officer'), close);
    expect(first.status).toBe(200);
    const before = await head();
    const again = await post(running.url, running.secret('officer'), {
      ...rescore('after-close'),
      meta: { commandId: 'after-close', occurredAt: '2019-03-13' },
    });
    expect(again.status).toBe(422);
    expect(['RuleViolated', 'InvalidTransition']).toContain(
      (again.json as { title: string }).title,
    );
    expect(await head()).toEqual(before);
  });

  it('a repeated commandId returns the first result and writes nothing', async () => {
    /** The command `area-x`: define the priority area area-x, titled `title`. */
    const defineAreaX = (secret: string, title = 'X') =>
      post(running.url, secret, {
        type: 'DefinePriorityArea',
        data: { programmeId: 'bcc', areaId: 'area-x', title, description: 'x' },
        meta: { commandId: 'area-x' },
      });
    const a = await defineAreaX(running.secret('officer'));
    const before = await head();
    const b = await defineAreaX(running.secret('officer'));
    expect([a.status, b.status]).toEqual([403, 403]);
    expect(await head()).toEqual(before);
    const c = await defineAreaX(running.secret('admin'));
    const mid = await head();
    const d = await defineAreaX(running.secret('admin'));
    expect(c.status).toBe(200);
    expect(d.json).toEqual(c.json);
    expect(await head()).toEqual(mid);
    const reused = await defineAreaX(running.secret('admin'), 'Another title');
    problem(reused, 409, 'CommandIdReused');
    expect(await head()).toEqual(mid);
  });

  it('hostile: an oversized body is 413, malformed JSON and a __proto__ key 400, a wrong media type 415', async () => {
    const before = await head();
    const big = JSON.stringify({
      ...rescore('big'),
      data: { riskId: 'equal-pay', likelihood: 2, impact: 2, rationale: 'x'.repeat(70 * 1024) },
    });
    problem(await postText(running.url, running.secret('officer'), big), 413, 'BodyTooLarge');
    problem(
      await postText(running.url, running.secret('officer'), '{"type": "RescoreRisk", '),
      400,
      'BadRequest',
    );
    problem(
      await postText(
        running.url,
        running.secret('officer'),
        '{"type":"RescoreRisk","data":{"riskId":"equal-pay","likelihood":2,"impact":2,"rationale":"r","__proto__":{"admin":true}},"meta":{"commandId":"proto"}}',
      ),
      400,
      'BadRequest',
    );
    problem(
      await postText(running.url, running.secret('officer'), 'hello', 'text/plain'),
      415,
      'UnsupportedMediaType',
    );
    expect(await head()).toEqual(before);
  });

  it('hostile: a 10k-command batch is refused whole, and a batch with one bad command writes nothing', async () => {
    const before = await head();
    const many = Array.from({ length: 10_000 }, (_, i) => ({
      type: 'RescoreRisk',
      data: { riskId: 'r', likelihood: 1, impact: 1, rationale: 'r' },
      meta: { commandId: `c${i}` },
    }));
    const r = await post(running.url, running.secret('officer'), { commands: many });
    expect([400, 413]).toContain(r.status);
    expect(String(r.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const mixed = await post(running.url, running.secret('admin'), {
      commands: [rescore('ok-1', 2), rescore('bad-2', 0)],
    });
    problem(mixed, 400, 'ValidationFailed');
    expect(mixed.json).toMatchObject({
      index: 1,
      error: { errors: [{ path: 'commands[1].data.likelihood' }] },
    });
    expect(await head()).toEqual(before);
  });

  it('503 StoreUnavailable when the store is gone', async () => {
    const other = await seededFolder(19);
    const r2 = await start(other.file, running.folder.keys);
    await r2.store.close();
    const r = await post(r2.url, running.secret('officer'), rescore('gone'));
    problem(r, 503, 'StoreUnavailable');
    await r2.server.close();
    await other.remove();
  });
});
