import * as E from 'fp-ts/Either';
import { readModels } from '@assure/projections';
import { BOARD_READER, OFFICER, seededSuite } from './fixture';
import { bearer, post, request, rescore } from './helpers';

/**
 * Documents are kept serialized per log position and point of view: a repeated read is the
 * same bytes, and a write changes what every point of view that sees it is answered, today
 * (the followed model) and as known at an instant or as at a past day (built from the store).
 */
describe('read routes answer from serialized documents, and never a stale one', () => {
  const running = seededSuite({
    contents: 19,
    holders: { reader: BOARD_READER, writer: OFFICER },
    options: { clock: () => new Date('2019-10-31T12:00:00.000Z') },
  });

  const get = (p: string) =>
    request(`${running.url}${p}`, { headers: bearer(running.secret('reader')) });

  /** The risk register at a point of view, built from the store by the projections. */
  async function risks(asAt: string, knownAt?: string): Promise<unknown> {
    const r = await readModels(running.store, {
      asAt,
      ...(knownAt === undefined ? {} : { knownAt }),
    })();
    if (E.isLeft(r)) throw new Error(r.left._tag);
    return JSON.parse(JSON.stringify(r.right.models.risks())) as unknown;
  }

  const equalPay = (doc: unknown): unknown =>
    (doc as { rows: { id: string; current: unknown }[] }).rows.find((r) => r.id === 'equal-pay')
      ?.current;

  it.each([
    ['today (the followed model)', '/v1/risks', '2019-10-31', undefined],
    [
      'as known at an instant after the write (from the store)',
      '/v1/risks?knownAt=2030-01-01T00:00:00.000Z',
      '2019-10-31',
      '2030-01-01T00:00:00.000Z',
    ],
    ['as at a later day', '/v1/risks?asAt=2030-01-01', '2030-01-01', undefined],
  ] as const)(
    '%s: the same bytes and ETag while the log stays, the write seen once it moves',
    async (_what, route, asAt, knownAt) => {
      const first = await get(route);
      const again = await get(route);
      expect(first.status).toBe(200);
      expect(again.text).toBe(first.text);
      expect(again.headers.etag).toBe(first.headers.etag);
      expect(first.json).toEqual(await risks(asAt, knownAt));

      const likelihood = ((equalPay(first.json) as { likelihood: number }).likelihood % 5) + 1;
      const written = await post(
        running.url,
        running.secret('writer'),
        rescore(`cache-${asAt}-${route}`, likelihood),
      );
      expect(written.status).toBe(200);

      const after = await get(route);
      expect(after.headers.etag).not.toBe(first.headers.etag);
      expect(after.json).toEqual(await risks(asAt, knownAt));
      expect(equalPay(after.json)).toMatchObject({ likelihood, impact: 5 });
    },
  );

  it('as known at an instant before the write: a new ETag (the log moved) but the same document', async () => {
    const route = '/v1/risks?knownAt=2000-01-01T00:00:00.000Z';
    const before = await get(route);
    const written = await post(
      running.url,
      running.secret('writer'),
      rescore('cache-known-before', 1),
    );
    expect(written.status).toBe(200);
    const after = await get(route);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.text).toBe(before.text);
    expect(after.json).toEqual(await risks('2019-10-31', '2000-01-01T00:00:00.000Z'));
    expect((await get(route)).headers.etag).toBe(after.headers.etag);
  });
});
