import * as E from 'fp-ts/Either';
import { fullReadModels, ProjectionFailure, streamTrail, type TrailRow } from '@assure/projections';
import { birminghamJourney } from './fixtures';

async function collect(it: AsyncIterable<TrailRow>): Promise<TrailRow[]> {
  const rows: TrailRow[] = [];
  for await (const r of it) rows.push(r);
  return rows;
}

describe('streamTrail', () => {
  it('streams the same rows as the trail view, filtered and time-travelled', async () => {
    const h = await birminghamJourney();
    const timeTravel = { asAt: '2019-03-15', knownAt: '2019-03-15T23:59:59.999Z' };
    const built = await fullReadModels(h.store, timeTravel)();
    if (E.isLeft(built)) throw new Error(built.left.message);
    for (const filter of [
      {},
      { stream: 'risk-equal-pay' },
      { actor: 'officer-cfo', from: '2018-12-01' },
    ])
      expect(await collect(streamTrail(h.store, { timeTravel, filter }))).toEqual(
        built.right.models.trail(filter).rows,
      );
    const rows = await collect(streamTrail(h.store, { timeTravel }));
    expect(rows.some((r) => r.type === 'ActionCompleted')).toBe(false);
  });

  it('stops with a ProjectionFailure at an undecodable event', async () => {
    const h = await birminghamJourney();
    const bad = await h.raw(
      'risk-equal-pay',
      'RiskClosed',
      { riskId: 'Equal Pay', reason: 'x' },
      { on: '2019-12-01' },
    );
    await expect(collect(streamTrail(h.store))).rejects.toBeInstanceOf(ProjectionFailure);
    try {
      await collect(streamTrail(h.store));
    } catch (e) {
      expect(
        e instanceof ProjectionFailure && e.error._tag === 'EventUndecodable' && e.error.position,
      ).toBe(bad);
    }
  });
});
