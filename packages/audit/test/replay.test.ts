import { createMemoryStore } from '@assure/event-store';
import { fullReadModels } from '@assure/projections';
import { exportLog, replay } from '@assure/audit';
import { appendBackfilledStory, right, storySpecs, tempFiles } from './fixtures';

describe('replay from an export alone', () => {
  const inDir = tempFiles('assure-replay-', 'all');

  it('gives the same status, tracker, risks and trail as the live store, as at and as known at', async () => {
    let tick = 0;
    const store = createMemoryStore({
      clock: () => new Date(Date.UTC(2019, 5, 1, 9, 0, 0, tick++)),
    });
    await appendBackfilledStory(store, storySpecs());
    const file = inDir('export.ndjson');
    right(await exportLog(store, file)());

    const points = [
      { asAt: '2015-06-30' },
      { asAt: '2016-12-31' },
      { asAt: '2019-07-30' },
      { asAt: '2019-07-30', knownAt: '2016-01-01T00:00:00.000Z' },
    ];
    for (const p of points) {
      const live = right(await fullReadModels(store, p)()).models;
      expect(right(await replay(file, { ...p, view: 'status' })())).toEqual(live.status());
      expect(right(await replay(file, { ...p, view: 'tracker' })())).toEqual(live.tracker());
      expect(right(await replay(file, { ...p, view: 'risks' })())).toEqual(live.risks());
      expect(right(await replay(file, { ...p, view: 'trail' })())).toEqual(live.trail());
    }
    // Not vacuous: the status names the programme, its areas and a red or amber RAG.
    const status = right(await replay(file, { asAt: '2015-06-30' })()) as unknown as {
      programmes: { areas: { rag: string }[] }[];
    };
    expect(status.programmes[0]!.areas.length).toBe(2);
    const risks = right(await replay(file, { asAt: '2019-07-30', view: 'risks' })()) as {
      rows: unknown[];
    };
    expect(risks.rows.length).toBe(2);
  });
});
